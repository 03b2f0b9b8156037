import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { departmentLabel } from '../../../shared/departments';
import { formatDate, formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../../shared/ui/DataTable';
import { Field } from '../../../shared/ui/Field';
import { ErrorState, QueryView } from '../../../shared/ui/states';
import type { Page } from '../types';
import { t } from './messages';

type Status = 'NEW' | 'CONTACTED' | 'CLOSED';
interface Inquiry {
  id: number; reference: string; name: string; phone: string; department: string | null; preferred_date: string | null;
  message: string | null; status: Status; staff_note: string | null; handled_at: string | null; created_at: string;
}
const NEXT: Record<Status, Status[]> = { NEW: ['CONTACTED', 'CLOSED'], CONTACTED: ['CLOSED'], CLOSED: [] };

/**
 * `/admin/inquiries`: who asked for an appointment on the public site, newest first (new ones by
 * default); call back, mark 연락함 with a note, then 종결. Opening the list is audited on the server.
 */
export default function Inquiries() {
  const { api } = useApp();
  const client = useQueryClient();
  const [status, setStatus] = createSignal<Status | ''>('NEW');
  const [page, setPage] = createSignal(1);
  const [notes, setNotes] = createSignal<Record<number, string>>({});
  const list = createQuery(() => ({
    queryKey: ['front-desk', 'inquiries', status(), page()],
    queryFn: () => api.get<Page<Inquiry>>('/inquiries', { status: status() || undefined, page: page(), pageSize: 20 }),
  }));
  const update = createMutation(() => ({
    mutationFn: ({ id, ...body }: { id: number; status?: Status; note?: string }) => api.patch<Inquiry>(`/inquiries/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['front-desk'] }),
  }));
  const noteOf = (row: Inquiry) => notes()[row.id] ?? row.staff_note ?? '';
  const act = (row: Inquiry, next?: Status) => update.mutate({ id: row.id, ...(next ? { status: next } : {}), note: noteOf(row) });

  return (
    <>
      <h1>{t('inquiries')}</h1>
      <p class="muted">{t('lead')}</p>
      <Panel title={t('inquiries')} actions={
        <Field label={t('status')}>{(id, d) => (
          <select id={id} aria-describedby={d} value={status()} onChange={(e) => { setStatus(e.currentTarget.value as Status | ''); setPage(1); }}>
            <option value="">{t('all')}</option>
            <For each={['NEW', 'CONTACTED', 'CLOSED'] as const}>{(s) => <option value={s}>{t(s)}</option>}</For>
          </select>
        )}</Field>
      }>
        <Show when={update.isError}><ErrorState error={update.error} /></Show>
        <QueryView query={list}>
          {(d) => (
            <>
              <DataTable caption={t('inquiries')} rows={d.items} rowKey={(r) => r.id} emptyText={t('none')} columns={[
                { header: t('received'), cell: (r) => <>{formatDateTime(r.created_at)}<br /><span class="muted">{r.reference}</span></> },
                { header: t('name'), cell: (r) => r.name },
                { header: t('phone'), cell: (r) => <a href={`tel:${r.phone}`}>{r.phone}</a> },
                { header: t('department'), cell: (r) => (r.department ? departmentLabel(r.department) : t('anyDepartment')) },
                { header: t('preferredDate'), cell: (r) => (r.preferred_date ? formatDate(r.preferred_date) : '') },
                { header: t('message'), cell: (r) => r.message ?? '' },
                { header: t('status'), cell: (r) => <span class="badge">{t(r.status)}</span> },
                {
                  header: t('note'),
                  cell: (r) => (
                    <textarea aria-label={`${t('note')} ${r.reference}`} rows={2} value={noteOf(r)} disabled={r.status === 'CLOSED'}
                      onInput={(e) => setNotes({ ...notes(), [r.id]: e.currentTarget.value })} />
                  ),
                },
                {
                  header: t('actions'),
                  cell: (r) => (
                    <div class="toolbar">
                      <For each={NEXT[r.status]}>{(next) => (
                        <button type="button" class={next === 'CLOSED' ? 'secondary' : undefined} disabled={update.isPending}
                          aria-label={`${next === 'CONTACTED' ? t('markContacted') : t('close')} ${r.reference}`} onClick={() => act(r, next)}>
                          {next === 'CONTACTED' ? t('markContacted') : t('close')}
                        </button>
                      )}</For>
                      <Show when={r.status !== 'CLOSED'}>
                        <button type="button" class="secondary" disabled={update.isPending} onClick={() => act(r)}>{t('saveNote')}</button>
                      </Show>
                    </div>
                  ),
                },
              ]} />
              <Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
