import type * as Y from 'yjs';
import { writeReportDocument } from '../../lib/realtime/report-document.js';
import type { Page } from '../../mixins/db.mixin.js';
import type { CdssContext } from '../context.js';
import type { AnalysisAnswer } from '../ai/analysis-types.js';
import type { ReportCollabAccess } from '../ris/report-collab.js';
import type { CollabDocumentType } from './collab-documents.js';

/**
 * The `report` collaboration document (`report:<id>`, issue #7 §3): a radiology report edited live
 * by radiologists and watched by the ordering doctor. Who may do what is the report actor's
 * decision (`radiology-reports.collabAccess`, scoped and audited there): radiologists edit — a
 * signed report's document is locked by collab until an amendment reopens it — and doctors read.
 * The document's shape is lib/realtime/report-document.ts.
 */

/** How many of the study's analyses are looked through for the newest finished one. */
const AI_ANALYSES_SEEN = 20;

async function collabAccess(ctx: CdssContext, reportId: number): Promise<ReportCollabAccess> {
  return await ctx.call<ReportCollabAccess, { id: number }>('radiology-reports.collabAccess', { id: reportId });
}

/**
 * The summary of the study's newest finished AI analysis (pipeline name, findings, advice), or
 * null when there is none. Read with the caller's context, so scope and audit are the analysis
 * actor's (everyone who may open a report may read its study's images: same roles, same scope).
 */
export async function latestAiFindings(ctx: CdssContext, imageId: number): Promise<string | null> {
  const analyses = await ctx.call<Page<AnalysisAnswer>, object>('ai-analysis.list', { id: imageId, page: 1, pageSize: AI_ANALYSES_SEEN });
  const done = analyses.items.find((a) => a.status === 'DONE');
  if (!done) return null;
  const title = done.pipeline_name ?? done.analysis_type;
  return [`[AI] ${title}`, done.findings, done.recommendations ? `권고 (advice): ${done.recommendations}` : null]
    .filter((line): line is string => Boolean(line?.trim()))
    .join('\n');
}

export const reportDocumentType: CollabDocumentType = {
  prefix: 'report',

  async authorize(ctx: CdssContext, reportId: number): Promise<'edit' | 'read'> {
    return (await collabAccess(ctx, reportId)).mode;
  },

  /**
   * A new document starts as the report stands (its sections) plus the study's AI summary; a report
   * already signed FINAL (signed before the document existed) starts locked, as `finalize` leaves it.
   */
  async initialize(ctx: CdssContext, reportId: number, doc: Y.Doc): Promise<{ locked: boolean }> {
    const access = await collabAccess(ctx, reportId);
    const aiFindings = await latestAiFindings(ctx, access.imageId);
    writeReportDocument(doc, { ...access.content, aiFindings: aiFindings ?? '' });
    return { locked: access.status === 'FINAL' };
  },
};

export default reportDocumentType;
