/**
 * Partner credentials from the environment: opt-in, checked before anything is sent, with messages that name
 * the variable and what is valid but never the value.
 */
import { describe, expect, it } from 'vitest';
import { checkPartnerUrl, elevenlabsForEnvironment, partnerConfigured, readPartnerCredentials, requirePartnerCredentials } from '../../src/core/partners/credentials.js';
import { InputError } from '../../src/core/errors.js';

const LK = { LIVEKIT_URL: 'wss://exotrunk-abc123.livekit.cloud', LIVEKIT_API_KEY: 'APIsJfm8HVjU6LS', LIVEKIT_API_SECRET: 'ePTsz8UZcOJaXsjeRPN1sUiyiYUQp1EwObe1MLFfywXD' };
const EL_KEY = `sk_${'0123456789abcdef'.repeat(3)}`;
const RT_KEY = 'key_eca5e99df9334eb12d9a471da9f2';

describe('opt-in', () => {
  it('with none of its variables a partner is absent; base URLs alone do not opt in', () => {
    expect(readPartnerCredentials('livekit', {})).toEqual({ status: 'absent' });
    expect(readPartnerCredentials('elevenlabs', { EXOTRUNK_ELEVENLABS_BASE_URL: 'https://api.in.residency.elevenlabs.io' })).toEqual({ status: 'absent' });
    expect(readPartnerCredentials('retell', { RETELL_BASE_URL: 'https://api.retellai.com' })).toEqual({ status: 'absent' });
    expect(partnerConfigured('retell', { RETELL_API_KEY: ' ' })).toBe(false);
    expect(requirePartnerCredentials('livekit', {})).toBeUndefined();
  });
});

describe('LiveKit', () => {
  it('reads the three variables lk reads; wss becomes https for the Twirp client; the secret is a Secret', () => {
    const r = readPartnerCredentials('livekit', LK);
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.creds.url).toBe('https://exotrunk-abc123.livekit.cloud');
    expect(r.creds.apiKey).toBe('APIsJfm8HVjU6LS');
    expect(JSON.stringify(r.creds)).not.toContain(LK.LIVEKIT_API_SECRET);
    expect(r.creds.apiSecret.reveal()).toBe(LK.LIVEKIT_API_SECRET);
  });

  it('lists every missing variable', () => {
    const r = readPartnerCredentials('livekit', { LIVEKIT_API_KEY: 'APIsJfm8HVjU6LS' });
    expect(r).toMatchObject({ status: 'invalid' });
    if (r.status !== 'invalid') return;
    expect(r.problems.map((p) => p.split(' ')[0])).toEqual(['LIVEKIT_URL', 'LIVEKIT_API_SECRET']);
  });

  it('refuses plain http / ws off loopback, credentials in the URL, and a Cloud key or secret of the wrong shape', () => {
    const bad = (env: Record<string, string>) => {
      const r = readPartnerCredentials('livekit', { ...LK, ...env });
      return r.status === 'invalid' ? r.problems.join(' ') : '';
    };
    expect(bad({ LIVEKIT_URL: 'http://livekit.example.com' })).toContain('http:// toward livekit.example.com');
    expect(bad({ LIVEKIT_URL: 'ws://livekit.example.com' })).toContain('ws://');
    expect(bad({ LIVEKIT_URL: 'https://u:p@x.livekit.cloud' })).toContain('user:password@');
    expect(bad({ LIVEKIT_URL: 'not a url' })).toContain('is not a URL');
    expect(bad({ LIVEKIT_API_KEY: 'devkey' })).toContain('"API" followed by letters and digits');
    expect(bad({ LIVEKIT_API_SECRET: 'short' })).toContain('32 or more letters and digits (5 characters given)');
    expect(bad({ LIVEKIT_API_KEY: 'APIsJfm8 HVjU6LS' })).toContain('space or line break');
    // a self-hosted server accepts any key: livekit-server --dev uses devkey / secret
    expect(readPartnerCredentials('livekit', { LIVEKIT_URL: 'ws://127.0.0.1:7880', LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: 'secret' })).toMatchObject({ status: 'ok', creds: { url: 'http://127.0.0.1:7880' } });
    expect(readPartnerCredentials('livekit', { LIVEKIT_URL: 'https://lk.example.com', LIVEKIT_API_KEY: 'mykey', LIVEKIT_API_SECRET: 'mysecretmysecret' }).status).toBe('ok');
  });

  it('never puts a value in a message', () => {
    const r = readPartnerCredentials('livekit', { ...LK, LIVEKIT_API_SECRET: 'Tiny"secret' });
    expect(r.status).toBe('invalid');
    expect(JSON.stringify(r)).not.toContain('Tiny');
  });
});

describe('ElevenLabs', () => {
  it('accepts sk_ keys and older 32-hex keys; a residency host by EXOTRUNK_ELEVENLABS_BASE_URL', () => {
    expect(readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: EL_KEY })).toMatchObject({ status: 'ok', creds: { baseUrl: 'https://api.elevenlabs.io' } });
    expect(readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: 'e4167b60024f56b71267c20d5690e230' }).status).toBe('ok');
    expect(readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: EL_KEY, EXOTRUNK_ELEVENLABS_BASE_URL: 'https://api.in.residency.elevenlabs.io/' })).toMatchObject({
      creds: { baseUrl: 'https://api.in.residency.elevenlabs.io' },
    });
  });

  it('refuses another partner\'s key, a pasted quote, an http base URL off loopback', () => {
    const r1 = readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: RT_KEY });
    expect(r1.status === 'invalid' && r1.problems[0]).toContain('"sk_" followed by 48 hex digits');
    const r2 = readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: `"${EL_KEY}"` });
    expect(r2.status === 'invalid' && r2.problems[0]).toContain('quote');
    const r3 = readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: EL_KEY, EXOTRUNK_ELEVENLABS_BASE_URL: 'http://api.elevenlabs.io' });
    expect(r3.status === 'invalid' && r3.problems[0]).toContain('EXOTRUNK_ELEVENLABS_BASE_URL uses http://');
    expect(JSON.stringify([r1, r2, r3])).not.toContain(EL_KEY.slice(3));
  });
});

describe('ElevenLabs workspace (el_environment)', () => {
  const creds = (env: Record<string, string>) => readPartnerCredentials('elevenlabs', { ELEVENLABS_API_KEY: `sk_${'a1'.repeat(24)}`, ...env });
  it('India data residency picks its API host; a base URL may not contradict the answer (loopback excepted)', () => {
    const plain = creds({});
    if (plain.status !== 'ok') throw new Error('refused');
    expect(elevenlabsForEnvironment(plain.creds, 'in', {}).baseUrl).toBe('https://api.in.residency.elevenlabs.io');
    expect(elevenlabsForEnvironment(plain.creds, 'global', {}).baseUrl).toBe('https://api.elevenlabs.io');
    const env = { EXOTRUNK_ELEVENLABS_BASE_URL: 'https://api.in.residency.elevenlabs.io' };
    const india = creds(env);
    if (india.status !== 'ok') throw new Error('refused');
    expect(() => elevenlabsForEnvironment(india.creds, 'global', env)).toThrow(/does not match the workspace answer el_environment=global/);
    expect(elevenlabsForEnvironment(india.creds, 'in', env).baseUrl).toBe('https://api.in.residency.elevenlabs.io');
    const globalEnv = { EXOTRUNK_ELEVENLABS_BASE_URL: 'https://api.elevenlabs.io' };
    const global = creds(globalEnv);
    if (global.status !== 'ok') throw new Error('refused');
    expect(() => elevenlabsForEnvironment(global.creds, 'in', globalEnv)).toThrow(/el_environment=in/);
    const local = { EXOTRUNK_ELEVENLABS_BASE_URL: 'http://127.0.0.1:9' };
    const standIn = creds(local);
    if (standIn.status !== 'ok') throw new Error('refused');
    expect(elevenlabsForEnvironment(standIn.creds, 'in', local).baseUrl).toBe('http://127.0.0.1:9');
  });
});

describe('Retell', () => {
  it('accepts key_ keys and RETELL_BASE_URL (retell-sdk reads the same variable); refuses an ElevenLabs key', () => {
    expect(readPartnerCredentials('retell', { RETELL_API_KEY: RT_KEY })).toMatchObject({ status: 'ok', creds: { baseUrl: 'https://api.retellai.com' } });
    expect(readPartnerCredentials('retell', { RETELL_API_KEY: RT_KEY, RETELL_BASE_URL: 'http://localhost:4010' })).toMatchObject({ creds: { baseUrl: 'http://localhost:4010' } });
    const r = readPartnerCredentials('retell', { RETELL_API_KEY: EL_KEY });
    expect(r.status === 'invalid' && r.problems[0]).toContain('"key_" followed by letters and digits');
  });

  it('requirePartnerCredentials throws an InputError (exit 2) that says nothing was sent', () => {
    let e: unknown;
    try {
      requirePartnerCredentials('retell', { RETELL_API_KEY: 'nope' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toContain('nothing was sent to Exotel or Retell');
    expect((e as InputError).fix).toContain('RETELL_API_KEY');
  });
});

describe('checkPartnerUrl', () => {
  it('allows http only to loopback (127.0.0.1, ::1, localhost) and strips a trailing slash', () => {
    expect(checkPartnerUrl('X', 'http://[::1]:9000/', 'e').url).toBe('http://[::1]:9000');
    expect(checkPartnerUrl('X', 'http://localhost:9000/base/', 'e').url).toBe('http://localhost:9000/base');
    expect(checkPartnerUrl('X', 'https://api.retellai.com?x=1', 'e').problem).toContain('query');
    expect(checkPartnerUrl('X', 'ftp://x', 'e').problem).toContain('ftp://');
  });
});
