import { A, useNavigate, useParams } from '@solidjs/router';
import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { Show, createEffect, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDate } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { Field, TextField } from '../../../shared/ui/Field';
import { QueryView } from '../../../shared/ui/states';
import { PatientHeader } from '../chart/PatientHeader';
import { DiagnosisPicker } from '../orders/DiagnosisPicker';
import type { DiagnosisCode, MedicalRecord } from '../types';
import { ServerError, fieldError } from '../ui/server-error';
import { t } from './messages';
import { useRecord } from './useRecord';

type Text = 'symptoms' | 'treatment' | 'notes' | 'doctorNotes';
const COLUMN: Record<Text, keyof MedicalRecord> = { symptoms: 'symptoms', treatment: 'treatment', notes: 'notes', doctorNotes: 'doctor_notes' };

/**
 * POST /medical-records/{id}/amend: the signed record's content to correct, and the reason. Only
 * what changed is sent; the server signs it as the next version and keeps the old one (AMENDED)
 * in the history. Its refusal (no change, a short reason, a superseded version: 409) shows here
 * and what was typed stays. Done, the new version's page opens.
 */
export default function RecordAmend() {
  const { api } = useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const params = useParams<{ id: string; recordId: string }>();
  const patientId = () => Number(params.id);
  const record = useRecord(() => Number(params.recordId));
  const [diagnosis, setDiagnosis] = createSignal<DiagnosisCode | null>(null);
  const [text, setText] = createSignal<Record<Text, string>>({ symptoms: '', treatment: '', notes: '', doctorNotes: '' });
  const [reason, setReason] = createSignal('');
  // The form starts from the signed content once.
  let filled = false;
  createEffect(() => {
    const r = record.data;
    if (!r || filled) return;
    filled = true;
    setDiagnosis(r.diagnosis_code ? { code: r.diagnosis_code, name: (r.diagnosis ?? '').replace(`${r.diagnosis_code} `, ''), department: null } : null);
    setText({ symptoms: r.symptoms ?? '', treatment: r.treatment ?? '', notes: r.notes ?? '', doctorNotes: r.doctor_notes ?? '' });
  });

  const changes = (r: MedicalRecord) => {
    const body: Record<string, string> = {};
    if (diagnosis() && diagnosis()!.code !== r.diagnosis_code) body.diagnosisCode = diagnosis()!.code;
    for (const key of Object.keys(COLUMN) as Text[]) if (text()[key] !== (r[COLUMN[key]] ?? '')) body[key] = text()[key];
    return body;
  };
  const amend = createMutation(() => ({
    mutationFn: (r: MedicalRecord) => api.post<MedicalRecord>(`/medical-records/${r.id}/amend`, { reason: reason().trim(), ...changes(r) }),
    onSuccess: async (next) => {
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['records', 'record', 'record-history', 'dashboard'].includes(String(q.queryKey[1])) });
      navigate(`/doctor/patients/${patientId()}/records/${next.id}`, { replace: true });
    },
  }));
  const area = (key: Text, label: string) => (
    <Field label={label} error={fieldError(amend.error, key)}>
      {(id, d) => <textarea id={id} aria-describedby={d} value={text()[key]} onInput={(e) => setText({ ...text(), [key]: e.currentTarget.value })} />}
    </Field>
  );

  return (
    <>
      <h1>{t('amendTitle')}</h1>
      <PatientHeader patientId={patientId()} />
      <QueryView query={record}>
        {(r) => (
          <Panel title={`${t('amendTitle')} · ${formatDate(r.visit_date)} · ${t('versionN', { n: r.version })}`}>
            <form onSubmit={(e) => { e.preventDefault(); amend.mutate(r); }} aria-busy={amend.isPending}>
              <p class="muted">{t('amendIntro')}</p>
              <DiagnosisPicker value={diagnosis()} onChange={setDiagnosis} error={fieldError(amend.error, 'diagnosisCode')} />
              {area('symptoms', t('symptoms'))}
              {area('treatment', t('treatment'))}
              {area('notes', t('notes'))}
              {area('doctorNotes', t('doctorNotes'))}
              <TextField label={t('reason')} hint={t('reasonHint')} required minLength={5} maxLength={500} value={reason()}
                onInput={(e) => setReason(e.currentTarget.value)} error={fieldError(amend.error, 'reason')} />
              <Show when={amend.error}><ServerError error={amend.error} /></Show>
              <div class="form-actions">
                <button type="submit" disabled={amend.isPending}>{t('submitAmend')}</button>
                <A class="button-link secondary-link" href={`/doctor/patients/${patientId()}/records/${r.id}`}>{t('cancel')}</A>
              </div>
            </form>
          </Panel>
        )}
      </QueryView>
    </>
  );
}
