import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DicomInputError, dicomDateToIso, parsePart10, summarize } from '../../lib/dicom/part10.js';
import { TRANSFER_SYNTAXES, transferSyntaxInfo } from '../../lib/dicom/transfer-syntax.js';
import { buildPart10, ctSeriesFixtures, dicomFixture } from '../fixtures/dicom/fixtures.js';

/** Asserts a DicomInputError with this reason and a Korean-first message. */
function rejects(bytes: Uint8Array, reason: string): DicomInputError {
  try {
    parsePart10(bytes);
  } catch (err) {
    assert.ok(err instanceof DicomInputError, `expected DicomInputError, got ${String(err)}`);
    assert.equal(err.reason, reason, err.message);
    assert.match(err.message, /^[^(]*[가-힣]/, 'the Korean comes first');
    assert.match(err.message, /\([a-z][^)]*\)/i, 'message carries the English in parentheses');
    return err;
  }
  assert.fail(`expected ${reason}, but the bytes parsed`);
}

const CT_UIDS = {
  studyInstanceUid: '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322',
  seriesInstanceUid: '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322',
  sopInstanceUid: '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322',
};

describe('parsePart10 + summarize on the fixtures', () => {
  test('CT_small: the summary carries the identifying and image keys', () => {
    const parsed = parsePart10(dicomFixture('CT_small.dcm'));
    assert.equal(parsed.transferSyntaxUid, '1.2.840.10008.1.2.1');
    assert.equal(parsed.meta.TransferSyntaxUID, '1.2.840.10008.1.2.1');
    assert.equal(parsed.dataset.Modality, 'CT');
    assert.equal(parsed.dict['00100020']?.Value?.[0], '1CT1');
    assert.deepEqual(summarize(parsed), {
      ...CT_UIDS,
      sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      patientId: '1CT1', patientName: 'CompressedSamples^CT1', patientBirthDate: null, patientSex: 'O',
      accessionNumber: null, studyDate: '20040119', studyTime: '072730', studyDescription: 'e+1',
      modality: 'CT', seriesNumber: 1, seriesDescription: null, instanceNumber: 1, bodyPartExamined: null,
      rows: 128, columns: 128, numberOfFrames: 1, bitsAllocated: 16,
    });
  });

  test('SEG: implicit VR, 3 frames of 1 bit; US: RGB 320×240', () => {
    const seg = summarize(parsePart10(dicomFixture('SEG_ct_binary.dcm')));
    assert.equal(seg.transferSyntaxUid, '1.2.840.10008.1.2');
    assert.equal(seg.modality, 'SEG');
    assert.equal(seg.numberOfFrames, 3);
    assert.equal(seg.bitsAllocated, 1);
    assert.equal(seg.patientId, '77654033');
    const us = summarize(parsePart10(dicomFixture('US_rgb_single.dcm')));
    assert.equal(us.modality, 'US');
    assert.deepEqual([us.columns, us.rows, us.bitsAllocated], [320, 240, 8]);
  });

  test('the CT series: one study and series, four instances with their accession', () => {
    const summaries = ctSeriesFixtures().map((f) => summarize(parsePart10(f.bytes)));
    assert.equal(summaries.length, 4);
    assert.equal(new Set(summaries.map((s) => s.studyInstanceUid)).size, 1);
    assert.equal(new Set(summaries.map((s) => s.seriesInstanceUid)).size, 1);
    assert.equal(new Set(summaries.map((s) => s.sopInstanceUid)).size, 4);
    for (const s of summaries) {
      assert.equal(s.patientId, '77654033');
      assert.equal(s.accessionNumber, '2');
      assert.equal(s.bodyPartExamined, 'HEAD');
    }
  });

  test('every transfer syntax of the fixtures parses to the same instance', () => {
    const mr = summarize(parsePart10(dicomFixture('MR_small.dcm')));
    const variants: [string, string][] = [
      ['MR_small_implicit.dcm', '1.2.840.10008.1.2'],
      ['MR_small_big_endian.dcm', '1.2.840.10008.1.2.2'],
      ['MR_small_deflated.dcm', '1.2.840.10008.1.2.1.99'],
      ['MR_small_rle.dcm', '1.2.840.10008.1.2.5'],
    ];
    for (const [file, syntax] of variants) {
      const s = summarize(parsePart10(dicomFixture(file)));
      assert.equal(s.transferSyntaxUid, syntax, file);
      assert.deepEqual({ ...s, transferSyntaxUid: mr.transferSyntaxUid }, mr, file);
    }
    const lossless = summarize(parsePart10(dicomFixture('CT_small_jpeg_lossless.dcm')));
    assert.equal(lossless.transferSyntaxUid, '1.2.840.10008.1.2.4.70');
    assert.equal(lossless.sopInstanceUid, CT_UIDS.sopInstanceUid);
    assert.equal(summarize(parsePart10(dicomFixture('US_rgb_jpeg_baseline.dcm'))).transferSyntaxUid, '1.2.840.10008.1.2.4.50');
  });

  test('the transfer syntax table says what each syntax is', () => {
    assert.equal(transferSyntaxInfo('1.2.840.10008.1.2').explicitVr, false);
    assert.equal(transferSyntaxInfo('1.2.840.10008.1.2.2').littleEndian, false);
    assert.equal(transferSyntaxInfo('1.2.840.10008.1.2.1.99').deflated, true);
    assert.equal(transferSyntaxInfo('1.2.840.10008.1.2.4.90').encapsulated, true);
    assert.equal(transferSyntaxInfo('1.2.840.10008.1.2.4.90').renderable, false);
    assert.equal(transferSyntaxInfo('1.2.3.4').known, false);
    assert.ok(Object.keys(TRANSFER_SYNTAXES).length >= 20);
  });
});

describe('parsePart10 refuses what is not a valid Part-10 file', () => {
  const ct = dicomFixture('CT_small.dcm');
  const metaLength = ct.readUInt32LE(140);
  const datasetStart = 144 + metaLength;

  test('non-DICOM bytes', () => {
    rejects(new Uint8Array(0), 'NOT_DICOM');
    rejects(Uint8Array.from({ length: 2000 }, (_, i) => (i * 37) & 0xff), 'NOT_DICOM');
    rejects(Buffer.from('%PDF-1.7 not an image'), 'NOT_DICOM');
    const jpegError = rejects(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'NOT_DICOM');
    assert.match(jpegError.message, /JPEG/);
  });

  test('a dataset without the preamble and DICM', () => {
    rejects(ct.subarray(datasetStart), 'NO_PREAMBLE'); // bare dataset starting with (0008,0005)
    rejects(ct.subarray(132), 'NO_PREAMBLE'); // file meta without the preamble
    rejects(ct.subarray(128), 'NO_PREAMBLE'); // 'DICM' at 0
  });

  test('a preamble without the file meta group, or a meta without a transfer syntax', () => {
    rejects(Buffer.concat([ct.subarray(0, 132), ct.subarray(datasetStart)]), 'NO_META');
    // Drop (0002,0010): the meta elements before it, then the ones after it.
    const elements: { tag: number; bytes: Buffer }[] = [];
    for (let o = 144; o < datasetStart;) {
      const vr = ct.toString('latin1', o + 4, o + 6);
      const long = ['OB', 'OW', 'UN', 'SQ', 'UT'].includes(vr);
      const length = long ? ct.readUInt32LE(o + 8) : ct.readUInt16LE(o + 6);
      const end = o + (long ? 12 : 8) + length;
      elements.push({ tag: ct.readUInt16LE(o + 2), bytes: ct.subarray(o, end) });
      o = end;
    }
    const withoutSyntax = Buffer.concat([ct.subarray(0, 132), ...elements.filter((e) => e.tag !== 0x0010).map((e) => e.bytes), ct.subarray(datasetStart)]);
    rejects(withoutSyntax, 'NO_META');
  });

  test('files cut off anywhere: in DICM, in the meta, in the dataset, in the pixel data, in the last byte', () => {
    for (const length of [130, 132, 140, 200, datasetStart + 5, 1000, 3000, 6000, 20000, ct.byteLength - 1]) {
      const err = rejects(ct.subarray(0, length), 'TRUNCATED');
      assert.match(err.message, /잘렸습니다/, `cut at ${length}`);
    }
    const pixelCut = rejects(ct.subarray(0, 20000), 'TRUNCATED');
    assert.match(pixelCut.message, /\(7FE0,0010\) declares 32768 bytes/);
    const deflated = dicomFixture('MR_small_deflated.dcm');
    rejects(deflated.subarray(0, deflated.byteLength - 100), 'TRUNCATED');
    const jpeg = dicomFixture('US_rgb_jpeg_baseline.dcm');
    rejects(jpeg.subarray(0, jpeg.byteLength - 20), 'TRUNCATED'); // inside the fragment
    rejects(jpeg.subarray(0, jpeg.byteLength - 8), 'TRUNCATED'); // the sequence delimiter is missing
  });

  test('a corrupt element (not a VR where one must be) is NOT_DICOM', () => {
    const corrupt = Buffer.from(ct);
    corrupt.write('\u0001\u0002', datasetStart + 4, 'latin1');
    rejects(corrupt, 'NOT_DICOM');
  });

  test('zero padding after the dataset is tolerated', () => {
    const padded = Buffer.concat([ct, Buffer.alloc(1024)]);
    assert.equal(summarize(parsePart10(padded)).sopInstanceUid, CT_UIDS.sopInstanceUid);
  });

  test('a meta group without its group length is repaired, not refused', () => {
    const noGroupLength = Buffer.concat([ct.subarray(0, 132), ct.subarray(144)]);
    assert.equal(summarize(parsePart10(noGroupLength)).sopInstanceUid, CT_UIDS.sopInstanceUid);
  });
});

describe('summarize', () => {
  test('a file without Study UID, PatientID or Modality is MISSING_TAG, naming them', () => {
    const bytes = buildPart10({ StudyInstanceUID: undefined, PatientID: undefined, Modality: undefined });
    const parsed = parsePart10(bytes);
    assert.throws(() => summarize(parsed), (err: unknown) => {
      assert.ok(err instanceof DicomInputError);
      assert.equal(err.reason, 'MISSING_TAG');
      assert.match(err.message, /^필수 DICOM 태그가 없습니다/);
      assert.deepEqual(err.details?.missing, ['StudyInstanceUID (0020,000D)', 'PatientID (0010,0020)', 'Modality (0008,0060)']);
      return true;
    });
    for (const missing of ['SeriesInstanceUID', 'SOPInstanceUID']) {
      assert.throws(() => summarize(parsePart10(buildPart10({ [missing]: undefined }))), { reason: 'MISSING_TAG' });
    }
  });

  test('an empty PatientID counts as missing; a UID that is not digits and dots is refused', () => {
    assert.throws(() => summarize(parsePart10(buildPart10({ PatientID: '' }))), { reason: 'MISSING_TAG' });
    assert.throws(() => summarize(parsePart10(buildPart10({ SeriesInstanceUID: '1.2.3/../../etc' }))), (err: unknown) => {
      assert.ok(err instanceof DicomInputError && err.reason === 'MISSING_TAG' && /잘못된 UID/.test(err.message));
      return true;
    });
  });

  test('an instance without pixel data has 0 frames; Korean names read back', () => {
    const s = summarize(parsePart10(buildPart10({ Modality: 'SR', PatientName: [{ Alphabetic: '김민수' }], PatientBirthDate: '19610307' })));
    assert.equal(s.numberOfFrames, 0);
    assert.equal(s.patientName, '김민수');
    assert.equal(s.rows, null);
    assert.equal(dicomDateToIso(s.patientBirthDate), '1961-03-07');
    assert.equal(dicomDateToIso('2026'), null);
  });

  test('legacy Korean character set (\\ISO 2022 IR 149, KS X 1001 via ISO 2022 escapes) decodes', () => {
    // Written with ASCII placeholders of the right length, then the bytes put in place.
    const bytes = Buffer.from(buildPart10({ SpecificCharacterSet: 'ISO_IR 100ABCDEF', PatientName: [{ Alphabetic: 'PLACEHOLDE' }] }));
    const charset = bytes.indexOf('ISO_IR 100ABCDEF', 0, 'latin1');
    bytes.write('\\ISO 2022 IR 149', charset, 'latin1');
    const name = bytes.indexOf('PLACEHOLDE', 0, 'latin1');
    // ESC $ ) C designates KS X 1001 (G1); then 홍길동 in EUC-KR.
    Buffer.from([0x1b, 0x24, 0x29, 0x43, 0xc8, 0xab, 0xb1, 0xe6, 0xb5, 0xbf]).copy(bytes, name);
    assert.equal(summarize(parsePart10(bytes)).patientName, '홍길동');
    // The single-valued form (no ASCII default declared) reads the same.
    const single = Buffer.from(bytes);
    single.write('ISO 2022 IR 149 ', charset, 'latin1');
    assert.equal(summarize(parsePart10(single)).patientName, '홍길동');
    // With zero padding after the dataset too; the caller's bytes are left as they were.
    const padded = Buffer.concat([bytes, Buffer.alloc(64)]);
    assert.equal(summarize(parsePart10(padded)).patientName, '홍길동');
    assert.equal(padded.indexOf('\\ISO 2022 IR 149', 0, 'latin1'), charset);
  });
});
