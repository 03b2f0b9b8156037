import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { Field } from '../../../shared/ui/Field';
import { QueryView } from '../../../shared/ui/states';
import '../doctor.css';
import { ServerError, fieldError } from '../ui/server-error';
import { t, tk } from './messages';
import type { WeeklySchedule } from './types';

const SLOT_LENGTHS = [10, 15, 20, 30, 60];
/** Monday first, the way a Korean clinic prints its hours. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

interface DayRow { weekday: number; open: boolean; from: string; to: string }
interface Draft { slotMinutes: number; days: DayRow[] }

function draftOf(schedule: WeeklySchedule): Draft {
  return {
    slotMinutes: schedule.slotMinutes,
    days: WEEKDAYS.map((weekday) => {
      const day = schedule.days.find((d) => d.weekday === weekday);
      return { weekday, open: !!day, from: day?.open ?? '09:00', to: day?.close ?? '18:00' };
    }),
  };
}

/**
 * My weekly outpatient hours (GET/PUT /doctors/{me}/schedule): the slot length and, per weekday,
 * open or closed and from when to when. The server checks the hours (06:00–22:00, aligned to the
 * slot, close after open) and its message is shown above the buttons; what was typed stays.
 */
export default function MyHours() {
  const { api, session } = useApp();
  const client = useQueryClient();
  const path = () => `/doctors/${session.me()!.id}/schedule`;
  const schedule = createQuery(() => ({ queryKey: ['doctor', 'schedule', session.me()!.id], queryFn: () => api.get<WeeklySchedule>(path()) }));
  const [draft, setDraft] = createStore<Draft>({ slotMinutes: 30, days: [] });
  // The form starts from the stored hours once (a refetch must not overwrite what is being typed).
  let loaded = false;
  createEffect(() => {
    if (schedule.data && !loaded) { loaded = true; setDraft(reconcile(draftOf(schedule.data))); }
  });

  const save = createMutation(() => ({
    mutationFn: () => api.put<WeeklySchedule>(path(), {
      slotMinutes: draft.slotMinutes,
      days: draft.days.filter((d) => d.open).map((d) => ({ weekday: d.weekday, open: d.from, close: d.to })),
    }),
    onSuccess: (saved) => {
      client.setQueryData(['doctor', 'schedule', session.me()!.id], saved);
      void client.invalidateQueries({ queryKey: ['doctor', 'directory'] });
    },
  }));
  const change = (index: number, patch: Partial<DayRow>) => { save.reset(); setDraft('days', index, patch); };

  return (
    <>
      <h1>{t('hoursTitle')}</h1>
      <Panel title={t('hoursTitle')}>
        <QueryView query={schedule}>
          {(stored) => (
            <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-busy={save.isPending}>
              <p class="muted">{t('hoursIntro')}</p>
              <Show when={!stored.custom && !save.isSuccess}><p class="notice">{t('defaultHours')}</p></Show>
              <div class="form-row">
                <Field label={t('slotMinutes')} error={fieldError(save.error, 'slotMinutes')}>
                  {(id, d) => (
                    <select id={id} aria-describedby={d} value={String(draft.slotMinutes)}
                      onChange={(e) => { save.reset(); setDraft('slotMinutes', Number(e.currentTarget.value)); }}>
                      <For each={SLOT_LENGTHS}>{(n) => <option value={String(n)}>{t('minutes', { n })}</option>}</For>
                    </select>
                  )}
                </Field>
              </div>
              <div class="table-scroll">
                <table class="data-table hours-table">
                  <caption>{t('hoursTitle')}</caption>
                  <thead><tr><th scope="col">{t('weekdayCol')}</th><th scope="col">{t('opens')}</th><th scope="col">{t('openCol')}</th><th scope="col">{t('closeCol')}</th></tr></thead>
                  <tbody>
                    <For each={draft.days}>{(day, i) => {
                      const name = () => tk(`weekday${day.weekday}`);
                      return (
                        <tr>
                          <th scope="row">{name()}</th>
                          <td><label class="open-toggle"><input type="checkbox" aria-label={t('openOn', { day: name() })} checked={day.open} onChange={(e) => change(i(), { open: e.currentTarget.checked })} /> {day.open ? t('opens') : t('closed')}</label></td>
                          <td><input type="time" aria-label={t('openTime', { day: name() })} value={day.from} disabled={!day.open}
                            onInput={(e) => change(i(), { from: e.currentTarget.value })} /></td>
                          <td><input type="time" aria-label={t('closeTime', { day: name() })} value={day.to} disabled={!day.open}
                            onInput={(e) => change(i(), { to: e.currentTarget.value })} /></td>
                        </tr>
                      );
                    }}</For>
                  </tbody>
                </table>
              </div>
              <p class="muted">{t('hoursHint')}</p>
              <Show when={save.error}><ServerError error={save.error} /></Show>
              <Show when={save.isSuccess}><p class="success" role="status">{t('saved')}</p></Show>
              <div class="form-actions">
                <button type="submit" disabled={save.isPending}>{save.isPending ? t('saving') : t('save')}</button>
                <button type="button" class="secondary" disabled={save.isPending} onClick={() => { save.reset(); setDraft(reconcile(draftOf(schedule.data ?? stored))); }}>{t('reset')}</button>
              </div>
            </form>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
