/**
 * PartnerCaller on its own: which failures are retried, when a create looks up first, how many attempts,
 * Retry-After honoured, and secrets redacted from messages and log lines in every form they can take.
 */
import { describe, expect, it } from 'vitest';
import { PartnerCaller } from '../../src/core/partners/call.js';
import { PartnerError, PartnerOutcomeUnknownError, type CallFailure } from '../../src/core/partners/errors.js';
import { Secret } from '../../src/core/secret.js';

const failure = (f: Partial<CallFailure>): Error & { f: CallFailure } => Object.assign(new Error('x'), { f: { kind: 'status', partnerText: '', ...f } as CallFailure });
const classify = (e: unknown) => (e as { f: CallFailure }).f;

function caller(waits: number[] = [], lines: string[] = [], secrets: (Secret | string)[] = []) {
  return new PartnerCaller('retell', 'api.example', secrets, classify, undefined, {
    maxAttempts: 3,
    baseDelayMs: 100,
    maxDelayMs: 5000,
    random: () => 1,
    sleep: async (ms) => void waits.push(ms),
    log: (l) => lines.push(l),
  });
}

describe('PartnerCaller.idempotent', () => {
  it('retries 5xx, 429 (honouring Retry-After), resets and timeouts, then gives up with a PartnerError', async () => {
    const waits: number[] = [];
    const seq = [failure({ status: 503 }), failure({ status: 429, retryAfterMs: 2000 }), failure({ kind: 'network' })];
    let i = 0;
    const c = caller(waits);
    await expect(c.idempotent('get', async () => { throw seq[i++]; })).rejects.toBeInstanceOf(PartnerError);
    expect(i).toBe(3);
    expect(waits).toEqual([100, 2000]);
  });

  it('does not retry a 4xx; accept() turns a 404 into a value', async () => {
    let n = 0;
    const c = caller();
    await expect(c.idempotent('get', async () => { n++; throw failure({ status: 400, partnerText: 'bad' }); })).rejects.toThrow(/HTTP 400.*said: "bad"/);
    expect(n).toBe(1);
    await expect(c.idempotent('delete', async () => { throw failure({ status: 404 }); }, { accept: (f) => (f.status === 404 ? 'gone' : undefined) })).resolves.toMatchObject({ value: 'gone' });
  });
});

describe('PartnerCaller.create', () => {
  it('looks up before re-sending after an unknown outcome, and adopts what it finds', async () => {
    const calls: string[] = [];
    const c = caller();
    const r = await c.create('import', async () => { calls.push('create'); throw failure({ kind: 'network' }); }, async () => { calls.push('lookup'); return 'id-1'; });
    expect(r).toEqual({ id: 'id-1', attempts: 1, adopted: true });
    expect(calls).toEqual(['create', 'lookup']);
  });

  it('re-sends only after a lookup finds nothing; a 429 is re-sent without a lookup', async () => {
    const calls: string[] = [];
    const seq = [failure({ status: 500 }), failure({ status: 429 })];
    const c = caller();
    const r = await c.create('import', async () => { calls.push('create'); const f = seq.shift(); if (f) throw f; return 'id-2'; }, async () => { calls.push('lookup'); return undefined; });
    expect(r).toEqual({ id: 'id-2', attempts: 3, adopted: false });
    expect(calls).toEqual(['create', 'lookup', 'create', 'create']);
  });

  it('an "already exists" conflict leads to a lookup; attempts run out as an outcome-unknown error that says re-run', async () => {
    const c = caller();
    const adopted = await c.create('import', async () => { throw failure({ status: 409 }); }, async () => 'id-3', { conflict: (f) => f.status === 409 });
    expect(adopted.adopted).toBe(true);
    const e = await c.create('import', async () => { throw failure({ kind: 'timeout' }); }, async () => undefined).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PartnerOutcomeUnknownError);
    expect((e as PartnerError).fix).toContain('no duplicate');
  });
});

describe('secrets', () => {
  it('are redacted from partner text and log lines as-is, JSON-escaped and URL-encoded', async () => {
    const pw = 'p@ss"w/rd\\9';
    const lines: string[] = [];
    const c = caller([], lines, [new Secret(pw), 'key_abcdefghijklmnop']);
    const text = `echo ${pw} ${JSON.stringify(pw)} ${encodeURIComponent(pw)} key_abcdefghijklmnop`;
    const e = (await c.idempotent('update', async () => { throw failure({ status: 422, partnerText: text }); }, { body: { auth_password: pw, note: pw } }).catch((x: unknown) => x)) as PartnerError;
    const all = `${e.message} ${e.why} ${e.fix} ${e.partnerText} ${lines.join('\n')}`;
    expect(all).not.toContain('p@ss');
    expect(all).not.toContain('p%40ss');
    expect(all).not.toContain('abcdefghijklmnop');
    expect(all).toContain('••••••••');
  });
});
