/**
 * A Map that keeps only its newest `capacity` entries (insertion order, refreshed on set) and,
 * with a `ttlMs`, forgets entries older than that: the follower's memory of what this node
 * stored, and the short-lived caches of the DICOMweb hot path.
 */
export class RecentMap<K, V> {
  private readonly map = new Map<K, { value: V; at: number }>();

  constructor(private readonly capacity: number, private readonly ttlMs = Infinity) {}

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, at: Date.now() });
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.at > this.ttlMs) {
      this.map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  delete(key: K): void {
    this.map.delete(key);
  }
}
