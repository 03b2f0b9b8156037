/**
 * OCS orders (seed §13.4): the three order types, their priorities and one explicit state machine
 * per type. A transition not listed here is refused (409), so a result can never land on a
 * cancelled order and an imaging study can never be reported before it is acquired.
 */

export const ORDER_TYPES = { PRESCRIPTION: '처방', LAB: '검사', IMAGING: '영상촬영' } as const;
export type OrderType = keyof typeof ORDER_TYPES;

export const ORDER_PRIORITIES = { ROUTINE: '일반', URGENT: '긴급', STAT: '응급' } as const;
export type OrderPriority = keyof typeof ORDER_PRIORITIES;

/** Most urgent first: the order every worklist (OCS, RIS) works in. */
export const PRIORITY_ORDER: readonly OrderPriority[] = ['STAT', 'URGENT', 'ROUTINE'];

/** SQL ranking a `priority` column by PRIORITY_ORDER (0 = STAT), for worklist sorting in the database. */
export const PRIORITY_RANK_SQL = `CASE priority ${PRIORITY_ORDER.map((p, i) => `WHEN '${p}' THEN ${i}`).join(' ')} ELSE ${PRIORITY_ORDER.length} END`;

export const ORDER_STATUSES = {
  PENDING: '대기중',
  SCHEDULED: '촬영예약',
  IN_PROGRESS: '진행중',
  ACQUIRED: '촬영완료',
  REPORTED: '판독완료',
  COMPLETED: '완료',
  CANCELLED: '취소',
} as const;
export type OrderStatus = keyof typeof ORDER_STATUSES;

/** What each department calls a status (seed §13.4: 조제중 → 조제완료, 검사중 → 검사완료, 촬영중 → 촬영완료 → 판독완료). */
const LABELS: Record<OrderType, Partial<Record<OrderStatus, string>>> = {
  PRESCRIPTION: { IN_PROGRESS: '조제중', COMPLETED: '조제완료' },
  LAB: { IN_PROGRESS: '검사중', COMPLETED: '검사완료' },
  IMAGING: { IN_PROGRESS: '촬영중' },
};

export function orderStatusLabel(type: OrderType, status: OrderStatus): string {
  return LABELS[type][status] ?? ORDER_STATUSES[status];
}

const TRANSITIONS: Record<OrderType, Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  PRESCRIPTION: { PENDING: ['IN_PROGRESS', 'CANCELLED'], IN_PROGRESS: ['COMPLETED', 'CANCELLED'] },
  LAB: { PENDING: ['IN_PROGRESS', 'CANCELLED'], IN_PROGRESS: ['COMPLETED', 'CANCELLED'] },
  // Once the modality has started, the study exists: it is read, not cancelled.
  IMAGING: { PENDING: ['SCHEDULED', 'CANCELLED'], SCHEDULED: ['IN_PROGRESS', 'CANCELLED'], IN_PROGRESS: ['ACQUIRED'], ACQUIRED: ['REPORTED'] },
};

/** The statuses an order of this type may move to from `from` (none once it is finished). */
export function nextStatuses(type: OrderType, from: OrderStatus): readonly OrderStatus[] {
  return TRANSITIONS[type][from] ?? [];
}

export function canTransition(type: OrderType, from: OrderStatus, to: OrderStatus): boolean {
  return nextStatuses(type, from).includes(to);
}

/** Every status an order of this type can be in, in workflow order. */
export function statusesOf(type: OrderType): OrderStatus[] {
  const seen = new Set<OrderStatus>(['PENDING']);
  for (const [from, tos] of Object.entries(TRANSITIONS[type])) {
    seen.add(from as OrderStatus);
    tos!.forEach((to) => seen.add(to));
  }
  return (Object.keys(ORDER_STATUSES) as OrderStatus[]).filter((s) => seen.has(s));
}

/** Finished orders: nothing more will happen to them. */
export function isFinal(type: OrderType, status: OrderStatus): boolean {
  return nextStatuses(type, status).length === 0;
}
