/**
 * Errors are caught once, here, and mapped to exit codes: a UserError says what happened, why and what to
 * do; an Exotel API error adds the likely cause from the error table; anything else is a bug.
 */
import { EXIT, UserError } from '../core/errors.js';
import { ExotelApiError, ExotelNetworkError, InterruptedError, OutcomeUnknownError, RetryAfterTooLongError } from '../core/exotel/errors.js';
import { fsUserError } from '../core/journal/fs-errors.js';
import { describeFailure } from '../core/plan/failure.js';
import { outputWidth, wrap } from './format.js';

export async function run(fn: () => Promise<number>, opts: Record<string, unknown>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    return report(e, opts.json === true, opts.verbose === true);
  }
}

export function report(e: unknown, json: boolean, verbose: boolean): number {
  let code: number = EXIT.failed;
  let out: { message: string; why?: string; fix?: string; details?: string[] };
  // a file the command could not write (the configs, the journal, a profile): the disk's problem, not a bug
  const path = (e as { path?: unknown })?.path;
  if (!(e instanceof UserError) && typeof path === 'string') e = fsUserError(e, path, 'a file');
  if (e instanceof InterruptedError) {
    code = 130;
    out = { message: 'Interrupted (Ctrl-C): stopped before sending anything more.', fix: 'Run the same command again to finish: it reads Exotel and the journal first, so nothing is created twice.' };
  } else if (e instanceof UserError) {
    code = e.exitCode;
    out = { message: e.message, why: e.why, fix: e.fix, details: e.details };
  } else if (e instanceof ExotelApiError || e instanceof OutcomeUnknownError || e instanceof ExotelNetworkError || e instanceof RetryAfterTooLongError) {
    const f = describeFailure(e);
    out = { message: f.message, why: f.cause, fix: f.fix ?? 'Run the same command again; exotrunk resumes from its state journal.' };
  } else {
    out = { message: `exotrunk hit a bug: ${e instanceof Error ? e.message : String(e)}`, fix: 'Please report it with the command you ran (run with --verbose for details).' };
    if (verbose && e instanceof Error && e.stack) out.details = [e.stack];
  }
  if (json) {
    process.stdout.write(JSON.stringify({ ok: false, exitCode: code, error: out }, null, 2) + '\n');
  } else {
    // wrapped at word boundaries on a terminal (a command or a path in the fix stays whole)
    const w = outputWidth(process.stderr);
    const lines = [wrap(`✗ ${out.message}`, w, 2)];
    for (const d of out.details ?? []) lines.push(wrap(`  • ${d}`, w, 4));
    if (out.why) lines.push(wrap(`  Why: ${out.why}`, w, 4));
    if (out.fix) lines.push(wrap(`  Next: ${out.fix}`, w, 4));
    process.stderr.write(lines.join('\n') + '\n');
  }
  return code;
}
