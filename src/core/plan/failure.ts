/**
 * A failure in words for the person at the terminal: what happened, the likely cause, what to do. Kept
 * apart from apply so the top-level error handler loads nothing heavy.
 */
import { UserError } from '../errors.js';
import { ExotelApiError, ExotelNetworkError, InterruptedError, OutcomeUnknownError, RetryAfterTooLongError } from '../exotel/errors.js';
import { explainExotelError } from '../exotel/error-table.js';

export function describeFailure(e: unknown): { message: string; cause?: string; fix?: string } {
  if (e instanceof ExotelApiError) {
    return { message: `${e.message}${e.description && !e.message.includes(e.description) ? `: ${e.description}` : ''} (HTTP ${e.httpStatus}${e.errorCode ? `, code ${e.errorCode}` : ''}${e.requestId ? `, request ${e.requestId}` : ''})`, cause: e.likelyCause, fix: e.fix };
  }
  if (e instanceof OutcomeUnknownError) return { message: e.message, cause: 'The connection dropped after the request was sent.', fix: 'Run the same command again: exotrunk reads the trunk first and never creates a duplicate.' };
  if (e instanceof RetryAfterTooLongError) {
    return { message: e.message, cause: 'Exotel is limiting this account (or is down for maintenance); nothing was changed by this request.', fix: `Run the same command again after ${e.retryAt}: it resumes from the journal.` };
  }
  if (e instanceof InterruptedError) return { message: e.message, fix: 'Run the same command again to finish: it reads Exotel first, so nothing is created twice.' };
  if (e instanceof UserError) return { message: e.message, cause: e.why, fix: e.fix };
  if (e instanceof ExotelNetworkError) return { message: e.message, ...explainExotelError(e) };
  return { message: e instanceof Error ? e.message : String(e), fix: 'Run the same command again to resume; the state journal keeps what was done.' };
}
