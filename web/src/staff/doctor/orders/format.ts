import type { Order } from '../types';
import { dayCountLabel, frequencyLabel } from './labels';

/** An order's lines in one line: `와파린나트륨정 5mg 1 × QD · 1일 1회 × 7일, …`. */
export function orderItemsText(order: Pick<Order, 'items' | 'order_type'>): string {
  return order.items.map((item) => {
    const name = item.name ?? item.code;
    if (order.order_type !== 'PRESCRIPTION' || item.dose == null) return name;
    return `${name} ${item.dose} × ${frequencyLabel(item.frequency ?? '')}${item.days ? ` × ${dayCountLabel(item.days)}` : ''}`;
  }).join(', ');
}
