/**
 * A failure in words for the person at the terminal: what happened, the likely cause, what to do. Kept
 * apart from apply so the top-level error handler loads nothing heavy.
 */
import { EXIT, UserError } from '../errors.js';
import { fsUserError } from '../journal/fs-errors.js';
import { ExotelApiError, ExotelNetworkError, InterruptedError, OutcomeUnknownError, RetryAfterTooLongError } from '../exotel/errors.js';
import { explainExotelError } from '../exotel/error-table.js';

export function describeFailure(e: unknown): { message: string; cause?: string; fix?: string } {
  if (e instanceof ExotelApiError) {
    return { message: `${e.message}${e.description && !e.message.includes(e.description) ? `: ${e.description}` : ''} (HTTP ${e.httpStatus}${e.errorCode ? `, code ${e.errorCode}` : ''}${e.requestId ? `, request ${e.requestId}` : ''})`, cause: e.likelyCause, fix: e.fix };
  }
  if (e instanceof OutcomeUnknownError) return { message: e.message, cause: 'The connection dropped after the request was sent.', fix: 'Run the same command again: exotrunk reads the trunk first and never creates a duplicate.' };
  if (e instanceof RetryAfterTooLongError) {
    return { message: e.message, cause: 'Exotel is limiting this account (or is down for maintenance); nothing was changed by this request.', fix: `Run the same command again after ${e.retryAt}${e.method === 'GET' ? '' : ': it resumes from the journal'}.` };
  }
  if (e instanceof InterruptedError) return { message: e.message, fix: 'Run the same command again to finish: it reads Exotel first, so nothing is created twice.' };
  if (e instanceof UserError) return { message: e.message, cause: e.why, fix: e.fix };
  if (e instanceof ExotelNetworkError) return { message: e.message, ...explainExotelError(e) };
  return { message: e instanceof Error ? e.message : String(e), fix: 'Run the same command again to resume; the state journal keeps what was done.' };
}

/** How a command or the wizard ends on an error: the words, the exit code, and whether it is a bug to report. */
export interface Failure {
  message: string;
  cause?: string;
  fix?: string;
  details?: string[];
  exitCode: number;
  /** not the user's to fix: the message says "exotrunk hit a bug" and the stack goes to --verbose */
  bug: boolean;
  stack?: string;
}

/** Any thrown value → what to say and which exit code: the one mapping both front ends use. */
export function failureOf(e: unknown): Failure {
  // a file the command could not write (the configs, the journal, a profile): the disk's problem, not a bug
  const path = (e as { path?: unknown })?.path;
  if (!(e instanceof UserError) && typeof path === 'string') e = fsUserError(e, path, 'a file');
  if (e instanceof InterruptedError) {
    return { message: 'Interrupted (Ctrl-C): stopped before sending anything more.', fix: 'Run the same command again to finish: it reads Exotel and the journal first, so nothing is created twice.', exitCode: 130, bug: false };
  }
  if (e instanceof UserError) return { message: e.message, cause: e.why, fix: e.fix, details: e.details, exitCode: e.exitCode, bug: false };
  if (e instanceof ExotelApiError || e instanceof OutcomeUnknownError || e instanceof ExotelNetworkError || e instanceof RetryAfterTooLongError) {
    const f = describeFailure(e);
    const explained: { cause?: string; fix?: string } = f.cause || e instanceof RetryAfterTooLongError ? {} : explainExotelError(e);
    return { message: f.message, cause: f.cause ?? explained.cause, fix: f.fix ?? explained.fix ?? 'Run the same command again; exotrunk resumes from its state journal.', exitCode: EXIT.failed, bug: false };
  }
  return { message: `exotrunk hit a bug: ${e instanceof Error ? e.message : String(e)}`, fix: 'Please report it with the command you ran (run with --verbose for details).', exitCode: EXIT.failed, bug: true, stack: e instanceof Error ? e.stack : undefined };
}
