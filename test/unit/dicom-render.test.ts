import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { parsePart10, type ParsedDicom } from '../../lib/dicom/part10.js';
import { applyWindow, renderFrame } from '../../lib/dicom/render.js';
import { buildPart10, dicomFixture, imagePixelModule } from '../fixtures/dicom/fixtures.js';

const fixture = (name: string) => parsePart10(dicomFixture(name));
/** A rendered PNG read back: size, colour type and RGBA pixels. */
const png = (bytes: Buffer) => {
  const image = PNG.sync.read(bytes);
  return { width: image.width, height: image.height, data: image.data, colorType: bytes[25] };
};
const pixel = (image: { width: number; data: Buffer }, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
const int16 = (values: number[]) => new Uint8Array(Int16Array.from(values).buffer);
const meanAbsDiff = (a: Buffer, b: Buffer) => { let d = 0; for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!); return d / a.length; };

describe('renderFrame on the fixtures', () => {
  test('the CT renders as a 128×128 greyscale PNG; different windows give different pixels', () => {
    const ct = fixture('CT_small.dcm');
    const soft = png(renderFrame(ct, { format: 'png', windowCenter: 40, windowWidth: 400 }));
    const bone = png(renderFrame(ct, { format: 'png', windowCenter: 300, windowWidth: 1500 }));
    const auto = png(renderFrame(ct, { format: 'png' }));
    assert.deepEqual([soft.width, soft.height], [128, 128]);
    assert.equal(soft.colorType, 0, 'greyscale PNG');
    assert.notDeepEqual(soft.data, bone.data);
    assert.notDeepEqual(soft.data, auto.data);
    // Soft-tissue window: more pixels saturate white than in the wide bone window.
    const white = (img: typeof soft) => { let n = 0; for (let i = 0; i < img.data.length; i += 4) if (img.data[i] === 255) n++; return n; };
    assert.ok(white(soft) > white(bone));
  });

  test('the dataset window is the default (MR: 600/1600)', () => {
    const mr = fixture('MR_small.dcm');
    assert.deepEqual(renderFrame(mr, { format: 'png' }), renderFrame(mr, { format: 'png', windowCenter: 600, windowWidth: 1600 }));
    assert.notDeepEqual(renderFrame(mr, { format: 'png' }), renderFrame(mr, { format: 'png', windowCenter: 200, windowWidth: 400 }));
  });

  test('the US RGB renders in colour, as PNG and JPEG', () => {
    const us = fixture('US_rgb_single.dcm');
    const image = png(renderFrame(us, { format: 'png' }));
    assert.deepEqual([image.width, image.height], [320, 240]);
    assert.equal(image.colorType, 2, 'RGB PNG');
    let coloured = 0;
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i] !== image.data[i + 1] || image.data[i + 1] !== image.data[i + 2]) coloured++;
    assert.ok(coloured > 1000, `${coloured} coloured pixels`);
    const jpg = renderFrame(us, { format: 'jpeg', quality: 80 });
    assert.deepEqual([...jpg.subarray(0, 2)], [0xff, 0xd8]);
    const decoded = jpeg.decode(jpg, { useTArray: true });
    assert.deepEqual([decoded.width, decoded.height], [320, 240]);
  });

  test('every decodable syntax renders like the uncompressed original', () => {
    const mr = renderFrame(fixture('MR_small.dcm'), { format: 'png' });
    for (const file of ['MR_small_implicit.dcm', 'MR_small_big_endian.dcm', 'MR_small_deflated.dcm', 'MR_small_rle.dcm']) {
      assert.deepEqual(renderFrame(fixture(file), { format: 'png' }), mr, file);
    }
    const native = png(renderFrame(fixture('US_rgb_single.dcm'), { format: 'png' }));
    const fromJpeg = png(renderFrame(fixture('US_rgb_jpeg_baseline.dcm'), { format: 'png' }));
    assert.ok(meanAbsDiff(native.data, fromJpeg.data) < 6, 'lossy JPEG close to the original');
  });

  test('SEG 1-bit frames render; frames out of range and undecodable syntaxes are refused', () => {
    const seg = fixture('SEG_ct_binary.dcm');
    const greys = (frame: number) => {
      const image = png(renderFrame(seg, { format: 'png', frame }));
      assert.deepEqual([image.width, image.height], [16, 16]);
      return [...new Set([...image.data].filter((_, i) => i % 4 === 0))].sort((a, b) => a - b);
    };
    assert.deepEqual(greys(1), [0, 255], 'black and white');
    assert.deepEqual(greys(2), [255], 'a full segment is white, not a flat black');
    assert.throws(() => renderFrame(seg, { format: 'png', frame: 4 }), { reason: 'FRAME_RANGE' });
    assert.throws(() => renderFrame(fixture('CT_small_jpeg_lossless.dcm'), { format: 'png' }), { reason: 'UNSUPPORTED' });
  });
});

describe('renderFrame: the display pipeline on synthetic images', () => {
  const grey = (values: number[], extra: Record<string, unknown>, pixelData?: Uint8Array): ParsedDicom =>
    parsePart10(buildPart10({ ...imagePixelModule(1, values.length, { BitsAllocated: 16, BitsStored: 16, HighBit: 15 }), ...extra }, { pixelData: pixelData ?? int16(values) }));

  test('signed pixels (PixelRepresentation 1) window around zero', () => {
    const image = png(renderFrame(grey([-1000, 0, 1000], { PixelRepresentation: 1 }), { format: 'png', windowCenter: 0, windowWidth: 2000 }));
    assert.deepEqual([0, 1, 2].map((x) => pixel(image, x, 0)[0]), [0, 128, 255]);
  });

  test('the Modality LUT (RescaleSlope/Intercept) comes before the window', () => {
    const image = png(renderFrame(grey([0, 50, 100], { RescaleSlope: 2, RescaleIntercept: -100 }), { format: 'png', windowCenter: 0, windowWidth: 200 }));
    assert.deepEqual([0, 1, 2].map((x) => pixel(image, x, 0)[0]), [0, 128, 255]);
  });

  test('bits above HighBit are masked off (12 of 16 bits stored)', () => {
    const withOverlayBits = int16([0x1000 | 0, 0x7000 | 4095]);
    const image = png(renderFrame(grey([0, 0], { BitsStored: 12, HighBit: 11 }, withOverlayBits), { format: 'png', windowCenter: 2048, windowWidth: 4096 }));
    assert.deepEqual([pixel(image, 0, 0)[0], pixel(image, 1, 0)[0]], [0, 255]);
  });

  test('MONOCHROME1 is inverted; a flat frame is windowed over the stored range', () => {
    const m2 = png(renderFrame(grey([0, 100], {}), { format: 'png' }));
    const m1 = png(renderFrame(grey([0, 100], { PhotometricInterpretation: 'MONOCHROME1' }), { format: 'png' }));
    assert.deepEqual([pixel(m2, 0, 0)[0], pixel(m2, 1, 0)[0]], [0, 255]);
    assert.deepEqual([pixel(m1, 0, 0)[0], pixel(m1, 1, 0)[0]], [255, 0]);
    const flat = png(renderFrame(grey([7, 7, 7], {}), { format: 'png' }));
    assert.deepEqual(pixel(flat, 1, 0), [0, 0, 0]); // 7 of 65535
    const flatHigh = png(renderFrame(grey([65000, 65000], {}), { format: 'png' }));
    assert.deepEqual(pixel(flatHigh, 1, 0), [253, 253, 253]);
  });

  test('RGB in both planar configurations', () => {
    const rgb = (planar: 0 | 1, bytes: number[]) => png(renderFrame(parsePart10(buildPart10(
      { ...imagePixelModule(1, 2, { SamplesPerPixel: 3, PhotometricInterpretation: 'RGB', PlanarConfiguration: planar }) },
      { pixelData: Uint8Array.from(bytes) },
    )), { format: 'png' }));
    const interleaved = rgb(0, [255, 0, 0, 0, 255, 0]);
    const planes = rgb(1, [255, 0, 0, 255, 0, 0]); // R plane, G plane, B plane
    for (const image of [interleaved, planes]) assert.deepEqual([pixel(image, 0, 0), pixel(image, 1, 0)], [[255, 0, 0], [0, 255, 0]]);
  });

  test('YBR_FULL and native YBR_FULL_422 become RGB', () => {
    const ybr = (photometric: string, bytes: number[]) => png(renderFrame(parsePart10(buildPart10(
      { ...imagePixelModule(1, 2, { SamplesPerPixel: 3, PhotometricInterpretation: photometric, PlanarConfiguration: 0 }) },
      { pixelData: Uint8Array.from(bytes) },
    )), { format: 'png' }));
    // Y 76, Cb 85, Cr 255 is pure red; Y 150, Cb 44, Cr 21 is green (PS3.3 C.7.6.3.1.2).
    const full = ybr('YBR_FULL', [76, 85, 255, 150, 44, 21]);
    const near = (actual: number[], expected: number[]) => assert.ok(actual.every((v, i) => Math.abs(v - expected[i]!) <= 2), `${actual} ≈ ${expected}`);
    near(pixel(full, 0, 0), [254, 0, 0]);
    near(pixel(full, 1, 0), [0, 255, 1]);
    const subsampled = ybr('YBR_FULL_422', [76, 76, 85, 255]); // Y1 Y2 Cb Cr
    near(pixel(subsampled, 0, 0), [254, 0, 0]);
    near(pixel(subsampled, 1, 0), [254, 0, 0]);
  });

  test('PALETTE COLOR through its lookup tables', () => {
    const lut = (first: number, second: number) => new Uint16Array(256).map((_, i) => (i === 0 ? first : i === 1 ? second : 0)).buffer;
    const parsed = parsePart10(buildPart10({
      ...imagePixelModule(1, 2, { PhotometricInterpretation: 'PALETTE COLOR' }),
      RedPaletteColorLookupTableDescriptor: [256, 0, 16], GreenPaletteColorLookupTableDescriptor: [256, 0, 16], BluePaletteColorLookupTableDescriptor: [256, 0, 16],
      RedPaletteColorLookupTableData: lut(65535, 0), GreenPaletteColorLookupTableData: lut(0, 65535), BluePaletteColorLookupTableData: lut(0, 0),
    }, { pixelData: Uint8Array.from([0, 1]) }));
    const image = png(renderFrame(parsed, { format: 'png' }));
    assert.deepEqual([pixel(image, 0, 0), pixel(image, 1, 0)], [[255, 0, 0], [0, 255, 0]]);
  });

  test('the VOI functions follow PS3.3 C.11.2.1.2', () => {
    const linear = { center: 40, width: 400, fn: 'LINEAR' as const };
    assert.equal(applyWindow(-160.5, linear), 0);
    assert.equal(applyWindow(240, linear), 255);
    assert.equal(applyWindow(39.5, linear), 128);
    assert.equal(applyWindow(40, { ...linear, fn: 'SIGMOID' }), 128);
    assert.equal(applyWindow(-160, { ...linear, fn: 'LINEAR_EXACT' }), 0);
  });
});
