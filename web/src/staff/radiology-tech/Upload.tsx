import { useSearchParams } from '@solidjs/router';
import { createQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, on, Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { formatNumber } from '../../shared/i18n';
import { Panel } from '../../shared/ui/AppShell';
import { Field, TextField } from '../../shared/ui/Field';
import { ErrorState } from '../../shared/ui/states';
import { t } from './messages';
import PatientPicker from './PatientPicker';
import type { PatientLabel, ScheduleEntry, UploadAnswer } from './types';
import { uploadImages } from './upload-request';
import UploadResult from './UploadResult';

type Phase = 'idle' | 'uploading' | 'processing';

/**
 * Upload of DICOM files or photos with their metadata. Opened from a schedule entry
 * (`?scheduleId=`), the patient, accession and procedure come filled in, and the server links the
 * images to that booking (판독대기). The server checks every file before it stores any: its
 * refusal (not DICOM, another patient's file, another accession) is shown and the form is kept.
 */
export default function Upload() {
  const { api, session } = useApp();
  const client = useQueryClient();
  const [params] = useSearchParams<{ scheduleId?: string }>();
  const [patient, setPatient] = createSignal<PatientLabel | null>(null);
  const [accession, setAccession] = createSignal('');
  const [bodyPart, setBodyPart] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [source, setSource] = createSignal('UPLOAD');
  const [files, setFiles] = createSignal<File[]>([]);
  const [phase, setPhase] = createSignal<Phase>('idle');
  const [progress, setProgress] = createSignal(0);
  const [error, setError] = createSignal<unknown>(null);
  const [missing, setMissing] = createSignal<{ patient?: string; files?: string }>({});
  const [result, setResult] = createSignal<UploadAnswer | null>(null);

  const entry = createQuery(() => ({
    queryKey: ['radiology-tech', 'schedule', params.scheduleId],
    queryFn: () => api.get<ScheduleEntry>(`/ris/schedules/${params.scheduleId}`),
    enabled: !!params.scheduleId,
  }));
  // Fill the form from the booking when it arrives, without overwriting what the user typed (`on`:
  // clearing a field afterwards must not fill it again).
  createEffect(on(() => entry.data, (e) => {
    if (!e) return;
    if (!patient() && e.patient) setPatient(e.patient);
    if (!accession()) setAccession(e.accession_number);
    if (!bodyPart()) setBodyPart(e.body_part);
    if (!description()) setDescription(e.procedure_name);
  }));

  let fileInput: HTMLInputElement | undefined;
  const totalBytes = () => files().reduce((sum, f) => sum + f.size, 0);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const gaps = { patient: patient() ? undefined : t('needPatient'), files: files().length ? undefined : t('needFiles') };
    setMissing(gaps);
    if (gaps.patient || gaps.files) return;
    const form = new FormData();
    form.append('patientId', String(patient()!.id));
    if (accession().trim()) form.append('accessionNumber', accession().trim());
    if (bodyPart().trim()) form.append('bodyPart', bodyPart().trim());
    if (description().trim()) form.append('description', description().trim());
    form.append('imageSource', source());
    for (const file of files()) form.append('files', file, file.name);
    setError(null);
    setResult(null);
    setProgress(0);
    setPhase('uploading');
    try {
      const answer = await uploadImages(session, form, (fraction) => {
        setProgress(fraction);
        if (fraction >= 1) setPhase('processing');
      });
      setResult(answer);
      // Stored: the next upload starts with no files chosen (the metadata stays for a second series).
      setFiles([]);
      if (fileInput) fileInput.value = '';
      await client.invalidateQueries({ queryKey: ['radiology-tech'] });
    } catch (err) {
      setError(err);
    } finally {
      setPhase('idle');
    }
  };

  return (
    <>
      <h1>{t('uploadTitle')}</h1>
      <Show when={entry.data}>{(e) => <p class="notice">{t('forSchedule', { accession: e().accession_number, procedure: e().procedure_name })}</p>}</Show>
      <Panel title={t('upload')}>
        <form onSubmit={submit} aria-busy={phase() !== 'idle'}>
          <PatientPicker value={patient()} onChange={setPatient} error={missing().patient} />
          <div class="form-row">
            <TextField label={t('accession')} value={accession()} maxLength={16} onInput={(e) => setAccession(e.currentTarget.value)} />
            <TextField label={t('bodyPart')} hint={t('bodyPartHint')} value={bodyPart()} maxLength={64} onInput={(e) => setBodyPart(e.currentTarget.value)} />
            <Field label={t('imageSource')}>
              {(id) => (
                <select id={id} value={source()} onChange={(e) => setSource(e.currentTarget.value)}>
                  <option value="UPLOAD">{t('sourceUpload')}</option>
                  <option value="CAMERA">{t('sourceCamera')}</option>
                  <option value="MOBILE_APP">{t('sourceMobile')}</option>
                </select>
              )}
            </Field>
          </div>
          <Field label={t('description')}>
            {(id) => <textarea id={id} value={description()} maxLength={1000} onInput={(e) => setDescription(e.currentTarget.value)} />}
          </Field>
          <Field label={t('files')} hint={t('filesHint')} error={missing().files}>
            {(id, describedBy) => (
              <input id={id} ref={fileInput} type="file" multiple aria-describedby={describedBy} onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])} />
            )}
          </Field>
          <Show when={files().length > 0}>
            <p class="muted">{t('selectedFiles', { n: files().length, size: `${formatNumber(Math.ceil(totalBytes() / 1024))} KB` })}</p>
          </Show>
          <Show when={phase() !== 'idle'}>
            <div role="status" aria-live="polite">
              <progress max="1" value={progress()} aria-label={t('progress')} style={{ width: '100%' }} />
              <p>{phase() === 'processing' ? t('processing') : `${t('uploading')} ${Math.round(progress() * 100)}%`}</p>
            </div>
          </Show>
          <Show when={error()}><ErrorState error={error()} /></Show>
          <button type="submit" disabled={phase() !== 'idle'}>{t('submitUpload')}</button>
        </form>
      </Panel>
      <Show when={result()}>{(answer) => <UploadResult answer={answer()} />}</Show>
    </>
  );
}
