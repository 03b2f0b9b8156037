/**
 * A token bucket: `burst` tokens at most, refilled continuously at `perSecond`. Each accepted
 * message takes one; a socket that runs dry is sending faster than anyone types.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt = Date.now();

  constructor(private readonly burst: number, private readonly perSecond: number) {
    this.tokens = burst;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
