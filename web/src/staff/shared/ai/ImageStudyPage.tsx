import { useParams } from '@solidjs/router';
import { createQuery } from '@tanstack/solid-query';
import { Show, createResource, onCleanup } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { defineMessages, formatDateTime } from '../../../shared/i18n';
import { Panel } from '../../../shared/ui/AppShell';
import { Facts } from '../../../shared/ui/Facts';
import { QueryView } from '../../../shared/ui/states';
import { statusLabel } from '../labels';
import { AiAnalysisPanel } from './AiAnalysisPanel';

const t = defineMessages({
  ko: { title: '영상 검사', patient: '환자', type: '검사', bodyPart: '부위', taken: '촬영일', status: '상태', preview: '미리보기', noPreview: '아직 PACS에 영상이 없습니다.' },
  en: { title: 'Imaging study', patient: 'Patient', type: 'Study', bodyPart: 'Body part', taken: 'Taken', status: 'Status', preview: 'Preview', noPreview: 'No images in the PACS yet.' },
});

interface Study {
  id: number; patient_id: string; image_type: string; description: string | null; body_part: string | null; taken_date: string | null; status: string;
  study?: { studyInstanceUid: string } | null;
}

/** `<app>/images/:id`: one study with a rendered preview and its AI decision support. */
export default function ImageStudyPage() {
  const { api, session } = useApp();
  const params = useParams<{ id: string }>();
  const id = () => Number(params.id);
  const study = createQuery(() => ({ queryKey: ['images', id()], queryFn: () => api.get<Study>(`/medical-images/${id()}`) }));
  // The rendered first image (window/level by the server); none until the study is in the PACS.
  const [preview] = createResource(id, async (imageId) => {
    const blob = await api.blob(`/medical-images/${imageId}/download`, { format: 'jpeg' }).catch(() => null);
    return blob ? URL.createObjectURL(blob) : null;
  });
  onCleanup(() => { const url = preview(); if (url) URL.revokeObjectURL(url); });
  const canRun = () => ['doctor', 'radiologist'].includes(session.me()?.role ?? '');

  return (
    <>
      <h1>{t('title')}</h1>
      <QueryView query={study}>
        {(s) => (
          <Panel title={`${s.image_type} · ${s.description ?? ''}`}>
            <Facts items={[
              [t('patient'), s.patient_id],
              [t('bodyPart'), s.body_part ?? ''],
              [t('taken'), formatDateTime(s.taken_date)],
              [t('status'), statusLabel(s.status)],
            ]} />
            <Show when={preview()} fallback={<p class="muted">{preview.loading ? '…' : t('noPreview')}</p>}>
              <img class="study-preview" src={preview()!} alt={`${t('preview')}: ${s.image_type} ${s.description ?? ''}`} />
            </Show>
          </Panel>
        )}
      </QueryView>
      <AiAnalysisPanel imageId={id()} canRun={canRun()} />
    </>
  );
}
