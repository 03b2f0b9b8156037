/**
 * Runs async work one at a time per key (e.g. per Study Instance UID) within this process: each
 * call waits for the previous work on the same key, whether that succeeded or failed. Keys with
 * nothing pending are forgotten, so the map holds only studies being worked on.
 */
export class SerialByKey {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work pending or running. */
  get size(): number {
    return this.tails.size;
  }
}
