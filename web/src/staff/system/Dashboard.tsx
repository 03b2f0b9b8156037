import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { departmentLabel } from '../shared/departments';
import { roleLabel } from '../messages';
import { t } from './messages';

interface StaffAccount { id: number; username: string; name?: string; role: string; department: string | null; is_active?: boolean; isActive?: boolean }

/** Staff accounts and the audit chain's health. */
export default function SystemDashboard() {
  const { api } = useApp();
  const staff = createQuery(() => ({ queryKey: ['staff'], queryFn: () => api.get<{ items: StaffAccount[] }>('/staff') }));
  const chain = createQuery(() => ({ queryKey: ['audit', 'verify'], queryFn: () => api.get<{ ok?: boolean; intact?: boolean }>('/audit/verify') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <div class="stats">
        <Stat label={t('chain')} value={chain.data ? ((chain.data.ok ?? chain.data.intact) ? t('intact') : t('broken')) : '…'} tone={chain.data && !(chain.data.ok ?? chain.data.intact) ? 'alert' : 'ok'} />
        <Stat label={t('staff')} value={staff.data?.items.length ?? '…'} />
      </div>
      <Panel title={t('staff')}>
        <QueryView query={staff}>
          {(d) => (
            <DataTable caption={t('staff')} rows={d.items} rowKey={(s) => s.id} columns={[
              { header: t('username'), cell: (s) => s.username },
              { header: t('name'), cell: (s) => s.name ?? '' },
              { header: t('role'), cell: (s) => roleLabel(s.role) },
              { header: t('department'), cell: (s) => departmentLabel(s.department) },
              { header: t('active'), cell: (s) => ((s.is_active ?? s.isActive ?? true) ? t('enabled') : t('disabled')) },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
