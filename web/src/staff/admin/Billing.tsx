import { A } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { Panel } from '../../shared/ui/AppShell';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { kstToday } from '../../shared/kst-days';
import { t } from './messages';
import type { Bill, Page } from './types';
import { BillTable } from './ui/BillTable';

/** Seed §4.3.4 수납 관리: the bills of a day (today by default) and the way to a new one. */
export default function Billing() {
  const { api } = useApp();
  const [date, setDate] = createSignal(kstToday());
  const bills = createQuery(() => ({
    queryKey: ['front-desk', 'bills', date()],
    queryFn: () => api.get<Page<Bill>>('/bills', { date: date(), pageSize: 100 }),
  }));
  return (
    <>
      <h1>{t('billing')}</h1>
      <Panel title={t('todayBills')} actions={
        <div class="toolbar">
          <TextField label={t('date')} type="date" value={date()} onInput={(e) => { if (e.currentTarget.value) setDate(e.currentTarget.value); }} />
          <A href="/admin/billing/new">{t('newBill')}</A>
        </div>
      }>
        <QueryView query={bills}>{(d) => <BillTable bills={d.items} caption={t('todayBills')} showPatient />}</QueryView>
      </Panel>
    </>
  );
}
