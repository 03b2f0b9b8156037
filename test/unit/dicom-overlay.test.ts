import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { blendLayers, hexColor, overlayModel, OVERLAY_ALPHA, renderOverlayPng, segmentColors, type Rgb } from '../../lib/dicom/overlay.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { renderFrame } from '../../lib/dicom/render.js';
import { writeSegmentation } from '../../lib/dicom/seg.js';
import { buildVolume, imageTensor, type ImageSource } from '../../lib/dicom/volume.js';
import { ctSeriesFixtures, dicomFixture } from '../fixtures/dicom/fixtures.js';

const algorithm = { name: 'ref-overlay-test', version: '0.1.0', clinicalUse: false };
const RED: Rgb = [255, 40, 0];

/** A box mask over a source grid: slices [k0, k1), rows [j0, j1), columns [i0, i1). */
function box(source: ImageSource, [k0, k1]: number[], [j0, j1]: number[], [i0, i1]: number[]): Uint8Array {
  const [h, w] = [source.rows, source.columns];
  const mask = new Uint8Array(source.slices.length * h * w);
  for (let k = k0!; k < k1!; k++) for (let j = j0!; j < j1!; j++) for (let i = i0!; i < i1!; i++) mask[(k * h + j) * w + i] = 1;
  return mask;
}

const readPng = (bytes: Buffer) => PNG.sync.read(bytes);
const rgbAt = (image: { width: number; data: Buffer }, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3)];
const near = (a: number[], b: number[], tolerance = 2) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

describe('overlay of a SEG on the CT series fixture (16×16, 4 slices)', () => {
  const parsed = ctSeriesFixtures().map((f) => parsePart10(f.bytes));
  const volume = buildVolume(parsed);
  // A 6×6 nodule on slices 1–2 (72 px, the larger segment) and a 2×16 band on slice 3 (32 px).
  const seg = parsePart10(writeSegmentation({
    source: volume, algorithm,
    segments: [
      { label: '폐결절 1 (nodule 1)', mask: box(volume, [1, 3], [4, 10], [5, 11]), color: RED },
      { label: 'Band', mask: box(volume, [3, 4], [0, 2], [0, 16]) },
    ],
  }).bytes);
  const model = overlayModel(seg, volume);

  test('the model lists the slices with findings, each segment with its label, colour and size, and picks the largest segment\'s widest slice', () => {
    assert.equal(model.sliceCount, 4);
    assert.deepEqual([model.rows, model.columns], [16, 16]);
    assert.deepEqual(model.findingSlices, [
      { index: 1, segments: [1], pixels: 36 },
      { index: 2, segments: [1], pixels: 36 },
      { index: 3, segments: [2], pixels: 32 },
    ]);
    assert.deepEqual(model.segments.map((s) => [s.number, s.label, s.pixels]), [[1, '폐결절 1 (nodule 1)', 72], [2, 'Band', 32]]);
    assert.ok(near(model.segments[0]!.color, RED), `the SEG's recommended colour comes back: ${model.segments[0]!.color}`);
    assert.equal(model.defaultSlice, 1, 'the nodule (72 px) outweighs the band (32 px); its first widest slice');
    assert.equal(model.layers.has(0), false, 'an empty slice keeps no layer');
  });

  test('the PNG of slice 1: grey outside the mask, colour blended at 40 % inside, full colour on the outline', () => {
    const slice = volume.slices[1]!;
    const source = parsed.find((p) => p.dataset.SOPInstanceUID === slice.sopInstanceUid)!;
    const image = readPng(renderOverlayPng(source, 1, model.layers.get(1)!));
    const grey = readPng(renderFrame(source, { format: 'png' }));
    assert.deepEqual([image.width, image.height], [16, 16]);
    const color = model.segments[0]!.color;
    const base = (x: number, y: number) => grey.data[(y * 16 + x) * 4]!;
    // Outside: the grey image untouched (R = G = B = the rendered frame).
    for (const [x, y] of [[0, 0], [15, 15], [4, 7], [11, 7]] as const) assert.deepEqual(rgbAt(image, x, y), [base(x, y), base(x, y), base(x, y)], `(${x}, ${y}) outside`);
    // Inside, off the edge: the blend.
    for (const [x, y] of [[6, 5], [8, 7], [9, 8]] as const) {
      assert.deepEqual(rgbAt(image, x, y), color.map((c) => Math.round((1 - OVERLAY_ALPHA) * base(x, y) + OVERLAY_ALPHA * c)), `(${x}, ${y}) inside`);
    }
    // The box's border pixels: the colour itself.
    for (const [x, y] of [[5, 4], [10, 9], [5, 7], [8, 4]] as const) assert.deepEqual(rgbAt(image, x, y), color, `(${x}, ${y}) outline`);
  });

  test('the band on slice 3 has the palette\'s second colour, not the nodule\'s', () => {
    const band = model.segments[1]!.color;
    assert.notDeepEqual(band, model.segments[0]!.color);
    const source = parsed.find((p) => p.dataset.SOPInstanceUID === volume.slices[3]!.sopInstanceUid)!;
    const image = readPng(renderOverlayPng(source, 1, model.layers.get(3)!));
    assert.deepEqual(rgbAt(image, 7, 0), band, 'the band touches the image edge: outline');
    const r = rgbAt(image, 7, 5);
    assert.ok(r[0] === r[1] && r[1] === r[2], 'below the band: grey');
  });

  test('segment colours fall back to the palette without RecommendedDisplayCIELabValue', () => {
    const colors = segmentColors(seg);
    assert.equal(hexColor(colors.get(2)!), '#2973b2');
  });
});

describe('overlay on a single colour image (US RGB fixture, a 2-D pipeline\'s source)', () => {
  const us = parsePart10(dicomFixture('US_rgb_single.dcm'));
  const image = imageTensor(us, { grey: true });
  const mask = new Uint8Array(image.rows * image.columns);
  for (let y = 100; y < 140; y++) for (let x = 150; x < 200; x++) mask[y * image.columns + x] = 1;
  const seg = parsePart10(writeSegmentation({ source: image, algorithm, segments: [{ label: 'Mass', mask, color: [0, 200, 255] }] }).bytes);
  const model = overlayModel(seg, image);

  test('one slice, the mass on it; the photo is shown in grey and the mass in colour', () => {
    assert.deepEqual([model.sliceCount, model.defaultSlice, model.findingSlices.map((s) => s.index)], [1, 0, [0]]);
    const png = readPng(renderOverlayPng(us, 1, model.layers.get(0)!));
    assert.deepEqual([png.width, png.height], [image.columns, image.rows]);
    const outside = rgbAt(png, 20, 20);
    assert.ok(outside[0] === outside[1] && outside[1] === outside[2], `grey outside: ${outside}`);
    assert.ok(near(rgbAt(png, 150, 120), model.segments[0]!.color, 0), 'outline in the segment colour');
    const fill = rgbAt(png, 175, 120);
    assert.ok(fill[2]! > fill[0]! + 40, `cyan-tinted inside: ${fill}`);
  });
});

describe('blendLayers', () => {
  test('answers a copy and leaves pixels outside every mask as they were', () => {
    const rgba = new Uint8Array(3 * 3 * 4).fill(100);
    const mask = new Uint8Array(9);
    mask[4] = 1;
    const out = blendLayers(rgba, 3, 3, [{ segment: 1, mask, color: [200, 0, 0] }]);
    assert.equal(rgba[16], 100, 'the input is not written');
    assert.deepEqual([...out.subarray(16, 19)], [200, 0, 0], 'a lone pixel is all outline');
    assert.deepEqual([...out.subarray(0, 3)], [100, 100, 100]);
  });
});
