import { createQuery } from '@tanstack/solid-query';
import { For, Show, createMemo, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable } from '../../../shared/ui/DataTable';
import { Field } from '../../../shared/ui/Field';
import { QueryView } from '../../../shared/ui/states';
import { TrendChart } from '../../../shared/ui/TrendChart';
import type { LabResult, LabTrend, Page } from '../types';
import { t } from './messages';

/** `6.5 mmol/L HH`, coloured by its flag. */
export function LabValue(props: { result: Pick<LabResult, 'value_text' | 'unit' | 'flag'> }) {
  const abnormal = () => props.result.flag && props.result.flag !== 'N';
  return <span class={abnormal() ? `flag-${props.result.flag}` : undefined}>{props.result.value_text} {props.result.unit}{abnormal() ? ` ${props.result.flag}` : ''}</span>;
}

/**
 * The patient's lab results (verified, and preliminary ones a doctor answers for), newest first,
 * and the cumulative trend of one analyte (GET /lis/patients/{id}/trends).
 */
export function LabsTab(props: { patientId: number }) {
  const { api } = useApp();
  const results = createQuery(() => ({
    queryKey: ['doctor', 'labs', props.patientId],
    queryFn: () => api.get<Page<LabResult>>(`/lis/patients/${props.patientId}/results`, { includePreliminary: true, pageSize: 100 }),
  }));
  const analytes = createMemo(() => {
    const seen = new Map<string, string>();
    for (const r of results.data?.items ?? []) if (!seen.has(r.analyte_code)) seen.set(r.analyte_code, r.analyte_name);
    return [...seen].map(([code, name]) => ({ code, name }));
  });
  const [chosen, setChosen] = createSignal<string>();
  const code = () => chosen() ?? analytes()[0]?.code;
  const trend = createQuery(() => ({
    queryKey: ['doctor', 'labs', props.patientId, 'trend', code()],
    queryFn: () => api.get<LabTrend>(`/lis/patients/${props.patientId}/trends`, { code: code(), includePreliminary: true }),
    enabled: !!code(),
  }));
  const latest = () => trend.data?.items.at(-1);

  return (
    <Panel title={t('labs')}>
      <QueryView query={results} empty={(d) => d.items.length === 0} emptyText={t('noLabs')}>
        {(data) => (
          <>
            <Field label={t('trendOf')}>
              {(id) => (
                <select id={id} value={code()} onChange={(e) => setChosen(e.currentTarget.value)}>
                  <For each={analytes()}>{(a) => <option value={a.code}>{a.name} ({a.code})</option>}</For>
                </select>
              )}
            </Field>
            <Show when={trend.data}>{(d) => (
              <TrendChart
                title={t('labTrend', { name: d().analyte.name })}
                unit={d().analyte.unit}
                range={{ low: latest()?.reference_low, high: latest()?.reference_high }}
                series={[{ label: d().analyte.name, points: d().items.map((r) => ({ at: r.resulted_at, value: r.value_numeric })) }]}
              />
            )}</Show>
            <DataTable caption={t('labs')} rows={data.items} rowKey={(r) => r.id} columns={[
              { header: t('resultedAt'), cell: (r) => formatDateTime(r.resulted_at) },
              { header: t('analyte'), cell: (r) => `${r.analyte_name} (${r.analyte_code})` },
              { header: t('value'), cell: (r) => <LabValue result={r} />, numeric: true },
              { header: t('reference'), cell: (r) => r.reference_text ?? '' },
              { header: t('status'), cell: (r) => (r.status === 'PRELIMINARY' ? <span class="badge badge-warn">{t('preliminary')}</span> : '') },
            ]} />
          </>
        )}
      </QueryView>
    </Panel>
  );
}
