import { A } from '@solidjs/router';
import { formatDate, formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable } from '../../../shared/ui/DataTable';
import { QueryView } from '../../../shared/ui/states';
import { statusLabel } from '../../shared/labels';
import { t } from './messages';
import { useRecordHistory } from './useRecord';

/** GET /medical-records/{id}/history: every version, newest first, with who changed what and why. */
export function RecordHistory(props: { recordId: number; patientId: number }) {
  const history = useRecordHistory(() => props.recordId);
  return (
    <Panel title={t('history')}>
      <QueryView query={history}>
        {(versions) => (
          <DataTable caption={t('history')} rows={versions} rowKey={(v) => v.id} emptyText={t('noHistory')} columns={[
            { header: t('version'), cell: (v) => t('versionN', { n: v.version }) },
            { header: t('status'), cell: (v) => <span class="badge" classList={{ 'badge-ok': v.status === 'SIGNED', 'badge-warn': v.status !== 'SIGNED' }}>{statusLabel(v.status)}</span> },
            { header: t('signedAt'), cell: (v) => formatDateTime(v.signed_at) },
            { header: t('visitDate'), cell: (v) => formatDate(v.visit_date) },
            { header: t('diagnosis'), cell: (v) => v.diagnosis ?? '' },
            { header: t('amendmentReason'), cell: (v) => v.amendment_reason ?? '' },
            { header: t('open'), cell: (v) => (v.id === props.recordId
              ? <span class="muted">{t('current')}</span>
              : <A href={`/doctor/patients/${props.patientId}/records/${v.id}`} aria-label={t('openVersion', { n: v.version })}>{t('open')}</A>) },
          ]} />
        )}
      </QueryView>
    </Panel>
  );
}
