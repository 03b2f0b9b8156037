import { chooseCards, isPipelineId, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import type { PatientContext, Pipeline, PipelineResult, SeriesInput } from '../../lib/ai/pipeline/types.js';
import { dicomDateToIso, parsePart10, textValue, type InstanceSummary, type ParsedDicom } from '../../lib/dicom/part10.js';
import { buildVolume, imageTensor, type ImageSource } from '../../lib/dicom/volume.js';
import { bilingual } from '../../lib/rules/guidelines/common.js';
import type { AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { StudyInfo } from '../pacs/archive.js';
import type { CdssContext } from '../context.js';
import { derivedObjects, type DerivedObjects } from './analysis-dicom.js';
import { brokerInfer, loadedCards } from './analysis-infer.js';
import type { AnalysisRequest, AnalysisThis } from './analysis-types.js';

/**
 * One analysis, run (issue #6): the series read from the PACS, the pipeline with the cards chosen
 * for it and the inference actor as its `infer`, the result written back as DICOM SEG and SR
 * (`pacs.store`, source AI) and onto the row (DONE). Runs under the AI identity
 * (analysis-identity.ts); what follows a DONE row (image status, RIS flag, notifications) is
 * analysis-outcome.ts.
 */

/** model_version is a short column; the full list is in results.models. */
const MODEL_VERSION_MAX = 64;

/** An analysis that cannot run as asked; its message is stored on the FAILED row. */
export class AnalysisError extends Error {}

const ageFrom = (birth: string | null, on: string | null): number | null => {
  if (!birth || !on) return null;
  const [b, d] = [new Date(birth), new Date(on)];
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age >= 0 && age < 150 ? age : null;
};

/** The patient as the pipeline may know them: what the request said first, then the DICOM header (PS3.3 C.7.1.1, C.7.2.2). */
export function patientContext(first: ParsedDicom, request: AnalysisRequest): PatientContext {
  const ds = first.dataset;
  const ageText = /^(\d{3})Y$/.exec(textValue(ds.PatientAge));
  const dicomAge = ageText ? Number(ageText[1]) : ageFrom(dicomDateToIso(textValue(ds.PatientBirthDate)), dicomDateToIso(textValue(ds.StudyDate)));
  const dicomSex = textValue(ds.PatientSex).toUpperCase();
  const given = request.patient ?? {};
  return {
    ageYears: given.ageYears ?? dicomAge,
    sex: given.sex ?? (dicomSex === 'M' || dicomSex === 'F' ? dicomSex : null),
    ...(given.lungContext ? { lungContext: given.lungContext } : {}),
    ...(given.lungRisk ? { lungRisk: given.lungRisk } : {}),
    ...(given.priorBirads ? { priorBirads: given.priorBirads } : {}),
  };
}

/** The row's series from the PACS, parsed; a 2-D pipeline reads one image (the one asked for, else the first). */
async function readSeries(ctx: CdssContext, row: AIAnalysisResultAttributes, pipeline: Pipeline, request: AnalysisRequest): Promise<SeriesInput> {
  const studyInstanceUid = row.study_instance_uid!;
  const info = await ctx.call<StudyInfo | null, object>('pacs.studyInfo', { studyInstanceUid });
  const series = info?.series.find((s) => s.seriesInstanceUid === row.series_instance_uid);
  if (!series) throw new AnalysisError(`시리즈가 PACS에 없습니다 (series ${row.series_instance_uid} not in the PACS)`);
  let instances = [...series.instances].sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0));
  if (request.sopInstanceUid) instances = instances.filter((i) => i.sopInstanceUid === request.sopInstanceUid);
  if (pipeline.dimensions === '2d') instances = instances.slice(0, 1);
  if (instances.length === 0) throw new AnalysisError(`요청한 영상이 시리즈에 없습니다 (instance ${request.sopInstanceUid} not in the series)`);
  const parsed: ParsedDicom[] = [];
  for (const instance of instances) {
    const bytes = await ctx.call<Buffer, object>('pacs.instanceBytes', { studyInstanceUid, seriesInstanceUid: series.seriesInstanceUid, sopInstanceUid: instance.sopInstanceUid });
    parsed.push(parsePart10(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }
  return { studyInstanceUid, seriesInstanceUid: series.seriesInstanceUid, modality: series.modality, instances: parsed };
}

/** The result as the row's JSON: plain data only (no typed arrays), with where its DICOM went. */
function resultsJson(result: PipelineResult, request: AnalysisRequest, series: SeriesInput, objects: DerivedObjects): Record<string, unknown> {
  const { segmentation: _labels, volume: _volume, ...rest } = result;
  const uids = (o: { seriesInstanceUid: string; sopInstanceUid: string } | null) => (o ? { seriesInstanceUid: o.seriesInstanceUid, sopInstanceUid: o.sopInstanceUid } : null);
  return JSON.parse(JSON.stringify({
    ...rest, request,
    series: { seriesInstanceUid: series.seriesInstanceUid, modality: series.modality, instances: series.instances.length },
    dicom: { seg: uids(objects.seg), sr: uids(objects.sr) },
    notForClinicalUse: result.models.some((m) => !m.clinicalUse),
  })) as Record<string, unknown>;
}

function modelVersion(result: PipelineResult): string {
  const text = result.models.map((m) => `${m.id}@${m.version}`).join(',');
  return text.length <= MODEL_VERSION_MAX ? text : `${text.slice(0, MODEL_VERSION_MAX - 1)}…`;
}

/** Runs a RUNNING row's pipeline and stores everything it produced; answers the row as DONE and the result. */
export async function runAnalysis(self: AnalysisThis, ctx: CdssContext, row: AIAnalysisResultAttributes): Promise<{ row: AIAnalysisResultAttributes; result: PipelineResult }> {
  if (!isPipelineId(row.pipeline_id)) throw new AnalysisError(`알 수 없는 파이프라인입니다 (unknown pipeline '${row.pipeline_id}')`);
  const pipeline = PIPELINES[row.pipeline_id];
  const request = ((row.results as { request?: AnalysisRequest } | null)?.request) ?? { bodyPart: null };
  const series = await readSeries(ctx, row, pipeline, request);
  const cards = chooseCards(pipeline, await loadedCards(ctx), series.modality, request.bodyPart);
  if (!cards) throw new AnalysisError(`${pipeline.name}: ${series.modality} 영상용 모델이 없습니다 (no model loaded for ${series.modality})`);
  const infer = brokerInfer(self.broker, { priority: row.priority, cancelled: () => self.stopping });
  const result = await pipeline.run(series, { cards, infer, patient: patientContext(series.instances[0]!, request), priority: row.priority });

  const fallback = (): ImageSource => (pipeline.dimensions === '3d' ? buildVolume(series.instances) : imageTensor(series.instances[0]!, { grey: true }));
  const objects = derivedObjects(pipeline.id, result, fallback);
  for (const object of [objects.seg, objects.sr]) {
    if (object) await ctx.call<InstanceSummary, object>('pacs.store', { data: Buffer.from(object.bytes.buffer, object.bytes.byteOffset, object.bytes.byteLength), source: 'AI' });
  }
  const { models } = self.db();
  const changes = {
    status: 'DONE' as const, finished_at: new Date(), analysis_date: new Date(), error: null,
    results: resultsJson(result, request, series, objects), confidence: result.confidence, suspicion: result.suspicion,
    findings: bilingual(result.summary), recommendations: result.recommendations.map(bilingual).join('\n') || null,
    model_version: modelVersion(result), analysis_type: result.analysisType,
    seg_sop_instance_uid: objects.seg?.sopInstanceUid ?? null, sr_sop_instance_uid: objects.sr.sopInstanceUid,
  };
  await models.AIAnalysisResult.update(changes, { where: { id: row.id } });
  await self.auditAccess(ctx, {
    actionType: 'update', resourceId: String(row.id), patientId: row.patient_fk_id, outcome: 'success',
    description: `AI ${pipeline.id} DONE: ${result.findings.length} finding(s), suspicion ${result.suspicion}`,
  });
  return { row: { ...row, ...changes }, result };
}
