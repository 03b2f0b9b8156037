import { decodeFrame, type DecodedFrame } from './pixels.js';
import { DicomInputError, numberValue, textValue, type ParsedDicom } from './part10.js';

/**
 * From DICOM to tensor: a series of instances becomes one Float32Array in z-y-x order (slice,
 * row, column — the NCDHW layout ONNX models take, with N = C = 1) plus the geometry needed to
 * put a model's output back where it belongs (PS3.3 C.7.6.2: Image Plane module).
 *
 * Coordinates are the patient's (LPS, mm). `row` is ImageOrientationPatient[0..2], the direction
 * in which the column index grows; `column` is IOP[3..5], the direction in which the row index
 * grows; `normal` = row × column, the direction in which the slice index grows (slices are sorted
 * by their position along it, ascending, as ITK and dcm2niix do).
 */

export type Vec3 = [number, number, number];

/** Where one z-slice came from: what a DICOM SEG frame and an SR image reference must name. */
export interface SliceSource {
  sopInstanceUid: string;
  sopClassUid: string;
  /** The frame within a multi-frame instance (1-based); null for single-frame instances. */
  frameNumber: number | null;
  instanceNumber: number | null;
  /** ImagePositionPatient of the slice's first voxel (mm), when the image has plane geometry. */
  position: Vec3 | null;
}

/** Patient and study of the source, copied verbatim into derived objects (SEG, SR). */
export interface StudyContext {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  /** Patient, General Study and Patient Study module attributes, naturalized (PatientName, AccessionNumber, ...). */
  attributes: Record<string, unknown>;
}

/** What a derived object needs of its source images, whether a 3D volume or one 2D image. */
export interface ImageSource {
  context: StudyContext;
  frameOfReferenceUid: string | null;
  rows: number;
  columns: number;
  /** One per z index, in volume order. */
  slices: SliceSource[];
  /** ImageOrientationPatient (row direction, column direction), or null without plane geometry. */
  orientation: [number, number, number, number, number, number] | null;
  /** PixelSpacing: [between rows (y), between columns (x)] in mm, or null when unknown. */
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
}

/** A regular grid in patient space: what resampling maps between. */
export interface Grid {
  /** [depth, rows, columns] = [z, y, x]. */
  shape: [number, number, number];
  /** [slice, row, column] spacing in mm; the slice spacing is the median gap when slices are uneven. */
  spacing: [number, number, number];
  /** Patient position of voxel (0, 0, 0)'s centre. */
  origin: Vec3;
  direction: { row: Vec3; column: Vec3; normal: Vec3 };
  /** Each slice's position along `normal` (mm, absolute: position · normal), ascending. Exact even when uneven. */
  slicePositions: number[];
}

export interface Volume extends ImageSource, Grid {
  data: Float32Array;
  /** 4×4 row-major voxel (column i, row j, slice k, 1) → patient LPS mm, with the nominal slice spacing. */
  affine: number[];
  /** 'HU' for CT after the modality LUT; otherwise RescaleType or 'modality' (or 'stored' without rescale). */
  units: string;
  /** 'position' normally; 'instanceNumber' when slices had no usable ImagePositionPatient/Orientation. */
  sortedBy: 'position' | 'instanceNumber';
  /** Gaps between slices differ by more than 1 % (or 0.01 mm): `spacing[0]` is then only nominal. */
  unevenSpacing: boolean;
  warnings: string[];
}

/** One 2D image as a channels-first tensor (US, photos, radiographs, one slice of anything). */
export interface ImageTensor extends ImageSource {
  /** [channels, rows, columns] (CHW), channels 1 (grey) or 3 (RGB 0–255). */
  data: Float32Array;
  shape: [number, number, number];
  channels: 1 | 3;
  units: string;
  position: Vec3 | null;
  warnings: string[];
}

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

const ORIENTATION_TOLERANCE = 1e-4; // |cos| of two unit vectors: IOP is written with ~6 decimals
const POSITION_TOLERANCE = 1e-3; // mm: below this two slices are "at the same place"
const SPACING_TOLERANCE_MM = 0.01;
const SPACING_TOLERANCE_REL = 0.01;

export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3): number => Math.sqrt(dot(a, a));
const unit = (a: Vec3): Vec3 => { const n = norm(a) || 1; return [a[0] / n, a[1] / n, a[2] / n]; };

/** Patient attributes derived objects must repeat (PS3.3 C.7.1.1, C.7.2.1, C.7.2.2). */
const CONTEXT_KEYWORDS = [
  'PatientName', 'PatientID', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientSex', 'PatientAge', 'PatientWeight', 'PatientSize',
  'StudyInstanceUID', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber', 'StudyDescription',
];

function studyContext(parsed: ParsedDicom): StudyContext {
  const ds = parsed.dataset;
  const attributes: Record<string, unknown> = {};
  for (const keyword of CONTEXT_KEYWORDS) if (ds[keyword] !== undefined) attributes[keyword] = ds[keyword];
  return {
    studyInstanceUid: textValue(ds.StudyInstanceUID),
    seriesInstanceUid: textValue(ds.SeriesInstanceUID),
    modality: textValue(ds.Modality),
    attributes,
  };
}

function numbers(value: unknown, count: number): number[] | null {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\\') : null;
  if (!list || list.length < count) return null;
  const out = list.slice(0, count).map((v) => numberValue(v));
  return out.every((v): v is number => v !== null) ? out : null;
}

/** The first item of a functional group sequence, looked up per frame first, then shared. */
function functionalGroup(ds: Record<string, any>, frameIndex: number, sequence: string): Record<string, any> | null {
  const perFrame = ds.PerFrameFunctionalGroupsSequence?.[frameIndex]?.[sequence]?.[0];
  if (perFrame) return perFrame;
  return ds.SharedFunctionalGroupsSequence?.[0]?.[sequence]?.[0] ?? null;
}

interface FrameInfo {
  parsed: ParsedDicom;
  source: SliceSource;
  orientation: number[] | null;
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
  spacingBetweenSlices: number | null;
  slope: number;
  intercept: number;
  rescaleType: string;
  rows: number;
  columns: number;
}

const NON_IMAGE_HINT: Record<string, string> = {
  SR: '구조화 보고서(SR)', ECG: '심전도(ECG) 파형', SEG: '분할(SEG) 결과', PR: '표시 상태(PR)', KO: '키 오브젝트(KO)', DOC: '문서(PDF)', RTSTRUCT: '방사선치료 구조(RTSTRUCT)',
};

function notAnImage(parsed: ParsedDicom): DicomInputError {
  const modality = textValue(parsed.dataset.Modality);
  const what = NON_IMAGE_HINT[modality] ?? `픽셀 데이터가 없는 인스턴스 (Modality ${modality || '?'})`;
  return new DicomInputError(
    `영상이 아니므로 분석할 수 없습니다: ${what} (not an image: no pixel data to analyse, Modality ${modality || 'unknown'})`,
    'NOT_IMAGE', { modality, sopClassUid: textValue(parsed.dataset.SOPClassUID) },
  );
}

/** Every frame of an instance with its own geometry and rescale (classic or enhanced multi-frame). */
function framesOf(parsed: ParsedDicom): FrameInfo[] {
  const ds = parsed.dataset;
  if (!parsed.dict['7FE00010'] || textValue(ds.Modality) === 'SEG') throw notAnImage(parsed);
  const rows = numberValue(ds.Rows);
  const columns = numberValue(ds.Columns);
  if (!rows || !columns) throw notAnImage(parsed);
  const count = Math.max(1, numberValue(ds.NumberOfFrames) ?? 1);
  const enhanced = Array.isArray(ds.PerFrameFunctionalGroupsSequence) || Array.isArray(ds.SharedFunctionalGroupsSequence);
  const out: FrameInfo[] = [];
  for (let f = 0; f < count; f++) {
    const plane = enhanced ? functionalGroup(ds, f, 'PlanePositionSequence') : ds;
    const orient = enhanced ? functionalGroup(ds, f, 'PlaneOrientationSequence') : ds;
    const measures = enhanced ? functionalGroup(ds, f, 'PixelMeasuresSequence') : ds;
    const transform = enhanced ? functionalGroup(ds, f, 'PixelValueTransformationSequence') ?? ds : ds;
    const position = numbers(plane?.ImagePositionPatient, 3) as Vec3 | null;
    const spacing = numbers(measures?.PixelSpacing, 2) ?? (enhanced ? null : numbers(ds.ImagerPixelSpacing, 2));
    out.push({
      parsed,
      source: {
        sopInstanceUid: textValue(ds.SOPInstanceUID),
        sopClassUid: textValue(ds.SOPClassUID) || textValue(parsed.meta.MediaStorageSOPClassUID),
        frameNumber: count > 1 ? f + 1 : null,
        instanceNumber: numberValue(ds.InstanceNumber),
        position,
      },
      orientation: numbers(orient?.ImageOrientationPatient, 6),
      pixelSpacing: spacing as [number, number] | null,
      sliceThickness: numberValue(measures?.SliceThickness),
      spacingBetweenSlices: numberValue(measures?.SpacingBetweenSlices ?? ds.SpacingBetweenSlices),
      slope: numberValue(transform?.RescaleSlope) ?? 1,
      intercept: numberValue(transform?.RescaleIntercept) ?? 0,
      rescaleType: textValue(transform?.RescaleType),
      rows,
      columns,
    });
  }
  return out;
}

const inconsistent = (what: string, details: Record<string, unknown>) =>
  new DicomInputError(`한 시리즈로 볼륨을 만들 수 없습니다: ${what}`, 'INCONSISTENT_SERIES', details);

function sameDirection(a: number[], b: number[]): boolean {
  return Math.abs(dot(a.slice(0, 3) as Vec3, b.slice(0, 3) as Vec3) - 1) < ORIENTATION_TOLERANCE
    && Math.abs(dot(a.slice(3, 6) as Vec3, b.slice(3, 6) as Vec3) - 1) < ORIENTATION_TOLERANCE;
}

function checkConsistent(frames: FrameInfo[]): void {
  const first = frames[0]!;
  const series = new Set(frames.map((f) => textValue(f.parsed.dataset.SeriesInstanceUID)));
  if (series.size > 1) throw inconsistent(`서로 다른 시리즈가 섞여 있습니다 (instances from ${series.size} series)`, { series: [...series] });
  const frameOfReference = new Set(frames.map((f) => textValue(f.parsed.dataset.FrameOfReferenceUID)).filter(Boolean));
  if (frameOfReference.size > 1) throw inconsistent(`기준 좌표계가 다릅니다 (${frameOfReference.size} Frame of Reference UIDs)`, { frameOfReference: [...frameOfReference] });
  for (const f of frames) {
    if (f.rows !== first.rows || f.columns !== first.columns) {
      throw inconsistent(`영상 크기가 다릅니다: ${first.columns}×${first.rows} 와 ${f.columns}×${f.rows} (slices differ in size)`, { sopInstanceUid: f.source.sopInstanceUid });
    }
    if (f.orientation && first.orientation && !sameDirection(f.orientation, first.orientation)) {
      throw inconsistent(`영상 방향(ImageOrientationPatient)이 다릅니다 (slices differ in orientation)`, { sopInstanceUid: f.source.sopInstanceUid, orientation: f.orientation });
    }
    if (f.pixelSpacing && first.pixelSpacing
      && (Math.abs(f.pixelSpacing[0] - first.pixelSpacing[0]) > 1e-3 || Math.abs(f.pixelSpacing[1] - first.pixelSpacing[1]) > 1e-3)) {
      throw inconsistent(`픽셀 간격(PixelSpacing)이 다릅니다 (slices differ in pixel spacing)`, { sopInstanceUid: f.source.sopInstanceUid, pixelSpacing: f.pixelSpacing });
    }
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Modality values of one frame (stored × slope + intercept), or the stored values themselves. */
function frameValues(frame: FrameInfo, rescale: boolean, decoded: DecodedFrame = decodeFrame(frame.parsed, frame.source.frameNumber ?? 1)): Float32Array {
  if (decoded.kind !== 'grey') {
    throw new DicomInputError('컬러 영상은 볼륨으로 쌓을 수 없습니다: imageTensor를 쓰세요 (colour images do not stack into a volume)', 'UNSUPPORTED', {
      sopInstanceUid: frame.source.sopInstanceUid,
    });
  }
  if (!rescale || (frame.slope === 1 && frame.intercept === 0)) return decoded.stored;
  const out = new Float32Array(decoded.stored.length);
  for (let i = 0; i < out.length; i++) out[i] = decoded.stored[i]! * frame.slope + frame.intercept;
  return out;
}

function unitsOf(modality: string, frame: FrameInfo, rescale: boolean): string {
  if (!rescale) return 'stored';
  if (frame.rescaleType) return frame.rescaleType;
  return modality === 'CT' ? 'HU' : 'modality';
}

/** 4×4 row-major affine: voxel (i = column, j = row, k = slice) → patient mm. */
export function affineOf(grid: Pick<Grid, 'origin' | 'direction' | 'spacing'>): number[] {
  const { row, column, normal } = grid.direction;
  const [sz, sy, sx] = grid.spacing;
  const o = grid.origin;
  return [
    row[0] * sx, column[0] * sy, normal[0] * sz, o[0],
    row[1] * sx, column[1] * sy, normal[1] * sz, o[1],
    row[2] * sx, column[2] * sy, normal[2] * sz, o[2],
    0, 0, 0, 1,
  ];
}

/** The patient position (mm) of a voxel's centre; uses the exact slice position, so it is right for uneven slices too. */
export function voxelToPatient(grid: Grid, [k, j, i]: [number, number, number]): Vec3 {
  const { row, column, normal } = grid.direction;
  const [, sy, sx] = grid.spacing;
  const along = (grid.slicePositions[k] ?? grid.slicePositions[0]! + k * grid.spacing[0]) - dot(grid.origin, normal);
  return [0, 1, 2].map((a) => grid.origin[a]! + row[a]! * i * sx + column[a]! * j * sy + normal[a]! * along) as Vec3;
}

export interface VolumeOptions {
  /** Apply the modality LUT (RescaleSlope/Intercept → HU for CT). Default true. */
  rescale?: boolean;
}

/**
 * Stacks a series into a volume. Slices are sorted by ImagePositionPatient projected on the slice
 * normal; without plane geometry on every slice, by InstanceNumber (flagged in `sortedBy`, with a
 * warning). Refuses (DicomInputError) mixed series, different sizes, orientations or pixel
 * spacings, two slices at one position (multi-echo or multi-phase series must be split first), and
 * non-images (SR, ECG, SEG: reason NOT_IMAGE). Multi-frame (enhanced) instances contribute one
 * slice per frame, with per-frame geometry and rescale from their functional groups.
 */
export function buildVolume(instances: ParsedDicom[], options: VolumeOptions = {}): Volume {
  if (instances.length === 0) throw new DicomInputError('볼륨을 만들 영상이 없습니다 (no instances)', 'MISSING_TAG');
  const rescale = options.rescale ?? true;
  const frames = instances.flatMap(framesOf);
  checkConsistent(frames);
  const warnings: string[] = [];
  const first = frames[0]!;
  const context = studyContext(first.parsed);

  const geometric = frames.every((f) => f.source.position && f.orientation);
  let sortedBy: Volume['sortedBy'] = 'position';
  let row: Vec3 = [1, 0, 0];
  let column: Vec3 = [0, 1, 0];
  let normal: Vec3 = [0, 0, 1];
  let positions: number[];
  if (geometric) {
    row = unit(first.orientation!.slice(0, 3) as Vec3);
    column = unit(first.orientation!.slice(3, 6) as Vec3);
    normal = unit(cross(row, column));
    frames.sort((a, b) => dot(a.source.position!, normal) - dot(b.source.position!, normal));
    positions = frames.map((f) => dot(f.source.position!, normal));
    for (let k = 1; k < positions.length; k++) {
      if (positions[k]! - positions[k - 1]! < POSITION_TOLERANCE) {
        throw new DicomInputError(
          `같은 위치에 영상이 두 장 있습니다 (다중 에코/시상 시리즈는 나눠서 보내 주세요) (two slices at the same position ${positions[k]!.toFixed(2)} mm: split multi-echo / multi-phase series first)`,
          'DUPLICATE_POSITION', { sopInstanceUids: [frames[k - 1]!.source.sopInstanceUid, frames[k]!.source.sopInstanceUid] },
        );
      }
    }
  } else {
    sortedBy = 'instanceNumber';
    if (frames.length > 1) warnings.push('ImagePositionPatient/ImageOrientationPatient가 없어 InstanceNumber 순서로 쌓았습니다 (no plane geometry: slices ordered by InstanceNumber)');
    frames.sort((a, b) => (a.source.instanceNumber ?? 0) - (b.source.instanceNumber ?? 0) || (a.source.frameNumber ?? 0) - (b.source.frameNumber ?? 0));
    if (first.orientation) {
      row = unit(first.orientation.slice(0, 3) as Vec3);
      column = unit(first.orientation.slice(3, 6) as Vec3);
      normal = unit(cross(row, column));
    }
    positions = [];
  }

  // Slice spacing: the median gap between positions; fallback to the nominal attributes.
  const gaps = positions.slice(1).map((p, k) => p - positions[k]!);
  let sliceSpacing: number;
  let unevenSpacing = false;
  if (gaps.length > 0) {
    sliceSpacing = median(gaps);
    const tolerance = Math.max(SPACING_TOLERANCE_MM, SPACING_TOLERANCE_REL * sliceSpacing);
    unevenSpacing = gaps.some((g) => Math.abs(g - sliceSpacing) > tolerance);
    if (unevenSpacing) {
      warnings.push(
        `슬라이스 간격이 고르지 않습니다: ${Math.min(...gaps).toFixed(3)}–${Math.max(...gaps).toFixed(3)} mm, 중앙값 ${sliceSpacing.toFixed(3)} mm 사용 `
        + `(uneven slice spacing: gaps ${Math.min(...gaps).toFixed(3)}–${Math.max(...gaps).toFixed(3)} mm; the affine uses the median, slicePositions are exact)`,
      );
    }
    // A shift within the plane between slices means gantry tilt: the affine's slice axis is then approximate.
    const firstPos = frames[0]!.source.position!;
    const lastPos = frames[frames.length - 1]!.source.position!;
    const step: Vec3 = [lastPos[0] - firstPos[0], lastPos[1] - firstPos[1], lastPos[2] - firstPos[2]];
    const inPlane = Math.hypot(dot(step, row), dot(step, column));
    if (inPlane > Math.max(0.01, 0.001 * norm(step))) {
      warnings.push(`슬라이스 위치가 법선에서 벗어납니다 (gantry tilt?) (slice positions drift ${inPlane.toFixed(2)} mm in-plane: sheared volume, e.g. gantry tilt)`);
    }
  } else {
    const nominal = first.spacingBetweenSlices ?? first.sliceThickness;
    if (frames.length > 1 || nominal === null) {
      warnings.push(`슬라이스 간격을 알 수 없어 ${nominal ?? 1} mm로 가정합니다 (slice spacing unknown: assumed ${nominal ?? 1} mm)`);
    }
    sliceSpacing = nominal && nominal > 0 ? nominal : 1;
  }
  if (!geometric) {
    positions = frames.map((_, k) => k * sliceSpacing);
  }
  if (!first.pixelSpacing) warnings.push('PixelSpacing이 없어 1 mm로 가정합니다 (no PixelSpacing: 1 mm assumed)');
  const pixelSpacing = first.pixelSpacing ?? [1, 1];
  if (textValue(first.parsed.dataset.Modality) === 'CT' && !rescale) warnings.push('모달리티 LUT를 적용하지 않았습니다: HU가 아닙니다 (rescale off: values are stored values, not HU)');

  const { rows, columns } = first;
  const sliceSize = rows * columns;
  const data = new Float32Array(sliceSize * frames.length);
  frames.forEach((frame, k) => {
    const values = frameValues(frame, rescale);
    if (values.length < sliceSize) throw new DicomInputError('프레임 데이터가 짧습니다 (frame data too short)', 'TRUNCATED', { sopInstanceUid: frame.source.sopInstanceUid });
    data.set(values.subarray(0, sliceSize), k * sliceSize);
  });

  const origin: Vec3 = geometric ? [...frames[0]!.source.position!] as Vec3 : [0, 0, 0];
  const grid: Grid = {
    shape: [frames.length, rows, columns],
    spacing: [sliceSpacing, pixelSpacing[0], pixelSpacing[1]],
    origin,
    direction: { row, column, normal },
    slicePositions: geometric ? positions : positions.map((p) => p + dot(origin, normal)),
  };
  return {
    ...grid,
    data,
    affine: affineOf(grid),
    context,
    frameOfReferenceUid: textValue(first.parsed.dataset.FrameOfReferenceUID) || null,
    rows,
    columns,
    slices: frames.map((f) => f.source),
    orientation: first.orientation ? (first.orientation.slice(0, 6) as ImageSource['orientation']) : null,
    pixelSpacing: first.pixelSpacing,
    sliceThickness: first.sliceThickness,
    units: unitsOf(context.modality, first, rescale),
    sortedBy,
    unevenSpacing,
    warnings,
  };
}

/** BT.601 luma: how an RGB ultrasound or photo becomes one channel for a grey model. */
function luma(rgb: Uint8Array, pixels: number): Float32Array {
  const out = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) out[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  return out;
}

export interface ImageTensorOptions {
  /** 1-based frame of a multi-frame instance. Default 1. */
  frame?: number;
  /** Colour → one luma channel (for single-channel models). Default false. */
  grey?: boolean;
  /** Modality LUT (see VolumeOptions). Default true. */
  rescale?: boolean;
  /**
   * MONOCHROME1 (radiographs: high value = dark) is flipped so bright always means dense, as the
   * models are trained on MONOCHROME2-looking data. Default true.
   */
  invertMonochrome1?: boolean;
}

/** One frame (US, photo, radiograph, or a single slice) as a channels-first 2D tensor. */
export function imageTensor(parsed: ParsedDicom, options: ImageTensorOptions = {}): ImageTensor {
  const frames = framesOf(parsed);
  const frameNumber = options.frame ?? 1;
  const frame = frames[frameNumber - 1];
  if (!frame) {
    throw new DicomInputError(`프레임 번호가 범위를 벗어났습니다: ${frameNumber} (1–${frames.length}) (frame out of range)`, 'FRAME_RANGE', { numberOfFrames: frames.length });
  }
  const rescale = options.rescale ?? true;
  const warnings: string[] = [];
  const decoded: DecodedFrame = decodeFrame(parsed, frameNumber);
  const pixels = decoded.width * decoded.height;
  let data: Float32Array;
  let channels: 1 | 3;
  let units: string;
  if (decoded.kind === 'rgb') {
    units = 'rgb';
    if (options.grey) {
      data = luma(decoded.rgb, pixels);
      channels = 1;
    } else {
      // HWC (as stored) → CHW (what ONNX image models take).
      data = new Float32Array(pixels * 3);
      for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) data[c * pixels + i] = decoded.rgb[i * 3 + c]!;
      channels = 3;
    }
  } else {
    data = frameValues(frame, rescale, decoded);
    if (data === decoded.stored) data = new Float32Array(data); // inverted below: never write into the decoder's buffer
    channels = 1;
    units = unitsOf(textValue(parsed.dataset.Modality), frame, rescale);
    if (decoded.photometric === 'MONOCHROME1' && (options.invertMonochrome1 ?? true)) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of data) { if (v < min) min = v; if (v > max) max = v; }
      for (let i = 0; i < data.length; i++) data[i] = min + max - data[i]!;
      warnings.push('MONOCHROME1 영상을 반전했습니다 (MONOCHROME1 inverted: bright = dense)');
    }
  }
  return {
    data,
    shape: [channels, decoded.height, decoded.width],
    channels,
    units,
    position: frame.source.position,
    warnings,
    context: studyContext(parsed),
    frameOfReferenceUid: textValue(parsed.dataset.FrameOfReferenceUID) || null,
    rows: decoded.height,
    columns: decoded.width,
    slices: [frame.source],
    orientation: frame.orientation ? (frame.orientation.slice(0, 6) as ImageSource['orientation']) : null,
    pixelSpacing: frame.pixelSpacing,
    sliceThickness: frame.sliceThickness,
  };
}
