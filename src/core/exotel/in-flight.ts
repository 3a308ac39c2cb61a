/** Requests sent and not yet answered, in this process: what a second Ctrl-C leaves unknown. No imports: cheap to load. */
export const open = new Set<{ method: string; path: string }>();

export function requestsInFlight(): { method: string; path: string }[] {
  return [...open];
}
