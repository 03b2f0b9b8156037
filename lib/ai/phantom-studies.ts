import { createHash } from 'node:crypto';
import { CT_IMAGE_STORAGE } from '../dicom/volume.js';
import { writePart10 } from '../dicom/derived.js';
import { isDicomUid, uuidDerivedUid } from '../dicom/uid.js';
import { dicomText, kstDicomDateTime } from '../dicom/worklist.js';
import { seededRandom } from '../random.js';
import {
  abdomenLandmarks, abdomenValue, addNoise, AIR_HU, axisMm, BONE_HU, BRAIN_HU, breastLandmarks, breastValue, chestLandmarks, chestValue,
  crossSection, CSF_HU, FAT_HU, headLandmarks, headValue, inUsLesion, MR_BONE_SIGNAL, MR_TISSUE_SIGNAL, paintSphere, pixelShare,
  SOFT_TISSUE_HU, speckle, stack, type PhantomGrid, type Vec3,
} from './phantom-images.js';

/**
 * Synthetic Part-10 studies with known answers, for the pipeline tests, the benchmark and the demo
 * hospital: CT chest/head/abdomen and MR series (one instance per slice), a breast ultrasound and
 * clinical/pathology photos. Geometry is exact (volume centre = patient origin, axial slices,
 * ImageOrientationPatient 1\0\0\0\1\0), so a lesion asked at `centerMm` is found at that LPS
 * position; noise comes from a seeded generator, so the same options give the same pixels.
 * Every instance says in ImageComments that it is synthetic — never patient data.
 *
 * UIDs: study and series are new random UIDs unless given; SOP instance and frame-of-reference
 * UIDs are derived from the series UID, so a given series UID makes the whole study reproducible.
 */

export interface PhantomPatient {
  chartNumber: string;
  name: string;
  /** YYYYMMDD. */
  birthDate: string;
  sex: 'M' | 'F';
}

export interface PhantomStudyOptions {
  patient?: PhantomPatient;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  accessionNumber?: string;
  /** YYYYMMDD; default today (KST). */
  studyDate?: string;
  studyDescription?: string;
  /** BodyPartExamined (a code string, e.g. 'CHEST'); each builder has its default. */
  bodyPart?: string;
  /** Noise / speckle seed (default 1). */
  seed?: number;
}

/** Grid and noise options of the volume builders. */
export interface PhantomVolumeOptions {
  /** Rows = columns (default 256). */
  size?: number;
  /** Number of axial slices (default 48). */
  slices?: number;
  pixelSpacingMm?: number;
  sliceThicknessMm?: number;
  /** Standard deviation of the seeded Gaussian noise, in HU (CT, default 5) or signal units (MR, default 10); 0 for none. */
  noise?: number;
}

export interface PhantomLesion {
  /** Offset from the volume centre in mm: x → columns (patient left), y → rows (posterior), z → slices (superior). */
  centerMm: Vec3;
  diameterMm: number;
}

export const DEFAULT_PHANTOM_PATIENT: PhantomPatient = { chartNumber: 'PH00000001', name: '팬텀 환자', birthDate: '19600101', sex: 'M' };

export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const US_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.6.1';
export const VL_PHOTOGRAPHIC_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.77.1.4';
const CT_RESCALE_INTERCEPT = -1024;
const SYNTHETIC_NOTE = '합성 팬텀, 환자 영상 아님 (synthetic phantom, not patient data)';

/** A UID under 2.25 from a name (a UUID v8 of sha256): the same name, the same UID. */
function derivedUid(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  return uuidDerivedUid(`${h.slice(0, 12)}8${h.slice(13, 16)}${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 32)}`);
}

const checkUid = (uid: string, what: string): string => {
  if (!isDicomUid(uid)) throw new RangeError(`${what} is not a DICOM UID: '${uid}'`);
  return uid;
};

const codeString = (text: string): string => {
  const upper = text.trim().toUpperCase();
  if (!/^[A-Z0-9 _]{1,16}$/.test(upper)) throw new RangeError(`BodyPartExamined must be a code string (A–Z, 0–9, ≤ 16): '${text}'`);
  return upper;
};

/** What one series needs besides the pixels. */
interface SeriesKind {
  modality: string;
  sopClassUid: string;
  bodyPart: string;
  description: string;
  sex?: 'M' | 'F';
  extra?: Record<string, unknown>;
}

/** Patient, study, series and equipment attributes shared by every instance of the series. */
function seriesHeader(o: PhantomStudyOptions, kind: SeriesKind): { header: Record<string, unknown>; seriesInstanceUid: string } {
  const patient = o.patient ?? { ...DEFAULT_PHANTOM_PATIENT, sex: kind.sex ?? DEFAULT_PHANTOM_PATIENT.sex };
  if (!/^\d{8}$/.test(patient.birthDate)) throw new RangeError(`birthDate must be YYYYMMDD: '${patient.birthDate}'`);
  if (o.studyDate !== undefined && !/^\d{8}$/.test(o.studyDate)) throw new RangeError(`studyDate must be YYYYMMDD: '${o.studyDate}'`);
  const now = kstDicomDateTime(new Date());
  const date = o.studyDate ?? now.date;
  const time = o.studyDate ? '090000' : now.time;
  const studyInstanceUid = checkUid(o.studyInstanceUid ?? uuidDerivedUid(), 'studyInstanceUid');
  const seriesInstanceUid = checkUid(o.seriesInstanceUid ?? uuidDerivedUid(), 'seriesInstanceUid');
  const header: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: ['ORIGINAL', 'PRIMARY'],
    SOPClassUID: kind.sopClassUid,
    StudyDate: date, SeriesDate: date, ContentDate: date,
    StudyTime: time, SeriesTime: time, ContentTime: time,
    AccessionNumber: dicomText(o.accessionNumber ?? '', 16),
    Modality: kind.modality,
    Manufacturer: 'CDSS phantom',
    ReferringPhysicianName: '',
    StudyDescription: dicomText(o.studyDescription ?? kind.description, 64),
    SeriesDescription: dicomText(`${kind.description} (synthetic)`, 64),
    PatientName: [{ Alphabetic: dicomText(patient.name.replace(/[=^]/g, ' '), 64) }],
    PatientID: dicomText(patient.chartNumber, 64),
    IssuerOfPatientID: 'CDSS',
    PatientBirthDate: patient.birthDate,
    PatientSex: patient.sex,
    BodyPartExamined: codeString(o.bodyPart ?? kind.bodyPart),
    StudyInstanceUID: studyInstanceUid,
    SeriesInstanceUID: seriesInstanceUid,
    StudyID: '1',
    SeriesNumber: 1,
    ImageComments: SYNTHETIC_NOTE,
    ...kind.extra,
  };
  return { header, seriesInstanceUid };
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
/** DS values: 4 decimals keep them within the 16-character limit (PS3.5 6.2). */
const ds = (v: number): number => Number(v.toFixed(4));

function gridOf(o: PhantomVolumeOptions, pixelSpacingMm: number): PhantomGrid {
  const size = o.size ?? 256;
  const slices = o.slices ?? 48;
  const spacing = o.pixelSpacingMm ?? pixelSpacingMm;
  const thickness = o.sliceThicknessMm ?? 2;
  if (!Number.isInteger(size) || size < 8 || size > 1024) throw new RangeError(`size must be an integer 8–1024: ${size}`);
  if (!Number.isInteger(slices) || slices < 1 || slices > 512) throw new RangeError(`slices must be an integer 1–512: ${slices}`);
  if (!(spacing > 0) || !(thickness > 0)) throw new RangeError('pixelSpacingMm and sliceThicknessMm must be > 0');
  return { shape: [slices, size, size], spacing: [thickness, spacing, spacing] };
}

function checkLesion(l: PhantomLesion): void {
  if (!(l.diameterMm > 0) || l.centerMm.length !== 3 || !l.centerMm.every(Number.isFinite)) {
    throw new RangeError(`a lesion needs a finite centerMm [x, y, z] and diameterMm > 0: ${JSON.stringify(l)}`);
  }
}

/**
 * One axial instance per slice, with the Image Plane module (PS3.3 C.7.6.2): slice k's first voxel
 * at (−(w−1)/2·sx, −(h−1)/2·sy, z_k), z ascending with k; `toStored` maps a value to the uint16 sample.
 */
function writeVolume(values: Float32Array, grid: PhantomGrid, kind: SeriesKind, o: PhantomStudyOptions, toStored: (v: number) => number): Buffer[] {
  const [d, h, w] = grid.shape;
  const [sz, sy, sx] = grid.spacing;
  const { header, seriesInstanceUid } = seriesHeader(o, kind);
  const frameOfReferenceUid = derivedUid(seriesInstanceUid, 'frame-of-reference');
  const out: Buffer[] = [];
  for (let k = 0; k < d; k++) {
    const z = axisMm(k, d, sz);
    const pixels = new Uint8Array(h * w * 2);
    const view = new DataView(pixels.buffer);
    for (let p = 0; p < h * w; p++) view.setUint16(p * 2, Math.min(65535, Math.max(0, Math.round(toStored(values[k * h * w + p]!)))), true);
    const dataset = {
      ...header,
      SOPInstanceUID: derivedUid(seriesInstanceUid, 'instance', k + 1),
      PatientPosition: kind.modality === 'MR' && kind.bodyPart === 'BREAST' ? 'HFP' : 'HFS',
      FrameOfReferenceUID: frameOfReferenceUid,
      PositionReferenceIndicator: '',
      InstanceNumber: k + 1,
      ImagePositionPatient: [ds(axisMm(0, w, sx)), ds(axisMm(0, h, sy)), ds(z)],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      SliceLocation: ds(z),
      SliceThickness: ds(sz),
      PixelSpacing: [ds(sy), ds(sx)],
      SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', Rows: h, Columns: w,
      BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 0,
    };
    out.push(asBuffer(writePart10(dataset, { '7FE00010': { vr: 'OW', bytes: pixels } }, 'CDSS_PHANTOM_1')));
  }
  return out;
}

const ctKind = (bodyPart: string, description: string, window: [number, number]): SeriesKind => ({
  modality: 'CT', sopClassUid: CT_IMAGE_STORAGE, bodyPart, description,
  extra: {
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'], KVP: 120, ConvolutionKernel: 'STANDARD',
    RescaleIntercept: CT_RESCALE_INTERCEPT, RescaleSlope: 1, RescaleType: 'HU', WindowCenter: window[0], WindowWidth: window[1],
  },
});
const ctStored = (hu: number): number => hu - CT_RESCALE_INTERCEPT;

/**
 * CT chest (CT Image Storage, BodyPartExamined CHEST): air −1000 HU around an elliptic body with a
 * 15 mm soft-tissue wall (40 HU), two lungs (−850 HU) either side of the mediastinum (40 HU), and
 * solid nodules (default 40 HU) or part-solid ones (a −500 HU ground-glass rim around a solid core
 * of `solidCoreMm`). Stored as uint16 with RescaleIntercept −1024. `chestLandmarks` says where the
 * lungs are.
 */
export function ctChestPhantom(o: PhantomStudyOptions & PhantomVolumeOptions & {
  nodules: (PhantomLesion & { hu?: number; solidCoreMm?: number })[];
}): Buffer[] {
  const grid = gridOf(o, 1.2);
  const [d, h, w] = grid.shape;
  const layout = chestLandmarks(grid);
  const hu = stack(crossSection(h, w, [grid.spacing[1], grid.spacing[2]], (x, y) => chestValue(x, y, layout)), d);
  for (const nodule of o.nodules) {
    checkLesion(nodule);
    if (nodule.solidCoreMm !== undefined) {
      if (!(nodule.solidCoreMm > 0 && nodule.solidCoreMm <= nodule.diameterMm)) throw new RangeError(`solidCoreMm must be in (0, diameterMm]: ${nodule.solidCoreMm}`);
      paintSphere(hu, grid, { centerMm: nodule.centerMm, diameterMm: nodule.diameterMm, value: -500 });
      paintSphere(hu, grid, { centerMm: nodule.centerMm, diameterMm: nodule.solidCoreMm, value: nodule.hu ?? SOFT_TISSUE_HU });
    } else {
      paintSphere(hu, grid, { ...nodule, value: nodule.hu ?? SOFT_TISSUE_HU });
    }
  }
  addNoise(hu, o.noise ?? 5, o.seed ?? 1);
  return writeVolume(hu, grid, ctKind('CHEST', 'CT 흉부 팬텀 (CT chest phantom)', [-600, 1500]), o, ctStored);
}

/**
 * CT head (HEAD): a 6 mm skull shell (1000 HU) around brain (35 HU), CSF ventricles (5 HU) beside
 * the midline unless `ventricles: false`, and lesions (default 70 HU: acute blood). Default grid
 * 256² at 0.9 mm, 48 × 2 mm.
 */
export function ctHeadPhantom(o: PhantomStudyOptions & PhantomVolumeOptions & { lesions: (PhantomLesion & { hu?: number })[]; ventricles?: boolean }): Buffer[] {
  const grid = gridOf(o, 0.9);
  const [d, h, w] = grid.shape;
  const layout = headLandmarks(grid, o.ventricles ?? true);
  const values = { brain: BRAIN_HU, bone: BONE_HU, csf: CSF_HU, air: AIR_HU };
  const hu = stack(crossSection(h, w, [grid.spacing[1], grid.spacing[2]], (x, y) => headValue(x, y, layout, values)), d);
  for (const lesion of o.lesions) { checkLesion(lesion); paintSphere(hu, grid, { ...lesion, value: lesion.hu ?? 70 }); }
  addNoise(hu, o.noise ?? 5, o.seed ?? 1);
  return writeVolume(hu, grid, ctKind('HEAD', 'CT 두부 팬텀 (CT head phantom)', [40, 80]), o, ctStored);
}

/** CT abdomen (ABDOMEN): soft tissue 40 HU inside a 12 mm subcutaneous fat layer (−100 HU); lesions default 180 HU (enhancing). */
export function ctAbdomenPhantom(o: PhantomStudyOptions & PhantomVolumeOptions & { lesions: (PhantomLesion & { hu?: number })[] }): Buffer[] {
  const grid = gridOf(o, 1.2);
  const [d, h, w] = grid.shape;
  const layout = abdomenLandmarks(grid);
  const values = { tissue: SOFT_TISSUE_HU, fat: FAT_HU, air: AIR_HU };
  const hu = stack(crossSection(h, w, [grid.spacing[1], grid.spacing[2]], (x, y) => abdomenValue(x, y, layout, values)), d);
  for (const lesion of o.lesions) { checkLesion(lesion); paintSphere(hu, grid, { ...lesion, value: lesion.hu ?? 180 }); }
  addNoise(hu, o.noise ?? 5, o.seed ?? 1);
  return writeVolume(hu, grid, ctKind('ABDOMEN', 'CT 복부 팬텀 (CT abdomen phantom)', [40, 400]), o, ctStored);
}

/**
 * MR (MR Image Storage, uint16, no rescale): tissue ~250, air 0, lesions default 900 (bright: an
 * enhancing breast lesion on post-contrast T1, a cyst on T2). BREAST: chest and two breasts
 * (`breastLandmarks`); HEAD: skull (dark, 40) around brain; ABDOMEN: an elliptic body. Noise is
 * clamped at 0 (magnitude images have no negative values).
 */
export function mrPhantom(o: PhantomStudyOptions & PhantomVolumeOptions & {
  bodyPart: 'BREAST' | 'HEAD' | 'ABDOMEN'; lesions: (PhantomLesion & { signal?: number })[];
}): Buffer[] {
  if (!['BREAST', 'HEAD', 'ABDOMEN'].includes(o.bodyPart)) throw new RangeError(`mrPhantom bodyPart must be BREAST, HEAD or ABDOMEN: '${o.bodyPart}'`);
  const grid = gridOf(o, o.bodyPart === 'HEAD' ? 0.9 : 1.2);
  const [d, h, w] = grid.shape;
  const signal = stack(crossSection(h, w, [grid.spacing[1], grid.spacing[2]], mrSection(o.bodyPart, grid)), d);
  for (const lesion of o.lesions) { checkLesion(lesion); paintSphere(signal, grid, { ...lesion, value: lesion.signal ?? 900 }); }
  addNoise(signal, o.noise ?? 10, o.seed ?? 1);
  const t1 = o.bodyPart === 'BREAST';
  const kind: SeriesKind = {
    modality: 'MR', sopClassUid: MR_IMAGE_STORAGE, bodyPart: o.bodyPart, sex: o.bodyPart === 'BREAST' ? 'F' : undefined,
    description: `MR ${t1 ? 'T1 post-contrast' : 'T2'} ${o.bodyPart.toLowerCase()} 팬텀 (phantom)`,
    extra: {
      ImageType: ['ORIGINAL', 'PRIMARY', 'M'], ScanningSequence: t1 ? 'GR' : 'SE', SequenceVariant: t1 ? 'SP' : 'SK', ScanOptions: '',
      MRAcquisitionType: t1 ? '3D' : '2D', RepetitionTime: t1 ? 4.5 : 3000, EchoTime: t1 ? 2 : 90, EchoTrainLength: t1 ? 1 : 16,
      MagneticFieldStrength: 3, SpacingBetweenSlices: ds(grid.spacing[0]), WindowCenter: 450, WindowWidth: 1000,
    },
  };
  return writeVolume(signal, grid, kind, o, (v) => v);
}

/** The MR cross-section of a body part (no ventricles, fat as bright as tissue: one tissue signal). */
function mrSection(bodyPart: 'BREAST' | 'HEAD' | 'ABDOMEN', grid: PhantomGrid): (x: number, y: number) => number {
  const tissue = MR_TISSUE_SIGNAL;
  if (bodyPart === 'BREAST') {
    const layout = breastLandmarks(grid);
    return (x, y) => breastValue(x, y, layout, tissue);
  }
  if (bodyPart === 'HEAD') {
    const layout = headLandmarks(grid, false);
    return (x, y) => headValue(x, y, layout, { brain: tissue, bone: MR_BONE_SIGNAL, csf: tissue, air: 0 });
  }
  const layout = abdomenLandmarks(grid);
  return (x, y) => abdomenValue(x, y, layout, { tissue, fat: tissue, air: 0 });
}

/**
 * Breast ultrasound (US Image Storage, MONOCHROME2 8-bit, BREAST): speckled parenchyma ~110 ± 20
 * and an optional lesion (default echo 20: hypoechoic) with a smooth or spiculated margin and
 * posterior enhancement (×1.35) or shadowing (×0.55) in the columns below it. PixelSpacing is
 * written, and the same spacing as an ultrasound region calibration (PS3.3 C.8.5.5, cm).
 */
export function usBreastPhantom(o: PhantomStudyOptions & {
  lesion: { centerMm: [number, number]; widthMm: number; heightMm: number; echo?: number; margin?: 'smooth' | 'spiculated'; posterior?: 'none' | 'enhancement' | 'shadowing' } | null;
  size?: [number, number]; pixelSpacingMm?: number;
}): Buffer {
  const [rows, columns] = o.size ?? [400, 500];
  const s = o.pixelSpacingMm ?? 0.1;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 8 || columns < 8 || !(s > 0)) throw new RangeError('size must be [rows, cols] ≥ 8 and pixelSpacingMm > 0');
  const seed = o.seed ?? 1;
  const grain = speckle(rows, columns, 0.18, seed);
  const lesion = o.lesion ? { ...o.lesion, margin: o.lesion.margin ?? 'smooth' } : null;
  if (lesion && !(lesion.widthMm > 0 && lesion.heightMm > 0)) throw new RangeError('lesion widthMm and heightMm must be > 0');
  const phase = 2 * Math.PI * seededRandom(seed + 1).next();
  const factor = { none: 1, enhancement: 1.35, shadowing: 0.55 }[lesion?.posterior ?? 'none'];
  const pixels = new Uint8Array(rows * columns);
  for (let j = 0; j < rows; j++) {
    const y = axisMm(j, rows, s);
    for (let i = 0; i < columns; i++) {
      const x = axisMm(i, columns, s);
      let level = 110;
      if (lesion) {
        const below = y > lesion.centerMm[1] && Math.abs(x - lesion.centerMm[0]) <= lesion.widthMm / 2;
        const share = pixelShare(x, y, s, s, (px, py) => inUsLesion(px, py, lesion, phase));
        level = (below ? level * factor : level) * (1 - share) + (lesion.echo ?? 20) * share;
      }
      pixels[j * columns + i] = Math.min(255, Math.max(0, Math.round(level * grain[j * columns + i]!)));
    }
  }
  const region = {
    RegionSpatialFormat: 1, RegionDataType: 1, RegionFlags: 0,
    RegionLocationMinX0: 0, RegionLocationMinY0: 0, RegionLocationMaxX1: columns - 1, RegionLocationMaxY1: rows - 1,
    PhysicalUnitsXDirection: 3, PhysicalUnitsYDirection: 3, PhysicalDeltaX: s / 10, PhysicalDeltaY: s / 10,
  };
  const kind: SeriesKind = { modality: 'US', sopClassUid: US_IMAGE_STORAGE, bodyPart: 'BREAST', sex: 'F', description: 'US 유방 팬텀 (breast ultrasound phantom)' };
  return write2d(o, kind, rows, columns, pixels, 1, {
    PixelSpacing: [ds(s), ds(s)], SequenceOfUltrasoundRegions: [region], WindowCenter: 128, WindowWidth: 256,
  });
}

/**
 * A clinical photo (XC) or a pathology slide image (SM) as VL Photographic Image Storage, RGB
 * 8-bit (the SOP class lib/dicom/capture.ts gives uploaded photos): background colour with seeded
 * noise (sd 2) and round lesions of a colour. `centerPx` is [column, row] from the top-left corner
 * (pixel (i, j) covers [i, i+1) × [j, j+1)). PixelSpacing default 0.1 mm (XC) / 0.0005 mm (SM); null omits it.
 */
export function photoPhantom(o: PhantomStudyOptions & {
  modality: 'XC' | 'SM'; bodyPart: string; background: [number, number, number];
  lesions: { centerPx: [number, number]; radiusPx: number; color: [number, number, number] }[];
  size?: [number, number]; pixelSpacingMm?: number | null;
}): Buffer {
  const [rows, columns] = o.size ?? [300, 400];
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 8 || columns < 8) throw new RangeError('size must be [rows, cols] ≥ 8');
  const rgb = new Float32Array(rows * columns * 3);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const colour = [...o.background];
      for (const l of o.lesions) {
        const share = pixelShare(i + 0.5, j + 0.5, 1, 1, (x, y) => (x - l.centerPx[0]) ** 2 + (y - l.centerPx[1]) ** 2 <= l.radiusPx ** 2);
        for (let c = 0; c < 3; c++) colour[c] = colour[c]! * (1 - share) + l.color[c]! * share;
      }
      rgb.set(colour, (j * columns + i) * 3);
    }
  }
  addNoise(rgb, 2, o.seed ?? 1);
  const pixels = Uint8Array.from(rgb, (v) => Math.min(255, Math.max(0, Math.round(v))));
  const spacing = o.pixelSpacingMm === undefined ? (o.modality === 'SM' ? 0.0005 : 0.1) : o.pixelSpacingMm;
  const kind: SeriesKind = {
    modality: o.modality, sopClassUid: VL_PHOTOGRAPHIC_IMAGE_STORAGE, bodyPart: o.bodyPart,
    description: o.modality === 'SM' ? '병리 슬라이드 팬텀 (pathology slide phantom)' : '임상 사진 팬텀 (clinical photo phantom)',
  };
  return write2d(o, kind, rows, columns, pixels, 3, spacing === null ? {} : { PixelSpacing: [ds(spacing), ds(spacing)] });
}

/** A single-frame 8-bit instance (grey or interleaved RGB). */
function write2d(o: PhantomStudyOptions, kind: SeriesKind, rows: number, columns: number, pixels: Uint8Array, samples: 1 | 3, extra: Record<string, unknown>): Buffer {
  const { header, seriesInstanceUid } = seriesHeader(o, kind);
  const dataset = {
    ...header,
    SOPInstanceUID: derivedUid(seriesInstanceUid, 'instance', 1),
    InstanceNumber: 1,
    PatientOrientation: '',
    ...extra,
    SamplesPerPixel: samples, PhotometricInterpretation: samples === 3 ? 'RGB' : 'MONOCHROME2',
    ...(samples === 3 ? { PlanarConfiguration: 0 } : {}),
    Rows: rows, Columns: columns, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0,
    BurnedInAnnotation: 'NO', LossyImageCompression: '00',
  };
  return asBuffer(writePart10(dataset, { '7FE00010': { vr: 'OB', bytes: pixels } }, 'CDSS_PHANTOM_1'));
}
