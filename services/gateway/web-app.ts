import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The web apps (web/, built by Vite into web/dist): static files, and for an app path that is no
 * file (`/doctor/patients/12`, a reload or a bookmark) the HTML of the entry that owns it, so the
 * client-side router takes over. Three entries, one per audience (web/vite.config.ts).
 */

/** The repository root, whether running from TypeScript sources (tsx) or from dist/. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** CDSS_WEB_DIST: another build of the apps (several checkouts' browser tests side by side). */
const BUILT = process.env.CDSS_WEB_DIST ? path.resolve(process.env.CDSS_WEB_DIST) : path.join(projectRoot(), 'web/dist');
/** Before the first `npm run build`: a page that says how to build the apps. */
const UNBUILT = path.join(projectRoot(), 'web/static');

export const WEB_ROOT = existsSync(path.join(BUILT, 'index.html')) ? BUILT : UNBUILT;

const ENTRIES: { prefixes: string[]; exact?: string[]; file: string }[] = [
  { prefixes: ['/login/medical', '/doctor', '/nurse', '/admin', '/radiology-tech', '/radiology-doctor', '/system'], file: 'staff.html' },
  { prefixes: ['/patient'], exact: ['/login', '/signup'], file: 'patient.html' },
];

/** The entry HTML that owns `pathname`, or null (an API path, a missing file). */
export function entryFor(pathname: string): string | null {
  for (const entry of ENTRIES) {
    if (entry.exact?.includes(pathname)) return entry.file;
    if (entry.prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))) return entry.file;
  }
  return null;
}

const cache = new Map<string, Buffer>();

/** Answers an app path with its entry's HTML; false when the request is not for an app page. */
export function serveAppEntry(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = new URL(req.url ?? '/', 'http://web').pathname;
  const file = entryFor(pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);
  if (!file || WEB_ROOT !== BUILT) return false;
  let html = cache.get(file);
  if (!html) {
    const full = path.join(BUILT, file);
    if (!existsSync(full)) return false;
    html = readFileSync(full);
    cache.set(file, html);
  }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length, 'Cache-Control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : html);
  return true;
}

/** serve-static options: hashed build assets are immutable; everything else is revalidated. */
export const STATIC_OPTIONS = {
  index: 'index.html',
  setHeaders(res: ServerResponse, filePath: string) {
    res.setHeader('Cache-Control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
};
