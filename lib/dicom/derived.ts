import dcmjs from 'dcmjs';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';
import { isDicomUid, uuidDerivedUid } from './uid.js';
import type { ImageSource } from './volume.js';
import { CDSS_IMPLEMENTATION_CLASS_UID, dicomText, kstDicomDateTime } from './worklist.js';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/**
 * What SEG and SR objects written by CDSS share: the model that made them, the patient/study
 * module copied from the source, equipment and dates, and the Part-10 writer.
 */

/** The algorithm behind a result: the model card's id and version. */
export interface AlgorithmIdentity {
  /** Model id (model card `id`), e.g. 'ref-lung-nodule-3d'. */
  name: string;
  version: string;
  /**
   * false for the reference models (model card `clinicalUse: false`): the objects then say "not
   * for clinical use" in Manufacturer, ContentCreatorName and the series description, so a
   * viewer shows it wherever the result is seen.
   */
  clinicalUse: boolean;
  /** sha256 of the model file, recorded as the device serial number (which model file exactly). */
  sha256?: string;
}

/** Options both writers take for the new series/instance. */
export interface DerivedSeriesOptions {
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  /** When the object was made (default now); dates are written in KST with TimezoneOffsetFromUTC. */
  createdAt?: Date;
  institutionName?: string;
}

export const NOT_FOR_CLINICAL_USE = 'CDSS (not for clinical use)';

export function manufacturerOf(algorithm: AlgorithmIdentity): string {
  return algorithm.clinicalUse ? 'CDSS' : NOT_FOR_CLINICAL_USE;
}

/** A series description that carries the model and, for reference models, the warning (LO ≤ 64). */
export function describeSeries(kind: string, algorithm: AlgorithmIdentity, given?: string): string {
  const base = given ?? `${kind} ${algorithm.name} ${algorithm.version}`;
  return dicomText(algorithm.clinicalUse ? base : `${base} (not for clinical use)`, 64);
}

export function newUids(options: DerivedSeriesOptions): { seriesInstanceUid: string; sopInstanceUid: string } {
  const seriesInstanceUid = options.seriesInstanceUid ?? uuidDerivedUid();
  const sopInstanceUid = options.sopInstanceUid ?? uuidDerivedUid();
  for (const uid of [seriesInstanceUid, sopInstanceUid]) if (!isDicomUid(uid)) throw new RangeError(`not a DICOM UID: ${uid}`);
  return { seriesInstanceUid, sopInstanceUid };
}

/** Type 2 attributes of the Patient and General Study modules: present, empty when unknown. */
const TYPE2_CONTEXT = ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber'];

/**
 * The common header of a derived instance: SOP common, patient and study copied from the source
 * (same Study Instance UID, so the PACS files it with the images), a new series, equipment.
 */
export function derivedHeader(
  source: ImageSource, algorithm: AlgorithmIdentity, sop: { sopClassUid: string; sopInstanceUid: string; seriesInstanceUid: string; modality: string },
  options: DerivedSeriesOptions & { seriesDescription: string; seriesNumber: number },
): Record<string, unknown> {
  if (!isDicomUid(source.context.studyInstanceUid)) throw new RangeError(`source has no valid Study Instance UID: '${source.context.studyInstanceUid}'`);
  const now = kstDicomDateTime(options.createdAt ?? new Date());
  const context: Record<string, unknown> = {};
  for (const keyword of TYPE2_CONTEXT) context[keyword] = '';
  Object.assign(context, source.context.attributes);
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: sop.sopClassUid,
    SOPInstanceUID: sop.sopInstanceUid,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    TimezoneOffsetFromUTC: '+0900',
    ...context,
    StudyInstanceUID: source.context.studyInstanceUid,
    Modality: sop.modality,
    SeriesInstanceUID: sop.seriesInstanceUid,
    SeriesNumber: options.seriesNumber,
    SeriesDate: now.date,
    SeriesTime: now.time,
    SeriesDescription: options.seriesDescription,
    ContentDate: now.date,
    ContentTime: now.time,
    InstanceNumber: 1,
    Manufacturer: manufacturerOf(algorithm),
    ...(options.institutionName ? { InstitutionName: dicomText(options.institutionName, 64) } : {}),
    ManufacturerModelName: dicomText(algorithm.name, 64),
    DeviceSerialNumber: dicomText(algorithm.sha256 ?? `${algorithm.name}@${algorithm.version}`, 64),
    SoftwareVersions: dicomText(algorithm.version, 64),
  };
}

/** Explicit VR Little Endian Part-10 bytes of a naturalized dataset (binary values set afterwards by tag). */
export function writePart10(
  dataset: Record<string, unknown>, binary: Record<string, { vr: string; bytes: Uint8Array }> = {}, implementationVersion = 'CDSS_AI_1',
): Uint8Array {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: CDSS_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: implementationVersion,
  };
  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  for (const [tag, { vr, bytes }] of Object.entries(binary)) {
    file.dict[tag] = { vr, Value: [bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)] };
  }
  return new Uint8Array(file.write({ fragmentMultiframe: false }));
}
