import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import type { Order } from '../types';
import { AlertList } from './AlertList';
import { t } from './messages';

/** What an order screen says once the server took the order: its number, the alerts signed with it, the way back. */
export function OrderPlaced(props: { order: Order; patientId: number }) {
  return (
    <div class="success" role="status">
      <p>{t('ordered', { number: props.order.order_number })}</p>
      <Show when={props.order.safety_alerts?.length}><AlertList alerts={props.order.safety_alerts!} /></Show>
      <A href={`/doctor/patients/${props.patientId}?tab=orders`}>{t('backToChart')}</A>
    </div>
  );
}
