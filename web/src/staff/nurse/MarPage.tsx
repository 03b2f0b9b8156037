import { useParams } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime, formatTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable } from '../../shared/ui/DataTable';
import { TextField } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { kstToday } from '../../shared/kst-days';
import { DoseChartForm } from './DoseChartForm';
import { t } from './messages';
import type { DueDose, MarDay, MarLine } from './types';

/** What is being charted: a scheduled dose (with its due time) or a PRN line. */
interface Charting { line: MarLine; scheduledTime?: string }

/**
 * The medication administration record of one KST day: every due dose with its charted status,
 * overdue ones (uncharted > 60 min, the server's call) marked red, and the PRN lines.
 */
export default function MarPage() {
  const { api } = useApp();
  const params = useParams();
  const id = () => Number(params.id);
  const [date, setDate] = createSignal(kstToday());
  const [charting, setCharting] = createSignal<Charting | null>(null);
  const mar = createQuery(() => ({
    queryKey: ['nurse', 'mar', id(), date()],
    queryFn: () => api.get<MarDay>(`/patients/${id()}/mar`, { date: date() }),
  }));
  const statusCell = (d: DueDose) => (
    <Show when={d.status} fallback={
      <span class="badge" classList={{ 'badge-alert': d.overdue }}>{d.overdue ? t('overdueBadge') : t('notChartedYet')}</span>
    }>
      <span class="badge" classList={{ 'badge-ok': d.status === 'GIVEN', 'badge-warn': d.status !== 'GIVEN' }}>{t(d.status!)}</span>
      <small class="muted"> {t('chartedBy', { when: formatTime(d.charting?.administeredAt) })}{d.charting?.reason ? ` · ${d.charting.reason}` : ''}</small>
    </Show>
  );
  return (
    <>
      <Panel title={t('mar')} actions={
        <TextField label={t('date')} type="date" value={date()} onInput={(e) => { if (e.currentTarget.value) { setDate(e.currentTarget.value); setCharting(null); } }} />
      }>
        <QueryView query={mar}>
          {(m) => (
            <>
              <div class="stats">
                <Stat label={t('dueDoses')} value={m.summary.due} />
                <Stat label={t('given')} value={m.summary.given} tone="ok" />
                <Stat label={t('held')} value={m.summary.held} />
                <Stat label={t('refused')} value={m.summary.refused} />
                <Stat label={t('overdue')} value={m.summary.overdue} tone={m.summary.overdue ? 'alert' : undefined} />
              </div>
              <DataTable caption={t('dueDoses')} rows={m.items} rowKey={(d) => `${d.prescriptionId}-${d.medicationIndex}-${d.scheduledTime}`} emptyText={t('noDueDoses')} columns={[
                { header: t('time'), cell: (d) => (d.overdue ? <strong class="field-error">{formatTime(d.scheduledTime)}</strong> : formatTime(d.scheduledTime)) },
                { header: t('drug'), cell: (d) => d.drugName },
                { header: t('dose'), cell: (d) => `${d.dose} ${d.doseUnit} · ${d.route} · ${d.frequency}` },
                { header: t('status'), cell: statusCell },
                { header: t('chart'), cell: (d) => (
                  <Show when={!d.status}>
                    <button type="button" aria-label={t('chartDose', { drug: d.drugName, time: formatTime(d.scheduledTime) })}
                      onClick={() => setCharting({ line: d, scheduledTime: d.scheduledTime })}>{t('chart')}</button>
                  </Show>
                ) },
              ]} />
              <Show when={m.prnLines.length > 0}>
                <h3 style={{ 'margin-top': '1rem' }}>{t('prnLines')}</h3>
                <DataTable caption={t('prnLines')} rows={m.prnLines} rowKey={(l) => `${l.prescriptionId}-${l.medicationIndex}`} columns={[
                  { header: t('drug'), cell: (l) => l.drugName },
                  { header: t('dose'), cell: (l) => `${l.dose} ${l.doseUnit} · ${l.route}` },
                  { header: t('instructions'), cell: (l) => l.instructions ?? '' },
                  { header: t('chart'), cell: (l) => (
                    <button type="button" class="secondary" aria-label={t('chartPrnTitle', { drug: l.drugName })} onClick={() => setCharting({ line: l })}>{t('chart')}</button>
                  ) },
                ]} />
                <h3 style={{ 'margin-top': '1rem' }}>{t('prnGiven')}</h3>
                <DataTable caption={t('prnGiven')} rows={m.prnAdministrations} rowKey={(a) => a.id} emptyText={t('noPrn')} columns={[
                  { header: t('recordedAt'), cell: (a) => formatDateTime(a.administeredAt) },
                  { header: t('drug'), cell: (a) => a.drugName },
                  { header: t('status'), cell: (a) => `${t(a.status)}${a.reason ? ` · ${a.reason}` : ''}` },
                  { header: t('memo'), cell: (a) => a.notes ?? '' },
                ]} />
              </Show>
            </>
          )}
        </QueryView>
        {/* Outside the QueryView, so a background refetch of the MAR does not close a half-typed charting. */}
        <Show when={charting()}>{(c) => (
          <DoseChartForm patientId={id()} line={c().line} scheduledTime={c().scheduledTime} onDone={() => setCharting(null)} />
        )}</Show>
      </Panel>
    </>
  );
}
