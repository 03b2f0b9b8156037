import { Errors } from 'moleculer';
import { DicomInputError, parsePart10, summarize, type InstanceSummary, type ParsedDicom } from '../../lib/dicom/part10.js';
import { wrapImage } from '../../lib/dicom/capture.js';
import { qualityCheck, type QcResult } from '../../lib/dicom/qc.js';
import { uuidDerivedUid } from '../../lib/dicom/uid.js';
import type { Department } from '../../lib/constants.js';
import type { ImageSource } from '../../lib/constants-clinical.js';
import type { PatientLabel } from '../emr/patients.service.js';
import type { AccessionEntry } from '../ris/pacs-link-actions.js';
import type { CdssContext } from '../context.js';
import type { MedicalImagesThis, PacsStudyInfo } from './medical-images-types.js';

/**
 * Every file of an upload is checked before any is stored (issue #5: "files are validated before
 * anything is stored"): each DICOM file parses as Part-10 and names the chosen patient; each photo
 * decodes and is wrapped into DICOM with that patient's identity; each accession is the chosen
 * patient's open order; no study already belongs to someone else. The first problem refuses the
 * whole upload with its reason and the file it is about.
 */

const { MoleculerClientError } = Errors;

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface UploadFields {
  patientId: number;
  accessionNumber?: string;
  department?: Department;
  bodyPart?: string;
  description?: string;
  imageSource?: ImageSource;
}

export interface PreparedInstance {
  filename: string;
  /** Part-10 bytes as they will be stored (a photo's after wrapping). */
  bytes: Uint8Array;
  parsed: ParsedDicom;
  summary: InstanceSummary;
  photo: boolean;
  /** The quality check, for the instances sampled (see QC_PER_SERIES); null for the others. */
  qc: QcResult | null;
}

export interface PreparedStudy {
  studyInstanceUid: string;
  accessionNumber: string | null;
  schedule: AccessionEntry | null;
  instances: PreparedInstance[];
}

type PhotoType = 'image/jpeg' | 'image/png';

/**
 * How many instances of a series the quality check decodes: evenly spread, first and last
 * included. A blank or undecodable series shows in any of them; decoding every slice of a
 * 500-slice CT would only make the upload slow. Identity (patient, accession) is checked on every file.
 */
const QC_PER_SERIES = 8;

/** Up to `n` items, evenly spread over the list, the first and the last included. */
function evenSample<T>(items: T[], n: number): Set<T> {
  if (items.length <= n) return new Set(items);
  return new Set(Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]));
}

/** JPEG and PNG by their signatures (the declared content type is the client's guess). */
function photoTypeOf(data: Uint8Array): PhotoType | null {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  return null;
}

function refuse(status: number, type: string, message: string, details: Record<string, unknown>): never {
  throw new MoleculerClientError(message, status, type, details);
}

/** Runs a lib/dicom step on one file; its DicomInputError becomes the upload's 400 with the file named. */
function forFile<T>(filename: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (!(err instanceof DicomInputError)) throw err;
    refuse(400, 'INVALID_DICOM', `${filename}: ${err.message}`, { file: filename, reason: err.reason, ...err.details });
  }
}

/** DICOM PN `Family^Given` → the name as written in Korean charts (family name first, no space). */
function chartName(name: string): string {
  return name.replace(/\^+/g, ' ').trim();
}

async function accessionEntries(ctx: CdssContext, accessions: Set<string>, patient: PatientLabel): Promise<Map<string, AccessionEntry | null>> {
  const entries = new Map<string, AccessionEntry | null>();
  for (const accession of accessions) {
    const entry = await ctx.call<AccessionEntry | null, { accessionNumber: string }>('ris.byAccession', { accessionNumber: accession });
    if (entry && entry.chartNumber !== patient.patient_id) {
      refuse(409, 'ACCESSION_OTHER_PATIENT', `접수번호 ${accession}은(는) 다른 환자의 오더입니다 (accession belongs to another patient's order)`, { accessionNumber: accession });
    }
    if (entry?.status === 'CANCELLED') {
      refuse(409, 'ORDER_CANCELLED', `접수번호 ${accession}의 오더는 취소되었습니다 (the order of this accession was cancelled)`, { accessionNumber: accession });
    }
    entries.set(accession, entry);
  }
  return entries;
}

/** A study of this upload must not already be another patient's, in our rows or in the archive. */
async function checkStudyOwner(self: MedicalImagesThis, ctx: CdssContext, studyInstanceUid: string, patient: PatientLabel): Promise<void> {
  const row = await self.db().models.MedicalImage.findOne({ where: { study_instance_uid: studyInstanceUid }, attributes: ['patient_id'] });
  const archived = row ? null : await ctx.call<PacsStudyInfo | null, object>('pacs.studyInfo', { studyInstanceUid });
  const owner = row?.patient_id ?? archived?.patientId;
  if (owner !== undefined && owner !== patient.patient_id) {
    refuse(409, 'STUDY_OTHER_PATIENT', `이 검사(Study Instance UID)는 이미 다른 환자의 영상으로 저장되어 있습니다 (study already stored for another patient)`, { studyInstanceUid });
  }
}

/**
 * Parses, wraps and checks every file of an upload for `patient`; answers the studies it makes,
 * or throws the first refusal (400 invalid file, 409 wrong patient / accession / study). Stores nothing.
 */
export async function prepareUpload(
  self: MedicalImagesThis, ctx: CdssContext, fields: UploadFields, files: UploadedFile[], patient: PatientLabel,
): Promise<PreparedStudy[]> {
  const fieldAccession = fields.accessionNumber?.trim() || null;
  const dicomFiles: Omit<PreparedInstance, 'qc'>[] = [];
  const photoFiles: { filename: string; bytes: Uint8Array; type: PhotoType }[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    const type = photoTypeOf(bytes);
    if (type) {
      photoFiles.push({ filename: file.filename, bytes, type });
      continue;
    }
    const parsed = forFile(file.filename, () => parsePart10(bytes));
    const summary = forFile(file.filename, () => summarize(parsed));
    if (summary.patientId !== patient.patient_id) {
      refuse(409, 'PATIENT_MISMATCH',
        `${file.filename}: DICOM 환자번호(PatientID) ${summary.patientId}이(가) 선택한 환자 ${patient.patient_id}와 다릅니다 (PatientID does not match the chosen patient)`,
        { file: file.filename, patientId: summary.patientId, expected: patient.patient_id });
    }
    const fileAccession = summary.accessionNumber?.trim() || null;
    if (fieldAccession && fileAccession && fileAccession !== fieldAccession) {
      refuse(409, 'ACCESSION_MISMATCH',
        `${file.filename}: DICOM 접수번호 ${fileAccession}이(가) 입력한 접수번호 ${fieldAccession}와 다릅니다 (AccessionNumber does not match)`,
        { file: file.filename, accessionNumber: fileAccession, expected: fieldAccession });
    }
    dicomFiles.push({ filename: file.filename, bytes, parsed, summary, photo: false });
  }

  const accessions = new Set<string>(dicomFiles.map((f) => f.summary.accessionNumber?.trim() || fieldAccession).filter((a): a is string => !!a));
  if (photoFiles.length > 0 && fieldAccession) accessions.add(fieldAccession);
  const entries = await accessionEntries(ctx, accessions, patient);

  // The photos of one upload are one study: the order's pre-assigned study when they answer an order.
  const photoSchedule = fieldAccession ? entries.get(fieldAccession) ?? null : null;
  const photoStudyUid = photoSchedule?.studyInstanceUid ?? uuidDerivedUid();
  const photoSeriesUid = uuidDerivedUid();
  for (const [n, photo] of photoFiles.entries()) {
    const bytes = forFile(photo.filename, () => wrapImage({
      bytes: photo.bytes, contentType: photo.type,
      patient: { chartNumber: patient.patient_id, name: chartName(patient.name), birthDate: patient.birth_date, sex: patient.gender },
      study: {
        studyInstanceUid: photoStudyUid, accessionNumber: fieldAccession, description: fields.description ?? photoSchedule?.procedureName ?? null,
        department: fields.department ?? null, bodyPart: fields.bodyPart ?? photoSchedule?.bodyPart ?? null,
      },
      ...(photoSchedule ? { modality: photoSchedule.modality } : {}),
      series: { seriesInstanceUid: photoSeriesUid, instanceNumber: n + 1 },
    }));
    const parsed = forFile(photo.filename, () => parsePart10(bytes));
    dicomFiles.push({ filename: photo.filename, bytes, parsed, summary: forFile(photo.filename, () => summarize(parsed)), photo: true });
  }

  const studies = new Map<string, PreparedStudy>();
  for (const file of dicomFiles) {
    const uid = file.summary.studyInstanceUid;
    const accession = file.summary.accessionNumber?.trim() || fieldAccession;
    let study = studies.get(uid);
    if (!study) {
      study = { studyInstanceUid: uid, accessionNumber: accession, schedule: accession ? entries.get(accession) ?? null : null, instances: [] };
      studies.set(uid, study);
    } else if (accession && !study.accessionNumber) {
      study.accessionNumber = accession;
      study.schedule = entries.get(accession) ?? null;
    } else if (accession && accession !== study.accessionNumber) {
      refuse(409, 'ACCESSION_MISMATCH', `${file.filename}: 한 검사 안에 서로 다른 접수번호가 있습니다 (${study.accessionNumber}, ${accession}) (one study, two accessions)`,
        { file: file.filename, accessionNumber: accession, expected: study.accessionNumber });
    }
    study.instances.push({ ...file, qc: null });
  }
  for (const study of studies.values()) {
    const bySeries = new Map<string, PreparedInstance[]>();
    for (const instance of study.instances) {
      const series = bySeries.get(instance.summary.seriesInstanceUid);
      if (series) series.push(instance);
      else bySeries.set(instance.summary.seriesInstanceUid, [instance]);
    }
    for (const series of bySeries.values()) {
      const ordered = [...series].sort((a, b) => (a.summary.instanceNumber ?? 0) - (b.summary.instanceNumber ?? 0));
      for (const instance of evenSample(ordered, QC_PER_SERIES)) {
        instance.qc = qualityCheck(instance.parsed, { patientId: patient.patient_id, accessionNumber: study.accessionNumber });
      }
    }
  }
  for (const uid of studies.keys()) await checkStudyOwner(self, ctx, uid, patient);
  return [...studies.values()];
}
