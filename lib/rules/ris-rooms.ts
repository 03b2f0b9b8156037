import type { ImagingModality, ImagingProcedure } from './imaging-procedures.js';

/** One modality room: where a procedure is booked and which modality's worklist shows it. */
export interface ModalityRoom {
  code: string;
  name: string;
  /** The modality codes the room's equipment performs. */
  modalities: readonly ImagingModality[];
  /**
   * Scheduled Station AE Title (0040,0001) written into the worklist: the modality in this room
   * queries with it (findscu -aet), so it sees only its own room's entries. DICOM AE: ≤ 16 chars.
   */
  stationAeTitle: string;
}

/**
 * The radiology department's rooms. A constant because rooms change with construction work, not
 * with daily operations; a new room is a code change reviewed like any other.
 */
export const MODALITY_ROOMS: readonly ModalityRoom[] = [
  { code: 'XR1', name: '일반촬영실 1', modalities: ['DX', 'CR'], stationAeTitle: 'XR1' },
  { code: 'CT1', name: 'CT실 1', modalities: ['CT'], stationAeTitle: 'CT1' },
  { code: 'CT2', name: 'CT실 2', modalities: ['CT'], stationAeTitle: 'CT2' },
  { code: 'MR1', name: 'MRI실 1', modalities: ['MR'], stationAeTitle: 'MR1' },
  { code: 'US1', name: '초음파실 1', modalities: ['US'], stationAeTitle: 'US1' },
  { code: 'MG1', name: '유방촬영실 1', modalities: ['MG'], stationAeTitle: 'MG1' },
];

const BY_CODE = new Map(MODALITY_ROOMS.map((r) => [r.code, r]));

export function findModalityRoom(code: string): ModalityRoom | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

/** True when the room's equipment performs the procedure's modality. */
export function roomFits(room: ModalityRoom, procedure: Pick<ImagingProcedure, 'modality'>): boolean {
  return room.modalities.includes(procedure.modality);
}

/** The rooms a procedure can be booked in. */
export function roomsFor(procedure: Pick<ImagingProcedure, 'modality'>): ModalityRoom[] {
  return MODALITY_ROOMS.filter((room) => roomFits(room, procedure));
}
