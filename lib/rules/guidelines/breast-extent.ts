import { GuidelineInputError, roundTenthMm, type LocalizedText } from './common.js';

/**
 * Extent of disease on breast MRI: how many lesions, how far they spread, and whether they are
 * multifocal or multicentric — what the surgeon needs to weigh breast conservation.
 *
 * MRI finds additional foci in about one woman in six with breast cancer and changes the planned
 * surgery for some of them (Houssami N, et al. "Accuracy and surgical impact of magnetic resonance
 * imaging in breast cancer staging: systematic review and meta-analysis in detection of multifocal
 * and multicentric cancer." J Clin Oncol 2008;26(19):3248–3258).
 *
 * The definitions vary in the literature: by quadrant (multifocal = foci in one quadrant,
 * multicentric = foci in different quadrants) or by distance (multicentric = foci 5 cm or more apart,
 * even inside one quadrant; e.g. Brazilian Breast Study Group, "Multifocal, Multicentric, and
 * Bilateral Carcinoma", Springer, doi:10.1007/978-3-030-13636-9_52). Quadrants need the nipple
 * position, which the segmentation does not give, so we use the distance definition:
 *  - multicentric: two lesion centres ≥ 50 mm apart;
 *  - multifocal: two or more lesions, none 50 mm apart (the two words exclude each other here);
 *  - extent: the largest distance the disease spans, edge to edge: for each pair, the distance
 *    between centres plus both radii (half the long axis); at least the largest single long axis.
 */
export const BREAST_EXTENT_CITATION =
  'Houssami N, et al. J Clin Oncol 2008;26(19):3248–3258 (MRI multifocal/multicentric disease); distance definition of multicentricity (≥ 5 cm between foci), Brazilian Breast Study Group, Springer, doi:10.1007/978-3-030-13636-9_52';

/** Lesion centres at least this far apart make the disease multicentric. */
export const MULTICENTRIC_DISTANCE_MM = 50;

export interface BreastMriLesion {
  /** Lesion centroid in patient coordinates, mm; null when the image has no geometry. */
  centroidMm: readonly [number, number, number] | null;
  longAxisMm: number | null;
}

export interface BreastMriExtent {
  count: number;
  /** Largest span of the disease including lesion radii, mm (one decimal); null without sizes. */
  extentMm: number | null;
  /** Largest distance between two lesion centres, mm (one decimal); null with fewer than two located lesions. */
  maxCentreDistanceMm: number | null;
  multifocal: boolean;
  multicentric: boolean;
  text: LocalizedText;
  source: string;
}

function validate(lesions: readonly BreastMriLesion[]): void {
  if (!Array.isArray(lesions)) {
    throw new GuidelineInputError('lesions', { ko: 'lesions: 병변 목록(배열)이어야 합니다', en: 'lesions: must be a list of lesions' });
  }
  lesions.forEach((l, i) => {
    const c = l?.centroidMm;
    if (c !== null && (!Array.isArray(c) || c.length !== 3 || !c.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
      throw new GuidelineInputError(`lesions[${i}].centroidMm`, { ko: `lesions[${i}].centroidMm: [x, y, z] mm 좌표 또는 null이어야 합니다`, en: `lesions[${i}].centroidMm: must be [x, y, z] in mm, or null` });
    }
    const d = l.longAxisMm;
    if (d !== null && (typeof d !== 'number' || !Number.isFinite(d) || d <= 0 || d > 500)) {
      throw new GuidelineInputError(`lesions[${i}].longAxisMm`, { ko: `lesions[${i}].longAxisMm: 0보다 크고 500 mm 이하인 직경 또는 null이어야 합니다`, en: `lesions[${i}].longAxisMm: must be a diameter in mm, greater than 0 and at most 500, or null` });
    }
  });
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** Count, extent and multifocality / multicentricity of the lesions of one breast MRI. */
export function breastMriExtent(lesions: readonly BreastMriLesion[]): BreastMriExtent {
  validate(lesions);
  const count = lesions.length;
  const radius = (l: BreastMriLesion) => (l.longAxisMm ?? 0) / 2;
  const sizes = lesions.map((l) => l.longAxisMm).filter((d): d is number => d !== null);
  let extent = sizes.length ? Math.max(...sizes) : null;
  let maxCentre: number | null = null;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const a = lesions[i]!;
      const b = lesions[j]!;
      if (!a.centroidMm || !b.centroidMm) continue;
      const d = distance(a.centroidMm, b.centroidMm);
      maxCentre = Math.max(maxCentre ?? 0, d);
      extent = Math.max(extent ?? 0, d + radius(a) + radius(b));
    }
  }
  const multicentric = maxCentre !== null && maxCentre >= MULTICENTRIC_DISTANCE_MM;
  const multifocal = count >= 2 && !multicentric;
  const extentMm = extent === null ? null : roundTenthMm(extent);
  const maxCentreDistanceMm = maxCentre === null ? null : roundTenthMm(maxCentre);
  const span = extentMm === null ? { ko: '범위 미상', en: 'extent unknown' } : { ko: `병변 범위 ${extentMm} mm`, en: `extent ${extentMm} mm` };
  const apart = (relation: string) => (maxCentreDistanceMm === null
    ? { ko: '병변 위치 미상', en: 'positions unknown' }
    : { ko: `중심 간 최대 ${maxCentreDistanceMm} mm (${relation} 50 mm)`, en: `centres up to ${maxCentreDistanceMm} mm apart (${relation} 50 mm)` });
  let text: LocalizedText;
  if (count === 0) text = { ko: '조영 병변 없음.', en: 'No enhancing lesion.' };
  else if (count === 1) text = { ko: `단일 병변 (unifocal), ${span.ko}.`, en: `Single lesion (unifocal), ${span.en}.` };
  else if (multicentric) {
    const d = apart('≥');
    text = {
      ko: `다중심성 (multicentric): 병변 ${count}개, ${d.ko}, ${span.ko}. 유방보존술 가능 여부를 다학제로 검토하십시오.`,
      en: `Multicentric: ${count} lesions, ${d.en}, ${span.en}. Review suitability for breast conservation at the multidisciplinary meeting.`,
    };
  } else {
    const d = apart('<');
    const unlocated = lesions.some((l) => !l.centroidMm) ? { ko: ' (위치를 모르는 병변이 있어 다중심성은 배제하지 못함)', en: ' (some lesions have no position: multicentricity not excluded)' } : { ko: '', en: '' };
    text = {
      ko: `다초점성 (multifocal): 병변 ${count}개, ${d.ko}, ${span.ko}${unlocated.ko}.`,
      en: `Multifocal: ${count} lesions, ${d.en}, ${span.en}${unlocated.en}.`,
    };
  }
  return { count, extentMm, maxCentreDistanceMm, multifocal, multicentric, text, source: BREAST_EXTENT_CITATION };
}
