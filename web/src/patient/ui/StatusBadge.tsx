import { statusLabel, statusTone } from '../labels';

/** A status in words, coloured by what it means for the patient (confirmed, waiting, stopped); `label` overrides the words. */
export function StatusBadge(props: { code: string; label?: string }) {
  return <span class="badge" classList={{ [`badge-${statusTone(props.code)}`]: !!statusTone(props.code) }}>{props.label ?? statusLabel(props.code)}</span>;
}
