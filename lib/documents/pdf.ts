import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { woffToSfnt } from './woff.js';
import { kstDateOf } from '../rules/kst-dates.js';

/**
 * The one place printable documents (처방전, 진단서, 진료비 영수증) are drawn. Every document is an
 * A4 page set in Nanum Gothic — the Korean subset bundled by @fontsource/nanum-gothic (SIL OFL),
 * which also carries Latin letters and digits — so PDFs render the same on every machine without
 * system fonts. Documents are built from a few blocks (title, key/value grid, table, paragraph,
 * signature) so each document module states only its content.
 */
const require = createRequire(import.meta.url);
const fontFile = (weight: number) => require.resolve(`@fontsource/nanum-gothic/files/nanum-gothic-korean-${weight}-normal.woff`);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Unpacked once per process, on first use (about 20 ms). */
function koreanFonts() {
  fonts ??= { regular: woffToSfnt(readFileSync(fontFile(400))), bold: woffToSfnt(readFileSync(fontFile(700))) };
  return fonts;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4 in points
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

export interface DocumentInfo {
  /** Document title, printed as the heading and stored in the PDF metadata. */
  title: string;
  /** Issuing institution, printed under the title. */
  issuer: string;
  /** Issue time; also the PDF CreationDate, so the same input gives the same bytes. */
  issuedAt: Date;
  /** Document number printed top right (e.g. `RX-2026-000123`). */
  number: string;
}

export interface TableColumn {
  header: string;
  /** Share of the content width; the shares of a table sum to 1. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * Symbols the bundled font subset has no glyph for (they would print as blanks), spelled out.
 * Every string drawn passes through here, so no document module has to remember it.
 */
const UNPRINTABLE: [RegExp, string][] = [[/℃/g, '°C'], [/≥/g, '>='], [/≤/g, '<='], [/→/g, '->'], [/※/g, '*'], [/₩/g, '원 ']];
export function printable(text: string): string {
  return UNPRINTABLE.reduce((out, [symbol, spelled]) => out.replace(symbol, spelled), text);
}

export class KoreanDocument {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: DocumentInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      info: { Title: info.title, Author: info.issuer, Creator: 'CDSS', CreationDate: info.issuedAt, ModDate: info.issuedAt },
    });
    this.doc.registerFont('regular', koreanFonts().regular);
    this.doc.registerFont('bold', koreanFonts().bold);
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font('regular').fontSize(9).text(printable(`No. ${info.number}`), { align: 'right' });
    this.doc.font('bold').fontSize(22).text(printable(info.title), { align: 'center' });
    this.doc.font('regular').fontSize(10).text(printable(info.issuer), { align: 'center' }).moveDown(1);
  }

  /** A section heading. */
  heading(text: string): this {
    this.doc.moveDown(0.6).font('bold').fontSize(12).text(printable(text), MARGIN).moveDown(0.3);
    return this;
  }

  /** Label/value pairs laid out two per row, as on printed Korean medical forms. */
  fields(pairs: [label: string, value: string][]): this {
    const half = CONTENT_WIDTH / 2;
    for (let i = 0; i < pairs.length; i += 2) {
      const y = this.doc.y;
      let bottom = y;
      pairs.slice(i, i + 2).forEach(([label, value], column) => {
        const x = MARGIN + column * half;
        this.doc.font('bold').fontSize(9).text(printable(label), x, y, { width: 90 });
        this.doc.font('regular').fontSize(10).text(printable(value || '-'), x + 92, y, { width: half - 100 });
        bottom = Math.max(bottom, this.doc.y);
      });
      this.doc.y = bottom + 4;
    }
    this.doc.x = MARGIN;
    return this;
  }

  /** A ruled table; rows break onto a new page when the page is full. */
  table(columns: TableColumn[], rows: string[][]): this {
    const drawRow = (cells: string[], font: 'regular' | 'bold') => {
      if (this.doc.y > this.doc.page.height - MARGIN - 40) this.doc.addPage();
      const y = this.doc.y;
      let x = MARGIN;
      let bottom = y;
      cells.forEach((cell, index) => {
        const width = columns[index].width * CONTENT_WIDTH;
        this.doc.font(font).fontSize(9).text(printable(cell), x + 3, y + 3, { width: width - 6, align: columns[index].align ?? 'left' });
        bottom = Math.max(bottom, this.doc.y);
        x += width;
      });
      this.doc.moveTo(MARGIN, bottom + 3).lineTo(MARGIN + CONTENT_WIDTH, bottom + 3).lineWidth(0.5).stroke();
      this.doc.y = bottom + 5;
    };
    this.doc.moveTo(MARGIN, this.doc.y).lineTo(MARGIN + CONTENT_WIDTH, this.doc.y).lineWidth(1).stroke();
    drawRow(columns.map((c) => c.header), 'bold');
    for (const row of rows) drawRow(row, 'regular');
    this.doc.x = MARGIN;
    return this;
  }

  /** Free text such as an opinion or a note. */
  paragraph(text: string): this {
    this.doc.font('regular').fontSize(10).text(printable(text || '-'), MARGIN, this.doc.y, { width: CONTENT_WIDTH }).moveDown(0.4);
    return this;
  }

  /** The closing attestation: date, issuer and who signs, right-aligned like a stamped form. */
  signature(lines: string[]): this {
    this.doc.moveDown(2);
    for (const line of lines) this.doc.font('regular').fontSize(11).text(printable(line), MARGIN, this.doc.y, { width: CONTENT_WIDTH, align: 'right' });
    return this;
  }

  /** Finishes the document and resolves to its bytes. */
  async toBuffer(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

/** An instant's KST day the way Korean forms print dates: `2026년 11월 25일`. */
export function koreanDate(date: Date): string {
  return koreanDay(kstDateOf(date));
}

/** `2026-03-02` → `2026년 3월 2일`. */
export function koreanDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}년 ${month}월 ${day}일`;
}

/** Whole won with thousands separators: `12,345원`. */
export function won(amount: number): string {
  return `${amount.toLocaleString('ko-KR')}원`;
}
