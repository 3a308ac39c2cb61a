/**
 * Error types of the Exotel client. The cause/fix table lives in error-table.ts.
 */
export interface ExotelErrorFields {
  httpStatus: number;
  responseCode?: number;
  errorCode?: number;
  message: string;
  description?: string;
  requestId?: string;
  method: string;
  /** path without query secrets; never a URL with credentials */
  path: string;
}

export class ExotelApiError extends Error {
  readonly httpStatus: number;
  readonly responseCode?: number;
  readonly errorCode?: number;
  readonly description?: string;
  readonly requestId?: string;
  readonly method: string;
  readonly path: string;
  /** plain-language likely cause and fix, from the error-code table */
  readonly likelyCause: string;
  readonly fix: string;
  constructor(f: ExotelErrorFields & { cause: string; fix: string }) {
    super(f.message);
    this.name = 'ExotelApiError';
    this.httpStatus = f.httpStatus;
    this.responseCode = f.responseCode;
    this.errorCode = f.errorCode;
    this.description = f.description;
    this.requestId = f.requestId;
    this.method = f.method;
    this.path = f.path;
    this.likelyCause = f.cause;
    this.fix = f.fix;
  }
}

/** A POST whose response was lost (connection dropped, timeout): it may or may not have been applied. */
export class OutcomeUnknownError extends Error {
  readonly method: string;
  readonly path: string;
  constructor(method: string, path: string, reason: string) {
    super(`${method} ${path}: outcome unknown (${reason}); look the resource up before retrying`);
    this.name = 'OutcomeUnknownError';
    this.method = method;
    this.path = path;
  }
}

/** Network failure or retries exhausted on an idempotent call. */
export class ExotelNetworkError extends Error {
  readonly method: string;
  readonly path: string;
  constructor(method: string, path: string, reason: string) {
    super(`${method} ${path}: ${reason}`);
    this.name = 'ExotelNetworkError';
    this.method = method;
    this.path = path;
  }
}

/** Ctrl-C: the command is stopping, so this request was not sent (nothing about it is unknown). */
export class InterruptedError extends Error {
  readonly notSent = true;
  constructor(what = 'the request') {
    super(`Interrupted (Ctrl-C): ${what} was not sent.`);
    this.name = 'InterruptedError';
  }
}

/** Exotel asked for a wait (Retry-After) longer than one command waits: say so at once, with the time. */
export class RetryAfterTooLongError extends Error {
  readonly method: string;
  readonly path: string;
  readonly retryAfterMs: number;
  readonly budgetMs: number;
  constructor(method: string, path: string, status: number, retryAfterMs: number, budgetMs: number) {
    const s = Math.ceil(retryAfterMs / 1000);
    super(`${method} ${path}: Exotel answered HTTP ${status} and asked to wait ${s} s before trying again (Retry-After), longer than one command waits (${Math.round(budgetMs / 1000)} s in all)`);
    this.name = 'RetryAfterTooLongError';
    this.method = method;
    this.path = path;
    this.retryAfterMs = retryAfterMs;
    this.budgetMs = budgetMs;
  }

  /** when to run the command again, e.g. "08:33:20 UTC (in about 3 min)": a clock time says its zone */
  get retryAt(): string {
    const at = new Date(Date.now() + this.retryAfterMs).toISOString().slice(11, 19);
    const s = Math.ceil(this.retryAfterMs / 1000);
    const rel = s < 120 ? `${s} s` : s < 7200 ? `about ${Math.round(s / 60)} min` : `about ${Math.round(s / 3600)} h`;
    return `${at} UTC (in ${rel})`;
  }
}
