import { For, Show } from 'solid-js';
import { Field, TextField } from '../../../shared/ui/Field';
import { Empty } from '../../../shared/ui/states';
import type { FormularyDrug } from '../types';
import { fieldError } from '../ui/server-error';
import { FREQUENCIES, ROUTES, frequencyLabel, routeLabel } from './labels';
import { t } from './messages';

/** One drug line as the doctor edits it (text as typed, so nothing is lost to number parsing). */
export interface RxLine {
  drug: FormularyDrug;
  dose: string;
  frequency: string;
  days: string;
  route: string;
}
export type RxField = 'dose' | 'frequency' | 'days' | 'route';

/** A line as the API takes it (`POST /ocs/orders` items, `POST /ocs/medication-check` medications). */
export function lineBody(line: RxLine) {
  const number = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));
  return { code: line.drug.code, dose: number(line.dose), frequency: line.frequency, days: number(line.days), route: line.route };
}

/** The drugs being prescribed, each a labelled group (dose in the drug's unit, frequency, days, route). */
export function PrescriptionLines(props: { lines: RxLine[]; onChange: (index: number, field: RxField, value: string) => void; onRemove: (index: number) => void; error?: unknown }) {
  const err = (index: number, field: string) => fieldError(props.error, `items[${index}].${field}`);
  return (
    <Show when={props.lines.length > 0} fallback={<Empty>{t('noLines')}</Empty>}>
      <For each={props.lines}>{(line, i) => (
        <fieldset class="rx-line">
          <legend>{line.drug.name}</legend>
          <div class="line-grid">
            <TextField label={`${t('dose')} (${line.drug.doseUnit})`} type="number" inputmode="decimal" min="0" step="any" required value={line.dose}
              onInput={(e) => props.onChange(i(), 'dose', e.currentTarget.value)} error={err(i(), 'dose')} />
            <Field label={t('frequency')} error={err(i(), 'frequency')}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={line.frequency} onChange={(e) => props.onChange(i(), 'frequency', e.currentTarget.value)}>
                  <For each={FREQUENCIES}>{(code) => <option value={code}>{frequencyLabel(code)}</option>}</For>
                </select>
              )}
            </Field>
            <TextField label={t('days')} type="number" inputmode="numeric" min="1" max="180" step="1" required value={line.days}
              onInput={(e) => props.onChange(i(), 'days', e.currentTarget.value)} error={err(i(), 'days')} />
            <Field label={t('route')} error={err(i(), 'route')}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={line.route} onChange={(e) => props.onChange(i(), 'route', e.currentTarget.value)}>
                  <For each={ROUTES}>{(code) => <option value={code}>{routeLabel(code)}</option>}</For>
                </select>
              )}
            </Field>
            <div><button type="button" class="secondary" aria-label={t('removeDrug', { name: line.drug.name })} onClick={() => props.onRemove(i())}>{t('remove')}</button></div>
          </div>
        </fieldset>
      )}</For>
    </Show>
  );
}
