import { createQuery } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable, Pagination } from '../shared/ui/DataTable';
import { TextField } from '../shared/ui/Field';
import { QueryView } from '../shared/ui/states';
import { departmentLabel } from './labels';
import { t } from './messages';
import { PrescriptionsPanel } from './PrescriptionsPanel';
import type { Page, PortalRecord } from './types';
import { DownloadButton } from './ui/DownloadButton';
import { LinkNotice } from './ui/LinkNotice';
import { StatusBadge } from './ui/StatusBadge';

const PAGE_SIZE = 20;

/** What the doctor wrote for me: symptoms, treatment and the prescription note, folded away. */
function RecordDetails(props: { record: PortalRecord }) {
  const r = () => props.record;
  return (
    <Show when={r().symptoms || r().treatment || r().prescription} fallback={<span class="muted">—</span>}>
      <details>
        <summary>{t('details')}</summary>
        <dl class="facts">
          <Show when={r().symptoms}><dt>{t('symptoms')}</dt><dd>{r().symptoms}</dd></Show>
          <Show when={r().treatment}><dt>{t('treatment')}</dt><dd>{r().treatment}</dd></Show>
          <Show when={r().prescription}><dt>{t('prescriptions')}</dt><dd>{r().prescription}</dd></Show>
        </dl>
      </details>
    </Show>
  );
}

/**
 * `/patient/records`: my signed records (never the doctor's private notes), a 진단서 PDF of any of
 * them for a stated purpose, and my prescriptions with their 처방전 PDF.
 */
export default function Records() {
  const { api } = useApp();
  const [page, setPage] = createSignal(1);
  const [purpose, setPurpose] = createSignal('');
  const records = createQuery(() => ({
    queryKey: ['portal', 'records', page()],
    queryFn: () => api.get<Page<PortalRecord>>('/portal/records', { page: page(), pageSize: PAGE_SIZE }),
  }));
  return (
    <>
      <h1>{t('records')}</h1>
      <LinkNotice />
      <Panel title={t('records')}>
        <div class="toolbar">
          <TextField label={t('certificatePurpose')} hint={t('certificatePurposeHint')} name="purpose" maxLength={100} value={purpose()} onInput={(e) => setPurpose(e.currentTarget.value)} />
        </div>
        <QueryView query={records}>
          {(d) => (
            <>
              <DataTable caption={t('records')} rows={d.items} rowKey={(r) => r.id} emptyText={t('noRecords')} columns={[
                { header: t('visitDate'), cell: (r) => formatDate(r.visit_date) },
                { header: t('department'), cell: (r) => departmentLabel(r.department) },
                { header: t('diagnosis'), cell: (r) => r.diagnosis ?? '' },
                { header: t('status'), cell: (r) => <StatusBadge code={r.status} /> },
                { header: t('details'), cell: (r) => <RecordDetails record={r} /> },
                {
                  header: t('certificate'),
                  cell: (r) => (
                    <DownloadButton label={t('certificate')} context={`${formatDate(r.visit_date)} ${r.diagnosis ?? ''}`} filename={`진단서-${r.visit_date}-${r.id}.pdf`}
                      fetch={() => api.blob(`/portal/records/${r.id}/certificate`, { purpose: purpose().trim() || undefined })} />
                  ),
                },
              ]} />
              <Show when={d.total > PAGE_SIZE}><Pagination page={page()} pageSize={PAGE_SIZE} total={d.total} onPage={setPage} /></Show>
            </>
          )}
        </QueryView>
      </Panel>
      <PrescriptionsPanel />
    </>
  );
}
