/**
 * Which stored versions of a document this node has seen. Every append to a document takes the
 * next version; each node hears of its own appends from the store and of the others' from
 * broadcast events. Events can be lost (a node that stores and dies before publishing, a broker
 * hiccup): a version that stays missing while later ones arrive means this node's copy lacks an
 * update, and `onGap` asks the owner to catch up from storage.
 */
export class VersionGaps {
  /** Every version up to this one has been seen. */
  private contiguous: number;
  private readonly ahead = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(loadedVersion: number, private readonly graceMs: number, private readonly onGap: () => void) {
    this.contiguous = loadedVersion;
  }

  /** A version this node stored or was told about. */
  saw(version: number): void {
    if (version <= this.contiguous) return;
    this.ahead.add(version);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
    if (this.ahead.size === 0) this.cancel();
    else if (!this.timer) {
      // Events from two nodes may arrive out of order: only a gap that outlives the grace counts.
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.ahead.size) this.onGap();
      }, this.graceMs);
      this.timer.unref();
    }
  }

  /** The node caught up with storage at `version`: everything up to it is seen. */
  caughtUp(version: number): void {
    for (const v of this.ahead) if (v <= version) this.ahead.delete(v);
    this.contiguous = Math.max(this.contiguous, version);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
    if (this.ahead.size === 0) this.cancel();
  }

  get missing(): boolean {
    return this.ahead.size > 0;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
