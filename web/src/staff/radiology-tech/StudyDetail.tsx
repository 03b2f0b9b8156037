import { A, useParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatDateTime } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { Field } from '../../shared/ui/Field';
import { Empty, QueryView } from '../../shared/ui/states';
import { imagingStatusLabel } from '../shared/labels';
import { t } from './messages';
import type { Study } from './types';
import { Facts } from '../../shared/ui/Facts';
import { QcSummary } from './UploadResult';

/** One study: what the PACS holds (series, images), its QC findings, and their sign-off. */
export default function StudyDetail() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams<{ id: string }>();
  const [note, setNote] = createSignal('');
  const study = createQuery(() => ({
    queryKey: ['radiology-tech', 'image', params.id],
    queryFn: () => api.get<Study>(`/radiology-tech/images/${params.id}`),
  }));
  const resolve = createMutation(() => ({
    mutationFn: () => api.post<Study>(`/medical-images/${params.id}/qc/resolve`, { note: note().trim() }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['radiology-tech'] }),
  }));

  return (
    <>
      <h1>{t('studyTitle')}</h1>
      <p><A href="/radiology-tech/history">{t('back')}</A></p>
      <QueryView query={study}>
        {(s) => (
          <>
            <Panel title={s.description || `#${s.id}`}>
              <Facts items={[
                [t('patient'), `${s.patient?.name ?? ''} (${s.patient_id})`],
                [t('takenAt'), formatDateTime(s.taken_date ?? s.created_at)],
                [t('modality'), s.modality ?? s.image_type],
                [t('bodyPart'), s.body_part ?? ''],
                [t('accession'), s.accession_number ?? '—'],
                [t('status'), imagingStatusLabel(s.status)],
              ]} />
              <p class="muted">{t('studyUid')}: <code>{s.study_instance_uid}</code></p>
              <QcSummary study={s} />
              <Show when={s.qc_status === 'WARNING' || s.qc_status === 'FAILED'}>
                <form onSubmit={(e) => { e.preventDefault(); resolve.mutate(); }} aria-label={t('resolveQc')}>
                  <Field label={t('resolveNote')} error={resolve.isError ? resolve.error?.message : null}>
                    {(id, describedBy) => <textarea id={id} aria-describedby={describedBy} value={note()} required maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />}
                  </Field>
                  <button type="submit" disabled={resolve.isPending || !note().trim()}>{t('resolve')}</button>
                </form>
              </Show>
            </Panel>
            <Panel title={t('seriesList')}>
              <Show when={(s.study?.series.length ?? 0) > 0} fallback={<Empty>{t('noSeries')}</Empty>}>
                <ul>
                  <For each={s.study!.series}>{(series) => (
                    <li>
                      {t('seriesNumber')} {series.seriesNumber ?? '—'} · {series.modality} · {t('instances')} {series.instances.length}
                      <div class="muted"><code>{series.seriesInstanceUid}</code></div>
                    </li>
                  )}</For>
                </ul>
              </Show>
            </Panel>
          </>
        )}
      </QueryView>
    </>
  );
}
