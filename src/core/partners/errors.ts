/**
 * Partner errors get the same treatment as Exotel's: what happened, why, and the fix, with the partner's own
 * error text kept (redacted: no API key, LiveKit secret or SIP password ever reaches a message).
 */
import { InputError, UserError } from '../errors.js';
import { redact, type Secret } from '../secret.js';
import { PARTNER_ENV } from './credentials.js';
import { PARTNER_TITLES, type PartnerId, type PartnerInputs, type PartnerStep } from './types.js';
import { cliName } from '../cli-name.js';

/** How a call to a partner failed, normalised from each SDK's own error classes. */
export interface CallFailure {
  kind: 'status' | 'network' | 'timeout';
  status?: number;
  /** the partner's error code when it has one (Twirp "invalid_argument", ElevenLabs "invalid_api_key") */
  code?: string;
  retryAfterMs?: number;
  /** the partner's own words, redacted */
  partnerText: string;
}

/** the partner surely did not apply the request: safe to send again */
export const notApplied = (f: CallFailure): boolean => f.kind === 'status' && f.status === 429;
/** the partner may or may not have applied it: look before sending a create again */
export const outcomeUnknown = (f: CallFailure): boolean => f.kind !== 'status' || (f.status !== undefined && f.status >= 500);
export const retryable = (f: CallFailure): boolean => notApplied(f) || outcomeUnknown(f);

export class PartnerError extends UserError {
  readonly partner: PartnerId;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly partnerText: string;
  constructor(partner: PartnerId, operation: string, failure: CallFailure, what: string, why: string, fix: string) {
    super(what, { why, fix });
    this.name = 'PartnerError';
    this.partner = partner;
    this.operation = operation;
    this.status = failure.status;
    this.code = failure.code;
    this.partnerText = failure.partnerText;
  }
}

/** A create whose answer was lost and that could not be confirmed by looking it up. */
export class PartnerOutcomeUnknownError extends PartnerError {}

export interface ErrorHint {
  why?: string;
  fix?: string;
}

/** Build the user-facing error for a failed call; `hint` lets a partner module say something more specific. */
export function partnerError(partner: PartnerId, operation: string, f: CallFailure, host: string, hint: ErrorHint = {}): PartnerError {
  const P = PARTNER_TITLES[partner];
  const said = f.partnerText ? ` ${P} said: "${f.partnerText}"` : '';
  const env = PARTNER_ENV[partner].join(' / ');
  let what: string;
  let why: string;
  let fix: string;
  if (f.kind !== 'status') {
    what = `Could not reach ${P} at ${host} for ${operation} (${f.kind === 'timeout' ? 'no answer in time' : 'connection failed'}).`;
    why = f.partnerText ? `The connection failed: ${f.partnerText}.` : 'The connection failed.';
    fix = `Check the network and ${env}; re-run: exotrunk looks up what exists before creating anything again.`;
  } else {
    const s = f.status!;
    what = `${P} refused ${operation} (HTTP ${s}${f.code ? `, ${f.code}` : ''}).${said}`;
    if (s === 401) {
      why = `${P} did not accept the API credentials.`;
      fix = `Check ${env}: copy the key again from the ${P} dashboard (it may have been revoked or belong to another workspace).`;
    } else if (s === 403) {
      why = `The API credentials are valid but not allowed to do this.`;
      fix = `Give the key the permission for ${operation} in the ${P} dashboard, or use a key that has it.`;
    } else if (s === 404) {
      why = `${P} has no such resource.`;
      fix = `Re-run ${cliName()} verify: it looks the resource up again by name or number.`;
    } else if (s === 409) {
      why = `Something in the ${P} account conflicts with this request.`;
      fix = `Look at the ${P} dashboard for a resource with the same name or number, and remove or rename it.`;
    } else if (s === 429) {
      why = `${P} is rate limiting the account and retries did not get through.`;
      fix = 'Wait a minute and re-run; nothing was changed by the refused request.';
    } else if (s >= 500) {
      why = `${P} had an internal error and retries did not get through.`;
      fix = `Re-run later; exotrunk looks up what exists before creating anything again. If it persists, check ${P}'s status page.`;
    } else {
      why = `${P} did not accept the request's values.`;
      fix = `The message above names the field. If it is a value from your answers, fix it and re-run; otherwise it is a bug in exotrunk: please report it.`;
    }
  }
  return new PartnerError(partner, operation, f, what, hint.why ?? why, hint.fix ?? fix);
}

/** A network failure in words: the messages and codes along the error's cause chain, each once. */
export function networkText(e: unknown): string {
  const parts: string[] = [];
  let cur = e as { message?: unknown; code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; cur && depth < 4; depth++) {
    for (const v of [cur.message, cur.code]) if (typeof v === 'string' && v && !parts.includes(v)) parts.push(v);
    cur = cur.cause as typeof cur;
  }
  return parts.join(': ');
}

/** Redact every known secret from a partner's text, and cap its length. */
export function cleanText(text: string, secrets: Iterable<Secret | string | undefined>, max = 600): string {
  const t = redact(text.replace(/\s+/g, ' ').trim(), secrets);
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/**
 * The SIP password a step must send (its `secrets` name `field`), or undefined when the step sends none.
 * A step that needs it when it is not at hand fails before anything is sent.
 */
export function stepPassword(step: PartnerStep, inputs: PartnerInputs, field: string): string | undefined {
  if (!step.secrets?.includes(field)) return undefined;
  if (!inputs.sipPassword) {
    throw new InputError(`${step.title} needs the SIP digest password, and it is not at hand.`, {
      why: `${PARTNER_TITLES[step.partner]} is sent the Exotel trunk password when the resource is created or its password is set again.`,
      fix: `Run from the profile that holds the trunk credentials, or make new ones with ${cliName()} credentials rotate ${inputs.partner}.`,
    });
  }
  return inputs.sipPassword.reveal();
}
