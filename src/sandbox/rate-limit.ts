/**
 * Sliding-window rate limit per account, like Exotel's 200 requests per minute on the trunk APIs.
 * Only admitted requests take a slot, so a client that backs off on 429 is not punished further.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** admits the request (returns 0) or returns whole seconds until a slot frees (>= 1) */
  take(key: string, now = Date.now()): number {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      const freesAt = list[0] + this.windowMs;
      return Math.max(1, Math.ceil((freesAt - now) / 1000));
    }
    list.push(now);
    this.hits.set(key, list);
    return 0;
  }

  reset(): void {
    this.hits.clear();
  }
}
