/**
 * The retry notice, worded once for both front ends. `attempt` is the attempt about to be made after the
 * wait, counting the first try as 1, so the first retry reads "attempt 2 of 5" (never more than maxAttempts).
 */
export function retryText(e: { reason: string; delayMs: number; attempt: number; maxAttempts?: number }): string {
  const s = e.delayMs >= 10_000 ? `${Math.round(e.delayMs / 1000)} s` : `${(e.delayMs / 1000).toFixed(1)} s`;
  return `${e.reason}, retrying in ${s} (attempt ${e.attempt}${e.maxAttempts ? ` of ${e.maxAttempts}` : ''})`;
}

/** A retry outside any plan step (a list, verify, a teardown's read), on a line of its own. */
export function retryLine(e: { method: string; path: string; reason: string; delayMs: number; attempt: number; maxAttempts?: number }): string {
  return `↻ ${e.method} ${e.path.replace(/^.*\/v2\/accounts\/[^/]+/, '…')}: ${retryText(e)}`;
}

/** Said once per command: a pause for the account's rate limit that would otherwise look like a hang. */
export function rateWaitLine(ms: number, perMinute: number): string {
  return `… waiting about ${Math.ceil(ms / 1000)} s: recent requests (this command's or the last one's) used the account's rate limit of ${perMinute}/min.`;
}
