import { useParams } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { AiAnalysisPanel } from '../shared/ai/AiAnalysisPanel';
import { t } from './messages';
import { Loaded } from './ui/Loaded';
import { PatientName, ReportWorkspace } from './ReportWorkspace';
import type { Report } from './types';
import { Facts } from '../../shared/ui/Facts';

/** One report opened from the reports list: its study, the AI's analyses and the live editor. */
export default function ReportScreen() {
  const { api } = useApp();
  const params = useParams<{ id: string }>();
  const report = createQuery(() => ({
    queryKey: ['radiology-doctor', 'report', Number(params.id)],
    queryFn: () => api.get<Report>(`/radiology-doctor/reports/${params.id}`),
  }));
  return (
    <Loaded query={report}>
      {(r) => (
        <>
          <h1>{t('reportTitle', { id: r().id })}</h1>
          <Panel title={t('study')}>
            <Facts items={[
              [t('patient'), <PatientName id={r().patient_id} />],
              [t('studyDescription'), r().study_description ?? ''],
              [t('accession'), r().accession_number ?? ''],
              [t('updated'), formatDateTime(r().updated_at)],
              ...(r().signed_at ? [[t('signed'), formatDateTime(r().signed_at)] as [string, string]] : []),
            ]} />
          </Panel>
          <AiAnalysisPanel imageId={r().image_id} canRun />
          <ReportWorkspace report={r()} />
        </>
      )}
    </Loaded>
  );
}
