import { t, type MessageKey } from './messages';

/** The AI's suspicion level (0 none … 3 high) as a badge; `text` replaces the level's words (a worklist's AI summary). */
export function SuspicionBadge(props: { level: number | null | undefined; text?: string | null }) {
  const level = () => Math.max(0, Math.min(3, props.level ?? 0));
  return (
    <span class="badge" classList={{ 'badge-alert': level() >= 2, 'badge-warn': level() === 1, 'badge-ok': level() === 0 }}>
      {props.text || t(`badge${level()}` as MessageKey)}
    </span>
  );
}
