import type { Context, Service } from 'moleculer';
import type { InstanceSummary, ParsedDicom } from '../../lib/dicom/part10.js';
import type { PacsSource } from '../../models/pacs.js';
import type { CdssMeta } from '../context.js';
import type { Database, Runtime } from '../runtime.js';
import type { PacsArchive, RequestInfo } from './archive.js';

/** What the /dicom-web route adds to a call's meta (services/gateway/dicomweb-route.ts). */
export interface DicomWebMeta {
  dicomWeb?: {
    /** Our public DICOMweb base, e.g. `https://cdss.example/dicom-web`, for RetrieveURL and BulkDataURI. */
    base: string;
    accept?: string;
    contentType?: string;
  };
}

/** A call through the /dicom-web route: moleculer-web with `mergeParams: false`. */
export interface DicomWebParams {
  body?: unknown;
  query?: Record<string, unknown>;
  params?: Record<string, string | string[] | undefined>;
}

export type DicomWebContext = Context<DicomWebParams, CdssMeta & DicomWebMeta>;

export type PacsThis = Service & {
  runtime: Runtime;
  archive: PacsArchive;
  db: Database;
  /** Stores validated bytes, announces a new instance; `stored: false` when it was already there. */
  storeValidated(bytes: Buffer, parsed: ParsedDicom, summary: InstanceSummary, source: PacsSource): Promise<{ stored: boolean }>;
};

/** The request's base URL and Accept header as the archive needs them. */
export function requestInfo(ctx: DicomWebContext): RequestInfo {
  const meta = ctx.meta.dicomWeb;
  return { base: meta?.base ?? 'http://localhost/dicom-web', accept: meta?.accept };
}
