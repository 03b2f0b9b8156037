import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bulkDataOf, toDicomJson } from '../../lib/dicom/dicom-json.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { buildPart10, dicomFixture } from '../fixtures/dicom/fixtures.js';

type Attribute = { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string };
const json = (name: string, bulk?: (tag: string) => string) => toDicomJson(parsePart10(dicomFixture(name)), bulk) as Record<string, Attribute>;

/** Every attribute, nested ones included, is a well-formed DICOM JSON attribute (PS3.18 F.2.2). */
function assertWellFormed(dataset: Record<string, Attribute>, where = ''): void {
  // Sorted, except that JS objects list integer-like keys ('52009229') first whatever the insertion order.
  const keys = Object.keys(dataset).filter((k) => !/^[1-9]\d*$/.test(k));
  assert.deepEqual(keys, [...keys].sort(), `tags sorted ${where}`);
  for (const [tag, attribute] of Object.entries(dataset)) {
    assert.match(tag, /^[0-9A-F]{8}$/, `tag ${tag}`);
    assert.match(attribute.vr, /^[A-Z]{2}$/, `${tag} vr`);
    for (const key of Object.keys(attribute)) assert.ok(['vr', 'Value', 'BulkDataURI', 'InlineBinary'].includes(key), `${tag}.${key}`);
    for (const value of attribute.Value ?? []) {
      if (attribute.vr === 'SQ') assertWellFormed(value as Record<string, Attribute>, `${where}/${tag}`);
      else if (attribute.vr === 'PN') assert.ok(value === null || Object.keys(value as object).every((k) => ['Alphabetic', 'Ideographic', 'Phonetic'].includes(k)));
      else assert.ok(value === null || ['string', 'number'].includes(typeof value), `${where}/${tag} value ${typeof value}`);
    }
  }
}

describe('toDicomJson (PS3.18 F.2)', () => {
  test('CT_small: UIDs, person names, numbers as numbers, empty attributes without Value', () => {
    const ct = json('CT_small.dcm');
    assert.deepEqual(ct['0020000D'], { vr: 'UI', Value: ['1.3.6.1.4.1.5962.1.2.1.20040119072730.12322'] });
    assert.deepEqual(ct['00100010'], { vr: 'PN', Value: [{ Alphabetic: 'CompressedSamples^CT1' }] });
    assert.deepEqual(ct['00280010'], { vr: 'US', Value: [128] }); // Rows
    assert.deepEqual(ct['00281052'], { vr: 'DS', Value: [-1024] }); // RescaleIntercept
    assert.deepEqual(ct['00200011'], { vr: 'IS', Value: [1] }); // SeriesNumber
    assert.deepEqual(ct['00181150'], { vr: 'IS', Value: [1601] }); // ExposureTime
    assert.deepEqual(ct['00080008'], { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] }); // multi-valued
    assert.deepEqual(ct['00080090'], { vr: 'PN' }); // ReferringPhysicianName, empty
    assert.deepEqual(ct['00080050'], { vr: 'SH' }); // AccessionNumber, empty
    assert.equal(typeof (ct['00091027']?.Value?.[0]), 'number'); // private SL
    assertWellFormed(ct);
  });

  test('sequences nest as datasets', () => {
    const ct = json('CT_small.dcm');
    const otherIds = ct['00101002']; // OtherPatientIDsSequence
    assert.equal(otherIds?.vr, 'SQ');
    const items = otherIds!.Value as Record<string, Attribute>[];
    assert.equal(items.length, 2);
    assert.deepEqual(items.map((item) => item['00100020']?.Value?.[0]), ['ABCD1234', '1234ABCD']);
  });

  test('bulk data: BulkDataURI from the callback, else only the VR; never raw bytes', () => {
    const withUri = json('CT_small.dcm', (tag) => `https://pacs.example/bulk/${tag}`);
    assert.deepEqual(withUri['7FE00010'], { vr: 'OW', BulkDataURI: 'https://pacs.example/bulk/7FE00010' });
    const without = json('CT_small.dcm');
    assert.deepEqual(without['7FE00010'], { vr: 'OW' });
    const us = json('US_rgb_single.dcm', (tag) => `bulk/${tag}`);
    assert.deepEqual(us['7FE00010'], { vr: 'OB', BulkDataURI: 'bulk/7FE00010' });
    // A zero is a value, not an empty attribute.
    assert.deepEqual(us['00280006'], { vr: 'US', Value: [0] }); // PlanarConfiguration
  });

  test('SEG: attribute tags as GGGGEEEE strings, deep functional-group sequences', () => {
    const seg = json('SEG_ct_binary.dcm');
    const dimensionIndex = (seg['00209222']?.Value as Record<string, Attribute>[]).map((item) => item['00209165']?.Value?.[0]);
    assert.deepEqual(dimensionIndex, ['0062000B', '00200032']);
    const perFrame = seg['52009230']?.Value as Record<string, Attribute>[];
    assert.equal(perFrame.length, 3);
    assert.equal(seg['00280008']?.Value?.[0], 3); // NumberOfFrames as a number
    assertWellFormed(seg);
  });

  test('no file meta, and the stored transfer syntax as Available Transfer Syntax UID', () => {
    const mr = json('MR_small_deflated.dcm');
    assert.ok(Object.keys(mr).every((tag) => !tag.startsWith('0002')));
    assert.deepEqual(mr['00083002'], { vr: 'UI', Value: ['1.2.840.10008.1.2.1.99'] });
    // The same dataset in another syntax gives the same JSON but for that attribute.
    const explicit = json('MR_small.dcm');
    const big = json('MR_small_big_endian.dcm');
    for (const other of [mr, big]) {
      assert.deepEqual({ ...other, '00083002': null }, { ...explicit, '00083002': null });
    }
  });

  test('Korean text survives (UTF-8, ISO_IR 192)', () => {
    const parsed = parsePart10(buildPart10({ PatientName: [{ Alphabetic: '김민수' }], StudyDescription: '흉부 CT' }));
    const out = toDicomJson(parsed) as Record<string, Attribute>;
    assert.deepEqual(out['00100010'], { vr: 'PN', Value: [{ Alphabetic: '김민수' }] });
    assert.deepEqual(out['00081030'], { vr: 'LO', Value: ['흉부 CT'] });
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(out)));
  });
});

describe('bulkDataOf', () => {
  test('native pixel data as stored; encapsulated ones are served per frame instead', () => {
    const ct = parsePart10(dicomFixture('CT_small.dcm'));
    assert.equal(bulkDataOf(ct, '7FE00010')?.byteLength, 128 * 128 * 2);
    assert.equal(bulkDataOf(ct, '00100020'), null); // not bulk data
    assert.equal(bulkDataOf(ct, '00282000'), null); // absent
    assert.equal(bulkDataOf(parsePart10(dicomFixture('US_rgb_jpeg_baseline.dcm')), '7FE00010'), null);
  });
});
