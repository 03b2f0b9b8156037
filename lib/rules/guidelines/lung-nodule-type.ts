import { GuidelineInputError, requireDiameterMm, type LocalizedText, type NoduleType } from './common.js';

/**
 * Nodule attenuation type (solid / part-solid / ground-glass) from the CT numbers inside a segmented
 * nodule, so that Fleischner 2017 and Lung-RADS v2022 can pick their table.
 *
 * The words are the Fleischner glossary's (Hansell DM, et al. Radiology 2008;246(3):697–722):
 * ground-glass opacity is hazy increased attenuation that does not obscure the bronchial and vascular
 * margins; a solid nodule obscures them entirely; a part-solid nodule has both. Neither guideline
 * gives a number, so the thresholds below are ours, each with its reason:
 *
 *  - A voxel is "solid" at ≥ −300 HU (the caller counts them: `solidFraction`). Published thresholds
 *    for the solid component of subsolid nodules range from −400 to −160 HU (Lee JH, et al. PLoS One
 *    2018;13(10):e0205490 compared exactly these two); −300 HU lies between them.
 *  - Under 5 % solid voxels → ground-glass: a solid core that small (about a third of the nodule's
 *    diameter for a central core) is more often a vessel, noise or a bright edge than a solid
 *    component.
 *  - At least 50 % solid voxels and a solid mean (≥ −300 HU) → solid. The edge of a segmented solid
 *    nodule is a shell of partial-volume voxels between lung and soft tissue (a quarter of the voxels
 *    of a 9 mm nodule on 1.2 × 1.2 × 2 mm voxels), so "every voxel solid" would be too strict; the mean
 *    guard keeps out dense ground glass whose voxels only just pass −300 HU.
 *  - Below 6 mm (when the caller gives the diameter) a nodule with any solid component is solid:
 *    "part-solid nodules cannot be defined as such until ≥ 6 mm" (Fleischner 2017, Table 1 comment;
 *    MacMahon H, et al. Radiology 2017;284(1):228–243), and at that size the partial-volume edge,
 *    not a ground-glass rim, makes up most of the voxels (a 5 mm solid nodule on 2 mm slices can show
 *    under 30 % solid voxels).
 *  - Otherwise part-solid.
 * The consolidation-to-tumour ratio (CTR, the diameter of the solid part over the whole; 0 = pure
 * ground glass, 1 = solid; Suzuki K, et al. J Thorac Oncol 2011;6(4):751–756, JCOG0201) is reported
 * as the cube root of the solid fraction: the diameter ratio of a central solid core.
 */
export const LUNG_NODULE_TYPE_CITATION =
  'Hansell DM, et al. Radiology 2008;246(3):697–722 (Fleischner glossary: ground-glass, part-solid, solid); solid-voxel threshold after Lee JH, et al. PLoS One 2018;13(10):e0205490; CTR after Suzuki K, et al. J Thorac Oncol 2011;6(4):751–756 (JCOG0201)';

/** A voxel at or above this attenuation counts as solid. */
export const SOLID_VOXEL_HU = -300;
/** Below this share of solid voxels the nodule is ground-glass. */
export const GROUND_GLASS_MAX_SOLID_FRACTION = 0.05;
/** From this share of solid voxels on (with a solid mean) the nodule is solid. */
export const SOLID_MIN_SOLID_FRACTION = 0.5;
/** Below this diameter a nodule is not called part-solid (Fleischner 2017). */
export const PART_SOLID_MIN_DIAMETER_MM = 6;

export interface NoduleAttenuationInput {
  /** Mean CT number inside the segmented nodule, HU. */
  meanHu: number;
  /** Share (0–1) of the nodule's voxels at ≥ −300 HU. */
  solidFraction: number;
  /** Mean diameter (average of long and short axis), mm, when measured: below 6 mm there is no part-solid. */
  diameterMm?: number | null;
}

export interface NoduleAttenuationAssessment {
  type: NoduleType;
  meanHu: number;
  solidFraction: number;
  /** Cube root of the solid fraction: the CTR of a central solid core, 0–1 (two decimals). */
  consolidationRatio: number;
  text: LocalizedText;
  source: string;
}

const TYPE_TEXT: Record<NoduleType, LocalizedText> = {
  'solid': { ko: '고형 결절', en: 'solid nodule' },
  'part-solid': { ko: '부분고형 결절', en: 'part-solid nodule' },
  'ground-glass': { ko: '간유리 결절', en: 'ground-glass nodule' },
};

function validate(input: NoduleAttenuationInput): void {
  const { meanHu, solidFraction } = input ?? ({} as NoduleAttenuationInput);
  if (typeof meanHu !== 'number' || !Number.isFinite(meanHu) || meanHu < -1100 || meanHu > 3100) {
    throw new GuidelineInputError('meanHu', { ko: 'meanHu: −1100–3100 사이의 CT 값(HU)이어야 합니다', en: 'meanHu: must be a CT number in HU between −1100 and 3100' });
  }
  if (typeof solidFraction !== 'number' || !Number.isFinite(solidFraction) || solidFraction < 0 || solidFraction > 1) {
    throw new GuidelineInputError('solidFraction', { ko: 'solidFraction: 0–1 사이의 비율이어야 합니다', en: 'solidFraction: must be a share between 0 and 1' });
  }
  const d = input.diameterMm;
  if (d !== undefined && d !== null) requireDiameterMm('diameterMm', d);
}

function typeOf(meanHu: number, solidFraction: number, diameterMm: number | null): NoduleType {
  if (solidFraction < GROUND_GLASS_MAX_SOLID_FRACTION) return 'ground-glass';
  if (diameterMm !== null && diameterMm < PART_SOLID_MIN_DIAMETER_MM) return 'solid';
  if (solidFraction >= SOLID_MIN_SOLID_FRACTION && meanHu >= SOLID_VOXEL_HU) return 'solid';
  return 'part-solid';
}

/** The attenuation type with the numbers behind it and a bilingual line for the report. */
export function noduleAttenuationAssessment(input: NoduleAttenuationInput): NoduleAttenuationAssessment {
  validate(input);
  const { meanHu, solidFraction } = input;
  const diameterMm = input.diameterMm ?? null;
  const type = typeOf(meanHu, solidFraction, diameterMm);
  const small = diameterMm !== null && diameterMm < PART_SOLID_MIN_DIAMETER_MM && type === 'solid';
  const consolidationRatio = Math.round(Math.cbrt(solidFraction) * 100) / 100;
  const percent = `${Math.round(solidFraction * 100)}%`;
  const hu = Math.round(meanHu);
  return {
    type,
    meanHu,
    solidFraction,
    consolidationRatio,
    text: {
      ko: `${TYPE_TEXT[type].ko}: 평균 ${hu} HU, 고형(−300 HU 이상) 복셀 ${percent}, CTR 약 ${consolidationRatio}`,
      en: `${TYPE_TEXT[type].en}: mean ${hu} HU, ${percent} of voxels solid (≥ −300 HU), CTR about ${consolidationRatio}`,
    },
    source: small ? `${LUNG_NODULE_TYPE_CITATION}; < 6 mm: MacMahon H, et al. Radiology 2017;284(1):228–243, Table 1 comment (part-solid not definable below 6 mm)` : LUNG_NODULE_TYPE_CITATION,
  };
}

/** Solid, part-solid or ground-glass from the mean HU, the share of voxels ≥ −300 HU and, if known, the diameter (see the module comment). */
export function noduleTypeFromAttenuation(input: NoduleAttenuationInput): NoduleType {
  return noduleAttenuationAssessment(input).type;
}
