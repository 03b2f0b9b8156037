import type { InstanceSummary, ParsedDicom } from '../../lib/dicom/part10.js';
import type { PacsSource } from '../../models/pacs.js';
import type { QidoQuery } from './qido.js';

/**
 * The one interface both archives implement (CDSS_PACS=builtin|orthanc). The pacs actor does
 * validation, scope checks and audit; an archive only stores, finds and hands out bytes.
 */

export type DicomJson = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string }>;

export interface StudyInfo {
  studyInstanceUid: string;
  patientId: string;
  accessionNumber: string | null;
  studyDate: string | null;
  modalities: string[];
  series: {
    seriesInstanceUid: string;
    modality: string;
    seriesNumber: number | null;
    instances: { sopInstanceUid: string; instanceNumber: number | null; numberOfFrames: number }[];
  }[];
}

/** Which DICOM object a WADO-RS path names; deeper levels are set for series and instances. */
export interface DicomPath {
  study: string;
  series?: string;
  instance?: string;
}

/** Bytes with their media type, as the gateway answers them. */
export interface Answer {
  body: Buffer;
  contentType: string;
}

/** How a request reaches the archive: our public DICOMweb base (for RetrieveURL / BulkDataURI) and the client's Accept. */
export interface RequestInfo {
  /** e.g. `https://cdss.example/dicom-web` */
  base: string;
  accept?: string;
}

export interface StudyStablePayload {
  studyInstanceUid: string;
  patientId: string;
  accessionNumber: string | null;
  modalities: string[];
  instanceCount: number;
  source: PacsSource;
}

export interface SeriesStablePayload {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  patientId: string;
  accessionNumber: string | null;
  modality: string;
  seriesNumber: number | null;
  instanceCount: number;
  source: PacsSource;
}

export interface InstanceStoredPayload {
  instance: InstanceSummary;
  source: PacsSource;
}

/** What an archive reports to the actor, which emits it on the broker. */
export interface ArchiveEvents {
  instanceStored(payload: InstanceStoredPayload): void;
  seriesStable(payload: SeriesStablePayload): void;
  studyStable(payload: StudyStablePayload): void;
}

export interface PacsArchive {
  readonly kind: 'builtin' | 'orthanc';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stores validated Part-10 bytes; `stored: false` when that SOP Instance was already there. */
  store(bytes: Buffer, parsed: ParsedDicom, summary: InstanceSummary, source: PacsSource): Promise<{ stored: boolean }>;
  studyInfo(studyInstanceUid: string): Promise<StudyInfo | null>;
  instanceBytes(path: Required<DicomPath>): Promise<Buffer | null>;
  /** The PatientID of a study, for scope checks; null when the archive has no such study. */
  studyPatient(studyInstanceUid: string): Promise<string | null>;
  /**
   * One page of QIDO matches (limit/offset of `query` are the archive's page). Every answer carries
   * PatientID (00100020) and StudyInstanceUID (0020000D), which the actor filters by scope.
   * `scanned` counts the entries the page read, which may exceed the answers when the archive
   * matches some keys itself after asking (so the caller knows whether the archive ran out).
   */
  search(query: QidoQuery, request: RequestInfo): Promise<{ answers: DicomJson[]; scanned: number }>;
  /** WADO-RS instances of a study, series or instance as multipart/related application/dicom; null when absent. */
  retrieve(path: DicomPath, request: RequestInfo): Promise<Answer | null>;
  metadata(path: DicomPath, request: RequestInfo): Promise<DicomJson[] | null>;
  frames(path: Required<DicomPath>, frames: number[], request: RequestInfo): Promise<Answer | null>;
  bulk(path: Required<DicomPath>, tagPath: string[], request: RequestInfo): Promise<Answer | null>;
  /** How many instances the archive holds (tests and benchmarks check that bad input changed nothing). */
  instanceCount(): Promise<number>;
}
