/**
 * Any thrown value -> what the error screen shows: what happened, the likely cause (the Exotel error table),
 * and what to do: the presentation module's mapping, the one the headless commands print too. Secrets never
 * reach here: errors are built from masked requests.
 */
import { shownError, type ShownError } from '../../present/failure.js';

export function toShownError(e: unknown): ShownError {
  const { exitCode: _code, stack: _stack, ...shown } = shownError(e);
  return shown;
}
