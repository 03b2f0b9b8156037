import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { Field, TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { departmentLabel } from '../../shared/departments';
import { roleLabel } from '../messages';
import { StaffForm } from './StaffForm';
import { t } from './messages';

interface StaffAccount { id: number; username: string; name: string; role: string; department: string | null; isActive: boolean; lastLogin: string | null }
interface Page<T> { items: T[]; page: number; pageSize: number; total: number }

const ROLES = ['doctor', 'nurse', 'front_desk', 'radiology_technician', 'radiologist', 'sysadmin', 'pharmacy_system', 'lab_system'];

/** Staff accounts: search, create, disable or enable, reset a password; and the audit chain's health. */
export default function StaffAccounts() {
  const { api } = useApp();
  const client = useQueryClient();
  const [q, setQ] = createSignal('');
  const [role, setRole] = createSignal('');
  const [page, setPage] = createSignal(1);
  const staff = createQuery(() => ({
    queryKey: ['system', 'staff', q(), role(), page()],
    queryFn: () => api.get<Page<StaffAccount>>('/staff', { q: q() || undefined, role: role() || undefined, page: page(), pageSize: 20 }),
  }));
  const chain = createQuery(() => ({ queryKey: ['system', 'audit-verify'], queryFn: () => api.get<{ ok: boolean; checked: number }>('/audit/verify') }));
  const [temporary, setTemporary] = createSignal<string | null>(null);
  const toggle = createMutation(() => ({
    mutationFn: (s: StaffAccount) => api.patch(`/staff/${s.id}`, { isActive: !s.isActive }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['system', 'staff'] }),
  }));
  const reset = createMutation(() => ({
    mutationFn: (s: StaffAccount) => api.post<{ temporaryPassword?: string }>(`/staff/${s.id}/reset-password`),
    onSuccess: (answer, s) => setTemporary(`${s.username}: ${answer.temporaryPassword ?? ''}`),
  }));

  return (
    <>
      <h1>{t('dashboard')}</h1>
      <div class="stats">
        <Stat label={t('chain')} value={chain.data ? (chain.data.ok ? t('intact') : t('broken')) : '…'} tone={chain.data ? (chain.data.ok ? 'ok' : 'alert') : undefined} />
        <Stat label={t('staff')} value={staff.data?.total ?? '…'} />
      </div>
      <Panel title={t('create')}><StaffForm /></Panel>
      <Panel title={t('staff')}>
        <div class="toolbar">
          <TextField label={t('search')} value={q()} onInput={(e) => { setQ(e.currentTarget.value); setPage(1); }} />
          <Field label={t('role')}>{(id) => (
            <select id={id} value={role()} onChange={(e) => { setRole(e.currentTarget.value); setPage(1); }}>
              <option value="">{t('allRoles')}</option>
              <For each={ROLES}>{(r) => <option value={r}>{roleLabel(r)}</option>}</For>
            </select>
          )}</Field>
        </div>
        <Show when={temporary()}><p class="notice" role="status">{t('temporary', { password: temporary()! })}</p></Show>
        <Show when={toggle.isError || reset.isError}><p class="field-error" role="alert">{((toggle.error ?? reset.error) as Error).message}</p></Show>
        <QueryView query={staff}>
          {(d) => (
            <>
              <DataTable caption={t('staff')} rows={d.items} rowKey={(s) => s.id} columns={[
                { header: t('username'), cell: (s) => s.username },
                { header: t('name'), cell: (s) => s.name },
                { header: t('role'), cell: (s) => roleLabel(s.role) },
                { header: t('department'), cell: (s) => departmentLabel(s.department) || (s.department ? t(s.department as 'ADMINISTRATION') : '') },
                { header: t('lastLogin'), cell: (s) => formatDateTime(s.lastLogin) },
                { header: t('active'), cell: (s) => <span class="badge" classList={{ 'badge-ok': s.isActive, 'badge-alert': !s.isActive }}>{s.isActive ? t('enabled') : t('disabled')}</span> },
                { header: t('actions'), cell: (s) => (
                  <span class="toolbar">
                    <button type="button" class="secondary" onClick={() => toggle.mutate(s)}>{s.isActive ? t('disable') : t('enable')}</button>
                    <button type="button" class="secondary" onClick={() => reset.mutate(s)}>{t('reset')}</button>
                  </span>
                ) },
              ]} />
              <Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
