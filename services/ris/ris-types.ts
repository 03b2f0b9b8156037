import type { Service } from 'moleculer';
import type { Transaction } from 'sequelize';
import type { DbMethods } from '../../mixins/db.mixin.js';
import type { RisStatus } from '../../lib/rules/ris-status.js';
import type { WorklistAttributes } from '../../lib/dicom/worklist.js';
import type { RisScheduleAttributes } from '../../models/ris.js';
import type { CdssContext } from '../context.js';

/**
 * The shapes shared by the `ris` service's files: what its actions answer and announce, and the
 * `this` its handlers see (the db mixin's methods plus services/ris/ris-methods.ts).
 */

/** One item of the JSON worklist (embedded mode): the entry's ids and its DICOM attributes by keyword. */
export interface WorklistItem {
  scheduleId: number;
  orderId: number;
  status: RisStatus;
  room: string;
  attributes: WorklistAttributes;
}

/** `imaging.statusChanged` payload: every move of a schedule entry. */
export interface ImagingStatusChanged {
  schedule: RisScheduleAttributes;
  from: RisStatus | null;
  to: RisStatus;
  actorId: number | null;
}

/** A step's own columns, computed inside the step's transaction from the current row. */
export type StepColumns = (current: RisScheduleAttributes, transaction: Transaction) => Promise<Record<string, unknown>>;

export interface RisMethods {
  worklistDir(): string;
  radiographerOf(radiographerId: number | null, callerId: number): Promise<number>;
  moveTo(ctx: CdssContext, id: number, to: RisStatus, extra?: StepColumns): Promise<RisScheduleAttributes>;
  transitionOrder(ctx: CdssContext, schedule: RisScheduleAttributes, to: string, undo: () => Promise<void>, options?: { note?: string; resultSummary?: string }): Promise<void>;
  writeItem(row: RisScheduleAttributes): Promise<void>;
  cancelEntry(ctx: CdssContext, schedule: RisScheduleAttributes, reason: string): Promise<RisScheduleAttributes | null>;
  announce(ctx: CdssContext, schedule: RisScheduleAttributes, from: RisStatus | null, to: RisStatus): void;
}

export type RisThis = Service & DbMethods & RisMethods;
