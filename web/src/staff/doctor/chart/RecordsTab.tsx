import { A } from '@solidjs/router';
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDate, formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../../shared/ui/DataTable';
import { QueryView } from '../../../shared/ui/states';
import { statusLabel } from '../../shared/labels';
import type { MedicalRecord, Page } from '../types';
import { t } from './messages';

/** The patient's current records, newest first; the doctor's own drafts can be continued. */
export function RecordsTab(props: { patientId: number }) {
  const { api } = useApp();
  const [page, setPage] = createSignal(1);
  const records = createQuery(() => ({
    queryKey: ['doctor', 'records', props.patientId, page()],
    queryFn: () => api.get<Page<MedicalRecord>>(`/patients/${props.patientId}/records`, { page: page(), pageSize: 20 }),
    placeholderData: keepPreviousData,
  }));
  return (
    <Panel title={t('records')}>
      <QueryView query={records}>
        {(data) => (
          <>
            <DataTable caption={t('records')} rows={data.items} rowKey={(r) => r.id} emptyText={t('noRecords')} columns={[
              { header: t('visitDate'), cell: (r) => formatDate(r.visit_date) },
              { header: t('diagnosis'), cell: (r) => r.diagnosis ?? '' },
              { header: t('symptoms'), cell: (r) => r.symptoms ?? '' },
              { header: t('treatment'), cell: (r) => r.treatment ?? '' },
              {
                header: t('status'),
                cell: (r) => (
                  <Show when={r.status === 'DRAFT'} fallback={<>
                    <span class="badge badge-ok">{statusLabel(r.status)}</span>{' '}
                    <Show when={r.version > 1}><span class="badge badge-warn">{t('versionBadge', { n: r.version })}</span>{' '}</Show>
                    <small class="muted">{formatDateTime(r.signed_at)}</small>{' '}
                    <A href={`/doctor/patients/${props.patientId}/records/${r.id}`} aria-label={t('viewRecordNamed', { date: formatDate(r.visit_date) })}>{t('viewRecord')}</A>
                  </>}>
                    <span class="badge badge-warn">{statusLabel(r.status)}</span>{' '}
                    <A href={`/doctor/patients/${props.patientId}/records/${r.id}/edit`}>{t('continueDraft')}</A>
                  </Show>
                ),
              },
            ]} />
            <Show when={data.total > data.pageSize}><Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} /></Show>
          </>
        )}
      </QueryView>
    </Panel>
  );
}
