import { createMutation, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { Field, TextField } from '../../shared/ui/Field';
import { DEPARTMENT_CODES, departmentLabel } from '../../shared/departments';
import { roleLabel } from '../messages';
import { t } from './messages';

const ROLES = ['doctor', 'nurse', 'front_desk', 'radiology_technician', 'radiologist', 'sysadmin'];
const DEPARTMENTS = [...DEPARTMENT_CODES, 'ADMINISTRATION', 'RADIOLOGY'];

/** Creates a staff account; the server issues a temporary password, shown here once. */
export function StaffForm() {
  const { api } = useApp();
  const client = useQueryClient();
  const [form, setForm] = createSignal({ username: '', name: '', role: 'doctor', department: 'PULMONOLOGY' });
  const set = (key: keyof ReturnType<typeof form>, value: string) => setForm({ ...form(), [key]: value });
  const create = createMutation(() => ({
    mutationFn: () => api.post<{ id: number; temporaryPassword?: string }>('/staff', { ...form(), department: form().department || undefined }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['system', 'staff'] });
      setForm({ ...form(), username: '', name: '' });
    },
  }));
  return (
    <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
      <div class="form-row">
        <TextField label={t('username')} value={form().username} onInput={(e) => set('username', e.currentTarget.value)} required />
        <TextField label={t('name')} value={form().name} onInput={(e) => set('name', e.currentTarget.value)} required />
        <Field label={t('role')}>{(id) => (
          <select id={id} value={form().role} onChange={(e) => set('role', e.currentTarget.value)}>
            <For each={ROLES}>{(r) => <option value={r}>{roleLabel(r)}</option>}</For>
          </select>
        )}</Field>
        <Field label={t('department')}>{(id) => (
          <select id={id} value={form().department} onChange={(e) => set('department', e.currentTarget.value)}>
            <option value="">{t('none')}</option>
            <For each={DEPARTMENTS}>{(d) => <option value={d}>{departmentLabel(d) || t(d as 'ADMINISTRATION')}</option>}</For>
          </select>
        )}</Field>
      </div>
      <Show when={create.isError}><p class="field-error" role="alert">{(create.error as Error).message}</p></Show>
      <Show when={create.data?.temporaryPassword}><p class="notice" role="status">{t('temporary', { password: create.data!.temporaryPassword! })}</p></Show>
      <button type="submit" disabled={create.isPending}>{create.isPending ? t('creating') : t('create')}</button>
    </form>
  );
}
