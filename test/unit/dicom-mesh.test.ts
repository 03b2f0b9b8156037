import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marchingTetrahedra, meshMeasures, plotlyFigure, type Mesh, type MeshGrid } from '../../lib/dicom/mesh.js';
import { parsePart10 } from '../../lib/dicom/part10.js';
import { buildVolume } from '../../lib/dicom/volume.js';
import { ctSeriesFixtures } from '../fixtures/dicom/fixtures.js';

/** An axial grid of the given shape and spacing at the origin. */
function grid(shape: [number, number, number], spacing: [number, number, number]): MeshGrid {
  return {
    shape, spacing, origin: [0, 0, 0],
    direction: { row: [1, 0, 0], column: [0, 1, 0], normal: [0, 0, 1] },
    slicePositions: Array.from({ length: shape[0] }, (_, k) => k * spacing[0]),
  };
}

/** Voxels whose centre lies within `radius` mm of the grid centre. */
function sphere(g: MeshGrid, radius: number): Uint8Array {
  const [d, h, w] = g.shape;
  const [sz, sy, sx] = g.spacing;
  const centre = [(d - 1) * sz / 2, (h - 1) * sy / 2, (w - 1) * sx / 2];
  const mask = new Uint8Array(d * h * w);
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    if (Math.hypot(k * sz - centre[0]!, j * sy - centre[1]!, i * sx - centre[2]!) <= radius) mask[(k * h + j) * w + i] = 1;
  }
  return mask;
}

/** Closed and consistently oriented: every directed edge appears once and its reverse once. */
function assertClosed(mesh: Mesh): { vertices: number; edges: number; faces: number } {
  const directed = new Map<string, number>();
  const t = mesh.triangles;
  for (let n = 0; n < t.length; n += 3) {
    for (const [a, b] of [[t[n], t[n + 1]], [t[n + 1], t[n + 2]], [t[n + 2], t[n]]]) {
      const key = `${a}>${b}`;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  for (const [key, times] of directed) {
    assert.equal(times, 1, `edge ${key} used ${times}× in one direction`);
    const [a, b] = key.split('>');
    assert.equal(directed.get(`${b}>${a}`), 1, `edge ${key} has no opposite: a hole`);
  }
  return { vertices: mesh.vertices.length / 3, edges: directed.size / 2, faces: t.length / 3 };
}

describe('marching tetrahedra on a synthetic sphere', () => {
  const g = grid([24, 32, 32], [1.5, 0.8, 0.8]);
  const radius = 8;
  const mask = sphere(g, radius);
  const mesh = marchingTetrahedra(mask, g);

  test('a closed, outward-oriented surface of genus 0 (Euler characteristic 2)', () => {
    const { vertices, edges, faces } = assertClosed(mesh);
    assert.equal(vertices - edges + faces, 2);
    assert.ok(vertices > 500 && vertices < 20000, `${vertices} vertices`);
  });

  test('area and enclosed volume are those of a sphere of radius 8 mm, within the voxel staircase', () => {
    const { area, volume } = meshMeasures(mesh);
    const sphereArea = 4 * Math.PI * radius ** 2;
    const sphereVolume = (4 / 3) * Math.PI * radius ** 3;
    assert.ok(Math.abs(area - sphereArea) / sphereArea < 0.05, `area ${area.toFixed(0)} vs ${sphereArea.toFixed(0)}`);
    // Positive: the normals point outwards.
    assert.ok(Math.abs(volume - sphereVolume) / sphereVolume < 0.06, `volume ${volume.toFixed(0)} vs ${sphereVolume.toFixed(0)}`);
    // Without smoothing the voxel staircase shows: the same volume, a much larger area.
    const raw = meshMeasures(marchingTetrahedra(mask, g, { smooth: false }));
    assert.ok(raw.area > 1.15 * sphereArea && raw.area < 1.4 * sphereArea, `raw area ${raw.area.toFixed(0)}`);
    assert.ok(Math.abs(raw.volume - sphereVolume) / sphereVolume < 0.03, `raw volume ${raw.volume.toFixed(0)}`);
  });

  test('vertices are in mm and lie near the sphere (within about one voxel)', () => {
    const centre = [(32 - 1) * 0.8 / 2, (32 - 1) * 0.8 / 2, (24 - 1) * 1.5 / 2];
    for (let v = 0; v < mesh.vertices.length; v += 3) {
      const r = Math.hypot(mesh.vertices[v]! - centre[0]!, mesh.vertices[v + 1]! - centre[1]!, mesh.vertices[v + 2]! - centre[2]!);
      assert.ok(Math.abs(r - radius) < 1.5, `vertex at r = ${r.toFixed(2)}`);
    }
  });
});

describe('marching tetrahedra edge cases', () => {
  test('a single voxel is a closed octahedron-like cell; an object touching the border is closed too', () => {
    const g = grid([3, 3, 3], [1, 1, 1]);
    const one = new Uint8Array(27);
    one[13] = 1;
    const cell = marchingTetrahedra(one, g);
    const { vertices, edges, faces } = assertClosed(cell);
    assert.equal(vertices - edges + faces, 2);
    assert.ok(Math.abs(meshMeasures(cell).volume - 1) < 0.9, 'about one voxel');
    assertClosed(marchingTetrahedra(new Uint8Array(27).fill(1), g));
    // Unsmoothed, the 3×3×3 cube touching every border encloses about its 27 voxels.
    const full = marchingTetrahedra(new Uint8Array(27).fill(1), g, { smooth: false });
    assertClosed(full);
    const { volume } = meshMeasures(full);
    assert.ok(volume > 22 && volume < 30, `border-touching cube volume ${volume}`);
  });

  test('two separate blobs give two closed shells (Euler characteristic 4); empty gives nothing', () => {
    const g = grid([5, 5, 9], [1, 1, 1]);
    const mask = new Uint8Array(5 * 5 * 9);
    mask[(2 * 5 + 2) * 9 + 1] = 1;
    mask[(2 * 5 + 2) * 9 + 7] = 1;
    const { vertices, edges, faces } = assertClosed(marchingTetrahedra(mask, g));
    assert.equal(vertices - edges + faces, 4);
    assert.equal(marchingTetrahedra(new Uint8Array(5 * 5 * 9), g).triangles.length, 0);
    assert.throws(() => marchingTetrahedra(new Uint8Array(3), g), RangeError);
  });

  test('on the uneven CT fixture, vertices use the real slice positions', () => {
    const volume = buildVolume(ctSeriesFixtures().map((f) => parsePart10(f.bytes)));
    const mask = new Uint8Array(volume.data.length);
    mask[(1 * 16 + 8) * 16 + 8] = 1; // one voxel on slice 1 (z = 103.02)
    const mesh = marchingTetrahedra(mask, volume);
    let minZ = Infinity;
    let maxZ = -Infinity;
    for (let v = 2; v < mesh.vertices.length; v += 3) { minZ = Math.min(minZ, mesh.vertices[v]!); maxZ = Math.max(maxZ, mesh.vertices[v]!); }
    // Halfway to slice 0 (202.5 mm below) and to slice 2 (1.25 mm above).
    assert.ok(Math.abs(minZ - (103.019997 - 101.25)) < 1e-3, `${minZ}`);
    assert.ok(Math.abs(maxZ - (103.019997 + 0.625)) < 1e-3, `${maxZ}`);
  });
});

describe('plotlyFigure', () => {
  test('a mesh3d trace and three orthogonal heatmaps with the mask outlined, as plain JSON', () => {
    const g = grid([12, 16, 16], [2, 1, 1]);
    const mask = sphere(g, 4);
    const values = Float32Array.from(mask, (m, p) => (m ? 100 : 0) + (p % 7));
    const mesh = marchingTetrahedra(mask, g);
    const figure = plotlyFigure(mesh, g, values, mask, { title: '결절 (nodule)' });
    const parsed = JSON.parse(JSON.stringify(figure)) as typeof figure;
    const types = parsed.data.map((t) => t.type);
    assert.deepEqual(types, ['mesh3d', 'heatmap', 'contour', 'heatmap', 'contour', 'heatmap', 'contour']);
    const mesh3d = parsed.data[0] as { x: number[]; i: number[]; j: number[]; k: number[] };
    assert.equal(mesh3d.x.length, mesh.vertices.length / 3);
    assert.equal(mesh3d.i.length, mesh.triangles.length / 3);
    assert.ok(mesh3d.k.every((n) => n < mesh3d.x.length));
    const [axial, coronal, sagittal] = [1, 3, 5].map((n) => parsed.data[n] as { z: number[][]; x: number[]; y: number[] });
    assert.deepEqual([axial!.z.length, axial!.z[0]!.length], [16, 16]);
    assert.deepEqual([coronal!.z.length, coronal!.z[0]!.length], [12, 16]);
    assert.deepEqual([sagittal!.z.length, sagittal!.z[0]!.length], [12, 16]);
    assert.equal(coronal!.y.at(-1), 22, 'slice axis in mm (11 × 2)');
    // The planes pass through the sphere: its centre voxel is bright on every plane.
    assert.ok(axial!.z.flat().some((v) => v >= 100) && coronal!.z.flat().some((v) => v >= 100) && sagittal!.z.flat().some((v) => v >= 100));
    assert.equal((parsed.layout.scene as { aspectmode: string }).aspectmode, 'data');
  });
});
