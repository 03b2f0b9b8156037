import { createQuery } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { Field, TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';

interface AuditRow {
  id: number; created_at?: string; user_id: string | null; realm: string | null; role: string | null; action_type: string; resource_type: string;
  resource_id: string | null; patient_id: number | null; outcome: 'success' | 'denied' | 'error'; break_glass: boolean; reason: string | null; ip_address: string | null;
}
interface Page<T> { items: T[]; page: number; pageSize: number; total: number }

/** The hash-chained audit log, newest first, filtered by user, patient, outcome and period. */
export default function AuditLog() {
  const { api } = useApp();
  const [filters, setFilters] = createSignal({ userId: '', patientId: '', outcome: '', from: '', to: '' });
  const [applied, setApplied] = createSignal(filters());
  const [page, setPage] = createSignal(1);
  const set = (key: keyof ReturnType<typeof filters>, value: string) => setFilters({ ...filters(), [key]: value });
  const log = createQuery(() => ({
    queryKey: ['system', 'audit', applied(), page()],
    queryFn: () => {
      const f = applied();
      return api.get<Page<AuditRow>>('/audit', {
        userId: f.userId || undefined, patientId: f.patientId || undefined, outcome: f.outcome || undefined,
        from: f.from ? `${f.from}T00:00:00+09:00` : undefined, to: f.to ? `${f.to}T23:59:59+09:00` : undefined, page: page(), pageSize: 50,
      });
    },
  }));
  return (
    <>
      <h1>{t('audit')}</h1>
      <Panel title={t('filter')}>
        <form class="toolbar" onSubmit={(e) => { e.preventDefault(); setPage(1); setApplied(filters()); }}>
          <TextField label={t('userId')} inputMode="numeric" value={filters().userId} onInput={(e) => set('userId', e.currentTarget.value)} />
          <TextField label={t('patientId')} inputMode="numeric" value={filters().patientId} onInput={(e) => set('patientId', e.currentTarget.value)} />
          <Field label={t('outcome')}>{(id) => (
            <select id={id} value={filters().outcome} onChange={(e) => set('outcome', e.currentTarget.value)}>
              <option value="">{t('allOutcomes')}</option>
              <option value="success">{t('success')}</option>
              <option value="denied">{t('denied')}</option>
              <option value="error">{t('error')}</option>
            </select>
          )}</Field>
          <TextField label={t('from')} type="date" value={filters().from} onInput={(e) => set('from', e.currentTarget.value)} />
          <TextField label={t('to')} type="date" value={filters().to} onInput={(e) => set('to', e.currentTarget.value)} />
          <button type="submit">{t('filter')}</button>
        </form>
      </Panel>
      <QueryView query={log}>
        {(d) => (
          <Panel title={t('audit')}>
            <DataTable caption={t('audit')} rows={d.items} rowKey={(r) => r.id} columns={[
              { header: t('when'), cell: (r) => formatDateTime(r.created_at) },
              { header: t('user'), cell: (r) => `${r.user_id ?? '—'} ${r.role ?? ''}` },
              { header: t('action'), cell: (r) => r.action_type },
              { header: t('resource'), cell: (r) => `${r.resource_type}${r.resource_id ? ` ${r.resource_id}` : ''}` },
              { header: t('patient'), cell: (r) => r.patient_id ?? '' },
              { header: t('outcome'), cell: (r) => (
                <>
                  <span class="badge" classList={{ 'badge-ok': r.outcome === 'success', 'badge-alert': r.outcome !== 'success' }}>{t(r.outcome)}</span>
                  <Show when={r.break_glass}> <span class="badge badge-warn">{t('breakGlass')}</span></Show>
                </>
              ) },
              { header: t('ip'), cell: (r) => r.ip_address ?? '' },
            ]} />
            <Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} />
          </Panel>
        )}
      </QueryView>
    </>
  );
}
