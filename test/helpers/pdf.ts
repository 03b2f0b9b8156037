import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { REQUIRE_SERVICES } from './databases.js';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** pdftotext (poppler-utils) reads back what a PDF prints; CI installs it and requires it. */
export const PDFTOTEXT = hasPdftotext();
if (!PDFTOTEXT && REQUIRE_SERVICES) throw new Error('pdftotext (poppler-utils) is required (CDSS_REQUIRE_SERVICES=1) but not installed');

/**
 * The text a PDF shows, one space between words, as a reader would copy it. Without pdftotext
 * (a developer machine lacking poppler-utils) it returns null and callers check only the structure.
 */
export function pdfText(bytes: Buffer): string | null {
  assertPdf(bytes);
  if (!PDFTOTEXT) return null;
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf8').replace(/[ \t]+/g, ' ');
}

/** A complete PDF file: the header, at least one page and the end marker. */
export function assertPdf(bytes: Buffer): void {
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'not a PDF');
  assert.match(bytes.subarray(-64).toString('latin1'), /%%EOF\s*$/, 'PDF is truncated');
  assert.match(bytes.toString('latin1'), /\/Type \/Page\b/, 'PDF has no page');
}
