/**
 * Coded concepts used by the SEG and SR writers (PS3.16). Only codes whose meaning was checked
 * against PS3.16 / highdicom are here; anything without a standard code uses our local scheme
 * '99CDSS' (PS3.3 8.2: a "99" prefix marks a private coding scheme) rather than a guessed SNOMED id.
 */
export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

/** Our private coding scheme (the same designator the RIS uses for procedure codes). */
export const LOCAL_SCHEME = '99CDSS';

/** A code as the naturalized DICOM Code Sequence item dcmjs writes. */
export function codeItem(code: Code): Record<string, string> {
  return { CodeValue: code.value, CodingSchemeDesignator: code.scheme, CodeMeaning: code.meaning };
}

/** A Code Sequence item read back (naturalized), or null when it is not one. */
export function codeFromItem(item: unknown): Code | null {
  const first = Array.isArray(item) ? item[0] : item;
  if (!first || typeof first !== 'object') return null;
  const ds = first as Record<string, unknown>;
  const value = ds.CodeValue ?? ds.LongCodeValue ?? ds.URNCodeValue;
  if (typeof value !== 'string' || typeof ds.CodingSchemeDesignator !== 'string') return null;
  return { value, scheme: ds.CodingSchemeDesignator, meaning: typeof ds.CodeMeaning === 'string' ? ds.CodeMeaning : '' };
}

export const sameCode = (a: Code | null | undefined, b: Code): boolean => !!a && a.value === b.value && a.scheme === b.scheme;

const sct = (value: string, meaning: string): Code => ({ value, scheme: 'SCT', meaning });
const dcm = (value: string, meaning: string): Code => ({ value, scheme: 'DCM', meaning });
const ucum = (value: string, meaning: string): Code => ({ value, scheme: 'UCUM', meaning });

/** Segmented property categories and types (CID 7150 / 7151 / 7159 subsets). */
export const SEGMENT_CODES = {
  morphologicallyAbnormalStructure: sct('49755003', 'Morphologically abnormal structure'),
  tissue: sct('85756007', 'Tissue'),
  anatomicalStructure: sct('123037004', 'Anatomical Structure'),
  mass: sct('4147007', 'Mass'),
  lesion: sct('52988006', 'Lesion'),
  nodule: sct('27925004', 'Nodule'),
  neoplasm: sct('108369006', 'Neoplasm'),
} as const;

/** Anatomic sites for Finding Site / Anatomic Region (CID 4031 subset). */
export const SITE_CODES = {
  lung: sct('39607008', 'Lung'),
  brain: sct('12738006', 'Brain'),
  breast: sct('76752008', 'Breast'),
  pancreas: sct('15776009', 'Pancreas'),
  skin: sct('39937001', 'Skin'),
} as const;

/** Measurement concepts (TID 300 concept names). */
export const MEASUREMENT_CODES = {
  longAxis: sct('103339001', 'Long Axis'),
  shortAxis: sct('103340004', 'Short Axis'),
  diameter: sct('81827009', 'Diameter'),
  volume: sct('118565006', 'Volume'),
  /** Model output probability: no standard concept fits "a model's class probability". */
  probability: { value: 'AI-PROB', scheme: LOCAL_SCHEME, meaning: 'AI model probability' } as Code,
  /** Model classification result (the value is the class code). */
  classification: { value: 'AI-CLASS', scheme: LOCAL_SCHEME, meaning: 'AI model classification' } as Code,
} as const;

/** UCUM units (CID 7181 / 7460 subsets). */
export const UNITS = {
  mm: ucum('mm', 'millimeter'),
  mm2: ucum('mm2', 'square millimeter'),
  mm3: ucum('mm3', 'cubic millimeter'),
  ml: ucum('ml', 'milliliter'),
  hu: ucum('[hnsf\'U]', 'Hounsfield unit'),
  ratio: ucum('1', 'no units'),
  percent: ucum('%', 'percent'),
} as const;

/** DICOM (DCM) concepts the SEG and SR structure is built from. */
export const DCM = {
  artificialIntelligence: dcm('123110', 'Artificial Intelligence'),
  segmentation: dcm('113076', 'Segmentation'),
  sourceImageForProcessing: dcm('121322', 'Source image for image processing operation'),
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  languageOfContent: dcm('121049', 'Language of Content Item and Descendants'),
  observerType: dcm('121005', 'Observer Type'),
  device: dcm('121007', 'Device'),
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  // 121013 is the device's *name*; dcmjs 0.52's DeviceObserverIdentifyingAttributes labels it
  // "Manufacturer" (a bug): checked against PS3.16 and highdicom.
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  deviceObserverManufacturer: dcm('121014', 'Device Observer Manufacturer'),
  deviceObserverModelName: dcm('121015', 'Device Observer Model Name'),
  deviceObserverSerialNumber: dcm('121016', 'Device Observer Serial Number'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  referencedSegment: dcm('121191', 'Referenced Segment'),
  referencedSegmentationFrame: dcm('121214', 'Referenced Segmentation Frame'),
  sourceSeriesForSegmentation: dcm('121232', 'Source series for segmentation'),
  sourceImageForSegmentation: dcm('121233', 'Source image for segmentation'),
  sourceOfMeasurement: dcm('121112', 'Source of Measurement'),
  algorithmName: dcm('111001', 'Algorithm Name'),
  algorithmVersion: dcm('111003', 'Algorithm Version'),
  impression: dcm('121073', 'Impression'),
  recommendation: dcm('121075', 'Recommendation'),
} as const;

export const FINDING_SITE: Code = sct('363698007', 'Finding Site');
export const QUALITATIVE_EVALUATIONS: Code = { value: 'C0034375', scheme: 'UMLS', meaning: 'Qualitative Evaluations' };
export const KOREAN: Code = { value: 'ko-KR', scheme: 'RFC5646', meaning: 'Korean (Republic of Korea)' };

/** "Procedure reported" by modality (CID 100 subset); other modalities get a local code. */
export function procedureCode(modality: string): Code {
  switch (modality) {
    case 'CT': return sct('77477000', 'Computerized axial tomography');
    case 'MR': return sct('113091000', 'Magnetic resonance imaging');
    case 'US': return sct('16310003', 'Ultrasonography');
    case 'MG': return sct('71651007', 'Mammography');
    default: return { value: `IMG-${modality || 'OT'}`, scheme: LOCAL_SCHEME, meaning: `Imaging procedure (${modality || 'OT'})` };
  }
}
