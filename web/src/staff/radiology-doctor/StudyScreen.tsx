import { useParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { Show, type JSX } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { ErrorState, Loading } from '../../shared/ui/states';
import { imagingStatusLabel, statusLabel } from '../shared/labels';
import { AiAnalysisPanel } from '../shared/ai/AiAnalysisPanel';
import { SuspicionBadge } from '../shared/ai/SuspicionBadge';
import { t } from './messages';
import { Loaded } from './ui/Loaded';
import { ReportWorkspace } from './ReportWorkspace';
import type { Page, Report, Study } from './types';
import { Facts } from '../../shared/ui/Facts';

const patientText = (s: Study) => (s.patient ? `${s.patient.name} (${s.patient.patient_id}, ${s.patient.age}/${s.patient.gender})` : '');

/**
 * The reading screen of one study (a RIS entry): the study, its AI analyses (the panel doctors
 * share: steps, results, model cards, overlay preview, 3-D view), and its report — started here as
 * a draft when there is none yet, then written in the live editor.
 */
export default function StudyScreen() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams<{ scheduleId: string }>();
  const study = createQuery(() => ({
    queryKey: ['radiology-doctor', 'study', params.scheduleId],
    queryFn: () => api.get<Study>(`/ris/schedules/${params.scheduleId}`),
  }));
  const report = createQuery(() => ({
    queryKey: ['radiology-doctor', 'study', params.scheduleId, 'report', study.data?.order_id],
    queryFn: async () => (await api.get<Page<Report>>('/radiology-doctor/reports', { orderId: study.data!.order_id, pageSize: 1 })).items[0] ?? null,
    enabled: !!study.data,
  }));
  const start = createMutation(() => ({
    mutationFn: () => api.post<Report>('/radiology-doctor/reports', { scheduleId: Number(params.scheduleId) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['radiology-doctor'] }),
  }));

  return (
    <Loaded query={study}>
      {(s) => (
        <>
          <h1>{t('studyTitle', { procedure: s().procedure_name })}</h1>
          <Panel title={t('study')}>
            <Facts items={[
              [t('patient'), patientText(s())],
              [t('procedure'), `${s().procedure_name} (${s().modality})`],
              [t('accession'), s().accession_number],
              [t('priority'), statusLabel(s().priority)],
              [t('acquiredAt'), formatDateTime(s().acquired_at ?? s().scheduled_at)],
              [t('status'), imagingStatusLabel(s().status)],
              ...(s().ai_summary ? [[t('ai'), <><SuspicionBadge level={s().ai_suspicion} /> <span>{s().ai_summary}</span></>] as [string, JSX.Element]] : []),
            ]} />
          </Panel>
          <AiAnalysisPanel imageId={s().medical_image_id} canRun />
          <Show when={!report.isPending} fallback={<Loading />}>
            <Show when={report.data} fallback={
              <Panel title={t('editorTitle')}>
                <Show when={s().status === 'AWAITING_READ'} fallback={<p class="notice">{t('notAcquired')}</p>}>
                  <p>{t('noReport')}</p>
                  <Show when={start.isError}><ErrorState error={start.error} /></Show>
                  <button type="button" disabled={start.isPending} onClick={() => start.mutate()}>{t('startReport')}</button>
                </Show>
              </Panel>
            }>
              {(r) => <ReportWorkspace report={r()} />}
            </Show>
          </Show>
          <Show when={report.isError}><ErrorState error={report.error} retry={() => void report.refetch()} /></Show>
        </>
      )}
    </Loaded>
  );
}
