import { createQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable } from '../../../shared/ui/DataTable';
import { QueryView } from '../../../shared/ui/states';
import { TrendChart, type TrendSeries } from '../../../shared/ui/TrendChart';
import type { Page, VitalMeasure, VitalsRow } from '../types';
import { t } from './messages';

/** A series of one measure from the charted rows (rows without it are skipped). */
function series(rows: VitalsRow[], measure: VitalMeasure, label: string): TrendSeries {
  return { label, points: rows.filter((r) => r.vital_signs?.[measure] != null).map((r) => ({ at: r.record_date, value: r.vital_signs![measure]! })) };
}

/** A value with its abnormal mark, as the nurse's flags (lib/rules/vitals.ts) set it. */
function cell(row: VitalsRow, measure: VitalMeasure, unit = '') {
  const value = row.vital_signs?.[measure];
  if (value == null) return '';
  const flag = row.abnormal.find((a) => a.measure === measure);
  const mark = flag ? (flag.flag === 'HIGH' ? (flag.critical ? 'HH' : 'H') : (flag.critical ? 'LL' : 'L')) : '';
  return <span class={mark ? `flag-${mark}` : undefined}>{value}{unit}{mark ? ` ${mark}` : ''}</span>;
}

/**
 * Charted vitals, newest first, with trends of blood pressure, pulse and temperature; the shaded
 * band is the adult reference range the ward flags against (lib/rules/vitals.ts).
 */
export function VitalsTab(props: { patientId: number }) {
  const { api } = useApp();
  const vitals = createQuery(() => ({
    queryKey: ['doctor', 'vitals', props.patientId],
    queryFn: () => api.get<Page<VitalsRow>>(`/patients/${props.patientId}/vitals`, { pageSize: 100 }),
  }));
  return (
    <Panel title={t('vitals')}>
      <QueryView query={vitals} empty={(d) => d.items.length === 0} emptyText={t('noVitals')}>
        {(data) => (
          <>
            <div class="grid">
              <TrendChart title={t('bpTrend')} unit="mmHg" range={{ low: 90, high: 139 }}
                series={[series(data.items, 'systolic_bp', t('systolic')), series(data.items, 'diastolic_bp', t('diastolic'))]} />
              <TrendChart title={t('pulseTrend')} unit="/min" range={{ low: 60, high: 100 }} series={[series(data.items, 'pulse', t('pulse'))]} />
              <TrendChart title={t('tempTrend')} unit="°C" range={{ low: 36, high: 37.4 }} series={[series(data.items, 'temperature', t('temperature'))]} />
            </div>
            <DataTable caption={t('vitals')} rows={data.items} rowKey={(r) => r.id} columns={[
              { header: t('recordDate'), cell: (r) => formatDateTime(r.record_date) },
              { header: t('bp'), cell: (r) => <Show when={r.vital_signs?.systolic_bp != null}>{cell(r, 'systolic_bp')}/{cell(r, 'diastolic_bp')}</Show> },
              { header: t('pulse'), cell: (r) => cell(r, 'pulse'), numeric: true },
              { header: t('temperature'), cell: (r) => cell(r, 'temperature', '°C'), numeric: true },
              { header: t('respiratoryRate'), cell: (r) => cell(r, 'respiratory_rate'), numeric: true },
              { header: t('spo2'), cell: (r) => cell(r, 'spo2', '%'), numeric: true },
              { header: t('notes'), cell: (r) => [r.symptoms, r.nursing_notes].filter(Boolean).join(' · ') },
            ]} />
          </>
        )}
      </QueryView>
    </Panel>
  );
}
