import type { SerialByKey } from '../../lib/serial-by-key.js';
import type { Service } from 'moleculer';
import type { DbMethods } from '../../mixins/db.mixin.js';
import type { Department } from '../../lib/constants.js';
import type { ImageSource } from '../../lib/constants-clinical.js';
import type { MedicalImageAttributes } from '../../models/medical-image.js';
import type { QcFinding, QcStatus } from '../../models/image-qc.js';
import type { AccessionEntry } from '../ris/pacs-link-actions.js';
import type { CdssContext } from '../context.js';
import type { StudyInfo, StudyStablePayload } from './archive.js';

/**
 * The shapes shared by the `medical-images` files: what a study record is made from, and the
 * `this` of the handlers.
 */

/** `pacs.studyInfo`'s answer and `study.stable`'s payload, as the pacs actor declares them. */
export type PacsStudyInfo = StudyInfo;
export type StudyStable = StudyStablePayload;

/** A QC verdict over the instances checked, before it is merged into the row's. */
export interface QcSummary {
  status: Exclude<QcStatus, 'PENDING' | 'RESOLVED'>;
  findings: QcFinding[];
}

/** What one study's record is made from, by an upload or by the PACS listener. */
export interface StudyRecordInput {
  studyInstanceUid: string;
  /** The DICOM PatientID: the chart number. */
  chartNumber: string;
  accessionNumber: string | null;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
  takenDate: Date | null;
  description: string | null;
  bodyPart: string | null;
  department: Department | null;
  imageSource: ImageSource | null;
  /** radiology_technician profile id of the uploader (seed §3.2.1 uploaded_by → RadiologyTechnician). */
  uploadedById: number | null;
  /** The verdict over the instances this input brings; null leaves the row's QC as it is. */
  qc: QcSummary | null;
  /** The accession's RIS entry, when there is one (looked up by the caller). */
  schedule: AccessionEntry | null;
}

/**
 * `image.recorded`: a study's row was written (created or brought up to date) — by an upload, or
 * by the PACS listener after `study.stable`. For what follows acquisition (AI analysis, viewers).
 */
export interface ImageRecorded {
  image: MedicalImageAnswer;
  trigger: 'upload' | 'study.stable';
  /** The archive's source of the instances (UPLOAD, STOW, MODALITY). */
  source: string;
}

/** The row as answered: the stored columns with the labels a screen shows. */
export type MedicalImageAnswer = MedicalImageAttributes & { status_label: string; qc_status_label: string };

export interface MedicalImagesMethods {
  /** Runs `work` after any earlier work on the same study in this process has finished. */
  withStudyLock<T>(studyInstanceUid: string, work: () => Promise<T>): Promise<T>;
  /** Creates or updates the study's row (never a second row for one Study UID), then links its RIS entry. */
  recordStudy(ctx: CdssContext, input: StudyRecordInput): Promise<MedicalImageAttributes>;
  /** The study as the PACS holds it, or null. */
  studyInfo(ctx: CdssContext, studyInstanceUid: string): Promise<PacsStudyInfo | null>;
}

export type MedicalImagesThis = Service & DbMethods & MedicalImagesMethods & { studyLocks: SerialByKey };
