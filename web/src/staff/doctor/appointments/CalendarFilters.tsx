import { createQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { Field } from '../../../shared/ui/Field';
import { DEPARTMENT_CODES, departmentLabel } from '../../../shared/departments';
import { t } from './messages';
import type { DoctorEntry } from './types';

/** `all` = every doctor of the department; otherwise a doctor's (user) id. */
export type DoctorChoice = number | 'all';

/**
 * Whose appointments: a department, then one of its doctors (GET /doctors?department=) or all of
 * them. The signed-in doctor is marked, so going back to "my calendar" is one pick.
 */
export function CalendarFilters(props: {
  department: string;
  doctor: DoctorChoice;
  meId: number;
  onDepartment: (department: string) => void;
  onDoctor: (doctor: DoctorChoice) => void;
}) {
  const { api } = useApp();
  const doctors = createQuery(() => ({
    queryKey: ['doctor', 'directory', props.department],
    queryFn: () => api.get<DoctorEntry[]>('/doctors', { department: props.department }),
    staleTime: 5 * 60_000,
  }));
  return (
    <div class="toolbar">
      <Field label={t('department')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={props.department} onChange={(e) => props.onDepartment(e.currentTarget.value)}>
            <For each={DEPARTMENT_CODES}>{(code) => <option value={code}>{departmentLabel(code)}</option>}</For>
          </select>
        )}
      </Field>
      <Field label={t('doctor')}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={String(props.doctor)}
            onChange={(e) => props.onDoctor(e.currentTarget.value === 'all' ? 'all' : Number(e.currentTarget.value))}>
            <option value="all">{t('allDoctors')}</option>
            {/* The chosen doctor stays selectable while the directory loads. */}
            <For each={doctors.data ?? (props.doctor === 'all' ? [] : [{ id: props.doctor, name: '…' } as DoctorEntry])}>{(doc) => (
              <option value={String(doc.id)} selected={doc.id === props.doctor}>{doc.id === props.meId ? t('me', { name: doc.name }) : doc.name}</option>
            )}</For>
          </select>
        )}
      </Field>
    </div>
  );
}
