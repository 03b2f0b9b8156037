import { useParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { ApiError } from '../../shared/api';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { Field, TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { t } from './messages';
import type { CareStatus, Page } from './types';

type Status = CareStatus['status'];

/**
 * Seed §3.4.2: where the patient is — outpatient, admitted to a ward and room, or discharged.
 * Admitting needs ward and room; only an admitted patient is discharged (the server's rules, its messages).
 */
export default function StatusPage() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams();
  const id = () => Number(params.id);
  const status = createQuery(() => ({
    queryKey: ['nurse', 'status', id()],
    queryFn: () => api.get<Page<CareStatus> & { current: CareStatus | null }>(`/patients/${id()}/status`),
  }));
  const [next, setNext] = createSignal<Status>('ADMITTED');
  // The likely next step: discharge an admitted patient, admit anyone else.
  createEffect(on(() => status.data?.current?.status, (s) => setNext(s === 'ADMITTED' ? 'DISCHARGED' : 'ADMITTED')));
  const [ward, setWard] = createSignal('');
  const [room, setRoom] = createSignal('');
  const [condition, setCondition] = createSignal('');
  const change = createMutation(() => ({
    mutationFn: () => api.put<CareStatus>(`/patients/${id()}/status`, {
      status: next(),
      ...(next() === 'ADMITTED' ? { ward: ward().trim() || undefined, roomNumber: room().trim() || undefined } : {}),
      ...(condition().trim() ? { currentCondition: condition().trim() } : {}),
    }),
    onSuccess: () => { setCondition(''); void client.invalidateQueries({ queryKey: ['nurse', 'status', id()] }); },
  }));
  const fieldError = (key: string) => (change.error instanceof ApiError ? change.error.fieldErrors[key] : undefined);
  const options = (current: Status | undefined): Status[] => (current === 'ADMITTED' ? ['DISCHARGED', 'ADMITTED', 'OUTPATIENT'] : ['ADMITTED', 'OUTPATIENT']);
  const optionLabel = (s: Status, current: Status | undefined) => (s === 'ADMITTED' ? (current === 'ADMITTED' ? t('transfer') : t('admit')) : s === 'DISCHARGED' ? t('discharge') : t('toOutpatient'));
  const current = () => status.data?.current?.status;
  return (
    <>
      <Panel title={t('careStatus')}>
        <h3>{t('current')}</h3>
        <QueryView query={status}>
          {(d) => (
            <Show when={d.current} fallback={<p class="muted">{t('noStatus')}</p>}>{(c) => (
              <p>
                <span class="badge" classList={{ 'badge-ok': c().status === 'ADMITTED' }}>{t(c().status)}</span>
                <Show when={c().ward}> {t('ward')} {c().ward} · {t('room')} {c().room_number}</Show>
                <Show when={c().admission_date}> · {t('admittedAt')} {formatDateTime(c().admission_date)}</Show>
                <Show when={c().discharge_date}> · {t('dischargedAt')} {formatDateTime(c().discharge_date)}</Show>
                <Show when={c().current_condition}><br />{c().current_condition}</Show>
              </p>
            )}</Show>
          )}
        </QueryView>
        {/* Outside the QueryView: a refetch must not re-create the form while it is being typed in. */}
        <form onSubmit={(e) => { e.preventDefault(); change.mutate(); }}>
          <div class="form-row">
            <Field label={t('newStatus')} error={fieldError('status')}>{(fid) => (
              <select id={fid} value={next()} onChange={(e) => setNext(e.currentTarget.value as Status)}>
                <For each={options(current())}>{(s) => <option value={s}>{optionLabel(s, current())}</option>}</For>
              </select>
            )}</Field>
            <Show when={next() === 'ADMITTED'}>
              <TextField label={t('ward')} value={ward()} onInput={(e) => setWard(e.currentTarget.value)} error={fieldError('ward')} />
              <TextField label={t('room')} value={room()} onInput={(e) => setRoom(e.currentTarget.value)} error={fieldError('roomNumber')} />
            </Show>
            <TextField label={t('condition')} value={condition()} onInput={(e) => setCondition(e.currentTarget.value)} />
          </div>
          <Show when={change.isError}><p class="field-error" role="alert">{(change.error as Error).message}</p></Show>
          <Show when={change.isSuccess}><p role="status">{t('statusSaved')}</p></Show>
          <button type="submit" disabled={change.isPending}>{t('applyStatus')}</button>
        </form>
      </Panel>
      <Panel title={t('statusHistory')}>
        <QueryView query={status}>
          {(d) => (
            <DataTable caption={t('statusHistory')} rows={d.items} rowKey={(s) => s.id} emptyText={t('noStatus')} columns={[
              { header: t('changedAt'), cell: (s) => formatDateTime(s.updated_at) },
              { header: t('status'), cell: (s) => t(s.status) },
              { header: `${t('ward')} · ${t('room')}`, cell: (s) => (s.ward ? `${s.ward} · ${s.room_number ?? ''}` : '') },
              { header: t('admittedAt'), cell: (s) => formatDateTime(s.admission_date) },
              { header: t('dischargedAt'), cell: (s) => formatDateTime(s.discharge_date) },
              { header: t('condition'), cell: (s) => s.current_condition ?? '' },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}
