import type { ImageStatus } from '../constants-clinical.js';
import type { OrderStatus } from './order-status.js';

/**
 * The life of one RIS schedule entry (seed §5.2.2 RIS 촬영/판독 상태 추적): 촬영대기 → 촬영중 →
 * 촬영완료 → 판독대기 → 판독중 → 판독완료, or 취소 before the modality starts. A transition not
 * listed is refused (409), so a study cannot be read before it is acquired.
 */
export const RIS_STATUSES = {
  WAITING: '촬영대기',
  IN_PROGRESS: '촬영중',
  ACQUIRED: '촬영완료',
  AWAITING_READ: '판독대기',
  READING: '판독중',
  READ: '판독완료',
  CANCELLED: '취소',
} as const;
export type RisStatus = keyof typeof RIS_STATUSES;
export const RIS_STATUS_CODES = Object.keys(RIS_STATUSES) as RisStatus[];

// Cancelling matches the OCS imaging machine: once the modality has started, the study exists
// and is read, not cancelled (lib/rules/order-status.ts).
const TRANSITIONS: Partial<Record<RisStatus, readonly RisStatus[]>> = {
  WAITING: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['ACQUIRED'],
  ACQUIRED: ['AWAITING_READ'],
  AWAITING_READ: ['READING'],
  READING: ['READ'],
};

export function nextRisStatuses(from: RisStatus): readonly RisStatus[] {
  return TRANSITIONS[from] ?? [];
}

export function canRisTransition(from: RisStatus, to: RisStatus): boolean {
  return nextRisStatuses(from).includes(to);
}

/** Entries a modality still has to perform: they are on the worklist (files and JSON). */
export const WORKLIST_STATUSES: readonly RisStatus[] = ['WAITING', 'IN_PROGRESS'];

/** Entries that hold their room for their slot. */
export const ROOM_HOLDING_STATUSES: readonly RisStatus[] = ['WAITING', 'IN_PROGRESS'];

/** Entries whose images exist (acquired, waiting for or under reading, read). */
export const ACQUIRED_STATUSES: readonly RisStatus[] = ['ACQUIRED', 'AWAITING_READ', 'READING', 'READ'];

/** The medical image row's status (seed §3.2.1) while the entry is in this status. */
export const IMAGE_STATUS_FOR: Partial<Record<RisStatus, ImageStatus>> = {
  ACQUIRED: 'TAKEN',
  AWAITING_READ: 'AWAITING_READ',
  READING: 'READING',
  READ: 'READ',
};

/** The OCS imaging order status an entry's move reports (none for steps OCS does not track). */
export const ORDER_STATUS_FOR: Partial<Record<RisStatus, OrderStatus>> = {
  WAITING: 'SCHEDULED',
  IN_PROGRESS: 'IN_PROGRESS',
  ACQUIRED: 'ACQUIRED',
  READ: 'REPORTED',
};
