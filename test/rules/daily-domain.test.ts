import { describe, expect, it } from 'vitest';
import { validators } from '../../src/core/rules/validators.js';
import { expectRefusal } from './refusal.js';

describe('daily_domain (Pipecat via Daily)', () => {
  it.each([
    ['acme', 'acme', undefined],
    ['  Acme-Voice ', 'acme-voice', undefined],
    ['acme.daily.co', 'acme', 'took "acme" from acme.daily.co'],
    ['https://acme.daily.co', 'acme', 'took "acme" from https://acme.daily.co'],
    ['https://ACME.daily.co/room-1?t=1', 'acme', 'took "acme" from https://ACME.daily.co/room-1?t=1'],
    ['https://acme.daily.co:443/', 'acme', 'took "acme" from https://acme.daily.co:443/'],
  ])('takes the domain from %s', (raw, value, warning) => {
    expect(validators.daily_domain(raw)).toEqual(warning ? { ok: true, value, warning } : { ok: true, value });
  });

  it.each([
    ['', /empty/],
    ['daily.co', /not a daily\.co address/],
    ['https://daily.co/', /not a daily\.co address/],
    ['acme.example.com', /not a daily\.co address/],
    ['https://a.b.daily.co', /more than one label/],
    ['ac_me', /has a "_"/],
    ['acme/room', /has a "\/"/],
    ['acme#x', /has a "#"/],
    ['-acme', /starts or ends with "-"/],
  ])('refuses %s, saying what a Daily domain is', (raw, why) => {
    expectRefusal(validators.daily_domain(raw), why, 'the "acme" of acme.daily.co');
  });

  it('is idempotent: a value it returns validates to itself', () => {
    for (const raw of ['https://acme.daily.co/x', 'acme.daily.co', 'Acme']) {
      const r = validators.daily_domain(raw);
      expect(r.ok && validators.daily_domain(r.value)).toEqual({ ok: true, value: r.ok ? r.value : '' });
    }
  });
});
