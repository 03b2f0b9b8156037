import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { ApiError } from '../../shared/api';
import { useApp } from '../../shared/app-context';
import { formatTime } from '../../shared/i18n';
import { Field, TextField } from '../../shared/ui/Field';
import { t } from './messages';
import type { ImagingRequest, Room, ScheduleEntry } from './types';

/** The next half hour, as KST wall-clock time for a datetime-local input (`YYYY-MM-DDTHH:mm`). */
function nextHalfHourKst(): string {
  const next = Math.ceil((Date.now() + 5 * 60_000) / 1_800_000) * 1_800_000;
  return new Date(next + 9 * 3600_000).toISOString().slice(0, 16);
}

/**
 * Books one imaging request into a room and time. The input is read as Korean time (the hospital's
 * clock) whatever the browser's zone; the rooms offered are those whose equipment performs the
 * procedure, with that day's bookings listed so a free slot is easy to pick.
 */
export default function BookingForm(props: { request: ImagingRequest; onClose: () => void; onBooked: (entry: ScheduleEntry) => void }) {
  const { api } = useApp();
  const client = useQueryClient();
  const [room, setRoom] = createSignal(props.request.procedure?.rooms[0] ?? '');
  const [when, setWhen] = createSignal(nextHalfHourKst());
  const [notes, setNotes] = createSignal('');
  const day = () => when().slice(0, 10);

  const rooms = createQuery(() => ({
    queryKey: ['radiology-tech', 'rooms', day()],
    queryFn: () => api.get<Room[]>('/ris/rooms', { date: day() }),
  }));
  const fitting = () => (rooms.data ?? []).filter((r) => props.request.procedure?.rooms.includes(r.code) ?? true);
  const booked = () => rooms.data?.find((r) => r.code === room())?.booked ?? [];

  const book = createMutation(() => ({
    mutationFn: () => api.post<ScheduleEntry>('/ris/schedules', {
      orderId: props.request.id, room: room(), scheduledAt: new Date(`${when()}:00+09:00`).toISOString(), ...(notes().trim() ? { notes: notes().trim() } : {}),
    }),
    onSuccess: async (entry) => {
      await client.invalidateQueries({ queryKey: ['radiology-tech'] });
      props.onBooked(entry);
    },
  }));
  const fieldError = (field: string) => {
    const error = book.error;
    if (!(error instanceof ApiError) || !Array.isArray(error.details)) return null;
    return (error.details as { field?: string; message?: string }[]).find((d) => d.field === field)?.message ?? null;
  };

  return (
    <form class="panel" aria-label={t('bookTitle', { patient: props.request.patient?.name ?? '', procedure: props.request.procedure?.name ?? '' })}
      onSubmit={(e) => { e.preventDefault(); book.mutate(); }}>
      <h3>{t('bookTitle', { patient: props.request.patient?.name ?? '', procedure: props.request.procedure?.name ?? '' })}</h3>
      <div class="form-row">
        <Field label={t('room')} error={fieldError('room')}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} onChange={(e) => setRoom(e.currentTarget.value)} required>
              <option value="" disabled selected={!room()}>{t('chooseRoom')}</option>
              {/* `selected` per option: the rooms arrive after the select is drawn. */}
              <For each={fitting()}>{(r) => <option value={r.code} selected={r.code === room()}>{`${r.code} · ${r.name} (${r.modalityNames.join(', ')})`}</option>}</For>
            </select>
          )}
        </Field>
        <TextField label={t('scheduledAt')} type="datetime-local" value={when()} required error={fieldError('scheduledAt')}
          onInput={(e) => setWhen(e.currentTarget.value)} />
        <TextField label={t('notes')} value={notes()} maxLength={1000} onInput={(e) => setNotes(e.currentTarget.value)} />
      </div>
      <p class="muted">
        {t('bookedSlots')}:{' '}
        <Show when={booked().length > 0} fallback={t('noBookedSlots')}>
          {booked().map((b) => `${formatTime(b.start)}–${formatTime(b.end)}`).join(', ')}
        </Show>
      </p>
      <Show when={book.isError}><p class="field-error" role="alert">{book.error?.message}</p></Show>
      <div class="toolbar">
        <button type="submit" disabled={book.isPending || !room() || !when()}>{t('submitBooking')}</button>
        <button type="button" class="secondary" onClick={() => props.onClose()}>{t('cancel')}</button>
      </div>
    </form>
  );
}
