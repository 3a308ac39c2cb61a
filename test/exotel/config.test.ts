import { describe, expect, it } from 'vitest';
import { resolveExotelConfig } from '../../src/core/exotel/config.js';
import { InputError, UserError } from '../../src/core/errors.js';
import { Secret } from '../../src/core/secret.js';

describe('resolveExotelConfig', () => {
  it('is sandbox mode with no account SID and no token', () => {
    expect(resolveExotelConfig({})).toEqual({ mode: 'sandbox' });
  });

  it('reads the environment; the API key defaults to the account SID, region to in', () => {
    const r = resolveExotelConfig({ EXOTEL_ACCOUNT_SID: 'acme1', EXOTEL_API_TOKEN: 'tok-123456' });
    expect(r.mode).toBe('live');
    if (r.mode !== 'live') return;
    expect(r.config).toMatchObject({ accountSid: 'acme1', apiKey: 'acme1', baseUrl: 'https://api.in.exotel.com', rateLimitPerMinute: 200 });
    expect(r.config.apiToken).toBeInstanceOf(Secret);
    expect(r.config.apiToken.reveal()).toBe('tok-123456');
    expect(JSON.stringify(r)).not.toContain('tok-123456');
  });

  it('sg region, explicit key, rate limit; flags win over env, env over profile', () => {
    const r = resolveExotelConfig(
      { EXOTEL_ACCOUNT_SID: 'envsid', EXOTEL_API_KEY: 'k1', EXOTEL_REGION: 'SG', EXOTEL_RATE_LIMIT: '150' },
      { accountSid: 'flagsid', apiToken: new Secret('flag-token'), profile: { accountSid: 'profsid', region: 'in', rateLimit: 50 } },
    );
    if (r.mode !== 'live') throw new Error('live expected');
    expect(r.config).toMatchObject({ accountSid: 'flagsid', apiKey: 'k1', baseUrl: 'https://api.exotel.com', rateLimitPerMinute: 150 });
    expect(r.config.apiToken.reveal()).toBe('flag-token');
  });

  it('the profile fills what flags and env leave out', () => {
    const r = resolveExotelConfig({ EXOTEL_API_TOKEN: 'tok-abcdef' }, { profile: { accountSid: 'p1', region: 'sg', rateLimit: 60 } });
    if (r.mode !== 'live') throw new Error('live expected');
    expect(r.config).toMatchObject({ accountSid: 'p1', baseUrl: 'https://api.exotel.com', rateLimitPerMinute: 60 });
  });

  it('a base URL overrides the region; http only for loopback', () => {
    const env = { EXOTEL_ACCOUNT_SID: 'a', EXOTEL_API_TOKEN: 'tok-abcdef' };
    const r = resolveExotelConfig({ ...env, EXOTEL_BASE_URL: 'http://127.0.0.1:4010/' });
    expect(r.mode === 'live' && r.config.baseUrl).toBe('http://127.0.0.1:4010');
    expect(() => resolveExotelConfig({ ...env, EXOTEL_BASE_URL: 'http://api.in.exotel.com' })).toThrow(UserError);
  });

  it('half a configuration is an error naming what is missing', () => {
    expect(() => resolveExotelConfig({ EXOTEL_ACCOUNT_SID: 'a' })).toThrow(/API token/);
    expect(() => resolveExotelConfig({ EXOTEL_API_TOKEN: 'tok-abcdef' })).toThrow(/account SID/);
  });

  it.each([['eu'], ['india']])('a bad region %s is an InputError', (region) => {
    const f = () => resolveExotelConfig({ EXOTEL_ACCOUNT_SID: 'a', EXOTEL_API_TOKEN: 'tok-abcdef', EXOTEL_REGION: region });
    expect(f).toThrow(InputError);
    expect(f).toThrow(/region/);
  });

  it.each([['0'], ['-5'], ['fast'], ['1.5'], ['100000']])('a bad rate limit %s is an InputError', (rl) => {
    const f = () => resolveExotelConfig({ EXOTEL_ACCOUNT_SID: 'a', EXOTEL_API_TOKEN: 'tok-abcdef', EXOTEL_RATE_LIMIT: rl });
    expect(f).toThrow(InputError);
    expect(f).toThrow(/rate limit/);
  });

  it.each([['bad sid!', 'a space'], ['../../x', 'a "."'], ['a/b', 'a "/"'], ['acme?x=1', 'a "?"'], ['x'.repeat(65), '65 characters']])('account SID %j is refused before any request (exit 2), naming where it came from', (sid, what) => {
    const f = () => resolveExotelConfig({ EXOTEL_ACCOUNT_SID: sid, EXOTEL_API_TOKEN: 'tok-abcdef' });
    expect(f).toThrow(InputError);
    expect(f).toThrow(what === '65 characters' ? /The account SID is 65 characters/ : new RegExp(`has ${what.replace(/[.?/]/g, '\\$&')}`));
    expect(f).toThrow(/letters, digits, _ or -.*\(EXOTEL_ACCOUNT_SID\)/);
    expect(() => resolveExotelConfig({ EXOTEL_API_TOKEN: 'tok-abcdef' }, { accountSid: sid })).toThrow(/\(--account-sid\)/);
  });

  it("Exotel's own SIDs pass, and a pasted trailing newline is dropped", () => {
    for (const sid of ['exoteltest', 'ameyo5m', 'exotelveenotesting1m', 'acme_corp-2']) {
      expect(resolveExotelConfig({ EXOTEL_ACCOUNT_SID: sid, EXOTEL_API_TOKEN: 'tok-abcdef' })).toMatchObject({ mode: 'live', config: { accountSid: sid } });
    }
    expect(resolveExotelConfig({ EXOTEL_ACCOUNT_SID: 'acme1\n', EXOTEL_API_TOKEN: 'tok-abcdef' })).toMatchObject({ config: { accountSid: 'acme1' } });
  });
});
