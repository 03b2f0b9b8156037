import { randomUUID } from 'node:crypto';

/**
 * multipart/related (RFC 2387) as DICOMweb uses it: STOW-RS requests carry one instance per part,
 * WADO-RS answers carry instances, frames or bulk data per part (PS3.18 8.6.1.2). The one place
 * that reads and writes this framing, for requests and answers alike.
 */

export interface MediaType {
  /** Lower-cased `type/subtype`. */
  type: string;
  /** Parameters with lower-cased names and unquoted values. */
  params: Record<string, string>;
}

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export interface OutgoingPart {
  contentType: string;
  body: Uint8Array;
  headers?: Record<string, string>;
}

/** A request body that is not a well-formed multipart message. */
export class MultipartError extends Error {}

/**
 * Parses a media type such as `multipart/related; type="application/dicom"; boundary=abc`.
 * Quoted values may contain `;` and `=` (Orthanc nests `type="application/octet-stream; transfer-syntax=…"`).
 */
export function parseMediaType(value: string | undefined | null): MediaType | null {
  if (!value) return null;
  const params: Record<string, string> = {};
  const pattern = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  const semicolon = value.indexOf(';');
  const type = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  if (!type.includes('/')) return null;
  for (const match of value.slice(semicolon === -1 ? value.length : semicolon).matchAll(pattern)) {
    const raw = match[2].trim();
    params[match[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return { type, params };
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Splits a multipart body into its parts (bodies are views into `body`, not copies). A missing
 * close delimiter means the message was cut off: that is an error, not a shorter message.
 */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  if (!boundary || boundary.length > 200) throw new MultipartError('multipart boundary missing or too long');
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position === -1) throw new MultipartError('no multipart boundary in the body');
  const parts: Part[] = [];
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // close delimiter
    const lineEnd = body.indexOf(CRLF, position);
    if (lineEnd === -1) throw new MultipartError('multipart message cut off after a boundary');
    const headerStart = lineEnd + 2;
    let contentStart: number;
    let headers: Record<string, string>;
    if (body[headerStart] === 0x0d && body[headerStart + 1] === 0x0a) {
      headers = {};
      contentStart = headerStart + 2;
    } else {
      const headerEnd = body.indexOf(HEADER_END, headerStart);
      if (headerEnd === -1) throw new MultipartError('multipart part headers cut off');
      headers = parseHeaders(body.subarray(headerStart, headerEnd).toString('latin1'));
      contentStart = headerEnd + 4;
    }
    const contentEnd = body.indexOf(nextDelimiter, contentStart);
    if (contentEnd === -1) throw new MultipartError(`multipart part ${parts.length + 1} has no closing boundary (message cut off)`);
    parts.push({ headers, body: body.subarray(contentStart, contentEnd) });
    position = contentEnd + 2;
  }
}

/** Encodes parts into one multipart body; the boundary is random unless given. */
export function encodeMultipart(parts: OutgoingPart[], boundary: string = randomUUID()): { body: Buffer; boundary: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const extra = Object.entries(part.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: ${part.contentType}\r\nContent-Length: ${part.body.byteLength}\r\n${extra}\r\n`, 'latin1'));
    chunks.push(Buffer.isBuffer(part.body) ? part.body : Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength));
    chunks.push(CRLF);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), boundary };
}

/** The Content-Type of a multipart/related answer whose parts are all of `partType`. */
export function multipartContentType(partType: string, boundary: string): string {
  return `multipart/related; type="${partType.replace(/"/g, '\\"')}"; boundary=${boundary}`;
}
