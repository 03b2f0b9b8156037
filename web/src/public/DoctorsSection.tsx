import { createResource, For, Match, Show, Switch } from 'solid-js';
import { DEPARTMENTS } from './departments';
import { compactHours, type WeeklyHour } from './hours';
import { t, type MessageKey } from './messages';

/** A doctor as GET /api/v1/public/doctors answers (public facts only: no account id, no contact). */
interface PublicDoctor {
  name: string;
  department: string;
  departmentLabel: string | null;
  specialization: string | null;
  slotMinutes: number;
  hours: WeeklyHour[];
}


/** The public endpoint needs no session, so a plain fetch (the app has no API client without one). */
async function loadDoctors(): Promise<PublicDoctor[]> {
  const res = await fetch('/api/v1/public/doctors');
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body as PublicDoctor[];
}

/** The five departments, each with what it treats and its doctors (name, specialization, weekly hours). */
export function DoctorsSection() {
  const [doctors, { refetch }] = createResource(loadDoctors);
  const of = (department: string) => (doctors() ?? []).filter((d) => d.department === department);
  return (
    <section class="panel" aria-labelledby="departments">
      <h2 id="departments">{t('departments')}</h2>
      <Switch>
        <Match when={doctors.loading}><p class="state" role="status">{t('loading')}</p></Match>
        <Match when={doctors.error}>
          <div class="state state-error" role="alert">
            <p>{t('doctorsFailed')} {(doctors.error as Error).message}</p>
            <button type="button" onClick={() => void refetch()}>{t('retry')}</button>
          </div>
        </Match>
        <Match when={doctors()}>
          <div class="department-grid">
            <For each={DEPARTMENTS}>{(department) => (
              <section class="department" aria-labelledby={`dept-${department}`}>
                <h3 id={`dept-${department}`}><span>{t(department)}</span> <span class="muted">· {t('doctorCount', { n: of(department).length })}</span></h3>
                <p class="muted">{t(`${department}_about` as MessageKey)}</p>
                <Show when={of(department).length} fallback={<p>{t('noDoctors')}</p>}>
                  <ul class="doctor-list">
                    <For each={of(department)}>{(doctor) => (
                      <li>
                        <strong>{doctor.name}</strong>
                        <Show when={doctor.specialization}><span> — {t('specialization')}: {doctor.specialization}</span></Show>
                        <div>
                          {t('weeklyHours')}: {compactHours(doctor.hours).join(', ') || '—'}
                          <span class="muted"> ({t('slotLength', { n: doctor.slotMinutes })})</span>
                        </div>
                      </li>
                    )}</For>
                  </ul>
                </Show>
              </section>
            )}</For>
          </div>
        </Match>
      </Switch>
    </section>
  );
}
