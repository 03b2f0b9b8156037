import { createQuery } from '@tanstack/solid-query';
import { createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate, formatKRW } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { kstToday } from '../../shared/kst-days';
import { t } from './messages';
import type { Settlement as SettlementData } from './types';

/** 일일 정산 of one KST day: bills issued, what patients and insurers owe, money in and out by method. */
export function Settlement() {
  const { api } = useApp();
  const [date, setDate] = createSignal(kstToday());
  const settlement = createQuery(() => ({
    queryKey: ['front-desk', 'settlement', date()],
    queryFn: () => api.get<SettlementData>('/billing/settlement', { date: date() }),
  }));
  return (
    <Panel title={t('settlementOf', { date: formatDate(`${date()}T12:00:00+09:00`) })} actions={
      <TextField label={t('date')} type="date" value={date()} onInput={(e) => { if (e.currentTarget.value) setDate(e.currentTarget.value); }} />
    }>
      <QueryView query={settlement}>
        {(s) => (
          <>
            <div class="stats">
              <Stat label={t('billsIssued')} value={s.bills.count} />
              <Stat label={t('billedTotal')} value={formatKRW(s.bills.total)} />
              <Stat label={t('patientShare')} value={formatKRW(s.bills.patient)} />
              <Stat label={t('insurerShare')} value={formatKRW(s.bills.insurer)} />
              <Stat label={t('net')} value={formatKRW(s.net.total)} tone="ok" />
            </div>
            <DataTable caption={t('settlementOf', { date: formatDate(`${s.date}T12:00:00+09:00`) })} rows={['CARD', 'CASH', 'total'] as const} rowKey={(m) => m} columns={[
              { header: t('method'), cell: (m) => (m === 'total' ? t('sum') : t(m)) },
              { header: `${t('payments')} (${t('count')})`, cell: (m) => s.payments[m].count, numeric: true },
              { header: t('payments'), cell: (m) => formatKRW(s.payments[m].amount), numeric: true },
              { header: `${t('refunds')} (${t('count')})`, cell: (m) => s.refunds[m].count, numeric: true },
              { header: t('refunds'), cell: (m) => formatKRW(s.refunds[m].amount), numeric: true },
              { header: t('net'), cell: (m) => <strong>{formatKRW(m === 'total' ? s.net.total : s.net[m])}</strong>, numeric: true },
            ]} />
            <p class="muted">{t('cancelledBills')}: {s.bills.cancelled}</p>
          </>
        )}
      </QueryView>
    </Panel>
  );
}
