/**
 * dcmjs 0.52 decodes text inside sequence items with a fresh cp1252 ("latin1") decoder, ignoring
 * the dataset's SpecificCharacterSet (dcmjs issues #503, #508; the *written* bytes are correct
 * UTF-8). A Korean SegmentLabel or SR TEXT value therefore reads back as mojibake. Until dcmjs is
 * fixed, readers of our SEG/SR undo it: the string is turned back into its bytes through cp1252
 * and decoded as UTF-8 — only where the dataset declares ISO_IR 192 and the bytes are valid UTF-8,
 * so correct text (pure ASCII, or a reader that got it right) is left as it is.
 */

let cp1252Bytes: Map<string, number> | null = null;

function cp1252Table(): Map<string, number> {
  if (!cp1252Bytes) {
    const decoded = new TextDecoder('latin1').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
    cp1252Bytes = new Map([...decoded].map((ch, i) => [ch, i]));
  }
  return cp1252Bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A string dcmjs decoded as cp1252, re-decoded as UTF-8 (unchanged when that is not what happened). */
export function repairUtf8(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const table = cp1252Table();
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = table.get(text[i]!);
    if (byte === undefined) return text; // a character cp1252 cannot have produced: already decoded right
    bytes[i] = byte;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return text;
  }
}

function repairValue(value: unknown): unknown {
  if (typeof value === 'string') return repairUtf8(value);
  if (Array.isArray(value)) return value.map(repairValue);
  if (value && typeof value === 'object' && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repairValue(v)]));
  }
  return value;
}

const PERSON_NAME_KEYS = new Set(['Alphabetic', 'Ideographic', 'Phonetic']);

/** A sequence item, not a top-level PN value ({ Alphabetic, ... }), which dcmjs decodes right. */
function isSequenceItem(item: unknown): boolean {
  if (!item || typeof item !== 'object' || item instanceof ArrayBuffer || ArrayBuffer.isView(item)) return false;
  return Object.keys(item).some((key) => !PERSON_NAME_KEYS.has(key));
}

/**
 * A shallow copy of a naturalized dataset whose sequences have their text repaired (see above).
 * Top-level values are already right and pixel data are not copied.
 */
export function withSequenceText(dataset: Record<string, any>): Record<string, any> {
  const charset = Array.isArray(dataset.SpecificCharacterSet) ? dataset.SpecificCharacterSet[0] : dataset.SpecificCharacterSet;
  if (String(charset ?? '').trim() !== 'ISO_IR 192') return dataset;
  const out: Record<string, any> = { ...dataset };
  for (const [key, value] of Object.entries(dataset)) {
    if (Array.isArray(value) && value.some(isSequenceItem)) {
      out[key] = repairValue(value);
    }
  }
  return out;
}
