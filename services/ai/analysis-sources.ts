import { Errors } from 'moleculer';
import { parsePart10, type ParsedDicom } from '../../lib/dicom/part10.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { StudyInfo } from '../pacs/archive.js';
import type { CdssContext } from '../context.js';

/**
 * What the 3-D view and the 2-D overlay both read back from the PACS: a finished analysis's source
 * series and its stored SEG (so both show what the archive holds, not a private copy), and the
 * small bounded caches they keep of what they built.
 */

const { MoleculerClientError } = Errors;

type SeriesInfo = StudyInfo['series'][number];

/** 409 while the analysis has not finished: nothing to show yet. */
export function checkDone(row: AIAnalysisResultAttributes): void {
  if (row.status !== 'DONE') {
    throw new MoleculerClientError(`분석이 아직 끝나지 않았습니다: ${row.status} (analysis not done yet)`, 409, 'ANALYSIS_NOT_DONE', { status: row.status });
  }
}

// Over a transporter a Buffer arrives as its JSON form.
const asBuffer = (bytes: Buffer | { type: 'Buffer'; data: number[] }): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.data));

/** One instance from the PACS, parsed. */
export async function instanceOf(ctx: CdssContext, study: string, series: string, sop: string): Promise<ParsedDicom> {
  const bytes = asBuffer(await ctx.call<Buffer, object>('pacs.instanceBytes', { studyInstanceUid: study, seriesInstanceUid: series, sopInstanceUid: sop }));
  return parsePart10(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The analysis's source series and the series holding its SEG; 409 when the PACS no longer has them. */
export async function segSources(ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<{ study: string; source: SeriesInfo; segSeries: SeriesInfo }> {
  const study = row.study_instance_uid!;
  const info = await ctx.call<StudyInfo | null, object>('pacs.studyInfo', { studyInstanceUid: study });
  const source = info?.series.find((s) => s.seriesInstanceUid === row.series_instance_uid);
  const segSeries = info?.series.find((s) => s.instances.some((i) => i.sopInstanceUid === row.seg_sop_instance_uid));
  if (!source || !segSeries) throw new MoleculerClientError('원본 시리즈나 SEG가 PACS에 없습니다 (source series or SEG not in the PACS)', 409, 'SOURCE_MISSING');
  return { study, source, segSeries };
}

/** Every instance of a series, parsed, in the series' order (a volume pipeline's input). */
export async function seriesInstances(ctx: CdssContext, study: string, series: SeriesInfo): Promise<ParsedDicom[]> {
  const slices: ParsedDicom[] = [];
  for (const i of series.instances) slices.push(await instanceOf(ctx, study, series.seriesInstanceUid, i.sopInstanceUid));
  return slices;
}

/** Keeps at most `max` entries, dropping the oldest. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
  return value;
}
