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

/** How a failure's cause and fix are introduced, on the wizard's error screen and under a failed command alike. */
export const CAUSE = 'Likely cause:';
export const FIX = 'What to do:';

/** A failure as lines: ✗ what, the details, the likely cause, what to do (each wrapped by the caller at `indent`). */
export function failureLines(s: ShownError): { text: string; indent: number }[] {
  return [
    { text: `✗ ${s.what}`, indent: 2 },
    ...(s.details ?? []).map((d) => ({ text: `  • ${d}`, indent: 4 })),
    ...(s.cause ? [{ text: `  ${CAUSE} ${s.cause}`, indent: 4 }] : []),
    ...(s.fix ? [{ text: `  ${FIX} ${s.fix}`, indent: 4 }] : []),
  ];
}
