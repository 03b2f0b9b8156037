/** Inference priorities: the OCS order priorities, so a STAT study's analysis overtakes routine work; FIFO within one. */
import { PRIORITY_ORDER, type OrderPriority } from '../rules/order-status.js';

export const INFERENCE_PRIORITIES = PRIORITY_ORDER;
export type InferencePriority = OrderPriority;

/** One FIFO lane per priority; `take` serves the most urgent non-empty lane. */
export class PriorityLanes<T> {
  private readonly lanes: T[][] = INFERENCE_PRIORITIES.map(() => []);

  get size(): number {
    return this.lanes.reduce((n, lane) => n + lane.length, 0);
  }

  /** Queued items per priority, for metrics. */
  sizes(): Record<InferencePriority, number> {
    return Object.fromEntries(INFERENCE_PRIORITIES.map((p, i) => [p, this.lanes[i].length])) as Record<InferencePriority, number>;
  }

  /** `front` puts the item ahead of its lane (a retried job keeps its place in line). */
  put(item: T, priority: InferencePriority, front = false): void {
    const lane = this.lanes[INFERENCE_PRIORITIES.indexOf(priority)];
    if (front) lane.unshift(item);
    else lane.push(item);
  }

  take(): T | undefined {
    for (const lane of this.lanes) if (lane.length) return lane.shift();
    return undefined;
  }

  remove(item: T): boolean {
    for (const lane of this.lanes) {
      const i = lane.indexOf(item);
      if (i >= 0) {
        lane.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  drain(): T[] {
    return this.lanes.flatMap((lane) => lane.splice(0));
  }
}
