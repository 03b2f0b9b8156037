import { createQuery } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { Panel } from '../../shared/ui/AppShell';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { TrendChart } from '../../shared/ui/TrendChart';
import { departmentLabel } from '../../shared/departments';
import { addDays, kstToday } from '../../shared/kst-days';
import { t } from './messages';
import { Settlement } from './Settlement';
import type { DailyStatistics } from './types';
import { Bars } from './ui/Bars';

/** Seed §4.3.6 통계 및 현황: the day's settlement and per-day statistics of a period (the last 7 days by default). */
export default function Reports() {
  const { api } = useApp();
  const [range, setRange] = createSignal({ from: addDays(kstToday(), -6), to: kstToday() });
  const [draft, setDraft] = createSignal(range());
  const stats = createQuery(() => ({
    queryKey: ['front-desk', 'statistics', range()],
    queryFn: () => api.get<DailyStatistics>('/statistics/daily', range()),
  }));
  const day = (d: string) => d.slice(5).replace('-', '/');
  return (
    <>
      <h1>{t('reports')}</h1>
      <Settlement />
      <Panel title={t('statistics')}>
        <form class="toolbar" onSubmit={(e) => { e.preventDefault(); setRange(draft()); }}>
          <TextField label={t('from')} type="date" value={draft().from} onInput={(e) => setDraft({ ...draft(), from: e.currentTarget.value })} />
          <TextField label={t('to')} type="date" value={draft().to} onInput={(e) => setDraft({ ...draft(), to: e.currentTarget.value })} />
          <button type="submit">{t('show')}</button>
        </form>
        <QueryView query={stats}>
          {(s) => (
            <div class="grid">
              <Bars caption={t('appointmentsPerDay')} labelHeader={t('day')} valueHeader={t('visits')}
                bars={s.days.map((d) => ({ label: day(d.date), value: d.appointments.total }))} />
              <Bars caption={t('newPatients')} labelHeader={t('day')} valueHeader={t('newPatients')}
                bars={s.days.map((d) => ({ label: day(d.date), value: d.newPatients }))} />
              <Bars caption={t('byDepartment')} labelHeader={t('department')} valueHeader={t('visits')}
                bars={Object.keys(s.departmentLabels).map((code) => ({ label: departmentLabel(code), value: s.days.reduce((n, d) => n + (d.departments[code]?.appointments ?? 0), 0) }))} />
            </div>
          )}
        </QueryView>
        <Show when={stats.data?.paymentsIncluded}>
          <TrendChart title={t('netPerDay')} unit="₩" series={[{ label: t('net'), points: stats.data!.days.map((d) => ({ at: `${d.date}T12:00:00+09:00`, value: d.payments?.net ?? 0 })) }]} />
        </Show>
      </Panel>
    </>
  );
}
