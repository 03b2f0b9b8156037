import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { bulkDataOf } from '../../lib/dicom/dicom-json.js';
import { extractFrames } from '../../lib/dicom/frames.js';
import { DicomInputError, parsePart10 } from '../../lib/dicom/part10.js';
import { appendEncapsulatedPixelData, buildPart10, dicomFixture, imagePixelModule } from '../fixtures/dicom/fixtures.js';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const frameRange = (fn: () => unknown) => assert.throws(fn, (err: unknown) => {
  assert.ok(err instanceof DicomInputError);
  assert.equal(err.reason, 'FRAME_RANGE');
  assert.match(err.message, /^[^(]*[가-힣]/);
  return true;
});

/** A small baseline JPEG of one flat grey level. */
function greyJpeg(level: number): Uint8Array {
  const data = new Uint8Array(8 * 8 * 4).fill(level);
  return new Uint8Array(jpeg.encode({ data, width: 8, height: 8 }, 90).data);
}

const stripPad = (frame: Uint8Array) => (frame[frame.byteLength - 1] === 0 && frame[frame.byteLength - 2] === 0xd9 ? frame.subarray(0, -1) : frame);

describe('extractFrames: native pixel data', () => {
  test('CT_small: one 128×128×16-bit frame, the pixel data itself', () => {
    const ct = parsePart10(dicomFixture('CT_small.dcm'));
    const { transferSyntaxUid, frames } = extractFrames(ct, [1]);
    assert.equal(transferSyntaxUid, EXPLICIT_LE);
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.byteLength, 128 * 128 * 2);
    assert.deepEqual(frames[0], bulkDataOf(ct, '7FE00010'));
  });

  test('implicit, big endian and deflated files give the same little-endian frame', () => {
    const reference = extractFrames(parsePart10(dicomFixture('MR_small.dcm')), [1]).frames[0]!;
    for (const file of ['MR_small_implicit.dcm', 'MR_small_big_endian.dcm', 'MR_small_deflated.dcm']) {
      const { transferSyntaxUid, frames } = extractFrames(parsePart10(dicomFixture(file)), [1]);
      assert.equal(transferSyntaxUid, EXPLICIT_LE, file);
      assert.deepEqual(frames[0], reference, file);
    }
    // Big endian really is swapped: its stored bytes differ from the frame.
    const big = parsePart10(dicomFixture('MR_small_big_endian.dcm'));
    assert.notDeepEqual(bulkDataOf(big, '7FE00010'), reference);
  });

  test('SEG: three 1-bit frames of ceil(16×16/8) = 32 bytes, in order', () => {
    const seg = parsePart10(dicomFixture('SEG_ct_binary.dcm'));
    const { frames } = extractFrames(seg, [1, 2, 3]);
    assert.deepEqual(frames.map((f) => f.byteLength), [32, 32, 32]);
    const all = bulkDataOf(seg, '7FE00010')!;
    assert.deepEqual(Buffer.concat(frames), Buffer.from(all.subarray(0, 96)));
    assert.deepEqual(extractFrames(seg, [3, 1]).frames, [frames[2], frames[0]]);
  });

  test('1-bit frames not on byte boundaries are repacked to start at bit 0', () => {
    // Three 3×3 frames = 27 bits, packed LSB first: frame k has only pixel k (0-based) set.
    const bits = [0, 1 + 9, 2 + 18]; // positions in the whole stream
    const packed = new Uint8Array(4);
    for (const b of bits) packed[b >> 3]! |= 1 << (b & 7);
    const parsed = parsePart10(buildPart10(
      { ...imagePixelModule(3, 3, { BitsAllocated: 1, BitsStored: 1, HighBit: 0 }), NumberOfFrames: 3, Modality: 'SEG' },
      { pixelData: packed },
    ));
    const { frames } = extractFrames(parsed, [1, 2, 3]);
    assert.deepEqual(frames.map((f) => [...f]), [[0b001, 0], [0b010, 0], [0b100, 0]]);
  });

  test('frame numbers are 1-based and checked', () => {
    const ct = parsePart10(dicomFixture('CT_small.dcm'));
    frameRange(() => extractFrames(ct, [0]));
    frameRange(() => extractFrames(ct, [2]));
    frameRange(() => extractFrames(ct, [1.5]));
    frameRange(() => extractFrames(ct, []));
    frameRange(() => extractFrames(parsePart10(dicomFixture('SEG_ct_binary.dcm')), [1, 4]));
    frameRange(() => extractFrames(parsePart10(buildPart10({ Modality: 'SR' })), [1])); // no pixel data
  });

  test('pixel data shorter than the image says TRUNCATED', () => {
    const parsed = parsePart10(buildPart10(imagePixelModule(16, 16), { pixelData: new Uint8Array(100) }));
    assert.throws(() => extractFrames(parsed, [1]), { reason: 'TRUNCATED' });
  });
});

describe('extractFrames: encapsulated pixel data', () => {
  test('JPEG Baseline and RLE fixtures: the frame as stored, with the file syntax', () => {
    const us = extractFrames(parsePart10(dicomFixture('US_rgb_jpeg_baseline.dcm')), [1]);
    assert.equal(us.transferSyntaxUid, '1.2.840.10008.1.2.4.50');
    const frame = stripPad(us.frames[0]!);
    assert.deepEqual([frame[0], frame[1]], [0xff, 0xd8]);
    assert.deepEqual([frame.at(-2), frame.at(-1)], [0xff, 0xd9]);
    const decoded = jpeg.decode(frame, { useTArray: true });
    assert.deepEqual([decoded.width, decoded.height], [320, 240]);
    const rle = extractFrames(parsePart10(dicomFixture('MR_small_rle.dcm')), [1]);
    assert.equal(rle.transferSyntaxUid, '1.2.840.10008.1.2.5');
    assert.equal(new DataView(rle.frames[0]!.buffer, rle.frames[0]!.byteOffset).getUint32(0, true), 2); // two RLE segments
    assert.equal(extractFrames(parsePart10(dicomFixture('CT_small_jpeg_lossless.dcm')), [1]).transferSyntaxUid, '1.2.840.10008.1.2.4.70');
  });

  const jpegs = [greyJpeg(10), greyJpeg(120), greyJpeg(240)];
  const multiFrame = (fragments: Uint8Array[], offsets: number[] = [], frames = 3) => parsePart10(appendEncapsulatedPixelData(
    buildPart10({ ...imagePixelModule(8, 8), NumberOfFrames: frames }, { transferSyntaxUid: '1.2.840.10008.1.2.4.50' }), fragments, offsets,
  ));

  test('multi-frame with a Basic Offset Table', () => {
    const offsets: number[] = [];
    let at = 0;
    for (const j of jpegs) { offsets.push(at); at += 8 + j.byteLength + (j.byteLength % 2); }
    const { frames } = extractFrames(multiFrame(jpegs, offsets), [1, 2, 3]);
    assert.deepEqual(frames.map(stripPad), jpegs);
  });

  test('one fragment per frame without an offset table', () => {
    const { frames } = extractFrames(multiFrame(jpegs), [2]);
    assert.deepEqual(stripPad(frames[0]!), jpegs[1]);
  });

  test('frames split over several fragments without an offset table are joined at the JPEG start markers', () => {
    const split = jpegs.flatMap((j) => { const cut = 100; return [j.subarray(0, cut), j.subarray(cut)]; });
    const { frames } = extractFrames(multiFrame(split), [1, 2, 3]);
    assert.deepEqual(frames.map(stripPad), jpegs);
    // Fragments that cannot be matched to frames are refused, not guessed.
    assert.throws(() => extractFrames(multiFrame(split, [], 4), [1]), { reason: 'UNSUPPORTED' });
  });
});
