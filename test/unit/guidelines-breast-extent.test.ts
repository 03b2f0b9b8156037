import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GuidelineInputError, breastMriExtent, type BreastMriLesion } from '../../lib/rules/guidelines/index.js';

/** Distance definition of multicentricity: lesion centres ≥ 50 mm apart; extent includes both radii. */
const at = (x: number, y: number, z: number, longAxisMm: number | null = 15): BreastMriLesion => ({ centroidMm: [x, y, z], longAxisMm });

describe('breast MRI extent', () => {
  test('no lesion', () => {
    const r = breastMriExtent([]);
    assert.deepEqual([r.count, r.extentMm, r.maxCentreDistanceMm, r.multifocal, r.multicentric], [0, null, null, false, false]);
    assert.equal(r.text.en, 'No enhancing lesion.');
  });
  test('one 15 mm lesion: unifocal, extent 15 mm', () => {
    const r = breastMriExtent([at(10, -20, 5)]);
    assert.deepEqual([r.count, r.extentMm, r.multifocal, r.multicentric], [1, 15, false, false]);
    assert.equal(r.text.ko, '단일 병변 (unifocal), 병변 범위 15 mm.');
  });
  test('two 15 mm lesions 60 mm apart: multicentric, extent 60 + 7.5 + 7.5 = 75 mm', () => {
    const r = breastMriExtent([at(0, 0, 0), at(60, 0, 0)]);
    assert.equal(r.multicentric, true);
    assert.equal(r.multifocal, false);
    assert.equal(r.extentMm, 75);
    assert.equal(r.maxCentreDistanceMm, 60);
    assert.match(r.text.en, /^Multicentric: 2 lesions, centres up to 60 mm apart \(≥ 50 mm\), extent 75 mm\. Review/);
    assert.match(r.text.ko, /^다중심성 \(multicentric\)/);
    assert.match(r.source, /J Clin Oncol 2008;26\(19\):3248–3258/);
  });
  test('50 mm apart is multicentric (3-4-5 triangle in space); 49.9 mm is multifocal', () => {
    assert.equal(breastMriExtent([at(0, 0, 0), at(30, 40, 0)]).multicentric, true);
    const near = breastMriExtent([at(0, 0, 0), at(0, 0, 49.9)]);
    assert.deepEqual([near.multicentric, near.multifocal, near.extentMm], [false, true, 64.9]);
    assert.match(near.text.en, /^Multifocal: 2 lesions, centres up to 49\.9 mm apart \(< 50 mm\), extent 64\.9 mm\.$/);
  });
  test('three lesions: the farthest pair sets the extent and the class', () => {
    const r = breastMriExtent([at(0, 0, 0, 20), at(20, 0, 0, 10), at(0, 45, 0, 8)]);
    // pairs: 20 + 10 + 5 = 35; 45 + 10 + 4 = 59; hypot(20, 45) = 49.24 + 5 + 4 = 58.24
    assert.equal(r.extentMm, 59);
    assert.equal(r.maxCentreDistanceMm, 49.2);
    assert.equal(r.multifocal, true);
  });
  test('a small lesion inside a large one: the large long axis is the extent', () => {
    assert.equal(breastMriExtent([at(0, 0, 0, 40), at(3, 0, 0, 5)]).extentMm, 40);
  });
  test('without sizes the extent is the centre distance', () => {
    assert.equal(breastMriExtent([at(0, 0, 0, null), at(0, 30, 0, null)]).extentMm, 30);
    assert.equal(breastMriExtent([at(0, 0, 0, null)]).extentMm, null);
  });
  test('a lesion without a position: multifocal, multicentricity not excluded', () => {
    const r = breastMriExtent([at(0, 0, 0, 12), { centroidMm: null, longAxisMm: 20 }]);
    assert.deepEqual([r.multifocal, r.multicentric, r.extentMm, r.maxCentreDistanceMm], [true, false, 20, null]);
    assert.equal(r.text.en, 'Multifocal: 2 lesions, positions unknown, extent 20 mm (some lesions have no position: multicentricity not excluded).');
  });
});

describe('breast MRI extent bad input', () => {
  const bad: Array<[string, unknown, string]> = [
    ['not a list', { centroidMm: [0, 0, 0], longAxisMm: 5 }, 'lesions'],
    ['two coordinates', [{ centroidMm: [0, 0], longAxisMm: 5 }], 'lesions[0].centroidMm'],
    ['NaN coordinate', [at(0, 0, 0), { centroidMm: [0, Number.NaN, 0], longAxisMm: 5 }], 'lesions[1].centroidMm'],
    ['zero long axis', [at(0, 0, 0, 0)], 'lesions[0].longAxisMm'],
  ];
  for (const [name, input, field] of bad) {
    test(name, () => {
      assert.throws(() => breastMriExtent(input as BreastMriLesion[]), (e: unknown) => {
        assert.ok(e instanceof GuidelineInputError);
        assert.equal(e.field, field);
        assert.match(e.message, /[가-힣].* \(.*[a-z]/);
        return true;
      });
    });
  }
});
