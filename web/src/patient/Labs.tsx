import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { TrendChart } from '../shared/ui/TrendChart';
import { flagLabel, flagTone } from './labels';
import { t } from './messages';
import type { LabResult, Page } from './types';
import { LinkNotice } from './ui/LinkNotice';

const num = (v: number | string | null | undefined) => (v == null || v === '' ? null : Number(v));
const when = (r: LabResult) => r.verified_at ?? r.resulted_at ?? '';

interface Analyte { code: string; name: string; unit: string | null; results: LabResult[] }

/** Results grouped by analyte, each newest first (the answer is already newest first). */
function byAnalyte(results: LabResult[]): Analyte[] {
  const groups = new Map<string, Analyte>();
  for (const r of results) {
    const group = groups.get(r.analyte_code) ?? { code: r.analyte_code, name: r.analyte_name, unit: r.unit, results: [] };
    group.results.push(r);
    groups.set(r.analyte_code, group);
  }
  return [...groups.values()];
}

const range = (r: LabResult) => r.reference_text ?? [num(r.reference_low), num(r.reference_high)].map((v) => v ?? '').join('–');

/**
 * `/patient/labs`: my verified results (preliminary ones never reach the portal), the latest value
 * of each test, and a trend chart per test with its reference range.
 */
export default function Labs() {
  const { api } = useApp();
  const results = createQuery(() => ({ queryKey: ['portal', 'lab-results'], queryFn: () => api.get<Page<LabResult>>('/portal/lab-results', { pageSize: 100 }) }));
  return (
    <>
      <h1>{t('labs')}</h1>
      <LinkNotice />
      <p class="muted">{t('labsIntro')}</p>
      <QueryView query={results} empty={(d) => d.items.length === 0} emptyText={t('noLabs')}>
        {(d) => (
          <>
            <Panel title={t('latest')}>
              <DataTable caption={t('latest')} rows={byAnalyte(d.items)} rowKey={(a) => a.code} columns={[
                { header: t('analyte'), cell: (a) => a.name },
                { header: t('value'), numeric: true, cell: (a) => `${a.results[0].value_numeric ?? a.results[0].value_text ?? ''} ${a.unit ?? ''}` },
                { header: t('reference'), cell: (a) => range(a.results[0]) },
                { header: t('flag'), cell: (a) => <Show when={a.results[0].flag}><span class={`badge ${flagTone(a.results[0].flag)}`}>{flagLabel(a.results[0].flag!)}</span></Show> },
                { header: t('resultedAt'), cell: (a) => formatDate(when(a.results[0])) },
              ]} />
            </Panel>
            <div class="lab-grid">
              <For each={byAnalyte(d.items).filter((a) => a.results.some((r) => num(r.value_numeric) !== null))}>{(a) => (
                // The chart's own caption names the test: no second heading around it.
                <div class="panel">
                  <TrendChart
                    title={a.name} unit={a.unit ?? undefined}
                    series={[{ label: a.name, points: a.results.filter((r) => num(r.value_numeric) !== null).map((r) => ({ at: when(r), value: num(r.value_numeric)! })) }]}
                    range={{ low: num(a.results[0].reference_low), high: num(a.results[0].reference_high) }}
                  />
                </div>
              )}</For>
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
