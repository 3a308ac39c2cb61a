/**
 * Errors are caught once, here, and mapped to exit codes: a UserError says what happened, why and what to
 * do; an Exotel API error adds the likely cause from the error table; anything else is a bug. The words come
 * from the presentation module, which the wizard's error screen uses too.
 */
import { failureLines, shownError } from '../present/failure.js';
import { outputWidth, wrap } from './format.js';

export async function run(fn: () => Promise<number>, opts: Record<string, unknown>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    return report(e, opts.json === true, opts.verbose === true);
  }
}

export function report(e: unknown, json: boolean, verbose: boolean): number {
  const { exitCode, stack, ...shown } = shownError(e);
  const details = verbose && stack ? [...(shown.details ?? []), stack] : shown.details;
  // the stack is for --verbose: a bug report wants it, the screen does not
  if (json) {
    const error = { message: shown.what, why: shown.cause, fix: shown.fix, details };
    process.stdout.write(JSON.stringify({ ok: false, exitCode, error }, null, 2) + '\n');
  } else {
    // wrapped at word boundaries on a terminal (a command or a path in the fix stays whole)
    const w = outputWidth(process.stderr);
    process.stderr.write(failureLines({ ...shown, details }).map((l) => wrap(l.text, w, l.indent)).join('\n') + '\n');
  }
  return exitCode;
}
