import { dateParam, pagingParams, type PagingParams } from '../../lib/http/paging.js';

/**
 * The parameter schemas (fastest-validator) and parameter types of the `ris` actions. The
 * schedule filters are exported for the role actors that pass them on to `ris.list`
 * (services/roles/radiographer.service.ts), so the two never drift apart.
 */

export const idParam = { type: 'number', integer: true, positive: true, convert: true } as const;
export const roomParam = { type: 'string', min: 1, max: 8, trim: true } as const;
export const modalityParam = { type: 'string', max: 4, trim: true } as const;

/** How `ris.list` orders entries: by scheduled time, or STAT → URGENT → ROUTINE and then by time (worklists). */
export const SCHEDULE_SORTS = ['time', 'worklist'] as const;
export type ScheduleSort = typeof SCHEDULE_SORTS[number];

/** Filters of the schedule list: a day or a range of KST days, statuses (one or a comma list), room, modality. */
export const scheduleFilterParams = {
  date: { ...dateParam, optional: true },
  from: { ...dateParam, optional: true },
  to: { ...dateParam, optional: true },
  status: { type: 'string', max: 120, optional: true },
  room: { ...roomParam, optional: true },
  modality: { ...modalityParam, optional: true },
} as const;

/** `sort=worklist` puts STAT first (the reading and acquisition worklists); the default is by time. */
export const scheduleSortParams = {
  sort: { type: 'enum', values: [...SCHEDULE_SORTS], optional: true },
} as const;

export interface ScheduleFilterParams {
  date?: string;
  from?: string;
  to?: string;
  /** One status or a comma list, e.g. `AWAITING_READ,READING`. */
  status?: string;
  room?: string;
  modality?: string;
  sort?: ScheduleSort;
}

/** `ris.list`: the filters and sort, plus who is assigned, whose chart, and paging. */
export const scheduleListParams = {
  ...scheduleFilterParams,
  radiographerId: { ...idParam, optional: true },
  patientId: { ...idParam, optional: true },
  ...scheduleSortParams,
  ...pagingParams,
} as const;

export interface ScheduleListParams extends ScheduleFilterParams, PagingParams {
  radiographerId?: number;
  patientId?: number;
}

export interface ScheduleParams {
  orderId: number;
  room: string;
  scheduledAt: Date;
  radiographerId?: number;
  notes?: string;
}

export interface RescheduleParams {
  id: number;
  room?: string;
  scheduledAt?: Date;
  radiographerId?: number;
  notes?: string;
}

export interface WorklistParams extends PagingParams {
  modality?: string;
  stationAe?: string;
  room?: string;
  date?: string;
}
