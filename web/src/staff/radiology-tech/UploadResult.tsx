import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { imagingStatusLabel, qcLabel, qcTone } from '../shared/labels';
import { t } from './messages';
import type { QcFinding, Study, UploadAnswer } from './types';
import { Facts } from '../../shared/ui/Facts';

/** A study's QC verdict and its findings (what the radiographer must fix or sign off). */
export function QcSummary(props: { study: Study }) {
  const findings = () => props.study.qc_reasons ?? [];
  return (
    <div>
      <p>
        {t('qc')}: <span class={`badge ${qcTone(props.study.qc_status)}`}>{qcLabel(props.study.qc_status)}</span>
        <Show when={props.study.qc_status === 'PASSED'}> <span class="muted">{t('qcPassed')}</span></Show>
      </p>
      <Show when={findings().length > 0}>
        <ul class="alert-list" aria-label={t('qcFindings')}>
          <For each={findings()}>{(f: QcFinding) => (
            <li classList={{ major: f.severity === 'error' }}>{f.message}{f.count > 1 ? ` ×${f.count}` : ''}</li>
          )}</For>
        </ul>
      </Show>
      <Show when={props.study.qc_resolution_note}><p class="muted">{t('resolved', { note: props.study.qc_resolution_note! })}</p></Show>
    </div>
  );
}

/** What an upload stored: each study with its counts, status and quality check. */
export default function UploadResult(props: { answer: UploadAnswer }) {
  const stored = () => props.answer.files.filter((f) => f.stored).length;
  return (
    <section class="panel" aria-label={t('resultTitle')}>
      <h2>{t('resultTitle')}</h2>
      <p role="status" class="badge-ok" style={{ padding: '0.5rem', 'border-radius': '6px' }}>
        {t('uploadDone', { studies: props.answer.studies.length, stored: stored(), skipped: props.answer.files.length - stored() })}
      </p>
      <For each={props.answer.studies}>{(study) => (
        <article class="panel">
          <h3>{study.description || study.study_instance_uid}</h3>
          <Facts items={[
            [t('modality'), study.modality ?? ''],
            [t('series'), study.series_count ?? 0],
            [t('instances'), study.instance_count ?? 0],
            [t('accession'), study.accession_number ?? '—'],
            [t('status'), imagingStatusLabel(study.status)],
          ]} />
          <QcSummary study={study} />
          <A href={`/radiology-tech/images/${study.id}`}>{t('openStudy')}</A>
        </article>
      )}</For>
    </section>
  );
}
