import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { QueryView } from '../../shared/ui/states';
import { TrendChart, type TrendSeries } from '../../shared/ui/TrendChart';
import { FlagBadges } from './AbnormalFlags';
import { t } from './messages';
import type { Page, VitalsRecord } from './types';

/** The charts drawn: blood pressure as two lines, then one chart per single measure. */
const CHARTS: { title: 'bloodPressure' | 'pulse' | 'temperature' | 'spo2' | 'respiratory_rate'; unit: string; lines: { key: string; label: 'systolic' | 'diastolic' | 'pulse' | 'temperature' | 'spo2' | 'respiratory_rate' }[] }[] = [
  { title: 'bloodPressure', unit: 'mmHg', lines: [{ key: 'systolic_bp', label: 'systolic' }, { key: 'diastolic_bp', label: 'diastolic' }] },
  { title: 'pulse', unit: '/min', lines: [{ key: 'pulse', label: 'pulse' }] },
  { title: 'temperature', unit: '°C', lines: [{ key: 'temperature', label: 'temperature' }] },
  { title: 'spo2', unit: '%', lines: [{ key: 'spo2', label: 'spo2' }] },
  { title: 'respiratory_rate', unit: '/min', lines: [{ key: 'respiratory_rate', label: 'respiratory_rate' }] },
];

const show = (v: number | undefined) => (v == null ? '' : String(v));
/** The measurements of a row (this list asks for rows with measurements; the type allows a note alone). */
const measured = (r: VitalsRecord) => r.vital_signs ?? {};

/** Charted vitals (with any note written alongside), newest first, with the server's flags, and their trends. */
export function VitalsHistory(props: { patientId: number }) {
  const { api } = useApp();
  const vitals = createQuery(() => ({
    queryKey: ['nurse', 'vitals', props.patientId],
    // Measurements only: notes charted alone are the notes tab's.
    queryFn: () => api.get<Page<VitalsRecord>>(`/patients/${props.patientId}/vitals`, { kind: 'vitals', pageSize: 50 }),
  }));
  const seriesOf = (rows: VitalsRecord[], lines: (typeof CHARTS)[number]['lines']): TrendSeries[] => lines
    .map((l) => ({ label: t(l.label), points: rows.filter((r) => measured(r)[l.key] != null).map((r) => ({ at: r.record_date, value: measured(r)[l.key]! })) }))
    .filter((s) => s.points.length > 0);
  return (
    <QueryView query={vitals}>
      {(d) => (
        <>
          <Panel title={t('vitalsHistory')}>
            <DataTable caption={t('vitalsHistory')} rows={d.items} rowKey={(r) => r.id} emptyText={t('noVitals')} columns={[
              { header: t('recordedAt'), cell: (r) => formatDateTime(r.record_date) },
              { header: `${t('bloodPressure')} (mmHg)`, cell: (r) => (measured(r).systolic_bp != null || measured(r).diastolic_bp != null ? `${show(measured(r).systolic_bp)}/${show(measured(r).diastolic_bp)}` : '') },
              { header: t('pulse'), cell: (r) => show(measured(r).pulse), numeric: true },
              { header: `${t('temperature')} (°C)`, cell: (r) => show(measured(r).temperature), numeric: true },
              { header: t('respiratory_rate'), cell: (r) => show(measured(r).respiratory_rate), numeric: true },
              { header: `${t('spo2')} (%)`, cell: (r) => show(measured(r).spo2), numeric: true },
              { header: t('pain'), cell: (r) => show(measured(r).pain), numeric: true },
              { header: t('flags'), cell: (r) => <FlagBadges flags={r.abnormal} /> },
              { header: t('symptoms'), cell: (r) => r.symptoms ?? '' },
              { header: t('nursingNotes'), cell: (r) => r.nursing_notes ?? '' },
            ]} />
          </Panel>
          <Show when={d.items.length > 0}>
            <Panel title={t('trends')}>
              <div class="grid" style={{ 'grid-template-columns': 'repeat(auto-fit, minmax(22rem, 1fr))' }}>
                <For each={CHARTS}>{(c) => (
                  <Show when={seriesOf(d.items, c.lines).length > 0}>
                    <TrendChart title={t(c.title)} unit={c.unit} series={seriesOf(d.items, c.lines)} />
                  </Show>
                )}</For>
              </div>
            </Panel>
          </Show>
        </>
      )}
    </QueryView>
  );
}
