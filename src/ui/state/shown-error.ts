/**
 * Any thrown value -> what the error screen shows: what happened, the likely cause (the Exotel error table),
 * and what to do. Secrets never reach here: errors are built from masked requests.
 */
import { UserError } from '../../core/errors.js';
import { explainExotelError } from '../../core/exotel/error-table.js';
import { ExotelApiError, ExotelNetworkError, OutcomeUnknownError } from '../../core/exotel/errors.js';
import { describeFailure } from '../../core/plan/failure.js';
import type { ShownError } from './wizard-reducer.js';

export function toShownError(e: unknown): ShownError {
  const f = describeFailure(e);
  const shown: ShownError = { what: f.message, cause: f.cause, fix: f.fix };
  if (!shown.cause && (e instanceof ExotelApiError || e instanceof ExotelNetworkError || e instanceof OutcomeUnknownError)) {
    const x = explainExotelError(e);
    shown.cause = x.cause;
    shown.fix ??= x.fix;
  }
  if (e instanceof UserError && e.details?.length) shown.details = e.details;
  return shown;
}
