import { For } from 'solid-js';
import { Field } from '../../../shared/ui/Field';
import { PRIORITIES, priorityLabel } from './labels';
import { t } from './messages';

/** 일반 / 긴급 / 응급: the order's priority (worklists take STAT first). */
export function PriorityField(props: { value: string; onChange: (value: string) => void }) {
  return (
    <Field label={t('priority')}>
      {(id) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
          <For each={PRIORITIES}>{(p) => <option value={p}>{priorityLabel(p)}</option>}</For>
        </select>
      )}
    </Field>
  );
}
