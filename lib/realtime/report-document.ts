import * as Y from 'yjs';

/**
 * The shape of a collaborative radiology report (`report:<id>`, issue #7 §3): one Y.Map named
 * `report` holding a Y.Text per section, so several radiologists type into the same section and
 * Yjs merges their keystrokes. `aiFindings` is the study's latest AI summary, filled once when the
 * document is created and never read back into the report: by convention clients show it
 * read-only (the report's findings are the radiologist's words, not the model's).
 */

export const REPORT_MAP = 'report';

/** Document section → radiology_report column (the seed's 결론 `conclusion` is the impression). */
export const REPORT_SECTIONS = { findings: 'findings', impression: 'conclusion', recommendations: 'recommendations' } as const;
export type ReportSection = keyof typeof REPORT_SECTIONS;

/** The report text as the workflow takes it (ReportContentParams' names). */
export interface ReportDocumentContent {
  findings: string;
  conclusion: string;
  recommendations: string;
}

/** What a new document is filled with: the report's current text and the AI summary. */
export type ReportDocumentSeed = Partial<Record<keyof ReportDocumentContent, string | null>> & { aiFindings?: string | null };

/**
 * The report text in `doc`, or null when the document was never filled (nobody opened it yet):
 * then the report row is still the whole truth and a signature must not clear it.
 */
export function readReportDocument(doc: Y.Doc): ReportDocumentContent | null {
  const map = doc.getMap<unknown>(REPORT_MAP);
  if (!(Object.keys(REPORT_SECTIONS) as ReportSection[]).some((section) => map.has(section))) return null;
  const text = (section: ReportSection) => {
    const value = map.get(section);
    return value instanceof Y.Text ? value.toString() : '';
  };
  return { findings: text('findings'), conclusion: text('impression'), recommendations: text('recommendations') };
}

/**
 * Makes the sections of `doc` read `content` (missing sections are created, fields left out are
 * untouched), in one transaction so clients receive one update. Existing text is replaced by
 * the smallest edit — common prefix and suffix kept — so a collaborator's cursor and concurrent
 * typing elsewhere in the section survive.
 */
export function writeReportDocument(doc: Y.Doc, content: ReportDocumentSeed, origin: unknown = null): void {
  const map = doc.getMap<unknown>(REPORT_MAP);
  const wanted: [string, string | null | undefined][] = [
    ...(Object.entries(REPORT_SECTIONS) as [ReportSection, keyof ReportDocumentContent][]).map(([section, column]) => [section, content[column]] as [string, string | null | undefined]),
    ['aiFindings', content.aiFindings],
  ];
  doc.transact(() => {
    for (const [key, value] of wanted) {
      if (value === undefined) continue;
      const current = map.get(key);
      if (current instanceof Y.Text) replaceText(current, value ?? '');
      else map.set(key, new Y.Text(value ?? ''));
    }
  }, origin);
}

/** Replaces the text of `text` with `next` by deleting and inserting only the part that differs. */
export function replaceText(text: Y.Text, next: string): void {
  const before = text.toString();
  if (before === next) return;
  let start = 0;
  while (start < before.length && start < next.length && before[start] === next[start]) start++;
  // Never cut between the two halves of a surrogate pair (Yjs would store a broken character).
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < before.length - start && end < next.length - start && before[before.length - 1 - end] === next[next.length - 1 - end]) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  const removed = before.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) text.insert(start, inserted);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A Y.Doc holding the state of a stored document (`collab.load`'s base64 update). */
export function docFromState(base64Update: string | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (base64Update) Y.applyUpdate(doc, Buffer.from(base64Update, 'base64'));
  return doc;
}

/** The change from `before` (a state vector) to the current state of `doc`, base64 as `collab.append` takes it. */
export function updateSince(doc: Y.Doc, before: Uint8Array): string {
  return Buffer.from(Y.encodeStateAsUpdate(doc, before)).toString('base64');
}
