/**
 * A byte-level walk over a DICOM dataset that checks every element fits in the bytes we have.
 *
 * Why not leave it to dcmjs: dcmjs reads a value whose declared length runs past the end of the
 * buffer by taking "what is there" (a warning, no error), so a file cut off in its pixel data —
 * the common case for an interrupted upload — would parse as a valid instance with short pixel
 * data. This walk finds such files before dcmjs sees them, and tells where they end.
 */

export interface WalkSyntax { explicitVr: boolean; littleEndian: boolean }

/** Where one top-level element sits in the bytes (used to patch SpecificCharacterSet in place). */
export interface ElementLocation { tag: string; vr: string | null; valueOffset: number; length: number | 'undefined' }

export class StructureError extends Error {
  constructor(readonly kind: 'TRUNCATED' | 'CORRUPT', readonly offset: number, detail: string) {
    super(detail);
  }
}

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UR', 'UT', 'UN', 'SV', 'UV']);
const UNDEFINED = 0xffffffff;
const MAX_DEPTH = 64;
const PIXEL_DATA = 0x7fe00010;

export const tagString = (group: number, element: number): string =>
  ((group << 16 | element) >>> 0).toString(16).toUpperCase().padStart(8, '0');
const display = (tag: string) => `(${tag.slice(0, 4)},${tag.slice(4)})`;

class Walker {
  private readonly view: DataView;
  readonly topLevel: ElementLocation[] = [];

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private allZero(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (this.bytes[i] !== 0) return false;
    return true;
  }

  private u16(offset: number, little: boolean) { return this.view.getUint16(offset, little); }
  private u32(offset: number, little: boolean) { return this.view.getUint32(offset, little); }

  /** Walks elements from `offset` to `end` (or to an item delimiter); returns the offset after them. */
  elements(offset: number, end: number, syntax: WalkSyntax, depth: number, untilItemDelimiter: boolean): number {
    if (depth > MAX_DEPTH) throw new StructureError('CORRUPT', offset, `sequences nested deeper than ${MAX_DEPTH}`);
    const little = syntax.littleEndian;
    for (;;) {
      if (offset === end) {
        if (untilItemDelimiter) throw new StructureError('TRUNCATED', offset, 'sequence item not closed (no item delimiter)');
        return offset;
      }
      // Some writers pad files with zeros after the dataset: the dataset ends there.
      if (depth === 0 && this.allZero(offset, end)) return offset;
      if (end - offset < 8) throw new StructureError('TRUNCATED', offset, `incomplete element header (${end - offset} bytes left)`);
      const group = this.u16(offset, little);
      const element = this.u16(offset + 2, little);
      if (group === 0xfffe) {
        if (element === 0xe00d && untilItemDelimiter) return offset + 8;
        throw new StructureError('CORRUPT', offset, `unexpected delimiter (FFFE,${element.toString(16).toUpperCase()})`);
      }
      const tag = tagString(group, element);
      let vr: string | null = null;
      let length: number;
      let header: number;
      if (syntax.explicitVr) {
        vr = String.fromCharCode(this.bytes[offset + 4]!, this.bytes[offset + 5]!);
        if (!/^[A-Z]{2}$/.test(vr)) throw new StructureError('CORRUPT', offset, `invalid VR at ${display(tag)}`);
        if (LONG_VRS.has(vr)) {
          if (end - offset < 12) throw new StructureError('TRUNCATED', offset, `incomplete element header at ${display(tag)}`);
          length = this.u32(offset + 8, little);
          header = 12;
        } else {
          length = this.u16(offset + 6, little);
          header = 8;
        }
      } else {
        length = this.u32(offset + 4, little);
        header = 8;
      }
      const valueOffset = offset + header;
      if (length === UNDEFINED) {
        if (vr !== null && !['SQ', 'UN', 'OB', 'OW'].includes(vr)) {
          throw new StructureError('CORRUPT', offset, `undefined length on ${vr} element ${display(tag)}`);
        }
        const fragments = (group << 16 | element) >>> 0 === PIXEL_DATA;
        // UN of undefined length holds a sequence encoded implicit VR little endian (PS3.5 6.2.2).
        const itemSyntax = vr === 'UN' ? { explicitVr: false, littleEndian: true } : syntax;
        if (depth === 0) this.topLevel.push({ tag, vr, valueOffset, length: 'undefined' });
        offset = this.items(valueOffset, end, itemSyntax, depth + 1, fragments, tag);
      } else {
        if (valueOffset + length > end) {
          throw new StructureError('TRUNCATED', offset, `${display(tag)} declares ${length} bytes but only ${Math.max(0, end - valueOffset)} remain`);
        }
        if (depth === 0) this.topLevel.push({ tag, vr, valueOffset, length });
        offset = valueOffset + length;
      }
    }
  }

  /** Walks the items of an undefined-length sequence or encapsulated pixel data, through its delimiter. */
  private items(offset: number, end: number, syntax: WalkSyntax, depth: number, fragments: boolean, owner: string): number {
    const little = syntax.littleEndian;
    for (;;) {
      if (end - offset < 8) throw new StructureError('TRUNCATED', offset, `${display(owner)} not closed (no sequence delimiter)`);
      const group = this.u16(offset, little);
      const element = this.u16(offset + 2, little);
      const length = this.u32(offset + 4, little);
      if (group === 0xfffe && element === 0xe0dd) return offset + 8;
      if (group !== 0xfffe || element !== 0xe000) {
        throw new StructureError('CORRUPT', offset, `expected an item in ${display(owner)}, found (${group.toString(16)},${element.toString(16)})`);
      }
      const start = offset + 8;
      if (length === UNDEFINED) {
        if (fragments) throw new StructureError('CORRUPT', offset, 'pixel data fragment of undefined length');
        offset = this.elements(start, end, syntax, depth, true);
      } else {
        if (start + length > end) {
          throw new StructureError('TRUNCATED', offset, `item in ${display(owner)} declares ${length} bytes but only ${Math.max(0, end - start)} remain`);
        }
        offset = start + length;
      }
    }
  }
}

/**
 * Checks a dataset's structure; returns where its top-level elements are and where the dataset
 * ends (before any trailing zero padding). Throws StructureError.
 */
export function walkDataset(bytes: Uint8Array, offset: number, syntax: WalkSyntax): { elements: ElementLocation[]; end: number } {
  const walker = new Walker(bytes);
  const end = walker.elements(offset, bytes.byteLength, syntax, 0, false);
  return { elements: walker.topLevel, end };
}
