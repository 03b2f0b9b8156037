import { isPipelineId, PIPELINES } from '../../lib/ai/pipeline/registry.js';
import { ANALYSIS_STATUSES, type AIAnalysisResultAttributes } from '../../models/ai-analysis-result.js';
import type { AnalysisAnswer } from './analysis-types.js';
import { hasOverlay } from './analysis-overlay.js';
import { hasThreeDView } from './analysis-visualization.js';

/**
 * A row as answered: the stored columns (results parsed where a driver handed back JSON text), the
 * labels a screen shows, and whether it has a 3-D view and a 2-D overlay preview (so no screen keeps
 * its own list of pipelines).
 */
export function presentAnalysis(row: AIAnalysisResultAttributes | Record<string, unknown>): AnalysisAnswer {
  const analysis = row as AIAnalysisResultAttributes;
  const results = typeof analysis.results === 'string' ? JSON.parse(analysis.results) as Record<string, unknown> : analysis.results;
  return {
    ...analysis,
    results,
    status_label: ANALYSIS_STATUSES[analysis.status] ?? analysis.status,
    pipeline_name: isPipelineId(analysis.pipeline_id) ? PIPELINES[analysis.pipeline_id].name : null,
    has3d: hasThreeDView(analysis),
    hasOverlay: hasOverlay(analysis),
  };
}
