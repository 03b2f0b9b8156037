import { A } from '@solidjs/router';
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDate, formatDateTime } from '../../shared/i18n';
import { Panel, Stat } from '../../shared/ui/AppShell';
import { DataTable, Pagination } from '../../shared/ui/DataTable';
import { Facts } from '../../shared/ui/Facts';
import { Field } from '../../shared/ui/Field';
import { QueryView } from '../../shared/ui/states';
import { FlagBadges } from './AbnormalFlags';
import { t } from './messages';
import type { WardOverview, WardPatient } from './types';

const PAGE_SIZE = 50;

const patientCell = (p: WardPatient) => (
  <>
    <A href={`/nurse/patients/${p.patientId}`}>{p.name ?? p.patientId}</A>
    <br /><small class="muted">{p.patientNumber}{p.gender ? ` · ${t(p.gender as 'M')}` : ''}{p.age != null ? ` ${t('years', { n: p.age })}` : ''}</small>
    <Show when={p.currentCondition}><br /><small>{p.currentCondition}</small></Show>
  </>
);

const vitalsCell = (p: WardPatient) => (
  <Show when={p.latestVitals} fallback={<span class="muted">{t('noVitalsYet')}</span>}>{(v) => (
    <>
      <small>{formatDateTime(v().recordedAt)}</small><br />
      <Show when={v().abnormal.length > 0} fallback={<span class="badge badge-ok">{t('normal')}</span>}>
        <FlagBadges flags={v().abnormal} />
      </Show>
    </>
  )}</Show>
);

const nowrap = { 'white-space': 'nowrap' } as const;

/** What waits for the nurse: today's doses not charted (overdue ones red), and a STAT draw. */
const toDoCell = (p: WardPatient) => (
  <>
    <A href={`/nurse/patients/${p.patientId}/mar`} style={nowrap} aria-label={`${p.name ?? ''} ${t('tabMar')}: ${t('dosesCell', { n: p.doses.uncharted })}`}>
      {t('dosesCell', { n: p.doses.uncharted })}
    </A>
    <Show when={p.doses.overdue > 0}> <span class="badge badge-alert">{t('overdueCell', { n: p.doses.overdue })}</span></Show>
    <Show when={p.statSpecimenPending}><br /><A href="/nurse/tasks" class="badge badge-alert">{t('statPending')}</A></Show>
  </>
);

/**
 * The ward at a glance (병동 현황): every patient admitted now in the nurse's scope, room by room,
 * with the stay, the attending doctor and what needs her — abnormal latest vitals, today's doses
 * not charted yet, a STAT draw waiting. Each row opens the patient's screens.
 */
export default function WardPage() {
  const { api } = useApp();
  const [ward, setWard] = createSignal('');
  const [abnormalOnly, setAbnormalOnly] = createSignal(false);
  const [page, setPage] = createSignal(1);
  const overview = createQuery(() => ({
    queryKey: ['nurse', 'ward', ward(), abnormalOnly(), page()],
    queryFn: () => api.get<WardOverview>('/nurse/ward', { ward: ward() || undefined, abnormalOnly: abnormalOnly() || undefined, page: page(), pageSize: PAGE_SIZE }),
    // The filters stay on screen with the last answer while the next one loads.
    placeholderData: keepPreviousData,
  }));
  const filtered = () => ward() !== '' || abnormalOnly();
  return (
    <>
      <h1>{t('wardOverview')}</h1>
      <QueryView query={overview}>
        {(d) => (
          <>
            <div class="stats">
              <Stat label={t('admittedPatients')} value={d.summary.admitted} />
              <Stat label={t('abnormalNow')} value={d.summary.abnormal} tone={d.summary.abnormal ? 'alert' : undefined} />
              <Stat label={t('occupiedRooms')} value={d.summary.wards.reduce((sum, w) => sum + w.rooms, 0)} />
            </div>
            <Show when={d.summary.truncated}><p class="notice" role="status">{t('truncatedNote', { n: d.summary.counted })}</p></Show>
            <Panel title={t('wardsTitle')}>
              <Show when={d.summary.wards.length > 0} fallback={<p class="muted">{t('noAdmitted')}</p>}>
                <Facts items={d.summary.wards.map((w) => [w.ward, `${t('patientsInWard', { n: w.patients })} · ${t('roomsInWard', { n: w.rooms })}`])} />
              </Show>
              <p class="muted">{t('bedNote')}</p>
            </Panel>
            <Panel title={t('wardPatients')} actions={
              <div class="toolbar">
                <Field label={t('wardFilter')}>{(id) => (
                  <select id={id} value={ward()} onChange={(e) => { setWard(e.currentTarget.value); setPage(1); }}>
                    <option value="">{t('allWards')}</option>
                    <For each={d.summary.wards}>{(w) => <option value={w.ward}>{w.ward} ({t('patientsInWard', { n: w.patients })})</option>}</For>
                  </select>
                )}</Field>
                <label>
                  <input type="checkbox" checked={abnormalOnly()} style={{ width: 'auto' }}
                    onChange={(e) => { setAbnormalOnly(e.currentTarget.checked); setPage(1); }} /> {t('abnormalOnly')}
                </label>
              </div>
            }>
              <DataTable caption={t('wardPatients')} rows={d.items} rowKey={(p) => p.patientId} emptyText={filtered() ? t('noMatch') : t('noAdmitted')} columns={[
                { header: t('wardRoom'), cell: (p) => <><strong>{p.roomNumber}</strong><br /><small class="muted">{p.ward}</small></> },
                { header: t('patient'), cell: patientCell },
                { header: t('admission'), cell: (p) => <><span style={nowrap}>{formatDate(p.admissionDate)}</span><Show when={p.hospitalDay != null}><br /><small class="muted">{t('hospitalDay', { n: p.hospitalDay! })}</small></Show></> },
                { header: t('attending'), cell: (p) => <span style={nowrap}>{p.attendingDoctors.join(', ')}</span> },
                { header: t('latestVitals'), cell: vitalsCell },
                { header: t('toDo'), cell: toDoCell },
                { header: t('open'), cell: (p) => (
                  <>
                    <A href={`/nurse/patients/${p.patientId}/notes`} style={nowrap} aria-label={`${p.name ?? ''} ${t('tabNotes')}`}>{t('tabNotes')}</A>
                    <br /><A href={`/nurse/patients/${p.patientId}/status`} style={nowrap} aria-label={`${p.name ?? ''} ${t('tabStatus')}`}>{t('tabStatus')}</A>
                  </>
                ) },
              ]} />
              <Show when={d.total > d.pageSize}><Pagination page={d.page} pageSize={d.pageSize} total={d.total} onPage={setPage} /></Show>
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
