import type * as Y from 'yjs';
import { Errors } from 'moleculer';
import type { CdssContext } from '../context.js';
import * as reportModule from './collab-report.js';
import * as chatModule from './collab-chat.js';

const { MoleculerClientError } = Errors;

/**
 * A kind of collaborative document, named `<prefix>:<id>` (`report:12`, `chat:3`). The type
 * decides who may open a document and how; the `collab` actor stores and serves it.
 */
export interface CollabDocumentType {
  prefix: string;
  /** Caller's ctx (user in meta): 'edit' | 'read', or throw 403/404 (MoleculerClientError). */
  authorize(ctx: CdssContext, id: number): Promise<'edit' | 'read'>;
  /**
   * Fills an empty document once (e.g. a report's current text); optional. Answers `{ locked: true }`
   * when the document must start read-only (a report signed before its document ever existed).
   */
  initialize?(ctx: CdssContext, id: number, doc: Y.Doc): Promise<void | { locked: boolean }>;
}

/**
 * The registry. A type module (collab-report.ts, collab-chat.ts) exports its CollabDocumentType
 * as the default export or as any named export; modules that export none yet (placeholders)
 * register nothing, and their prefix answers 404.
 */
export const COLLAB_DOCUMENT_TYPES: Record<string, CollabDocumentType> = {};

function isDocumentType(value: unknown): value is CollabDocumentType {
  const candidate = value as Partial<CollabDocumentType> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.prefix === 'string' && typeof candidate.authorize === 'function';
}

for (const module of [reportModule, chatModule] as Record<string, unknown>[]) {
  for (const value of Object.values(module)) if (isDocumentType(value)) COLLAB_DOCUMENT_TYPES[value.prefix] = value;
}

/** Adds a type at run time (tests register a `test` type with it). */
export function registerCollabDocumentType(type: CollabDocumentType): void {
  if (!/^[a-z][a-z-]{0,19}$/.test(type.prefix)) throw new Error(`Invalid collaborative document prefix '${type.prefix}'`);
  COLLAB_DOCUMENT_TYPES[type.prefix] = type;
}

export const DOC_NAME_PATTERN = /^([a-z][a-z-]{0,19}):([1-9][0-9]{0,9})$/;

/** Splits `report:12` into its registered type and id; anything else is 404. */
export function resolveDocument(docName: string): { type: CollabDocumentType; id: number } {
  const match = DOC_NAME_PATTERN.exec(docName);
  const type = match ? COLLAB_DOCUMENT_TYPES[match[1]] : undefined;
  const id = match ? Number(match[2]) : NaN;
  if (!type || !Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw new MoleculerClientError(`공동 편집 문서 '${docName.slice(0, 100)}'을(를) 찾을 수 없습니다 (no such document)`, 404, 'NOT_FOUND');
  }
  return { type, id };
}
