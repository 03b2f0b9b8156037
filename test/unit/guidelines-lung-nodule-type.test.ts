import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GuidelineInputError, fleischnerRecommendation, noduleAttenuationAssessment, noduleTypeFromAttenuation,
  type NoduleAttenuationInput,
} from '../../lib/rules/guidelines/index.js';

/**
 * The attenuation rule (lib/rules/guidelines/lung-nodule-type.ts): < 5 % of voxels at ≥ −300 HU is
 * ground glass; below 6 mm anything else is solid; ≥ 50 % solid voxels with a mean ≥ −300 HU is solid;
 * otherwise part-solid.
 */
const type = (meanHu: number, solidFraction: number, diameterMm?: number) => noduleTypeFromAttenuation({ meanHu, solidFraction, diameterMm });

describe('nodule type thresholds', () => {
  const rows: Array<[string, number, number, number | undefined, string]> = [
    ['no solid voxel, mean −550 HU', -550, 0, undefined, 'ground-glass'],
    ['4.9 % solid voxels', -520, 0.049, undefined, 'ground-glass'],
    ['5 % solid voxels', -480, 0.05, undefined, 'part-solid'],
    ['49 % solid voxels, mean −100 HU', -100, 0.49, undefined, 'part-solid'],
    ['50 % solid voxels, mean exactly −300 HU', -300, 0.5, undefined, 'solid'],
    ['50 % solid voxels, mean −301 HU (dense ground glass)', -301, 0.5, undefined, 'part-solid'],
    ['every voxel solid', 40, 1, undefined, 'solid'],
    ['28 % solid voxels at 5.9 mm: no part-solid below 6 mm', -337, 0.28, 5.9, 'solid'],
    ['28 % solid voxels at 6 mm', -337, 0.28, 6, 'part-solid'],
    ['4 % solid voxels at 5 mm stays ground glass', -560, 0.04, 5, 'ground-glass'],
  ];
  for (const [name, meanHu, solidFraction, diameterMm, expected] of rows) {
    test(`${name} → ${expected}`, () => assert.equal(type(meanHu, solidFraction, diameterMm), expected));
  }
});

/**
 * Spheres sampled the way a CT slab samples them: each voxel's HU is the volume-weighted mix of what
 * it covers (4×4×4 sub-samples), then the nodule mask is where HU > −600 (the lung-window edge of the
 * reference segmenter), as the lung pipeline would see it. Lung −850 HU, soft tissue 40 HU.
 */
function sampledNodule(diameterMm: number, opts: { hu: number; coreMm?: number; coreHu?: number; pixelMm?: number; sliceMm?: number }): NoduleAttenuationInput {
  const px = opts.pixelMm ?? 1.2;
  const sz = opts.sliceMm ?? 2;
  const r = diameterMm / 2;
  const rc = (opts.coreMm ?? 0) / 2;
  const n = Math.ceil(r / px) + 2;
  const nz = Math.ceil(r / sz) + 2;
  const sub = 4;
  const hus: number[] = [];
  for (let k = -nz; k <= nz; k++) {
    for (let j = -n; j <= n; j++) {
      for (let i = -n; i <= n; i++) {
        let sum = 0;
        for (let a = 0; a < sub; a++) for (let b = 0; b < sub; b++) for (let c = 0; c < sub; c++) {
          const x = (i - 0.5 + (c + 0.5) / sub) * px;
          const y = (j - 0.5 + (b + 0.5) / sub) * px;
          const z = (k - 0.5 + (a + 0.5) / sub) * sz;
          const d = Math.hypot(x, y, z);
          sum += d <= rc ? (opts.coreHu ?? 40) : d <= r ? opts.hu : -850;
        }
        const hu = sum / sub ** 3;
        if (hu > -600) hus.push(hu);
      }
    }
  }
  const meanHu = hus.reduce((s, v) => s + v, 0) / hus.length;
  return { meanHu, solidFraction: hus.filter((v) => v >= -300).length / hus.length };
}

describe('nodule type on sampled spheres (partial volume at 1.2 × 1.2 × 2 mm)', () => {
  test('a 9 mm solid nodule (40 HU) is solid', () => {
    const input = sampledNodule(9, { hu: 40 });
    assert.ok(input.solidFraction > 0.5 && input.solidFraction < 1, `partial-volume edge present: ${input.solidFraction}`);
    assert.equal(noduleTypeFromAttenuation(input), 'solid');
  });
  test('a 5 mm solid nodule on 2 mm slices is mostly edge: part-solid by the numbers alone, solid once its diameter is given', () => {
    const input = sampledNodule(5, { hu: 40 });
    assert.ok(input.solidFraction < 0.5, `edge share: ${input.solidFraction}`);
    assert.equal(noduleTypeFromAttenuation(input), 'part-solid');
    const withSize = noduleAttenuationAssessment({ ...input, diameterMm: 5 });
    assert.equal(withSize.type, 'solid');
    assert.match(withSize.source, /Radiology 2017;284\(1\):228–243, Table 1 comment/);
  });
  test('a 14 mm ground-glass nodule with a 10 mm solid core is part-solid (44 % solid voxels)', () => {
    assert.equal(noduleTypeFromAttenuation(sampledNodule(14, { hu: -500, coreMm: 10 })), 'part-solid');
  });
  test('a 14 mm ground-glass nodule (−500 HU) with a 6 mm solid core is part-solid', () => {
    assert.equal(noduleTypeFromAttenuation(sampledNodule(14, { hu: -500, coreMm: 6 })), 'part-solid');
  });
  test('a 12 mm pure ground-glass nodule (−550 HU) is ground glass', () => {
    const input = sampledNodule(12, { hu: -550 });
    assert.equal(input.solidFraction, 0);
    assert.equal(noduleTypeFromAttenuation(input), 'ground-glass');
  });
  test('the type picks the Fleischner table: part-solid 14 mm → Table 1B, part solid ≥ 6 mm', () => {
    const t = noduleTypeFromAttenuation(sampledNodule(14, { hu: -500, coreMm: 6 }));
    const r = fleischnerRecommendation({ ageYears: 60, patientRisk: 'low', nodules: [{ type: t, longAxisMm: 14, shortAxisMm: 14, solidComponentMm: 6 }] });
    assert.equal(r.applicable && r.row, 'part-solid-single-ge6');
  });
});

describe('nodule attenuation assessment', () => {
  test('the CTR is the cube root of the solid fraction (a central core): 12.5 % → 0.5', () => {
    const a = noduleAttenuationAssessment({ meanHu: -420, solidFraction: 0.125 });
    assert.equal(a.consolidationRatio, 0.5);
    assert.equal(a.type, 'part-solid');
  });
  test('text is Korean first with the numbers, and cites the Fleischner glossary', () => {
    const a = noduleAttenuationAssessment({ meanHu: 35.6, solidFraction: 0.9 });
    assert.equal(a.text.ko, '고형 결절: 평균 36 HU, 고형(−300 HU 이상) 복셀 90%, CTR 약 0.97');
    assert.equal(a.text.en, 'solid nodule: mean 36 HU, 90% of voxels solid (≥ −300 HU), CTR about 0.97');
    assert.match(a.source, /Hansell DM, et al\. Radiology 2008;246\(3\):697–722/);
    assert.match(a.source, /PLoS One 2018;13\(10\):e0205490/);
  });
});

describe('nodule type bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['NaN mean', { meanHu: Number.NaN, solidFraction: 0.5 }, 'meanHu'],
    ['mean below air', { meanHu: -2000, solidFraction: 0.5 }, 'meanHu'],
    ['fraction above 1', { meanHu: -100, solidFraction: 1.2 }, 'solidFraction'],
    ['negative fraction', { meanHu: -100, solidFraction: -0.1 }, 'solidFraction'],
    ['fraction missing', { meanHu: -100 }, 'solidFraction'],
    ['zero diameter', { meanHu: -100, solidFraction: 0.5, diameterMm: 0 }, 'diameterMm'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => {
      assert.throws(() => noduleTypeFromAttenuation(input as NoduleAttenuationInput), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/);
        return true;
      });
    });
  }
});
