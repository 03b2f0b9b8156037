import { createQuery } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { TextField } from '../../../shared/ui/Field';
import { Loading } from '../../../shared/ui/states';
import type { DiagnosisCode } from '../types';
import { debounced } from '../ui/debounce';
import { t } from './messages';

/**
 * KCD-8 code search (GET /medical-records/diagnosis-codes): by code prefix or part of the Korean
 * name; choosing one puts it on the record, the server stores code and name together.
 */
export function DiagnosisPicker(props: { value: DiagnosisCode | null; onChange: (code: DiagnosisCode | null) => void; error?: string | null; disabled?: boolean }) {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const q = debounced(() => text().trim(), 250);
  const codes = createQuery(() => ({
    queryKey: ['doctor', 'kcd', q()],
    queryFn: () => api.get<{ items: DiagnosisCode[] }>('/medical-records/diagnosis-codes', { q: q() }),
    enabled: q().length > 0,
    staleTime: Infinity,
  }));
  return (
    <div>
      <p>
        <strong>{t('diagnosisChosen')}: </strong>
        <Show when={props.value} fallback={<span class="muted">{t('noDiagnosis')}</span>}>{(d) => (
          <>
            <span class="badge" data-testid="chosen-diagnosis">{d().code} {d().name}</span>{' '}
            <Show when={!props.disabled}><button type="button" class="secondary" onClick={() => props.onChange(null)}>{t('clear')}</button></Show>
          </>
        )}</Show>
      </p>
      <Show when={props.error}><p class="field-error" role="alert">{props.error}</p></Show>
      <Show when={!props.disabled}>
        <TextField label={t('diagnosisSearch')} hint={t('diagnosisHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} autocomplete="off" />
        <Show when={q().length > 0}>
          <Show when={!codes.isPending} fallback={<Loading />}>
            <Show when={(codes.data?.items.length ?? 0) > 0} fallback={<p class="muted">{t('noCodes')}</p>}>
              <ul class="pick-list">
                <For each={codes.data!.items.slice(0, 30)}>{(code) => (
                  <li>
                    <button type="button" class="secondary" aria-pressed={props.value?.code === code.code} onClick={() => { props.onChange(code); setText(''); }}>
                      {code.code} {code.name}
                    </button>
                  </li>
                )}</For>
              </ul>
            </Show>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
