import { createQuery } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDateTime } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable, Pagination } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { departmentLabel, resourceLabel } from './labels';
import { t, type MessageKey } from './messages';
import type { AccessLogEntry, Page } from './types';
import { LinkNotice } from './ui/LinkNotice';

const PAGE_SIZE = 50;
const ACTIONS = ['search', 'read', 'create', 'update', 'delete', 'export'];

/** `/patient/access-log`: who (staff name, role, department) opened my record, when, and whether it was an emergency access. */
export default function AccessLog() {
  const { api, session } = useApp();
  const [page, setPage] = createSignal(1);
  const log = createQuery(() => ({
    queryKey: ['portal', 'access-log', page()],
    queryFn: () => api.get<Page<AccessLogEntry>>('/portal/access-log', { page: page(), pageSize: PAGE_SIZE }),
    enabled: !!session.me()?.patientId,
  }));
  return (
    <>
      <h1>{t('accessLog')}</h1>
      <LinkNotice />
      {/* An account without a chart has no record to open (the server answers 404 NO_LINKED_CHART). */}
      <Show when={session.me()?.patientId}>
        <Panel title={t('accessLog')}>
          <p class="muted">{t('accessLogIntro')}</p>
          <QueryView query={log}>
            {(d) => (
              <>
                <DataTable caption={t('accessLog')} rows={d.items} rowKey={(e) => `${e.time}-${e.staffName}-${e.resourceType}-${e.action}`} emptyText={t('noAccess')} columns={[
                  { header: t('when'), cell: (e) => formatDateTime(e.time) },
                  { header: t('staffName'), cell: (e) => e.staffName },
                  { header: t('role'), cell: (e) => e.roleLabel || e.role },
                  { header: t('department'), cell: (e) => departmentLabel(e.department) },
                  { header: t('action'), cell: (e) => (ACTIONS.includes(e.action) ? t(e.action as MessageKey) : e.action) },
                  { header: t('resource'), cell: (e) => resourceLabel(e.resourceType) },
                  { header: t('breakGlass'), cell: (e) => <Show when={e.breakGlass}><span class="badge badge-alert">{t('breakGlass')}</span></Show> },
                ]} />
                <Show when={d.total > PAGE_SIZE}><Pagination page={page()} pageSize={PAGE_SIZE} total={d.total} onPage={setPage} /></Show>
              </>
            )}
          </QueryView>
        </Panel>
      </Show>
    </>
  );
}
