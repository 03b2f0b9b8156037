import { Show, createSignal } from 'solid-js';
import { Panel } from '../../../shared/ui/AppShell';
import { Field, TextField } from '../../../shared/ui/Field';
import type { MedicalRecord } from '../types';
import { usePdfDownload } from '../ui/pdf-download';
import { ServerError, fieldError } from '../ui/server-error';
import { t } from './messages';

/**
 * 진단서 of a signed record (GET /medical-records/{id}/certificate): purpose, onset and the
 * doctor's opinion for this paper; rendered on request, so the button says while it is generated.
 */
export function CertificateForm(props: { record: MedicalRecord }) {
  const pdf = usePdfDownload();
  const [purpose, setPurpose] = createSignal('');
  const [onset, setOnset] = createSignal('');
  const [opinion, setOpinion] = createSignal('');
  const issue = (e: Event) => {
    e.preventDefault();
    pdf.mutate({
      path: `/medical-records/${props.record.id}/certificate`,
      filename: `진단서-${props.record.visit_date}-${props.record.id}.pdf`,
      query: { purpose: purpose().trim() || undefined, onsetDate: onset() || undefined, opinion: opinion().trim() || undefined },
    });
  };
  return (
    <Panel title={t('certificate')}>
      <form onSubmit={issue} aria-busy={pdf.isPending}>
        <p class="muted">{t('certificateIntro')}</p>
        <div class="form-row">
          <TextField label={t('purpose')} hint={t('purposeHint')} maxLength={100} value={purpose()} onInput={(e) => setPurpose(e.currentTarget.value)} error={fieldError(pdf.error, 'purpose')} />
          <TextField label={t('onsetDate')} type="date" max={props.record.visit_date} value={onset()} onInput={(e) => setOnset(e.currentTarget.value)} error={fieldError(pdf.error, 'onsetDate')} />
        </div>
        <Field label={t('opinion')} error={fieldError(pdf.error, 'opinion')}>
          {(id, d) => <textarea id={id} aria-describedby={d} maxLength={2000} value={opinion()} onInput={(e) => setOpinion(e.currentTarget.value)} />}
        </Field>
        <Show when={pdf.error}><ServerError error={pdf.error} /></Show>
        <Show when={pdf.isSuccess}><p class="success" role="status">{t('issued')}</p></Show>
        <button type="submit" disabled={pdf.isPending}>{pdf.isPending ? t('generating') : t('issue')}</button>
      </form>
    </Panel>
  );
}
