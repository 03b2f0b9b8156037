import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { formatKRW, formatTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { departmentLabel } from '../../shared/departments';
import { statusLabel } from '../shared/labels';
import { t } from './messages';
import { t as inquiries } from './inquiries/messages';

interface QueueItem { id: string; start_time: string; patient_name: string; patient_identifier: string; doctor_department: string; status: string }
interface FrontDeskDashboard {
  todayAppointments: { total: number };
  receptionQueue: { total: number; items: QueueItem[] };
  payments: { bills: { count: number; total: number }; net: { CARD: number; CASH: number; total: number } };
  inquiries: { NEW: number; CONTACTED: number };
}

/** The front desk's day: appointments, the reception queue, inquiries to call back, money in. */
export default function FrontDeskDashboard() {
  const { api } = useApp();
  const dashboard = createQuery(() => ({ queryKey: ['front-desk', 'dashboard'], queryFn: () => api.get<FrontDeskDashboard>('/front-desk/dashboard') }));
  return (
    <>
      <h1>{t('dashboard')}</h1>
      <QueryView query={dashboard}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('todayAppointments')} value={d.todayAppointments.total} />
              <Stat label={t('queue')} value={d.receptionQueue.total} />
              <Stat label={t('billed')} value={formatKRW(d.payments.bills.total)} />
              <Stat label={t('received')} value={formatKRW(d.payments.net.total)} tone="ok" />
              <A href="/admin/inquiries" class="stat-link"><Stat label={inquiries('newInquiries')} value={d.inquiries.NEW} tone={d.inquiries.NEW > 0 ? 'alert' : undefined} /></A>
            </div>
            <Panel title={t('queueTitle')}>
              <DataTable caption={t('queueTitle')} rows={d.receptionQueue.items} rowKey={(q) => q.id} emptyText={t('noQueue')} columns={[
                { header: t('time'), cell: (q) => formatTime(q.start_time) },
                { header: t('patient'), cell: (q) => `${q.patient_name} (${q.patient_identifier})` },
                { header: t('department'), cell: (q) => departmentLabel(q.doctor_department) },
                { header: t('status'), cell: (q) => statusLabel(q.status) },
              ]} />
            </Panel>
            <Panel title={t('settlement')}>
              <div class="stats">
                <Stat label={t('bills')} value={d.payments.bills.count} />
                <Stat label={t('card')} value={formatKRW(d.payments.net.CARD)} />
                <Stat label={t('cash')} value={formatKRW(d.payments.net.CASH)} />
                <Stat label={t('net')} value={formatKRW(d.payments.net.total)} />
              </div>
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
