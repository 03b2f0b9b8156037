import { Show } from 'solid-js';
import { useApp } from '../../shared/app-context';
import { t } from '../messages';

/** Shown while the account has no chart: most pages are then empty, and this says why and what to do. */
export function LinkNotice() {
  const { session } = useApp();
  return <Show when={session.me() && !session.me()!.patientId}><p class="notice" role="note">{t('notLinked')}</p></Show>;
}
