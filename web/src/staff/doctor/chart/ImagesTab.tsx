import { useNavigate } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { useApp } from '../../../shared/app-context';
import { formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { DataTable } from '../../../shared/ui/DataTable';
import { QueryView } from '../../../shared/ui/states';
import { statusLabel } from '../../shared/labels';
import { BreastWorkupStrip } from '../../shared/ai/views';
import type { ImageStudy, Page } from '../types';
import { t } from './messages';

/**
 * Seed §4.1.3 환자별 이미지 조회: the patient's imaging studies, newest first, with their reading
 * status; a study opens with its AI results. Above them, when the patient has breast AI analyses,
 * the breast work-up (ultrasound → MRI → pathology) across those studies (§4.1.5).
 */
export function ImagesTab(props: { patientId: number }) {
  const { api } = useApp();
  const navigate = useNavigate();
  const images = createQuery(() => ({
    queryKey: ['doctor', 'images', props.patientId],
    queryFn: () => api.get<Page<ImageStudy>>('/medical-images', { patientId: props.patientId, pageSize: 50 }),
  }));
  return (
    <>
    <BreastWorkupStrip patientId={props.patientId} imageHref={(id) => `/doctor/images/${id}`} />
    <Panel title={t('images')}>
      <QueryView query={images}>
        {(data) => (
          <DataTable caption={t('images')} rows={data.items} rowKey={(s) => s.id} emptyText={t('noImages')} onSelect={(s) => navigate(`/doctor/images/${s.id}`)} columns={[
            { header: t('takenDate'), cell: (s) => formatDateTime(s.taken_date) },
            { header: t('study'), cell: (s) => <a href={`/doctor/images/${s.id}`}>{s.description ?? s.id}</a> },
            { header: t('modality'), cell: (s) => s.modality ?? s.image_type ?? '' },
            { header: t('bodyPart'), cell: (s) => s.body_part ?? '' },
            { header: t('status'), cell: (s) => s.status_label ?? statusLabel(s.status) },
          ]} />
        )}
      </QueryView>
    </Panel>
    </>
  );
}
