import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The performance budget of issue #8: the JavaScript a browser must load before each audience's
 * first screen (the entry chunk and everything it imports statically; lazy route chunks excluded),
 * gzipped. Reads the manifest of `npm run build:web`.
 *
 *   npx tsx scripts/web-budget.ts          prints the table (BENCHMARKS.md)
 */
export const BUDGET_GZIP_BYTES = 150 * 1024;

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }

const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../web/dist');

export interface EntryWeight { entry: string; files: number; rawBytes: number; gzipBytes: number; lazyChunks: number }

export function entryWeights(dist = DIST): EntryWeight[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  return Object.entries(manifest).filter(([, chunk]) => chunk.isEntry).map(([key, chunk]) => {
    const seen = new Set<string>();
    const lazy = new Set<string>();
    const walk = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const c = manifest[name]!;
      c.imports?.forEach(walk);
      c.dynamicImports?.forEach((d) => lazy.add(d));
    };
    walk(key);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const name of seen) {
      const bytes = readFileSync(path.join(dist, manifest[name]!.file));
      rawBytes += bytes.length;
      gzipBytes += gzipSync(bytes, { level: 9 }).length;
    }
    return { entry: key, files: seen.size, rawBytes, gzipBytes, lazyChunks: [...lazy].filter((d) => !seen.has(d)).length };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log('| entry | files loaded first | raw KB | gzip KB | budget | lazy route chunks |');
  console.log('|---|---:|---:|---:|---|---:|');
  for (const w of entryWeights()) {
    console.log(`| ${w.entry} | ${w.files} | ${kb(w.rawBytes)} | ${kb(w.gzipBytes)} | ${w.gzipBytes <= BUDGET_GZIP_BYTES ? 'met' : 'MISSED'} (≤ 150) | ${w.lazyChunks} |`);
  }
}
