/**
 * What the wizard offers for the partner side (issue 17), through the engine's door: whose keys are found where
 * (typed this session over the environment over the saved profile), never a value; the per-run "no" and
 * --no-partner-api; typed keys kept only in the 0600 profile, and kept there when the Exotel credentials are
 * saved again; the offer's words (present/partner-offer.ts), with real partner keys against the sandbox
 * defaulting to "no".
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile, saveProfile, savePartnerKeys } from '../../src/core/engine/profiles.js';
import { offerView } from '../../src/present/partner-offer.js';
import { engineRig, inputsFor, type EngineRig } from '../engine/helpers.js';

const RETELL = 'key_abcdefghijklmnop0123';
const OTHER = 'key_zyxwvutsrqponmlk9876';
const CLOUD = { LIVEKIT_URL: 'wss://abc123.livekit.cloud', LIVEKIT_API_KEY: 'APIabcdefgh1234', LIVEKIT_API_SECRET: 'a'.repeat(40) };

let rig: EngineRig | undefined;
let dir: string;
const before = process.env.EXOTRUNK_PROFILES;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exotrunk-offer-'));
  process.env.EXOTRUNK_PROFILES = join(dir, 'profiles.json');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (before === undefined) delete process.env.EXOTRUNK_PROFILES;
  else process.env.EXOTRUNK_PROFILES = before;
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  rmSync(join(dir, 'profiles.json'), { force: true });
});

const engine = async (env: Record<string, string>, opts: { profile?: string; off?: boolean } = {}) => {
  rig = await engineRig();
  return rig.newEngine(undefined, { partners: { env, ...opts } });
};

describe('the partner offer', () => {
  it('none for a recipe without a partner API, or with the partner API off (the variable, or --no-partner-api)', async () => {
    const e = await engine({ RETELL_API_KEY: RETELL });
    expect(e.partners.offer('bolna')).toBeUndefined();
    expect(e.partners.offer('retell')).toMatchObject({ partner: 'retell', source: 'env', found: ['RETELL_API_KEY'], problems: [] });
    await rig!.close();
    expect((await engine({ RETELL_API_KEY: RETELL, EXOTRUNK_PARTNER_API: 'off' })).partners.offer('retell')).toBeUndefined();
    await rig!.close();
    expect((await engine({ RETELL_API_KEY: RETELL }, { off: true })).partners.offer('retell')).toBeUndefined();
  });

  it('typed over the environment over the profile; the offer never carries a value', async () => {
    await saveProfile('default', { accountSid: 'acc1', apiToken: 'tok' });
    await savePartnerKeys('default', ['RETELL_API_KEY'], { RETELL_API_KEY: OTHER });
    const fromProfile = await engine({}, { profile: 'default' });
    expect(fromProfile.partners.offer('retell')).toMatchObject({ source: 'profile', found: ['RETELL_API_KEY'], profile: 'default', host: 'api.retellai.com' });
    expect(fromProfile.partners.credentials('retell', {})).toMatchObject({ partner: 'retell' });
    await rig!.close();
    const e = await engine({ RETELL_API_KEY: RETELL }, { profile: 'default' });
    expect(e.partners.offer('retell')!.source).toBe('env');
    expect((e.partners.credentials('retell', {}) as { apiKey: { reveal(): string } }).apiKey.reveal()).toBe(RETELL);
    e.partners.useKeys('retell', { RETELL_API_KEY: OTHER }, { save: false });
    expect(e.partners.offer('retell')!.source).toBe('typed');
    expect((e.partners.credentials('retell', {}) as { apiKey: { reveal(): string } }).apiKey.reveal()).toBe(OTHER);
    expect(JSON.stringify(e.partners.offer('retell'))).not.toContain(OTHER);
    expect(JSON.stringify(e.partners.offer('retell'))).not.toContain(RETELL);
  });

  it('typed keys in the wrong shape: the problems name the variable, never the value', async () => {
    const e = await engine({});
    expect(e.partners.checkKeys('retell', { RETELL_API_KEY: 'sk_nope nope' })).toEqual(['RETELL_API_KEY contains a space or line break: paste the key alone.']);
    expect(e.partners.checkKeys('livekit', { LIVEKIT_URL: 'http://example.com', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' })[0]).toMatch(/^LIVEKIT_URL uses http:\/\/ toward example\.com/);
    expect(e.partners.checkKeys('retell', { RETELL_API_KEY: RETELL })).toEqual([]);
    for (const p of e.partners.checkKeys('elevenlabs', { ELEVENLABS_API_KEY: 'sk_short' })) expect(p).not.toContain('sk_short');
  });

  it('the per-run "no": no partner steps even with the keys set', async () => {
    const e = await engine({ RETELL_API_KEY: RETELL });
    const inputs = inputsFor(e, 'retell', { direction: 'outbound', trunk_name: 'off_run', did: '+918012345678', retell_agent_id: 'agent_x' }, { EXOTRUNK_SIP_PASSWORD: 'Pw-offer-test-12345' });
    const declined = e.inputs(inputs.recipe, inputs.answers, { partnerApi: false });
    expect(declined.partnerApi).toBe(false);
    // nothing is read at Retell (there is no Retell here to read): the partner is left alone
    expect(await e.partners.prepare(declined, undefined)).toBeUndefined();
    const { plan } = await e.plan(declined);
    expect(plan.steps.filter((s) => s.side === 'partner')).toEqual([]);
  });

  it('keys kept only in the 0600 profile, and kept there when the Exotel credentials are saved again', async () => {
    await saveProfile('default', { accountSid: 'acc1', apiToken: 'tok' });
    await savePartnerKeys('default', ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'], CLOUD);
    await savePartnerKeys('default', ['RETELL_API_KEY'], { RETELL_API_KEY: RETELL });
    await saveProfile('default', { accountSid: 'acc2', apiToken: 'tok2' });
    const file = join(dir, 'profiles.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).default).toEqual({ accountSid: 'acc2', apiToken: 'tok2', partners: { ...CLOUD, RETELL_API_KEY: RETELL } });
    expect(loadProfile('default')!.accountSid).toBe('acc2');
    await expect(savePartnerKeys('nosuch', ['RETELL_API_KEY'], { RETELL_API_KEY: RETELL })).rejects.toThrow(/No profile named nosuch/);
  });

  it('real partner keys with the sandbox Exotel: said, and "no" comes first', async () => {
    const e = await engine(CLOUD);
    const o = e.partners.offer('livekit')!;
    expect(o).toMatchObject({ source: 'env', realPartnerFromSandbox: true, host: 'abc123.livekit.cloud' });
    const v = offerView(o);
    expect(v.warning).toMatch(/The Exotel side is the SANDBOX, but these keys reach LiveKit itself/);
    expect(v.choices.map((c) => c.value)).toEqual(['no', 'yes', 'enter']);
    expect(v.found).toBe('LIVEKIT_API_KEY found in the environment: project abc123.livekit.cloud.');
  });

  it('no keys: paste first, then typing them; wrong ones listed with no "yes"', async () => {
    const e = await engine({});
    const none = offerView(e.partners.offer('livekit')!);
    expect(none.found).toMatch(/^LiveKit's API keys are not set \(LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET\)/);
    expect(none.choices.map((c) => c.value)).toEqual(['no', 'enter']);
    await rig!.close();
    const bad = offerView((await engine({ RETELL_API_KEY: 'nope' })).partners.offer('retell')!);
    expect(bad.problems[0]).toMatch(/^RETELL_API_KEY does not look like a Retell key/);
    expect(bad.choices.map((c) => c.value)).toEqual(['no', 'enter']);
  });

  it("ElevenLabs: the workspace answer picks the host the offer names, and a contradicting base URL is a problem", async () => {
    const key = `sk_${'0123456789abcdef'.repeat(3)}`;
    const e = await engine({ ELEVENLABS_API_KEY: key });
    expect(e.partners.offer('elevenlabs')!.host).toBe('api.elevenlabs.io');
    expect(e.partners.offer('elevenlabs', { el_environment: 'in' })!.host).toBe('api.in.residency.elevenlabs.io');
    await rig!.close();
    const us = await engine({ ELEVENLABS_API_KEY: key, EXOTRUNK_ELEVENLABS_BASE_URL: 'https://api.us.elevenlabs.io' });
    const o = us.partners.offer('elevenlabs', { el_environment: 'in' })!;
    expect(o.host).toBeUndefined();
    expect(o.problems[0]).toMatch(/does not match the workspace answer el_environment=in/);
    expect(offerView(o).choices.map((c) => c.value)).toEqual(['no', 'enter']);
  });
});
