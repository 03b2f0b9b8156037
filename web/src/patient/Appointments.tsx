import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDateTime } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable, Pagination } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { AppointmentRequest } from './AppointmentRequest';
import { departmentLabel } from './labels';
import { t } from './messages';
import type { Appointment, Page } from './types';
import { LinkNotice } from './ui/LinkNotice';
import { StatusBadge } from './ui/StatusBadge';

const PAGE_SIZE = 20;

/**
 * `/patient/appointments`: every appointment of mine, newest first (requests, confirmed, past),
 * and the request form. A request or booking that has not started can be cancelled here.
 */
export default function Appointments() {
  const { api, session } = useApp();
  const client = useQueryClient();
  const [page, setPage] = createSignal(1);
  const cancel = createMutation(() => ({
    mutationFn: (id: string) => api.post(`/portal/appointments/${id}/cancel`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['portal', 'appointments'] }),
  }));
  const cancellable = (a: Appointment) => ['REQUESTED', 'BOOKED'].includes(a.status) && new Date(a.start_time).getTime() > Date.now();
  const appointments = createQuery(() => ({
    queryKey: ['portal', 'appointments', page()],
    queryFn: () => api.get<Page<Appointment>>('/portal/appointments', { page: page(), pageSize: PAGE_SIZE }),
  }));
  return (
    <>
      <h1>{t('appointments')}</h1>
      <LinkNotice />
      <Show when={session.me()?.patientId}><AppointmentRequest /></Show>
      <Panel title={t('myAppointments')}>
        <Show when={cancel.isError}><p class="field-error" role="alert">{(cancel.error as Error).message}</p></Show>
        <QueryView query={appointments}>
          {(d) => (
            <>
              <DataTable caption={t('myAppointments')} rows={d.items} rowKey={(a) => a.id} emptyText={t('noAppointments')} columns={[
                { header: t('when'), cell: (a) => formatDateTime(a.start_time) },
                { header: t('department'), cell: (a) => departmentLabel(a.doctor_department) },
                { header: t('doctor'), cell: (a) => a.doctor_name },
                { header: t('title'), cell: (a) => a.title },
                { header: t('status'), cell: (a) => <StatusBadge code={a.status} /> },
                { header: t('memo'), cell: (a) => a.memo ?? '' },
                { header: t('cancelColumn'), cell: (a) => (
                  <Show when={cancellable(a)}>
                    <button type="button" class="secondary" disabled={cancel.isPending}
                      onClick={() => { if (confirm(t('cancelConfirm', { when: formatDateTime(a.start_time) }))) cancel.mutate(a.id); }}>
                      {t('cancel')}
                    </button>
                  </Show>
                ) },
              ]} />
              <Show when={d.total > PAGE_SIZE}><Pagination page={page()} pageSize={PAGE_SIZE} total={d.total} onPage={setPage} /></Show>
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}
