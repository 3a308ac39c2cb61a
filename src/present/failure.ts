/**
 * An error as both front ends say it: what happened, the likely cause, what to do, and the exit code. The wizard's
 * error screen and the headless commands' last lines come from this one mapping (core's failureOf), so the same
 * failure reads the same in both.
 */
import { failureOf } from '../core/engine/light.js';

export interface ShownError {
  what: string;
  cause?: string;
  fix?: string;
  details?: string[];
}

export function shownError(e: unknown): ShownError & { exitCode: number; stack?: string } {
  const f = failureOf(e);
  return { what: f.message, cause: f.cause, fix: f.fix, ...(f.details?.length ? { details: f.details } : {}), exitCode: f.exitCode, ...(f.bug && f.stack ? { stack: f.stack } : {}) };
}

/** The lines a headless command ends with: ✗ what, the details, Why, Next (wrapped by the caller). */
export function failureLines(s: ShownError, opts: { stack?: string } = {}): { text: string; indent: number }[] {
  return [
    { text: `✗ ${s.what}`, indent: 2 },
    ...(s.details ?? []).map((d) => ({ text: `  • ${d}`, indent: 4 })),
    ...(opts.stack ? [{ text: `  • ${opts.stack}`, indent: 4 }] : []),
    ...(s.cause ? [{ text: `  Why: ${s.cause}`, indent: 4 }] : []),
    ...(s.fix ? [{ text: `  Next: ${s.fix}`, indent: 4 }] : []),
  ];
}
