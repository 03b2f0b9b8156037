import { A } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate, formatDateTime, formatTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { TextField } from '../../shared/ui/Field';
import { ErrorState, QueryView } from '../../shared/ui/states';
import { imagingStatusLabel, statusLabel } from '../shared/labels';
import BookingForm from './BookingForm';
import { kstToday } from '../../shared/kst-days';
import { t } from './messages';
import type { ImagingRequest, Page, ScheduleEntry } from './types';

const priorityBadge = (priority: string) => <span class="badge" classList={{ 'badge-alert': priority !== 'ROUTINE' }}>{statusLabel(priority)}</span>;

/**
 * The radiographer's worklist: imaging orders waiting for a room and time (booked here), and the
 * day's schedule, where each entry is started and completed at the modality — or completed by
 * uploading its images with the accession number.
 */
export default function Schedule() {
  const { api } = useApp();
  const client = useQueryClient();
  const [date, setDate] = createSignal(kstToday());
  const [booking, setBooking] = createSignal<ImagingRequest | null>(null);
  const [notice, setNotice] = createSignal('');

  const requests = createQuery(() => ({
    queryKey: ['radiology-tech', 'requests'],
    queryFn: () => api.get<Page<ImagingRequest>>('/ris/requests', { pageSize: 50 }),
  }));
  const schedule = createQuery(() => ({
    queryKey: ['radiology-tech', 'schedules', date()],
    queryFn: () => api.get<Page<ScheduleEntry>>('/radiology-tech/schedules', { date: date(), pageSize: 100 }),
  }));
  const step = createMutation(() => ({
    mutationFn: ({ id, action }: { id: number; action: 'start' | 'complete' }) => api.post<ScheduleEntry>(`/ris/schedules/${id}/${action}`),
    onSuccess: (_entry, { action }) => {
      setNotice(action === 'start' ? t('started') : t('completedMsg'));
      return client.invalidateQueries({ queryKey: ['radiology-tech'] });
    },
  }));

  return (
    <>
      <h1>{t('scheduleTitle')}</h1>
      <Show when={notice()}><p class="notice" role="status">{notice()}</p></Show>

      <Panel title={t('requestsTitle')}>
        <QueryView query={requests}>
          {(page) => (
            <DataTable caption={t('requestsTitle')} rows={page.items} rowKey={(r) => r.id} emptyText={t('noRequests')} columns={[
              { header: t('priority'), cell: (r) => priorityBadge(r.priority) },
              { header: t('patient'), cell: (r) => `${r.patient?.name ?? ''} (${r.patient?.patient_id ?? ''})` },
              { header: t('procedure'), cell: (r) => r.procedure?.name ?? r.items[0]?.name ?? '' },
              { header: t('orderedAt'), cell: (r) => formatDateTime(r.created_at) },
              { header: t('actions'), cell: (r) => <button type="button" aria-label={`${t('book')}: ${r.order_number}`} onClick={() => { setNotice(''); setBooking(r); }}>{t('book')}</button> },
            ]} />
          )}
        </QueryView>
        <Show when={booking()}>
          {(request) => <BookingForm request={request()} onClose={() => setBooking(null)} onBooked={(entry) => {
            setBooking(null);
            setNotice(t('booked', { accession: entry.accession_number }));
            // Show the day just booked, where the new entry now waits.
            setDate(dateOf(entry.scheduled_at));
          }} />}
        </Show>
      </Panel>

      <Panel title={t('daySchedule', { date: formatDate(`${date()}T00:00:00+09:00`) })} actions={
        <TextField label={t('date')} type="date" value={date()} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
      }>
        <Show when={step.isError}><ErrorState error={step.error} /></Show>
        <QueryView query={schedule}>
          {(page) => (
            <DataTable caption={t('daySchedule', { date: date() })} rows={page.items} rowKey={(s) => s.id} emptyText={t('noDaySchedule')} columns={[
              { header: t('time'), cell: (s) => formatTime(s.scheduled_at) },
              { header: t('priority'), cell: (s) => priorityBadge(s.priority) },
              { header: t('patient'), cell: (s) => `${s.patient?.name ?? ''} (${s.patient?.patient_id ?? ''})` },
              { header: t('procedure'), cell: (s) => s.procedure_name },
              { header: t('room'), cell: (s) => s.room },
              { header: t('accession'), cell: (s) => s.accession_number },
              { header: t('status'), cell: (s) => imagingStatusLabel(s.status) },
              { header: t('actions'), cell: (s) => <EntryActions entry={s} busy={step.isPending} onStep={(action) => step.mutate({ id: s.id, action })} /> },
            ]} />
          )}
        </QueryView>
      </Panel>
    </>
  );
}

/** The KST calendar day of an instant. */
const dateOf = (iso: string) => new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** What the radiographer can do with an entry now: start, complete, or upload its images. */
function EntryActions(props: { entry: ScheduleEntry; busy: boolean; onStep: (action: 'start' | 'complete') => void }) {
  const open = () => props.entry.status === 'WAITING' || props.entry.status === 'IN_PROGRESS';
  return (
    <Show when={open()}>
      <div class="toolbar" style={{ 'margin-bottom': '0' }}>
        <Show when={props.entry.status === 'WAITING'}>
          <button type="button" disabled={props.busy} aria-label={`${t('start')}: ${props.entry.accession_number}`} onClick={() => props.onStep('start')}>{t('start')}</button>
        </Show>
        <Show when={props.entry.status === 'IN_PROGRESS'}>
          <button type="button" disabled={props.busy} aria-label={`${t('complete')}: ${props.entry.accession_number}`} onClick={() => props.onStep('complete')}>{t('complete')}</button>
        </Show>
        <A href={`/radiology-tech/upload?scheduleId=${props.entry.id}`} aria-label={`${t('uploadFor')}: ${props.entry.accession_number}`}>{t('uploadFor')}</A>
      </div>
    </Show>
  );
}
