import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { uuidDerivedUid } from './uid.js';

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/** Modality Worklist Information Model – FIND (PS3.4 K.6): the SOP class a worklist item belongs to. */
export const MWL_FIND_SOP_CLASS = '1.2.840.10008.5.1.4.31';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Identifies files CDSS wrote (PS3.7 D.3.3.2); a fixed 2.25 UID so it never changes between releases. */
export const CDSS_IMPLEMENTATION_CLASS_UID = '2.25.262166473617592218914547129447624911169';
const IMPLEMENTATION_VERSION = 'CDSS_RIS_1';
/** Our private coding scheme for hospital procedure codes (PS3.3 8.2: "99" prefix = local). */
export const PROCEDURE_CODING_SCHEME = '99CDSS';
/** Orthanc's worklist plugin reads only files with this extension, so temp files are never half-read. */
export const WORKLIST_EXTENSION = '.wl';
const KST_OFFSET_MS = 9 * 3600_000;

/** What one worklist item is made of: a RIS schedule entry with its order, patient and room. */
export interface WorklistEntry {
  scheduleId: number;
  accessionNumber: string;
  studyInstanceUid: string;
  orderNumber: string | null;
  priority: 'ROUTINE' | 'URGENT' | 'STAT';
  procedure: { code: string; name: string; nameEn: string; modality: string; bodyPart: string; contrast: boolean };
  room: { code: string; name: string; stationAeTitle: string };
  scheduledAt: Date;
  patient: { chartNumber: string; name: string; birthDate: string | null; sex: string | null; allergies?: string[] };
  /** The ordering doctor: family and given name (auth_user.last_name / first_name). */
  orderingDoctor: { familyName: string; givenName: string } | null;
  notes?: string | null;
}

/** A scheduled procedure step as the modality sees it (PS3.4 Table K.6-1). */
export interface ScheduledStep {
  Modality: string;
  ScheduledStationAETitle: string;
  ScheduledStationName: string;
  ScheduledProcedureStepLocation: string;
  ScheduledProcedureStepStartDate: string;
  ScheduledProcedureStepStartTime: string;
  ScheduledProcedureStepDescription: string;
  ScheduledProcedureStepID: string;
  ScheduledProcedureStepStatus: 'SCHEDULED' | 'STARTED';
  RequestedContrastAgent?: string;
}

/**
 * One Modality Worklist item by DICOM keyword, as the JSON worklist answers it and as the `.wl`
 * file holds it. Person names are DICOM PN strings (`family^given`).
 */
export interface WorklistAttributes {
  SpecificCharacterSet: 'ISO_IR 192';
  TimezoneOffsetFromUTC: '+0900';
  AccessionNumber: string;
  ReferringPhysicianName: string;
  RequestingPhysician: string;
  PatientName: string;
  PatientID: string;
  IssuerOfPatientID: string;
  PatientBirthDate: string;
  PatientSex: string;
  Allergies?: string[];
  StudyInstanceUID: string;
  RequestedProcedureID: string;
  RequestedProcedureDescription: string;
  RequestedProcedureCodeSequence: { CodeValue: string; CodingSchemeDesignator: string; CodeMeaning: string }[];
  RequestedProcedurePriority: 'STAT' | 'HIGH' | 'ROUTINE';
  PlacerOrderNumberImagingServiceRequest?: string;
  BodyPartExamined: string;
  ScheduledProcedureStepSequence: ScheduledStep[];
}

const PRIORITY: Record<WorklistEntry['priority'], WorklistAttributes['RequestedProcedurePriority']> = { STAT: 'STAT', URGENT: 'HIGH', ROUTINE: 'ROUTINE' };
const CONTRAST_AGENT: Record<string, string> = { CT: '요오드화 조영제 (iodinated contrast)', MR: '가돌리늄 조영제 (gadolinium contrast)' };

/**
 * A text value fit for a DICOM string VR: no backslash (the value separator, PS3.5 6.1.2), no
 * control characters, at most `max` characters (LO 64, SH 16; PN 64 per component group).
 */
export function dicomText(value: string, max: number): string {
  return [...value.replace(/[\\\u0000-\u001f\u007f]/g, ' ').trim()].slice(0, max).join('').trim();
}

/** A person name as DICOM PN: `^` separates family and given names, `=` component groups. */
function personName(family: string, given = ''): string {
  const clean = (part: string) => dicomText(part.replace(/[=^]/g, ' '), 64);
  return given ? `${clean(family)}^${clean(given)}` : clean(family);
}

/** `YYYYMMDD` and `HHMMSS` of an instant in KST (worklist times are local to the hospital). */
export function kstDicomDateTime(instant: Date): { date: string; time: string } {
  const iso = new Date(instant.getTime() + KST_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 19).replaceAll(':', '') };
}

/**
 * The worklist item of an entry (PS3.4 K.6, IHE RAD SWF "Query Modality Worklist"). The patient
 * name is kept whole as the family-name component: the chart holds one name string, and splitting
 * Korean names is ambiguous (two-syllable surnames such as 남궁, 선우). Text is UTF-8 (ISO_IR 192).
 */
export function worklistAttributes(entry: WorklistEntry, status: ScheduledStep['ScheduledProcedureStepStatus'] = 'SCHEDULED'): WorklistAttributes {
  const { date, time } = kstDicomDateTime(entry.scheduledAt);
  const doctor = entry.orderingDoctor ? personName(entry.orderingDoctor.familyName, entry.orderingDoctor.givenName) : '';
  const allergies = (entry.patient.allergies ?? []).map((a) => dicomText(a, 64)).filter(Boolean);
  const step: ScheduledStep = {
    Modality: entry.procedure.modality,
    ScheduledStationAETitle: dicomText(entry.room.stationAeTitle, 16),
    ScheduledStationName: dicomText(entry.room.code, 16),
    ScheduledProcedureStepLocation: dicomText(entry.room.name, 16),
    ScheduledProcedureStepStartDate: date,
    ScheduledProcedureStepStartTime: time,
    ScheduledProcedureStepDescription: dicomText(entry.procedure.name, 64),
    ScheduledProcedureStepID: `SPS${entry.scheduleId}`,
    ScheduledProcedureStepStatus: status,
    ...(entry.procedure.contrast && CONTRAST_AGENT[entry.procedure.modality] ? { RequestedContrastAgent: CONTRAST_AGENT[entry.procedure.modality] } : {}),
  };
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    TimezoneOffsetFromUTC: '+0900',
    AccessionNumber: dicomText(entry.accessionNumber, 16),
    ReferringPhysicianName: doctor,
    RequestingPhysician: doctor,
    PatientName: personName(entry.patient.name),
    PatientID: dicomText(entry.patient.chartNumber, 64),
    IssuerOfPatientID: 'CDSS',
    PatientBirthDate: entry.patient.birthDate ? entry.patient.birthDate.replaceAll('-', '') : '',
    PatientSex: entry.patient.sex && ['M', 'F', 'O'].includes(entry.patient.sex) ? entry.patient.sex : '',
    ...(allergies.length ? { Allergies: allergies } : {}),
    StudyInstanceUID: entry.studyInstanceUid,
    RequestedProcedureID: `RP${entry.scheduleId}`,
    RequestedProcedureDescription: dicomText(entry.procedure.name, 64),
    RequestedProcedureCodeSequence: [{ CodeValue: dicomText(entry.procedure.code, 16), CodingSchemeDesignator: PROCEDURE_CODING_SCHEME, CodeMeaning: dicomText(entry.procedure.nameEn, 64) }],
    RequestedProcedurePriority: PRIORITY[entry.priority],
    ...(entry.orderNumber ? { PlacerOrderNumberImagingServiceRequest: dicomText(entry.orderNumber, 16) } : {}),
    BodyPartExamined: dicomText(entry.procedure.bodyPart, 16),
    ScheduledProcedureStepSequence: [step],
  };
}

const PERSON_NAME_KEYWORDS = new Set(['PatientName', 'ReferringPhysicianName', 'RequestingPhysician']);

/** A DICOM Part-10 file (explicit VR little endian, with file meta, PS3.10 7.1) holding the item. */
export function worklistFileBytes(attributes: WorklistAttributes): Buffer {
  // dcmjs's naturalized form writes person names as component-group objects.
  const naturalized = Object.fromEntries(Object.entries(attributes).map(([keyword, value]) => [
    keyword, PERSON_NAME_KEYWORDS.has(keyword) ? [{ Alphabetic: value as string }] : value,
  ]));
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: MWL_FIND_SOP_CLASS,
    MediaStorageSOPInstanceUID: uuidDerivedUid(),
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: CDSS_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION,
  };
  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(naturalized);
  return Buffer.from(file.write());
}

/** The file name of an accession's item; accession numbers are plain SH, so no path can escape the folder. */
export function worklistFileName(accessionNumber: string): string {
  if (!/^[A-Za-z0-9]{1,16}$/.test(accessionNumber)) throw new Error(`accession number unfit for a file name: ${accessionNumber}`);
  return `${accessionNumber}${WORKLIST_EXTENSION}`;
}

/**
 * Writes (or replaces) the item's `.wl` file atomically: a temp file in the same folder, then a
 * rename, so the worklist plugin, which rescans the folder on every C-FIND, never reads half a file.
 */
export async function writeWorklistFile(dir: string, attributes: WorklistAttributes): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, worklistFileName(attributes.AccessionNumber));
  const temp = path.join(dir, `.${attributes.AccessionNumber}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, worklistFileBytes(attributes), { mode: 0o640 });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return target;
}

/** Removes an accession's item; a file already gone is fine (removal is idempotent). */
export async function removeWorklistFile(dir: string, accessionNumber: string): Promise<void> {
  await rm(path.join(dir, worklistFileName(accessionNumber)), { force: true });
}

/** The accession numbers that have a `.wl` file in the folder (none when the folder is missing). */
export async function worklistAccessions(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(WORKLIST_EXTENSION)).map((name) => name.slice(0, -WORKLIST_EXTENSION.length));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
