/**
 * How a partner SDK is called: every call logged (masked) for --verbose, reads retried with backoff, and
 * creates never re-sent blindly. The SDKs' own retries are switched off by each partner module (Fern and
 * Stainless clients retry POSTs on 5xx and resets; LiveKit's Twirp client fails over to another region), because
 * a create whose answer was lost must be looked up before it is sent again.
 */
import { maskJson } from '../exotel/log-mask.js';
import type { Secret } from '../secret.js';
import { cleanText, notApplied, outcomeUnknown, partnerError, PartnerOutcomeUnknownError, retryable, type CallFailure, type ErrorHint, type PartnerError } from './errors.js';
import { PARTNER_TITLES, type PartnerId } from './types.js';

export interface CallOptions {
  /** attempts per call, the first included (default 4) */
  maxAttempts?: number;
  /** first backoff delay (default 300 ms), doubled per retry, with jitter */
  baseDelayMs?: number;
  /** cap of one backoff wait, Retry-After included (default 10 s) */
  maxDelayMs?: number;
  /** per-request timeout (default 20 s) */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** --verbose: one line per request and answer, secrets masked */
  log?: (line: string) => void;
  /** deterministic jitter for tests (default Math.random) */
  random?: () => number;
  /** a retry is about to wait: the engine shows it against the plan step (as the Exotel client's retries) */
  onRetry?: (info: { operation: string; attempt: number; maxAttempts: number; delayMs: number; reason: string }) => void;
}

/** Every form a secret can take in a log line or an error body (as is, JSON-escaped, URL-encoded). */
export function secretForms(secrets: Iterable<Secret | string | undefined>): string[] {
  const out: string[] = [];
  for (const s of secrets) {
    // duck-typed: a Secret from another copy of the module (a bundle) is still a Secret
    const v = typeof s === 'string' ? s : (s as Secret | undefined)?.reveal?.();
    if (!v) continue;
    out.push(v, JSON.stringify(v).slice(1, -1), encodeURIComponent(v));
  }
  return [...new Set(out)];
}

export class PartnerCaller {
  readonly partner: PartnerId;
  private readonly secrets: string[];
  private readonly o: Required<Omit<CallOptions, 'log' | 'onRetry'>> & Pick<CallOptions, 'log' | 'onRetry'>;

  constructor(
    partner: PartnerId,
    /** where the calls go, for messages (never with credentials) */
    readonly host: string,
    secrets: Iterable<Secret | string | undefined>,
    private readonly classify: (e: unknown) => CallFailure,
    private readonly hint: (operation: string, f: CallFailure) => ErrorHint = () => ({}),
    opts: CallOptions = {},
  ) {
    this.partner = partner;
    this.secrets = secretForms(secrets);
    this.o = {
      maxAttempts: opts.maxAttempts ?? 4,
      baseDelayMs: opts.baseDelayMs ?? 300,
      maxDelayMs: opts.maxDelayMs ?? 10_000,
      timeoutMs: opts.timeoutMs ?? 20_000,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      random: opts.random ?? Math.random,
      log: opts.log,
      onRetry: opts.onRetry,
    };
  }

  get timeoutMs(): number {
    return this.o.timeoutMs;
  }

  /** add secrets learnt later (the SIP password of the step being executed) */
  addSecrets(secrets: Iterable<Secret | string | undefined>): void {
    for (const f of secretForms(secrets)) if (!this.secrets.includes(f)) this.secrets.push(f);
  }

  redact(text: string): string {
    return cleanText(text, this.secrets, Number.MAX_SAFE_INTEGER);
  }

  log(line: string): void {
    if (this.o.log) this.o.log(this.redact(line));
  }

  private failure(e: unknown): CallFailure {
    const f = this.classify(e);
    return { ...f, partnerText: cleanText(f.partnerText, this.secrets) };
  }

  private delay(attempt: number, f: CallFailure): number {
    const backoff = this.o.baseDelayMs * 2 ** attempt;
    const jittered = backoff / 2 + (this.o.random() * backoff) / 2;
    return Math.min(this.o.maxDelayMs, Math.max(f.retryAfterMs ?? 0, jittered));
  }

  private describe(f: CallFailure): string {
    return f.kind === 'status' ? `HTTP ${f.status}${f.code ? ` ${f.code}` : ''}${f.partnerText ? `: ${f.partnerText}` : ''}` : `${f.kind}${f.partnerText ? `: ${f.partnerText}` : ''}`;
  }

  private retrying(operation: string, attempt: number, wait: number, f: CallFailure): void {
    this.log(`~ ${this.partner} ${operation}: retry ${attempt}/${this.o.maxAttempts} in ${Math.round(wait)} ms`);
    const reason = f.kind === 'status' ? `HTTP ${f.status}${f.status === 429 ? ' (rate limit)' : ''}` : f.kind === 'timeout' ? 'no answer in time' : 'connection failed';
    this.o.onRetry?.({ operation: `${PARTNER_TITLES[this.partner]} ${operation}`, attempt, maxAttempts: this.o.maxAttempts, delayMs: Math.round(wait), reason });
  }

  error(operation: string, f: CallFailure): PartnerError {
    return partnerError(this.partner, operation, f, this.host, this.hint(operation, f));
  }

  private async once<T>(operation: string, fn: () => Promise<T>, body?: unknown): Promise<{ ok: true; value: T } | { ok: false; failure: CallFailure }> {
    const started = Date.now();
    this.log(`> ${this.partner} ${operation}${body === undefined ? '' : ` ${JSON.stringify(maskJson(body))}`}`);
    try {
      const value = await fn();
      this.log(`< ok ${this.partner} ${operation} (${Date.now() - started} ms)`);
      return { ok: true, value };
    } catch (e) {
      const failure = this.failure(e);
      this.log(`< ${this.describe(failure)} ${this.partner} ${operation} (${Date.now() - started} ms)`);
      return { ok: false, failure };
    }
  }

  /**
   * A call that is safe to repeat (list, get, update to the same values, delete): retried on 429, 5xx,
   * resets and timeouts. `accept` turns a failure into a value (a delete that finds nothing is done).
   */
  async idempotent<T>(operation: string, fn: () => Promise<T>, opts: { body?: unknown; accept?: (f: CallFailure) => T | undefined } = {}): Promise<{ value: T; attempts: number }> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.once(operation, fn, opts.body);
      if (r.ok) return { value: r.value, attempts: attempt + 1 };
      const accepted = opts.accept?.(r.failure);
      if (accepted !== undefined) return { value: accepted, attempts: attempt + 1 };
      if (!retryable(r.failure) || attempt + 1 >= this.o.maxAttempts) throw this.error(operation, r.failure);
      const wait = this.delay(attempt, r.failure);
      this.retrying(operation, attempt + 2, wait, r.failure);
      await this.o.sleep(wait);
    }
  }

  /**
   * A create; `fn` and `lookup` give the resource's id. Sent again only when the partner surely did not apply it (429). When the answer is lost or the
   * partner failed (reset, timeout, 5xx) the outcome is unknown: `lookup` runs first, and the resource it finds
   * is adopted instead of creating a second one. `conflict` recognises "already exists" answers, which also
   * lead to a lookup.
   */
  async create(
    operation: string,
    fn: () => Promise<string>,
    lookup: () => Promise<string | undefined>,
    opts: { body?: unknown; conflict?: (f: CallFailure) => boolean } = {},
  ): Promise<{ id: string; attempts: number; adopted: boolean }> {
    let attempts = 0;
    for (let round = 0; ; round++) {
      attempts++;
      const r = await this.once(operation, fn, opts.body);
      if (r.ok) return { id: r.value, attempts, adopted: false };
      const f = r.failure;
      const conflict = opts.conflict?.(f) ?? false;
      if (!retryable(f) && !conflict) throw this.error(operation, f);
      if (outcomeUnknown(f) || conflict) {
        this.log(`~ ${this.partner} ${operation}: outcome ${conflict ? 'is a conflict' : 'unknown'}; looking it up before sending it again`);
        const found = await lookup();
        if (found !== undefined) return { id: found, attempts, adopted: true };
        if (conflict) throw this.error(operation, f);
      }
      if (round + 1 >= this.o.maxAttempts) {
        if (notApplied(f)) throw this.error(operation, f);
        throw new PartnerOutcomeUnknownError(
          this.partner,
          operation,
          f,
          `${PARTNER_TITLES[this.partner]} did not confirm ${operation} after ${attempts} attempts, and a lookup did not find the resource.`,
          `The last answer was: ${this.describe(f)}.`,
          'Re-run: exotrunk looks the resource up by name or number before creating it, so no duplicate is made.',
        );
      }
      const wait = this.delay(round, f);
      this.retrying(operation, round + 2, wait, f);
      await this.o.sleep(wait);
    }
  }
}
