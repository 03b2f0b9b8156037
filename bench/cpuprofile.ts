import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by area: a node_modules package, a project folder, node internals, GC, idle. */
  byArea: { area: string; ms: number; share: number }[];
  /** Functions by self time. */
  bySelf: { fn: string; ms: number; share: number }[];
  /** Project and library entry points by inclusive time (stack contains the frame). */
  byInclusive: { fn: string; ms: number; share: number }[];
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const file = url.replace(/^file:\/\//, '');
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  return file.startsWith(root) ? `cdss ${path.relative(root, file).split('/').slice(0, 2).join('/')}` : file;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const area = areaOf(url, functionName);
  const file = url ? path.basename(url.replace(/^file:\/\//, '')) : '';
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''} [${area}]`.replace(/\s+\[/, ' [');
}

/** Reads a V8 .cpuprofile and attributes sampled time to areas and functions. */
export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    totalUs += dt;
  });

  const byArea = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const byInclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const name = frameName(node);
    bySelf.set(name, (bySelf.get(name) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!;
      if (!frame.callFrame.url) continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      byInclusive.set(key, (byInclusive.get(key) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>, key: 'area' | 'fn') =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ [key]: k, ms: us / 1000, share: us / totalUs })) as never;
  return { totalMs: totalUs / 1000, byArea: rank(byArea, 'area'), bySelf: rank(bySelf, 'fn'), byInclusive: rank(byInclusive, 'fn') };
}

/** Human-readable summary for the bench's output. */
export function formatSummary(summary: ProfileSummary): string {
  const pct = (s: number) => `${(s * 100).toFixed(1).padStart(5)}%`;
  const lines = [`CPU profile of the CDSS child, ${(summary.totalMs / 1000).toFixed(1)} s sampled`, '', 'Self time by area:'];
  for (const a of summary.byArea) lines.push(`  ${pct(a.share)}  ${a.area}`);
  lines.push('', 'Top functions by self time:');
  for (const f of summary.bySelf) lines.push(`  ${pct(f.share)}  ${f.fn}`);
  lines.push('', 'Top frames by inclusive time:');
  for (const f of summary.byInclusive) lines.push(`  ${pct(f.share)}  ${f.fn}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/cpuprofile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(formatSummary(summarizeProfile(file, Number(process.argv[3] ?? 25))));
}
