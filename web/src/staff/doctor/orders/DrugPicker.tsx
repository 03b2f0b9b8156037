import { createQuery } from '@tanstack/solid-query';
import { For, Show, createSignal } from 'solid-js';
import { useApp } from '../../../shared/app-context';
import { TextField } from '../../../shared/ui/Field';
import { Loading } from '../../../shared/ui/states';
import type { FormularyDrug, Page } from '../types';
import { debounced } from '../ui/debounce';
import { t } from './messages';

/** Formulary search (GET /formulary): name, 초성, ingredient, code or ATC prefix; each hit is an "add" button. */
export function DrugPicker(props: { chosen: string[]; onAdd: (drug: FormularyDrug) => void }) {
  const { api } = useApp();
  const [text, setText] = createSignal('');
  const q = debounced(() => text().trim(), 250);
  const drugs = createQuery(() => ({
    queryKey: ['doctor', 'formulary', q()],
    queryFn: () => api.get<Page<FormularyDrug>>('/formulary', { q: q(), pageSize: 30 }),
    enabled: q().length > 0,
    staleTime: Infinity,
  }));
  return (
    <div>
      <TextField label={t('drugSearch')} hint={t('drugHint')} type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} autocomplete="off" />
      <Show when={q().length > 0}>
        <Show when={!drugs.isPending} fallback={<Loading />}>
          <Show when={(drugs.data?.items.length ?? 0) > 0} fallback={<p class="muted">{t('noDrugs')}</p>}>
            <ul class="pick-list">
              <For each={drugs.data!.items}>{(drug) => {
                const added = () => props.chosen.includes(drug.code);
                return (
                  <li>
                    <span class="pick-text">
                      <strong>{drug.name}</strong>
                      <small class="muted">{drug.ingredient} · {drug.strength} {drug.form} · {drug.code} · ATC {drug.atcCode}</small>
                    </span>
                    <button type="button" class="secondary" disabled={added()} aria-label={`${drug.name} ${added() ? t('added') : t('add')}`} onClick={() => props.onAdd(drug)}>
                      {added() ? t('added') : t('add')}
                    </button>
                  </li>
                );
              }}</For>
            </ul>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
