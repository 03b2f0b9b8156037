import { A, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { formatDate, formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { QueryView } from '../../../shared/ui/states';
import { statusLabel } from '../../shared/labels';
import { PatientHeader } from '../chart/PatientHeader';
import '../doctor.css';
import { CertificateForm } from './CertificateForm';
import { t } from './messages';
import { RecordHistory } from './RecordHistory';
import { useRecord, useRecordHistory } from './useRecord';

/**
 * One record (seed §4.1.2): its content, its amendment (a signed record changes only as a new
 * version with a reason), its version history and its 진단서. A superseded version says so and
 * points at the current one.
 */
export default function RecordDetail() {
  const params = useParams<{ id: string; recordId: string }>();
  const patientId = () => Number(params.id);
  const recordId = () => Number(params.recordId);
  const record = useRecord(recordId);
  const history = useRecordHistory(recordId);
  const chart = () => `/doctor/patients/${patientId()}`;
  const latest = () => history.data?.[0];

  return (
    <>
      <h1>{record.data ? t('recordTitle', { date: formatDate(record.data.visit_date) }) : t('content')}</h1>
      <PatientHeader patientId={patientId()} />
      <QueryView query={record}>
        {(r) => (
          <>
            <Show when={r.status === 'AMENDED' && latest() && latest()!.id !== r.id}>
              <p class="notice">{t('superseded')} <A href={`${chart()}/records/${latest()!.id}`}>{t('openLatest', { n: latest()!.version })}</A></p>
            </Show>
            <div class="action-links">
              <Show when={r.status === 'SIGNED'}><A href={`${chart()}/records/${r.id}/amend`}>{t('amend')}</A></Show>
              <A class="secondary" href={chart()}>{t('backToChart')}</A>
            </div>
            <Panel title={t('content')}>
              <dl class="record-fields">
                <div><dt>{t('visitDate')}</dt><dd>{formatDate(r.visit_date)}</dd></div>
                <div><dt>{t('status')}</dt><dd>{statusLabel(r.status)} · {t('versionN', { n: r.version })}</dd></div>
                <div><dt>{t('signedAt')}</dt><dd>{formatDateTime(r.signed_at)}</dd></div>
                <div class="wide"><dt>{t('diagnosis')}</dt><dd>{r.diagnosis ?? ''}</dd></div>
                <Show when={r.amendment_reason}><div class="wide"><dt>{t('amendmentReason')}</dt><dd>{r.amendment_reason}</dd></div></Show>
                <div class="wide"><dt>{t('symptoms')}</dt><dd>{r.symptoms ?? ''}</dd></div>
                <div class="wide"><dt>{t('treatment')}</dt><dd>{r.treatment ?? ''}</dd></div>
                <Show when={r.notes}><div class="wide"><dt>{t('notes')}</dt><dd>{r.notes}</dd></div></Show>
                <Show when={r.doctor_notes}><div class="wide"><dt>{t('doctorNotes')}</dt><dd>{r.doctor_notes}</dd></div></Show>
              </dl>
            </Panel>
            <Show when={r.status === 'SIGNED'} fallback={<Show when={r.status === 'AMENDED'}><p class="muted">{t('notCertifiable')}</p></Show>}>
              <CertificateForm record={r} />
            </Show>
          </>
        )}
      </QueryView>
      <RecordHistory recordId={recordId()} patientId={patientId()} />
    </>
  );
}
