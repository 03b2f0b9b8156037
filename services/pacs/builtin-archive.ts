import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Op, UniqueConstraintError } from 'sequelize';
import type { LoggerInstance } from 'moleculer';
import { parsePart10, type InstanceSummary, type ParsedDicom } from '../../lib/dicom/part10.js';
import { toDicomJson, bulkDataOf } from '../../lib/dicom/dicom-json.js';
import { extractFrames } from '../../lib/dicom/frames.js';
import type { DicomInstanceAttributes, PacsSource } from '../../models/pacs.js';
import type { Database } from '../runtime.js';
import type { Answer, ArchiveEvents, DicomJson, DicomPath, PacsArchive, RequestInfo, StudyInfo } from './archive.js';
import { searchIndex } from './builtin-index.js';
import { encodeMultipart, multipartContentType } from './multipart.js';
import { DICOM, frameMediaType, withTransferSyntax } from './media-types.js';
import type { QidoQuery } from './qido.js';
import { CursorStore } from './cursor.js';

/** The built-in archive's stable-study watermark in `pacs_cursor`. */
const STABLE_CURSOR = 'builtin-stable';
/** Parsed instances kept for frame and bulk data requests (a viewer asks for each frame of a multi-frame instance in turn). */
const PARSED_CACHE_BYTES = 128 * 1024 * 1024;

/** Index columns are bounded; a longer value is cut rather than refused (MariaDB strict mode would refuse the row). */
const cut = (value: string | null, length: number) => (value === null ? null : value.slice(0, length));

/**
 * The embedded archive (CDSS_PACS=builtin, the default): each instance is a file
 * `<data dir>/dicom/<study>/<series>/<sop>.dcm`, written to a temp name and renamed so a reader
 * never sees half a file, and one `dicom_instance` row that QIDO searches. A study is stable once
 * no instance arrived for CDSS_PACS_STABLE_SECONDS (one timer per study); the last stable study's
 * arrival time is kept in `pacs_cursor`, so a restart re-arms the timers of studies still pending.
 */
export class BuiltinArchive implements PacsArchive {
  readonly kind = 'builtin' as const;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cursor: CursorStore;
  private readonly parsedCache = new Map<string, { parsed: ParsedDicom; size: number }>();
  private parsedBytes = 0;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly root: string,
    private readonly stableMs: number,
    private readonly events: ArchiveEvents,
    private readonly logger: LoggerInstance,
  ) {
    this.cursor = new CursorStore(db, STABLE_CURSOR);
  }

  private get model() {
    return this.db.models.DicomInstance;
  }

  async start(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    // Studies that received instances after the last stable event: their timers died with the last process.
    const since = new Date(await this.cursor.position());
    const pending = await this.model.findAll({
      attributes: ['study_instance_uid', [this.db.sequelize.fn('MAX', this.db.sequelize.col('received_at')), 'last']],
      where: { received_at: { [Op.gt]: since } },
      group: ['study_instance_uid'],
      raw: true,
    }) as unknown as { study_instance_uid: string; last: string | Date }[];
    for (const study of pending) this.arm(study.study_instance_uid, Math.max(0, new Date(study.last).getTime() + this.stableMs - Date.now()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async store(bytes: Buffer, parsed: ParsedDicom, s: InstanceSummary, source: PacsSource): Promise<{ stored: boolean }> {
    if (await this.model.findOne({ where: { sop_instance_uid: s.sopInstanceUid }, attributes: ['id'] })) return { stored: false };
    // UIDs are validated digits and dots (summarize), so they are safe path components.
    const relative = path.join(s.studyInstanceUid, s.seriesInstanceUid, `${s.sopInstanceUid}.dcm`);
    const file = path.join(this.root, relative);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const existed = await stat(file).then(() => true, () => false);
    await writeAtomically(file, bytes);
    try {
      await this.model.create({
        sop_instance_uid: s.sopInstanceUid, sop_class_uid: s.sopClassUid, study_instance_uid: s.studyInstanceUid,
        series_instance_uid: s.seriesInstanceUid, transfer_syntax_uid: s.transferSyntaxUid,
        patient_id: cut(s.patientId, 64)!, patient_name: cut(s.patientName || null, 200), patient_birth_date: cut(s.patientBirthDate, 8),
        patient_sex: cut(s.patientSex, 16), accession_number: cut(s.accessionNumber, 64), study_date: cut(s.studyDate, 8),
        study_time: cut(s.studyTime, 16), study_description: cut(s.studyDescription, 200),
        study_id: cut(textOf(parsed.dataset.StudyID), 16), referring_physician_name: cut(nameOf(parsed.dataset.ReferringPhysicianName), 200),
        modality: cut(s.modality, 16)!, series_number: s.seriesNumber, series_description: cut(s.seriesDescription, 200),
        body_part_examined: cut(s.bodyPartExamined, 64), instance_number: s.instanceNumber, rows: s.rows, columns: s.columns,
        number_of_frames: s.numberOfFrames, bits_allocated: s.bitsAllocated, file_path: relative, file_size: bytes.byteLength,
        source, received_at: new Date(),
      });
    } catch (err) {
      // Stored concurrently by another request: the same SOP Instance, so the file is the same too.
      if (err instanceof UniqueConstraintError) return { stored: false };
      if (!existed) await rm(file, { force: true });
      throw err;
    }
    this.arm(s.studyInstanceUid, this.stableMs);
    return { stored: true };
  }

  /** (Re)starts a study's quiet-time timer. */
  private arm(study: string, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(study));
    const timer = setTimeout(() => {
      this.timers.delete(study);
      this.announceStable(study).catch((err: Error) => this.logger.warn(`stable event for study ${study} failed:`, err.message));
    }, delayMs);
    timer.unref();
    this.timers.set(study, timer);
  }

  private async announceStable(study: string): Promise<void> {
    const rows = await this.rowsOf({ study });
    if (rows.length === 0) return;
    const last = rows.reduce((a, b) => (a.received_at > b.received_at ? a : b));
    const source = last.source;
    const info = studyInfoOf(rows);
    for (const series of info.series) {
      this.events.seriesStable({
        studyInstanceUid: study, seriesInstanceUid: series.seriesInstanceUid, patientId: info.patientId, accessionNumber: info.accessionNumber,
        modality: series.modality, seriesNumber: series.seriesNumber, instanceCount: series.instances.length, source,
      });
    }
    this.events.studyStable({
      studyInstanceUid: study, patientId: info.patientId, accessionNumber: info.accessionNumber, modalities: info.modalities,
      instanceCount: rows.length, source,
    });
    await this.cursor.advanceTo(new Date(last.received_at).getTime());
  }

  private async rowsOf(p: DicomPath): Promise<DicomInstanceAttributes[]> {
    const where: Record<string, string> = { study_instance_uid: p.study };
    if (p.series) where.series_instance_uid = p.series;
    if (p.instance) where.sop_instance_uid = p.instance;
    return await this.model.findAll({
      where, order: [['series_number', 'ASC'], ['series_instance_uid', 'ASC'], ['instance_number', 'ASC'], ['id', 'ASC']], raw: true,
    }) as unknown as DicomInstanceAttributes[];
  }

  /** An instance parsed, from a small cache bounded by file size (least recently used leaves first). */
  private async parsedOf(row: DicomInstanceAttributes): Promise<ParsedDicom> {
    const cached = this.parsedCache.get(row.sop_instance_uid);
    if (cached) {
      this.parsedCache.delete(row.sop_instance_uid);
      this.parsedCache.set(row.sop_instance_uid, cached);
      return cached.parsed;
    }
    const parsed = parsePart10(await this.read(row));
    if (row.file_size <= PARSED_CACHE_BYTES / 4) {
      this.parsedCache.set(row.sop_instance_uid, { parsed, size: row.file_size });
      this.parsedBytes += row.file_size;
      for (const [sop, entry] of this.parsedCache) {
        if (this.parsedBytes <= PARSED_CACHE_BYTES) break;
        this.parsedCache.delete(sop);
        this.parsedBytes -= entry.size;
      }
    }
    return parsed;
  }

  private read(row: DicomInstanceAttributes): Promise<Buffer> {
    return readFile(path.join(this.root, row.file_path));
  }

  async studyInfo(studyInstanceUid: string): Promise<StudyInfo | null> {
    const rows = await this.rowsOf({ study: studyInstanceUid });
    return rows.length ? studyInfoOf(rows) : null;
  }

  async instanceBytes(p: Required<DicomPath>): Promise<Buffer | null> {
    const [row] = await this.rowsOf(p);
    return row ? this.read(row) : null;
  }

  async studyPatient(studyInstanceUid: string): Promise<string | null> {
    const row = await this.model.findOne({ where: { study_instance_uid: studyInstanceUid }, attributes: ['patient_id'] });
    return row ? row.patient_id : null;
  }

  async search(query: QidoQuery, request: RequestInfo): Promise<{ answers: DicomJson[]; scanned: number }> {
    const answers = await searchIndex(this.db.sequelize, query, request.base);
    return { answers, scanned: answers.length };
  }

  async retrieve(p: DicomPath): Promise<Answer | null> {
    const rows = await this.rowsOf(p);
    if (rows.length === 0) return null;
    const parts = [];
    for (const row of rows) parts.push({ contentType: withTransferSyntax(DICOM, row.transfer_syntax_uid), body: await this.read(row) });
    const { body, boundary } = encodeMultipart(parts);
    return { body, contentType: multipartContentType(DICOM, boundary) };
  }

  async metadata(p: DicomPath, request: RequestInfo): Promise<DicomJson[] | null> {
    const rows = await this.rowsOf(p);
    if (rows.length === 0) return null;
    const answers: DicomJson[] = [];
    for (const row of rows) {
      const url = `${request.base}/studies/${row.study_instance_uid}/series/${row.series_instance_uid}/instances/${row.sop_instance_uid}`;
      answers.push(toDicomJson(parsePart10(await this.read(row)), (tag) => `${url}/bulk/${tag}`) as DicomJson);
    }
    return answers;
  }

  async frames(p: Required<DicomPath>, frameNumbers: number[]): Promise<Answer | null> {
    const [row] = await this.rowsOf(p);
    if (!row) return null;
    const { transferSyntaxUid, frames } = extractFrames(await this.parsedOf(row), frameNumbers);
    const mediaType = frameMediaType(transferSyntaxUid);
    const { body, boundary } = encodeMultipart(frames.map((frame) => ({ contentType: withTransferSyntax(mediaType, transferSyntaxUid), body: frame })));
    return { body, contentType: multipartContentType(mediaType, boundary) };
  }

  async bulk(p: Required<DicomPath>, tagPath: string[]): Promise<Answer | null> {
    const [row] = await this.rowsOf(p);
    // Only top-level elements get a BulkDataURI (nested bulk data is answered inline).
    if (!row || tagPath.length !== 1) return null;
    const bytes = bulkDataOf(await this.parsedOf(row), tagPath[0]!);
    if (!bytes) return null;
    const { body, boundary } = encodeMultipart([{ contentType: 'application/octet-stream', body: bytes }]);
    return { body, contentType: multipartContentType('application/octet-stream', boundary) };
  }

  instanceCount(): Promise<number> {
    return this.model.count();
  }
}

function textOf(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim();
}

function nameOf(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v && typeof v === 'object') return textOf((v as { Alphabetic?: string }).Alphabetic);
  return textOf(v);
}

/** Writes to a temp file in the same folder, flushes it, then renames it into place. */
async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

function studyInfoOf(rows: DicomInstanceAttributes[]): StudyInfo {
  const first = rows[0]!;
  const series = new Map<string, StudyInfo['series'][number]>();
  for (const row of rows) {
    let entry = series.get(row.series_instance_uid);
    if (!entry) {
      entry = { seriesInstanceUid: row.series_instance_uid, modality: row.modality, seriesNumber: row.series_number, instances: [] };
      series.set(row.series_instance_uid, entry);
    }
    entry.instances.push({ sopInstanceUid: row.sop_instance_uid, instanceNumber: row.instance_number, numberOfFrames: row.number_of_frames });
  }
  return {
    studyInstanceUid: first.study_instance_uid,
    patientId: first.patient_id,
    accessionNumber: rows.find((r) => r.accession_number)?.accession_number ?? null,
    studyDate: rows.find((r) => r.study_date)?.study_date ?? null,
    modalities: [...new Set(rows.map((r) => r.modality))].sort(),
    series: [...series.values()],
  };
}
