import type { Department } from '../constants.js';

/**
 * DICOM modality codes (PS3.3 C.7.3.1.1.1) the catalogue and the modality rooms use. Plain film
 * is ordered as DX (digital radiography); a CR plate reader in the same room also serves it.
 */
export const IMAGING_MODALITIES = {
  CT: 'CT',
  MR: 'MRI',
  DX: '일반촬영 (DR)',
  CR: '일반촬영 (CR)',
  US: '초음파',
  MG: '유방촬영',
} as const;
export type ImagingModality = keyof typeof IMAGING_MODALITIES;

/** One orderable imaging procedure. */
export interface ImagingProcedure {
  /** Hospital order code, e.g. `CT-CHEST-C`. */
  code: string;
  /** Korean name first (UI), e.g. `흉부 CT (조영)`. */
  name: string;
  nameEn: string;
  /** DICOM modality code (0008,0060): CT, MR, CR, DX, US, MG. */
  modality: ImagingModality;
  /** DICOM Body Part Examined (0018,0015) defined term (PS3.16 Annex L), e.g. CHEST, HEAD, LSPINE. */
  bodyPart: string;
  /** Iodinated (CT) or gadolinium (MR) contrast: the worklist says so, and allergies matter. */
  contrast: boolean;
  /** Room time to book, in minutes, including positioning (and the injection where there is contrast). */
  durationMinutes: number;
  /** The departments that usually order it (seed §3.2.1 department list), for order-entry hints. */
  departments: readonly Department[];
}

/**
 * The procedures the five departments order (seed §1.2, §3.2.2: lung, brain, breast, pancreas and
 * skin work). Durations are typical room slots of a Korean university hospital; they size the
 * schedule's slot conflict check, not the examination itself.
 */
export const IMAGING_PROCEDURES: readonly ImagingProcedure[] = [
  // Chest (호흡기내과)
  { code: 'XR-CHEST-PA', name: '흉부 X-ray (PA)', nameEn: 'Chest radiograph, PA', modality: 'DX', bodyPart: 'CHEST', contrast: false, durationMinutes: 10, departments: ['PULMONOLOGY', 'BREAST_SURGERY', 'GASTROENTEROLOGY', 'NEUROSURGERY'] },
  { code: 'XR-CHEST-PALAT', name: '흉부 X-ray (PA/측면)', nameEn: 'Chest radiograph, PA and lateral', modality: 'DX', bodyPart: 'CHEST', contrast: false, durationMinutes: 10, departments: ['PULMONOLOGY'] },
  { code: 'CT-CHEST', name: '흉부 CT (비조영)', nameEn: 'CT chest without contrast', modality: 'CT', bodyPart: 'CHEST', contrast: false, durationMinutes: 15, departments: ['PULMONOLOGY'] },
  { code: 'CT-CHEST-C', name: '흉부 CT (조영)', nameEn: 'CT chest with contrast', modality: 'CT', bodyPart: 'CHEST', contrast: true, durationMinutes: 20, departments: ['PULMONOLOGY', 'BREAST_SURGERY'] },
  // Lung cancer screening (국가암검진 폐암: 저선량 흉부 CT).
  { code: 'CT-CHEST-LD', name: '저선량 흉부 CT (폐암 검진)', nameEn: 'Low-dose CT chest, lung cancer screening', modality: 'CT', bodyPart: 'CHEST', contrast: false, durationMinutes: 10, departments: ['PULMONOLOGY'] },
  // Brain and spine (신경외과)
  { code: 'CT-BRAIN', name: '뇌 CT (비조영)', nameEn: 'CT head without contrast', modality: 'CT', bodyPart: 'HEAD', contrast: false, durationMinutes: 15, departments: ['NEUROSURGERY'] },
  { code: 'CT-BRAIN-C', name: '뇌 CT (조영)', nameEn: 'CT head with contrast', modality: 'CT', bodyPart: 'HEAD', contrast: true, durationMinutes: 20, departments: ['NEUROSURGERY'] },
  { code: 'MR-BRAIN', name: '뇌 MRI (비조영)', nameEn: 'MRI brain without contrast', modality: 'MR', bodyPart: 'HEAD', contrast: false, durationMinutes: 30, departments: ['NEUROSURGERY'] },
  { code: 'MR-BRAIN-C', name: '뇌 MRI (조영)', nameEn: 'MRI brain with contrast', modality: 'MR', bodyPart: 'HEAD', contrast: true, durationMinutes: 45, departments: ['NEUROSURGERY'] },
  { code: 'MR-CSPINE', name: '경추 MRI', nameEn: 'MRI cervical spine', modality: 'MR', bodyPart: 'CSPINE', contrast: false, durationMinutes: 30, departments: ['NEUROSURGERY'] },
  { code: 'MR-LSPINE', name: '요추 MRI', nameEn: 'MRI lumbar spine', modality: 'MR', bodyPart: 'LSPINE', contrast: false, durationMinutes: 30, departments: ['NEUROSURGERY'] },
  { code: 'XR-LSPINE', name: '요추 X-ray (AP/측면)', nameEn: 'Lumbar spine radiograph, AP and lateral', modality: 'DX', bodyPart: 'LSPINE', contrast: false, durationMinutes: 10, departments: ['NEUROSURGERY'] },
  // Breast (유방외과)
  { code: 'MG-BILAT', name: '유방촬영술 (양측)', nameEn: 'Mammography, bilateral', modality: 'MG', bodyPart: 'BREAST', contrast: false, durationMinutes: 15, departments: ['BREAST_SURGERY'] },
  { code: 'US-BREAST', name: '유방 초음파', nameEn: 'Ultrasound breast', modality: 'US', bodyPart: 'BREAST', contrast: false, durationMinutes: 20, departments: ['BREAST_SURGERY'] },
  { code: 'MR-BREAST-C', name: '유방 MRI (조영)', nameEn: 'MRI breast with contrast', modality: 'MR', bodyPart: 'BREAST', contrast: true, durationMinutes: 40, departments: ['BREAST_SURGERY'] },
  // Pancreas and abdomen (소화기내과)
  { code: 'CT-ABD-PANC', name: '복부 CT (췌장 프로토콜)', nameEn: 'CT abdomen, pancreas protocol (multiphase)', modality: 'CT', bodyPart: 'ABDOMEN', contrast: true, durationMinutes: 25, departments: ['GASTROENTEROLOGY'] },
  { code: 'CT-ABDPEL-C', name: '복부·골반 CT (조영)', nameEn: 'CT abdomen and pelvis with contrast', modality: 'CT', bodyPart: 'ABDOMENPELVIS', contrast: true, durationMinutes: 20, departments: ['GASTROENTEROLOGY'] },
  { code: 'MR-MRCP', name: 'MRCP (자기공명 담췌관조영)', nameEn: 'MR cholangiopancreatography', modality: 'MR', bodyPart: 'ABDOMEN', contrast: false, durationMinutes: 30, departments: ['GASTROENTEROLOGY'] },
  { code: 'MR-PANC-C', name: '췌장 MRI (조영)', nameEn: 'MRI pancreas with contrast', modality: 'MR', bodyPart: 'ABDOMEN', contrast: true, durationMinutes: 45, departments: ['GASTROENTEROLOGY'] },
  { code: 'US-ABD', name: '복부 초음파', nameEn: 'Ultrasound abdomen', modality: 'US', bodyPart: 'ABDOMEN', contrast: false, durationMinutes: 20, departments: ['GASTROENTEROLOGY'] },
  { code: 'XR-ABD', name: '복부 X-ray (단순)', nameEn: 'Abdominal radiograph', modality: 'DX', bodyPart: 'ABDOMEN', contrast: false, durationMinutes: 10, departments: ['GASTROENTEROLOGY'] },
];

const BY_CODE = new Map(IMAGING_PROCEDURES.map((p) => [p.code, p]));

/** The procedure with this order code (case-insensitive, trimmed), or undefined. */
export function findImagingProcedure(code: string): ImagingProcedure | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}
