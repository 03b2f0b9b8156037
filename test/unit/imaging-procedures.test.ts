import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEPARTMENT_CODES } from '../../lib/constants.js';
import { findImagingProcedure, IMAGING_MODALITIES, IMAGING_PROCEDURES } from '../../lib/rules/imaging-procedures.js';
import { findModalityRoom, MODALITY_ROOMS, roomFits, roomsFor } from '../../lib/rules/ris-rooms.js';
import { canRisTransition, nextRisStatuses, ORDER_STATUS_FOR, RIS_STATUS_CODES, type RisStatus } from '../../lib/rules/ris-status.js';
import { ACCESSION_PATTERN, accessionCounterKey, formatAccessionNumber } from '../../lib/rules/ris-accession.js';
import { canTransition } from '../../lib/rules/order-status.js';

/** DICOM Body Part Examined defined terms (PS3.16 Annex L) the catalogue may use. */
const BODY_PARTS = new Set(['CHEST', 'HEAD', 'BRAIN', 'BREAST', 'ABDOMEN', 'ABDOMENPELVIS', 'PELVIS', 'CSPINE', 'TSPINE', 'LSPINE', 'PANCREAS']);

describe('imaging procedure catalogue', () => {
  test('codes are unique, upper case and fit a DICOM code value (SH, 16 characters)', () => {
    const codes = IMAGING_PROCEDURES.map((p) => p.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[A-Z0-9-]{1,16}$/, code);
  });

  test('every procedure names a known modality, a DICOM body part, a duration and ordering departments', () => {
    for (const p of IMAGING_PROCEDURES) {
      assert.ok(p.modality in IMAGING_MODALITIES, `${p.code}: ${p.modality}`);
      assert.ok(BODY_PARTS.has(p.bodyPart), `${p.code}: ${p.bodyPart}`);
      assert.ok(p.durationMinutes >= 5 && p.durationMinutes <= 120, `${p.code}: ${p.durationMinutes}`);
      assert.ok(p.departments.length > 0 && p.departments.every((d) => DEPARTMENT_CODES.includes(d)), p.code);
      assert.match(p.name, /[가-힣]/, `${p.code} has a Korean name`);
    }
  });

  test('the five departments\' core studies are orderable with the right modality, body part and contrast', () => {
    const expect: [string, string, string, boolean][] = [
      ['XR-CHEST-PA', 'DX', 'CHEST', false], ['CT-CHEST-C', 'CT', 'CHEST', true], ['CT-CHEST', 'CT', 'CHEST', false],
      ['CT-CHEST-LD', 'CT', 'CHEST', false], ['MR-BRAIN', 'MR', 'HEAD', false], ['CT-BRAIN', 'CT', 'HEAD', false],
      ['MR-LSPINE', 'MR', 'LSPINE', false], ['MG-BILAT', 'MG', 'BREAST', false], ['US-BREAST', 'US', 'BREAST', false],
      ['MR-BREAST-C', 'MR', 'BREAST', true], ['CT-ABD-PANC', 'CT', 'ABDOMEN', true], ['US-ABD', 'US', 'ABDOMEN', false],
      ['MR-MRCP', 'MR', 'ABDOMEN', false],
    ];
    for (const [code, modality, bodyPart, contrast] of expect) {
      const p = findImagingProcedure(code);
      assert.ok(p, code);
      assert.deepEqual([p.modality, p.bodyPart, p.contrast], [modality, bodyPart, contrast], code);
    }
    assert.equal(findImagingProcedure('CT-CHEST-LD')!.name, '저선량 흉부 CT (폐암 검진)');
  });

  test('lookup is case-insensitive and trimmed; unknown codes are undefined', () => {
    assert.equal(findImagingProcedure(' ct-chest-c ')?.code, 'CT-CHEST-C');
    assert.equal(findImagingProcedure('CT-KNEE'), undefined);
    assert.equal(findImagingProcedure(''), undefined);
  });
});

describe('modality rooms', () => {
  test('every procedure can be booked in at least one room, and every room serves some procedure', () => {
    for (const p of IMAGING_PROCEDURES) assert.ok(roomsFor(p).length > 0, p.code);
    for (const room of MODALITY_ROOMS) assert.ok(IMAGING_PROCEDURES.some((p) => roomFits(room, p)), room.code);
  });

  test('station AE titles are unique DICOM AE titles (≤ 16 characters, no backslash)', () => {
    const titles = MODALITY_ROOMS.map((r) => r.stationAeTitle);
    assert.equal(new Set(titles).size, titles.length);
    for (const title of titles) assert.match(title, /^[A-Z0-9_]{1,16}$/);
  });

  test('a CT is not booked in the MRI room, a chest film goes to the X-ray room', () => {
    assert.equal(roomFits(findModalityRoom('MR1')!, findImagingProcedure('CT-CHEST-C')!), false);
    assert.deepEqual(roomsFor(findImagingProcedure('XR-CHEST-PA')!).map((r) => r.code), ['XR1']);
    assert.deepEqual(roomsFor(findImagingProcedure('CT-BRAIN')!).map((r) => r.code), ['CT1', 'CT2']);
    assert.equal(findModalityRoom('ct1')?.code, 'CT1');
    assert.equal(findModalityRoom('OR1'), undefined);
  });
});

describe('RIS status machine', () => {
  test('the happy path runs 촬영대기 → 촬영중 → 촬영완료 → 판독대기 → 판독중 → 판독완료', () => {
    const path: RisStatus[] = ['WAITING', 'IN_PROGRESS', 'ACQUIRED', 'AWAITING_READ', 'READING', 'READ'];
    for (let i = 0; i + 1 < path.length; i++) assert.ok(canRisTransition(path[i], path[i + 1]), `${path[i]} → ${path[i + 1]}`);
  });

  test('only a waiting entry is cancelled; nothing skips a step or leaves READ or CANCELLED', () => {
    assert.ok(canRisTransition('WAITING', 'CANCELLED'));
    for (const from of ['IN_PROGRESS', 'ACQUIRED', 'AWAITING_READ', 'READING', 'READ'] as RisStatus[]) assert.equal(canRisTransition(from, 'CANCELLED'), false, from);
    assert.equal(canRisTransition('WAITING', 'ACQUIRED'), false);
    assert.equal(canRisTransition('AWAITING_READ', 'READ'), false);
    assert.equal(canRisTransition('IN_PROGRESS', 'IN_PROGRESS'), false);
    assert.deepEqual(nextRisStatuses('READ'), []);
    assert.deepEqual(nextRisStatuses('CANCELLED'), []);
  });

  test('each order status the entry reports is reachable in the OCS imaging machine in the same order', () => {
    const reported = RIS_STATUS_CODES.map((s) => ORDER_STATUS_FOR[s]).filter((s) => s !== undefined);
    assert.deepEqual(reported, ['SCHEDULED', 'IN_PROGRESS', 'ACQUIRED', 'REPORTED']);
    assert.ok(canTransition('IMAGING', 'PENDING', reported[0]));
    for (let i = 0; i + 1 < reported.length; i++) assert.ok(canTransition('IMAGING', reported[i], reported[i + 1]), `${reported[i]} → ${reported[i + 1]}`);
  });
});

describe('accession numbers', () => {
  test('A + KST date + the day\'s sequence, fitting DICOM SH (16 characters)', () => {
    assert.equal(formatAccessionNumber('2026-11-26', 42), 'A20261126000042');
    assert.equal(formatAccessionNumber('2026-11-26', 1_000_000), 'A202611261000000');
    assert.equal(formatAccessionNumber('2026-11-26', 9_999_999).length, 16);
    assert.match(formatAccessionNumber('2026-01-05', 1), ACCESSION_PATTERN);
    assert.equal(accessionCounterKey('2026-11-26'), 'accession:20261126');
  });

  test('a sequence that would not fit, or a malformed date, is refused rather than truncated', () => {
    assert.throws(() => formatAccessionNumber('2026-11-26', 10_000_000));
    assert.throws(() => formatAccessionNumber('2026-11-26', 0));
    assert.throws(() => formatAccessionNumber('20261126', 1));
  });
});
