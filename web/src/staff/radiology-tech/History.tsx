import { A, useNavigate } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { createSignal, For } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { Field } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { imagingStatusLabel, qcLabel, qcTone } from '../shared/labels';
import { t } from './messages';
import type { Page, Study } from './types';

const PAGE_SIZE = 20;
const STATUSES = ['REQUESTED', 'TAKEN', 'AWAITING_READ', 'READING', 'READ'];
const QC_STATUSES = ['PENDING', 'PASSED', 'WARNING', 'FAILED', 'RESOLVED'];

/** The studies of the radiographer's patients, newest first, filtered by status and QC verdict. */
export default function History() {
  const { api } = useApp();
  const navigate = useNavigate();
  const [page, setPage] = createSignal(1);
  const [status, setStatus] = createSignal('');
  const [qc, setQc] = createSignal('');
  const images = createQuery(() => ({
    queryKey: ['radiology-tech', 'images', page(), status(), qc()],
    queryFn: () => api.get<Page<Study>>('/radiology-tech/images', { page: page(), pageSize: PAGE_SIZE, status: status(), qcStatus: qc() }),
  }));

  return (
    <>
      <h1>{t('historyTitle')}</h1>
      <Panel title={t('historyTitle')} actions={
        <div class="toolbar">
          <Field label={t('status')}>
            {(id) => (
              <select id={id} value={status()} onChange={(e) => { setStatus(e.currentTarget.value); setPage(1); }}>
                <option value="">{t('allStatuses')}</option>
                <For each={STATUSES}>{(s) => <option value={s}>{imagingStatusLabel(s)}</option>}</For>
              </select>
            )}
          </Field>
          <Field label={t('qcStatus')}>
            {(id) => (
              <select id={id} value={qc()} onChange={(e) => { setQc(e.currentTarget.value); setPage(1); }}>
                <option value="">{t('allQc')}</option>
                <For each={QC_STATUSES}>{(s) => <option value={s}>{qcLabel(s)}</option>}</For>
              </select>
            )}
          </Field>
        </div>
      }>
        <QueryView query={images}>
          {(data) => (
            <>
              <DataTable caption={t('historyTitle')} rows={data.items} rowKey={(s) => s.id} emptyText={t('noImages')}
                onSelect={(s) => navigate(`/radiology-tech/images/${s.id}`)} columns={[
                  { header: t('takenAt'), cell: (s) => formatDateTime(s.taken_date ?? s.created_at) },
                  { header: t('patient'), cell: (s) => `${s.patient?.name ?? ''} (${s.patient_id})` },
                  { header: t('description'), cell: (s) => <A href={`/radiology-tech/images/${s.id}`}>{s.description || s.study_instance_uid || `#${s.id}`}</A> },
                  { header: t('modality'), cell: (s) => s.modality ?? s.image_type },
                  { header: t('instances'), cell: (s) => s.instance_count ?? '', numeric: true },
                  { header: t('status'), cell: (s) => imagingStatusLabel(s.status) },
                  { header: t('qc'), cell: (s) => <span class={`badge ${qcTone(s.qc_status)}`}>{qcLabel(s.qc_status)}</span> },
                ]} />
              <Pagination page={page()} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
