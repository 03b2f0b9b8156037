import { extractSlice } from './resample.js';
import type { Grid, Vec3 } from './volume.js';

/**
 * A surface mesh from a binary 3D mask, and a Plotly figure of it (seed §5.1.11,
 * `generate_3d_visualization`).
 *
 * The surface is extracted with marching tetrahedra, the variant of marching cubes that splits
 * each cube into six tetrahedra (Kuhn/Freudenthal split along the cube's main diagonal, the same
 * in every cube). A tetrahedron has no ambiguous configuration, so the surface is always closed
 * and consistently oriented — the classic 256-case cube table can leave holes on ambiguous faces —
 * and no 4 KB lookup table has to be carried. Vertices sit where the (optionally smoothed) mask
 * crosses 0.5 along each edge; the mask is padded with background so objects touching the
 * volume's border are closed too. Coordinates are patient mm (LPS) through the grid's geometry,
 * using the exact slice positions.
 */

export interface Mesh {
  /** Vertex coordinates, mm: x0 y0 z0 x1 y1 z1 … */
  vertices: Float32Array;
  /** Triangles as vertex indices, counter-clockwise seen from outside (normals point out). */
  triangles: Uint32Array;
}

export type MeshGrid = Pick<Grid, 'shape' | 'spacing' | 'origin' | 'direction' | 'slicePositions'>;

// Corner offsets (dk, dj, di) of a cube, and its six tetrahedra: paths 000 → 111 one axis at a time.
const CORNERS: [number, number, number][] = [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]];
const TETRAHEDRA = [[0, 1, 3, 7], [0, 1, 5, 7], [0, 2, 3, 7], [0, 2, 6, 7], [0, 4, 5, 7], [0, 4, 6, 7]];

/** Position along the slice normal of a (possibly fractional, possibly padded) slice index. */
function slicePosition(grid: MeshGrid, k: number): number {
  const p = grid.slicePositions;
  const last = p.length - 1;
  const step = grid.spacing[0];
  if (k <= 0) return p[0]! + k * (last > 0 ? p[1]! - p[0]! : step);
  if (k >= last) return p[last]! + (k - last) * (last > 0 ? p[last]! - p[last - 1]! : step);
  const lo = Math.floor(k);
  return p[lo]! + (p[lo + 1]! - p[lo]!) * (k - lo);
}

function toPatient(grid: MeshGrid, k: number, j: number, i: number): Vec3 {
  const { row, column, normal } = grid.direction;
  const along = slicePosition(grid, k) - (grid.origin[0] * normal[0] + grid.origin[1] * normal[1] + grid.origin[2] * normal[2]);
  const x = i * grid.spacing[2];
  const y = j * grid.spacing[1];
  return [0, 1, 2].map((a) => grid.origin[a]! + row[a]! * x + column[a]! * y + normal[a]! * along) as Vec3;
}

/** Bounding box [lo, hi] (inclusive) of the non-zero voxels per axis, or null when empty. */
function boundingBox(mask: ArrayLike<number>, [d, h, w]: [number, number, number]): [number, number][] | null {
  const lo = [d, h, w];
  const hi = [-1, -1, -1];
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    if (!mask[(k * h + j) * w + i]) continue;
    if (k < lo[0]!) lo[0] = k; if (k > hi[0]!) hi[0] = k;
    if (j < lo[1]!) lo[1] = j; if (j > hi[1]!) hi[1] = j;
    if (i < lo[2]!) lo[2] = i; if (i > hi[2]!) hi[2] = i;
  }
  return hi[0]! < 0 ? null : [0, 1, 2].map((a) => [lo[a]!, hi[a]!] as [number, number]);
}

/** [1 2 1]/4 along one axis of a (d, h, w) field, in place through a copy. */
function smoothAxis(field: Float32Array, [d, h, w]: number[], axis: 0 | 1 | 2): void {
  const src = field.slice();
  const stride = axis === 0 ? h! * w! : axis === 1 ? w! : 1;
  const size = [d!, h!, w!][axis]!;
  for (let k = 0; k < d!; k++) for (let j = 0; j < h!; j++) for (let i = 0; i < w!; i++) {
    const at = (k * h! + j) * w! + i;
    const pos = [k, j, i][axis]!;
    const prev = pos > 0 ? src[at - stride]! : 0;
    const next = pos < size - 1 ? src[at + stride]! : 0;
    field[at] = (prev + 2 * src[at]! + next) / 4;
  }
}

export interface MeshOptions {
  /**
   * Place each vertex where the mask smoothed with a [1 2 1]/4 kernel along each axis (in voxels)
   * crosses 0.5 on its edge, instead of at the edge midpoint: removes most of the voxel staircase
   * (the raw surface of a voxelised sphere is ~30 % larger than the sphere's). Which voxels are
   * inside is not changed, so tiny lesions stay. Default true. Volumes for reports come from voxel
   * counts, not from the mesh (smoothing rounds corners: a 3×3×3 cube loses ~25 %).
   */
  smooth?: boolean;
}

/** The closed surface of the non-zero voxels of `mask` (z-y-x on `grid`). */
export function marchingTetrahedra(mask: ArrayLike<number>, grid: MeshGrid, options: MeshOptions = {}): Mesh {
  const [d, h, w] = grid.shape;
  if (mask.length !== d * h * w) throw new RangeError(`mask has ${mask.length} values, grid ${d}×${h}×${w} needs ${d * h * w}`);
  const box = boundingBox(mask, grid.shape);
  if (!box) return { vertices: new Float32Array(0), triangles: new Uint32Array(0) };
  // Work on the bounding box with a 2-voxel margin of background (smoothing spreads by one voxel,
  // and the surface needs one outside layer): objects touching the border close too, and a small
  // lesion in a 512×512×300 series costs only its own box.
  const PAD = 2;
  const lo = box.map(([a]) => a - PAD);
  const dims = box.map(([a, b]) => b - a + 1 + 2 * PAD);
  const [fd, fh, fw] = dims as [number, number, number];

  // Topology comes from the mask itself (every voxel kept, even a lone one that smoothing would
  // erase); the smoothed field only moves vertices along their edges.
  const binary = new Uint8Array(fd * fh * fw);
  for (let k = box[0]![0]; k <= box[0]![1]; k++) for (let j = box[1]![0]; j <= box[1]![1]; j++) for (let i = box[2]![0]; i <= box[2]![1]; i++) {
    if (mask[(k * h + j) * w + i]) binary[((k - lo[0]!) * fh + (j - lo[1]!)) * fw + (i - lo[2]!)] = 1;
  }
  const field = Float32Array.from(binary);
  if (options.smooth ?? true) for (const axis of [0, 1, 2] as const) smoothAxis(field, dims, axis);
  const value = (c: [number, number, number]) => field[(c[0] * fh + c[1]) * fw + c[2]]!;
  const inside = (c: [number, number, number]) => binary[(c[0] * fh + c[1]) * fw + c[2]] === 1;
  const pid = (c: [number, number, number]) => (c[0] * fh + c[1]) * fw + c[2];
  const pointCount = fd * fh * fw;
  const vertexOf = new Map<number, number>();
  const vertices: number[] = [];
  const triangles: number[] = [];

  /** The 0.5 crossing on the edge a–b (a inside, b outside), shared by every tetrahedron on it. */
  const edgeVertex = (a: [number, number, number], b: [number, number, number]): number => {
    const key = Math.min(pid(a), pid(b)) * pointCount + Math.max(pid(a), pid(b));
    let index = vertexOf.get(key);
    if (index === undefined) {
      // Where the smoothed field crosses 0.5 between a (inside) and b; the midpoint when it does not.
      const fa = value(a);
      const fb = value(b);
      const t = fa > 0.5 && fb <= 0.5 ? (fa - 0.5) / (fa - fb) : 0.5;
      index = vertices.length / 3;
      vertices.push(...toPatient(grid, lo[0]! + a[0] + (b[0] - a[0]) * t, lo[1]! + a[1] + (b[1] - a[1]) * t, lo[2]! + a[2] + (b[2] - a[2]) * t));
      vertexOf.set(key, index);
    }
    return index;
  };
  const position = (v: number) => [vertices[v * 3]!, vertices[v * 3 + 1]!, vertices[v * 3 + 2]!] as Vec3;
  /** Adds a triangle, flipped if needed so that its normal points away from `inner` (an inside point, mm). */
  const emit = (a: number, b: number, c: number, inner: Vec3) => {
    const [pa, pb, pc] = [position(a), position(b), position(c)];
    const u = [pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2]];
    const v = [pc[0] - pa[0], pc[1] - pa[1], pc[2] - pa[2]];
    const n = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
    const out = (pa[0] - inner[0]) * n[0]! + (pa[1] - inner[1]) * n[1]! + (pa[2] - inner[2]) * n[2]!;
    if (out >= 0) triangles.push(a, b, c);
    else triangles.push(a, c, b);
  };

  for (let k = 0; k < fd - 1; k++) {
    for (let j = 0; j < fh - 1; j++) {
      for (let i = 0; i < fw - 1; i++) {
        const corners = CORNERS.map(([dk, dj, di]) => [k + dk, j + dj, i + di] as [number, number, number]);
        const flags = corners.map(inside);
        if (flags.every((f) => f) || flags.every((f) => !f)) continue;
        for (const tet of TETRAHEDRA) {
          const ins = tet.filter((c) => flags[c]);
          const outs = tet.filter((c) => !flags[c]);
          if (ins.length === 0 || outs.length === 0) continue;
          const inner = (): Vec3 => {
            const pts = ins.map((c) => toPatient(grid, lo[0]! + corners[c]![0], lo[1]! + corners[c]![1], lo[2]! + corners[c]![2]));
            return [0, 1, 2].map((a) => pts.reduce((sum, p) => sum + p[a]!, 0) / pts.length) as Vec3;
          };
          if (ins.length === 1) {
            const [a, b, c] = outs.map((o) => edgeVertex(corners[ins[0]!]!, corners[o]!));
            emit(a!, b!, c!, inner());
          } else if (outs.length === 1) {
            const [a, b, c] = ins.map((n) => edgeVertex(corners[n]!, corners[outs[0]!]!));
            emit(a!, b!, c!, inner());
          } else {
            // Two in, two out: the cut is a quad (in0-out0, in0-out1, in1-out1, in1-out0).
            const [i0, i1] = ins as [number, number];
            const [o0, o1] = outs as [number, number];
            const q = [edgeVertex(corners[i0]!, corners[o0]!), edgeVertex(corners[i0]!, corners[o1]!), edgeVertex(corners[i1]!, corners[o1]!), edgeVertex(corners[i1]!, corners[o0]!)];
            const centre = inner();
            emit(q[0]!, q[1]!, q[2]!, centre);
            emit(q[0]!, q[2]!, q[3]!, centre);
          }
        }
      }
    }
  }
  return { vertices: Float32Array.from(vertices), triangles: Uint32Array.from(triangles) };
}

/** Surface area (mm²) and enclosed volume (mm³, divergence theorem) of a closed mesh. */
export function meshMeasures(mesh: Mesh): { area: number; volume: number } {
  let area = 0;
  let volume = 0;
  const v = mesh.vertices;
  for (let t = 0; t < mesh.triangles.length; t += 3) {
    const [a, b, c] = [mesh.triangles[t]! * 3, mesh.triangles[t + 1]! * 3, mesh.triangles[t + 2]! * 3];
    const u = [v[b]! - v[a]!, v[b + 1]! - v[a + 1]!, v[b + 2]! - v[a + 2]!];
    const w = [v[c]! - v[a]!, v[c + 1]! - v[a + 1]!, v[c + 2]! - v[a + 2]!];
    const n = [u[1]! * w[2]! - u[2]! * w[1]!, u[2]! * w[0]! - u[0]! * w[2]!, u[0]! * w[1]! - u[1]! * w[0]!];
    area += Math.hypot(n[0]!, n[1]!, n[2]!) / 2;
    volume += (v[a]! * n[0]! + v[a + 1]! * n[1]! + v[a + 2]! * n[2]!) / 6;
  }
  return { area, volume };
}

export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Index of the mask's centre of mass along each axis (the middle of the volume when empty). */
function maskCentre(mask: ArrayLike<number>, [d, h, w]: [number, number, number]): [number, number, number] {
  let n = 0;
  const sum = [0, 0, 0];
  for (let k = 0; k < d; k++) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
    if (!mask[(k * h + j) * w + i]) continue;
    n++; sum[0] += k; sum[1] += j; sum[2] += i;
  }
  return n === 0 ? [d >> 1, h >> 1, w >> 1] : sum.map((s) => Math.round(s / n)) as [number, number, number];
}

/**
 * A Plotly figure (JSON, for Plotly.newPlot or the OHIF side panel): the mesh as a mesh3d trace in
 * a 3D scene (aspect from real mm), and on the right the axial, coronal and sagittal planes
 * through the segmentation's centre as greyscale heatmaps with the mask outlined (contour at 0.5).
 * `values` are the intensities for the heatmaps (e.g. HU, or windowed to [0, 1]).
 */
export function plotlyFigure(
  mesh: Mesh, grid: MeshGrid, values: Float32Array, mask: ArrayLike<number>,
  options: { title?: string; color?: string } = {},
): PlotlyFigure {
  const v = mesh.vertices;
  const t = mesh.triangles;
  const pick = (axis: number) => Array.from({ length: v.length / 3 }, (_, n) => round(v[n * 3 + axis]!));
  const every = (offset: number) => Array.from({ length: t.length / 3 }, (_, n) => t[n * 3 + offset]!);
  const volume = { data: values, shape: grid.shape, spacing: grid.spacing };
  const maskVolume = { data: Float32Array.from(mask as ArrayLike<number>), shape: grid.shape, spacing: grid.spacing };
  const [ck, cj, ci] = maskCentre(mask, grid.shape);
  const planes = [
    { axis: 'axial' as const, index: ck, name: `축상 (axial) ${ck + 1}` },
    { axis: 'coronal' as const, index: cj, name: `관상 (coronal) ${cj + 1}` },
    { axis: 'sagittal' as const, index: ci, name: `시상 (sagittal) ${ci + 1}` },
  ];
  const data: Record<string, unknown>[] = [{
    type: 'mesh3d', name: options.title ?? 'segmentation',
    x: pick(0), y: pick(1), z: pick(2), i: every(0), j: every(1), k: every(2),
    color: options.color ?? '#e4572e', opacity: 0.8, flatshading: false, scene: 'scene',
  }];
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? '3D segmentation' },
    showlegend: false,
    scene: { domain: { x: [0, 0.62], y: [0, 1] }, aspectmode: 'data', xaxis: { title: { text: 'x (mm)' } }, yaxis: { title: { text: 'y (mm)' } }, zaxis: { title: { text: 'z (mm)' } } },
  };
  planes.forEach((plane, n) => {
    const image = extractSlice(volume, plane.axis, plane.index);
    const outline = extractSlice(maskVolume, plane.axis, plane.index);
    const [rows, cols] = image.shape;
    const matrix = (src: Float32Array) => Array.from({ length: rows }, (_, r) => Array.from(src.subarray(r * cols, (r + 1) * cols), (x) => round(x, 3)));
    // Physical axes, so a coronal plane of thick slices is not squashed.
    const x = Array.from({ length: cols }, (_, c) => round(c * image.spacing[1]));
    const y = Array.from({ length: rows }, (_, r) => round(r * image.spacing[0]));
    const axes = { xaxis: `x${n + 2}`, yaxis: `y${n + 2}` };
    data.push({ type: 'heatmap', name: plane.name, z: matrix(image.data), x, y, colorscale: 'Greys', reversescale: true, showscale: false, ...axes });
    data.push({
      type: 'contour', name: `${plane.name} mask`, z: matrix(outline.data), x, y, showscale: false,
      contours: { start: 0.5, end: 0.5, size: 1, coloring: 'lines' }, line: { color: options.color ?? '#e4572e', width: 2 }, ...axes,
    });
    const top = 1 - n / 3;
    layout[`xaxis${n + 2}`] = { domain: [0.66, 1], anchor: `y${n + 2}`, showticklabels: false, title: { text: plane.name } };
    layout[`yaxis${n + 2}`] = { domain: [top - 0.3, top - 0.02], anchor: `x${n + 2}`, scaleanchor: `x${n + 2}`, showticklabels: false, autorange: plane.axis === 'axial' ? 'reversed' : true };
  });
  return { data, layout };
}
