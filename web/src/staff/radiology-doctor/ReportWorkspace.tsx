import { createQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { statusLabel } from '../shared/labels';
import { ReportEditor } from './collab/ReportEditor';
import { t } from './messages';
import { ReportHistory } from './ReportHistory';
import type { Report } from './types';

/** The name and chart number of a patient (reports carry only the patient's id). */
export function PatientName(props: { id: number }) {
  const { api } = useApp();
  const patient = createQuery(() => ({
    queryKey: ['radiology-doctor', 'patient', props.id],
    queryFn: () => api.get<{ name: string; patient_id: string }>(`/patients/${props.id}`),
    staleTime: 5 * 60_000,
  }));
  return <>{patient.data ? `${patient.data.name} (${patient.data.patient_id})` : `#${props.id}`}</>;
}

/** A report's status, the live editor on it, and its history. One editor per report id. */
export function ReportWorkspace(props: { report: Report }) {
  return (
    <>
      <p>
        {t('reportStatus')}: <strong class="badge" classList={{ 'badge-ok': props.report.status === 'FINAL' || props.report.status === 'AMENDED' }}
          data-testid="report-status">{statusLabel(props.report.status)}</strong> · {t('version')} {props.report.version}
      </p>
      <Show when={props.report.id} keyed>
        {(_id: number) => <ReportEditor report={props.report} />}
      </Show>
      <ReportHistory reportId={props.report.id} />
    </>
  );
}
