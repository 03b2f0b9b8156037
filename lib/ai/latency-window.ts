/**
 * Recent inference latencies per model (the last 256 of each) for the pool's stats, and a
 * running mean of pure run time for estimating when a full queue will have room again.
 */
const KEPT = 256;

export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export class LatencyWindow {
  private readonly byModel = new Map<string, number[]>();
  private meanRun: number | null = null;

  record(modelId: string, totalMs: number, runMs: number): void {
    const values = this.byModel.get(modelId) ?? [];
    values.push(totalMs);
    if (values.length > KEPT) values.shift();
    this.byModel.set(modelId, values);
    // Exponential moving average: follows a change of load within a few dozen jobs.
    this.meanRun = this.meanRun === null ? runMs : this.meanRun * 0.9 + runMs * 0.1;
  }

  /** Mean run time of recent jobs (any model), ms; `fallback` before the first job. */
  meanRunMs(fallback: number): number {
    return this.meanRun ?? fallback;
  }

  summary(): Record<string, LatencySummary> {
    const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
    return Object.fromEntries([...this.byModel].map(([id, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return [id, { samples: sorted.length, p50: at(sorted, 50), p95: at(sorted, 95), max: sorted[sorted.length - 1] }];
    }));
  }
}
