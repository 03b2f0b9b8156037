import { A, useParams } from '@solidjs/router';
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { Show, createEffect, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { Panel } from '../../../shared/ui/AppShell';
import { Field, TextField } from '../../../shared/ui/Field';
import { PatientHeader } from '../chart/PatientHeader';
import type { DiagnosisCode, MedicalRecord } from '../types';
import { ServerError, fieldError } from '../ui/server-error';
import { DiagnosisPicker } from './DiagnosisPicker';
import { t } from './messages';

/** Today in the hospital's time zone, as the API's `YYYY-MM-DD`. */
const todayKst = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());

/**
 * Seed §4.1.2 진료 기록 작성: a draft (POST /medical-records, then PATCH while it is one) that the
 * author signs (POST …/sign). The server checks the date and the KCD code; its messages appear
 * next to the fields and what was typed stays.
 */
export default function RecordEditor() {
  const { api } = useApp();
  const client = useQueryClient();
  const params = useParams<{ id: string; recordId?: string }>();
  const patientId = () => Number(params.id);
  const [recordId, setRecordId] = createSignal<number | undefined>(params.recordId ? Number(params.recordId) : undefined);
  const [visitDate, setVisitDate] = createSignal(todayKst());
  const [diagnosis, setDiagnosis] = createSignal<DiagnosisCode | null>(null);
  const [symptoms, setSymptoms] = createSignal('');
  const [treatment, setTreatment] = createSignal('');
  const [notes, setNotes] = createSignal('');
  const [doctorNotes, setDoctorNotes] = createSignal('');
  const [status, setStatus] = createSignal<'NEW' | 'DRAFT' | 'SIGNED'>('NEW');

  // Continuing a draft: its content fills the form once.
  const existing = createQuery(() => ({
    queryKey: ['doctor', 'record', Number(params.recordId)],
    queryFn: () => api.get<MedicalRecord>(`/medical-records/${params.recordId}`),
    enabled: !!params.recordId,
  }));
  let filled = false;
  createEffect(() => {
    const r = existing.data;
    if (!r || filled) return;
    filled = true;
    setVisitDate(r.visit_date);
    setDiagnosis(r.diagnosis_code ? { code: r.diagnosis_code, name: (r.diagnosis ?? '').replace(`${r.diagnosis_code} `, ''), department: null } : null);
    setSymptoms(r.symptoms ?? ''); setTreatment(r.treatment ?? ''); setNotes(r.notes ?? ''); setDoctorNotes(r.doctor_notes ?? '');
    setStatus(r.status === 'DRAFT' ? 'DRAFT' : 'SIGNED');
  });

  const fields = () => ({
    ...(diagnosis() ? { diagnosisCode: diagnosis()!.code } : {}),
    symptoms: symptoms(), treatment: treatment(), notes: notes(), doctorNotes: doctorNotes(),
  });
  /** Creates the draft, or updates it once it exists (the visit date is fixed at creation). */
  async function saveDraft(): Promise<number> {
    const id = recordId();
    if (id) {
      await api.patch<MedicalRecord>(`/medical-records/${id}`, fields());
      return id;
    }
    const created = await api.post<MedicalRecord>('/medical-records', { patientId: patientId(), visitDate: visitDate(), ...fields() });
    setRecordId(created.id);
    setStatus('DRAFT');
    return created.id;
  }
  const refresh = () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'doctor' && ['records', 'record', 'dashboard'].includes(String(q.queryKey[1])) });
  const save = createMutation(() => ({ mutationFn: saveDraft, onMutate: (): void => { sign.reset(); }, onSuccess: refresh }));
  const sign = createMutation(() => ({
    mutationFn: async () => api.post<MedicalRecord>(`/medical-records/${await saveDraft()}/sign`),
    onMutate: (): void => { save.reset(); },
    onSuccess: () => { setStatus('SIGNED'); void refresh(); },
  }));
  const error = () => sign.error ?? save.error;
  const busy = () => save.isPending || sign.isPending;
  const locked = () => status() === 'SIGNED';
  const chart = () => `/doctor/patients/${patientId()}`;

  return (
    <>
      <h1>{t('recordTitle')}</h1>
      <PatientHeader patientId={patientId()} />
      <Panel title={t('recordTitle')}>
        <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} aria-busy={busy()}>
          <div class="form-row">
            <TextField label={t('visitDate')} type="date" required value={visitDate()} max={todayKst()} disabled={!!recordId() || locked()}
              onInput={(e) => setVisitDate(e.currentTarget.value)} error={fieldError(error(), 'visitDate')} />
          </div>
          <DiagnosisPicker value={diagnosis()} onChange={setDiagnosis} error={fieldError(error(), 'diagnosisCode')} disabled={locked()} />
          <Field label={t('symptoms')}>{(id, d) => <textarea id={id} aria-describedby={d} value={symptoms()} readOnly={locked()} onInput={(e) => setSymptoms(e.currentTarget.value)} />}</Field>
          <Field label={t('treatment')}>{(id, d) => <textarea id={id} aria-describedby={d} value={treatment()} readOnly={locked()} onInput={(e) => setTreatment(e.currentTarget.value)} />}</Field>
          <Field label={t('notes')}>{(id, d) => <textarea id={id} aria-describedby={d} value={notes()} readOnly={locked()} onInput={(e) => setNotes(e.currentTarget.value)} />}</Field>
          <Field label={t('doctorNotes')}>{(id, d) => <textarea id={id} aria-describedby={d} value={doctorNotes()} readOnly={locked()} onInput={(e) => setDoctorNotes(e.currentTarget.value)} />}</Field>
          <Show when={error()}><ServerError error={error()} /></Show>
          <Show when={!locked()} fallback={
            <div class="success" role="status">
              <p>{t('signed')}</p>
              <div class="action-links">
                <A href={`${chart()}/prescribe?recordId=${recordId()}`}>{t('prescribeTitle')}</A>
                <A href={`${chart()}/lab-order?recordId=${recordId()}`}>{t('labTitle')}</A>
                <A class="secondary" href={chart()}>{t('backToChart')}</A>
              </div>
            </div>
          }>
            <Show when={save.isSuccess && !save.isPending}><p class="success" role="status">{t('draftSaved')}</p></Show>
            <p class="muted">{t('signHint')}</p>
            <div class="form-actions">
              <button type="submit" class="secondary" disabled={busy()}>{t('saveDraft')}</button>
              <button type="button" disabled={busy()} onClick={() => sign.mutate()}>{t('sign')}</button>
            </div>
          </Show>
        </form>
      </Panel>
    </>
  );
}
