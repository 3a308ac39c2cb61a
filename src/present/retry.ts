/**
 * The retry notice, worded once for both front ends. `attempt` is the attempt about to be made after the
 * wait, counting the first try as 1, so the first retry reads "attempt 2 of 5" (never more than maxAttempts).
 */
export function retryText(e: { reason: string; delayMs: number; attempt: number; maxAttempts?: number }): string {
  const s = e.delayMs >= 10_000 ? `${Math.round(e.delayMs / 1000)} s` : `${(e.delayMs / 1000).toFixed(1)} s`;
  return `${e.reason}, retrying in ${s} (attempt ${e.attempt}${e.maxAttempts ? ` of ${e.maxAttempts}` : ''})`;
}
