/**
 * A small error taxonomy. A UserError is something the person at the terminal can fix: it carries what
 * happened, why, and what to do next, and maps to an exit code. Anything else is a bug.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, drift: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UserError extends Error {
  readonly why?: string;
  readonly fix?: string;
  readonly exitCode: ExitCode;
  readonly details?: string[];
  constructor(message: string, opts: { why?: string; fix?: string; exitCode?: ExitCode; details?: string[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.why = opts.why;
    this.fix = opts.fix;
    this.exitCode = opts.exitCode ?? EXIT.failed;
    this.details = opts.details;
  }
}

/** Invalid input or usage: exit 2, nothing was sent. */
export class InputError extends UserError {
  constructor(message: string, opts: { why?: string; fix?: string; details?: string[] } = {}) {
    super(message, { ...opts, exitCode: EXIT.usage });
    this.name = 'InputError';
  }
}
