import { createQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useApp } from '../shared/app-context';
import { formatDate } from '../shared/i18n';
import { Panel } from '../shared/ui/AppShell';
import { DataTable } from '../shared/ui/DataTable';
import { QueryView } from '../shared/ui/states';
import { bodyPartLabel, departmentLabel, imageStatusLabel } from './labels';
import { t } from './messages';
import type { Page, PortalImage, PortalReport } from './types';
import { AiResults } from './AiResults';
import { ImagePreview } from './ui/ImagePreview';
import { LinkNotice } from './ui/LinkNotice';
import { StatusBadge } from './ui/StatusBadge';

/** Studies that have pictures to render: ordered but not yet taken ones have none. */
const hasPictures = (image: PortalImage) => image.status !== 'REQUESTED';

/** One released report: findings, conclusion and recommendations as the radiologist signed them. */
function Report(props: { report: PortalReport }) {
  const r = () => props.report;
  return (
    <article class="report">
      <h3>{r().study_description ?? r().accession_number} <StatusBadge code={r().status} /></h3>
      <p class="muted">{t('reportDate')}: {formatDate(r().report_date ?? r().signed_at)}</p>
      <dl class="facts">
        <Show when={r().findings}><dt>{t('findings')}</dt><dd>{r().findings}</dd></Show>
        <Show when={r().conclusion}><dt>{t('conclusion')}</dt><dd>{r().conclusion}</dd></Show>
        <Show when={r().recommendations}><dt>{t('recommendations')}</dt><dd>{r().recommendations}</dd></Show>
      </dl>
      <AiResults imageId={r().image_id} />
    </article>
  );
}

/**
 * `/patient/images`: my imaging studies with their reading status and a rendered preview, and the
 * reports my doctor has released with the study's AI results in plain words (the reading history
 * never reaches the portal).
 */
export default function Images() {
  const { api } = useApp();
  const images = createQuery(() => ({ queryKey: ['portal', 'images'], queryFn: () => api.get<Page<PortalImage>>('/portal/images', { pageSize: 100 }) }));
  const reports = createQuery(() => ({ queryKey: ['portal', 'radiology-reports'], queryFn: () => api.get<Page<PortalReport>>('/portal/radiology-reports', { pageSize: 100 }) }));
  const name = (i: PortalImage) => i.description ?? i.image_type;
  return (
    <>
      <h1>{t('images')}</h1>
      <LinkNotice />
      <Panel title={t('studies')}>
        <QueryView query={images}>
          {(d) => (
            <DataTable caption={t('studies')} rows={d.items} rowKey={(i) => i.id} emptyText={t('noImages')} columns={[
              { header: t('takenDate'), cell: (i) => formatDate(i.taken_date) },
              { header: t('description'), cell: name },
              { header: t('department'), cell: (i) => departmentLabel(i.department) },
              { header: t('bodyPart'), cell: (i) => bodyPartLabel(i.body_part) },
              { header: t('status'), cell: (i) => <StatusBadge code={i.status} label={imageStatusLabel(i.status)} /> },
              { header: t('preview'), cell: (i) => <Show when={hasPictures(i)} fallback={<span class="muted">—</span>}><ImagePreview imageId={i.id} name={name(i)} /></Show> },
            ]} />
          )}
        </QueryView>
      </Panel>
      <Panel title={t('reports')}>
        <QueryView query={reports} empty={(d) => d.items.length === 0} emptyText={t('noReports')}>
          {(d) => <For each={d.items}>{(r) => <Report report={r} />}</For>}
        </QueryView>
      </Panel>
    </>
  );
}
