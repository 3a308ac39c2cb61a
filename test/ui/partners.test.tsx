/**
 * The wizard doing both sides (issue 17): the partner's API offered after the questions, the plan with both
 * sides, the results naming the partner's resources, verify with the cross-side rows (drift at the partner found,
 * said as such, and repaired from the verify screen), the teardown listing both sides, keys typed hidden and kept
 * only in the 0600 profile, declining with keys set, and a key the partner refuses shown with its own words. The
 * Exotel sandbox and the partner stand-ins run in-process on loopback; the partner is driven through its SDK.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Retell from 'retell-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveProfile } from '../../src/core/engine/profiles.js';
import { partnerEnv, startPartnerStandIns, type PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { FAST } from '../partners/helpers.js';
import { answerQuestions, OFFER } from './drive.js';
import { ENTER } from './keys.js';
import { choose, press, renderWizard, sandboxRig, waitForFrame, type SandboxRig } from './helpers.js';

const DID = '+918012345678';
const RETELL = { direction: 'outbound', did: DID, retell_agent_id: 'agent_sandbox' };
let s: PartnerStandIns;
let rig: SandboxRig | undefined;
let profiles: string;
const before = process.env.EXOTRUNK_PROFILES;

beforeAll(async () => {
  s = await startPartnerStandIns({ seed: 17 });
  profiles = mkdtempSync(join(tmpdir(), 'exotrunk-ui-profiles-'));
  process.env.EXOTRUNK_PROFILES = join(profiles, 'profiles.json');
});
afterAll(async () => {
  await s?.close();
  rmSync(profiles, { recursive: true, force: true });
  if (before === undefined) delete process.env.EXOTRUNK_PROFILES;
  else process.env.EXOTRUNK_PROFILES = before;
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  s.livekit.reset();
  s.elevenlabs.reset();
  s.retell.reset();
  rmSync(join(profiles, 'profiles.json'), { force: true });
});

type Io = ReturnType<typeof renderWizard>;
/** every frame drawn, for the secrets scan */
const framesOf = (w: Io) => w.frames.join('\n');

async function pick(w: Io, title: string) {
  await waitForFrame(w.lastFrame, 'Which Voice AI partner');
  await choose(w, title);
}

/** From the auth decision to the plan. */
async function toPlan(w: Io): Promise<string> {
  await waitForFrame(w.lastFrame, 'see the plan');
  await press(w, ENTER);
  return waitForFrame(w.lastFrame, /Plan for \w+/);
}

describe('the wizard, both sides through the partner API', () => {
  it("Retell with keys in the environment: offer (yes by default), plan, results, drift at Retell then at Exotel found by verify and repaired from it, teardown of both sides", async () => {
    rig = await sandboxRig('uipartner1', { partners: { env: partnerEnv(s), call: FAST } });
    const w = renderWizard(rig.engine);
    await pick(w, 'Retell AI');
    await answerQuestions(w, rig.engine.recipe('retell'), RETELL, OFFER);
    const offer = await waitForFrame(w.lastFrame, 'Also import the number into Retell?');
    expect(offer).toMatch(/RETELL_API_KEY found in the environment: API 127\.0\.0\.1:\d+/);
    expect(offer).toMatch(/❯ Yes: set it up through Retell's API/); // the default with usable keys
    expect(offer).not.toContain(s.retell.apiKey);
    await press(w, ENTER);
    const review = await waitForFrame(w.lastFrame, 'Review: Retell');
    expect(review).toMatch(/Retell API\s+Yes \(keys in the environment\)/);
    await choose(w, 'Continue: check these answers');
    const plan = await toPlan(w);
    expect(plan).toContain('At Exotel:');
    expect(plan).toContain("At Retell, through its API:");
    expect(plan).toMatch(/Import \+918012345678 into Retell|Create Retell/);
    expect(plan).toMatch(/and 1 at Retell/);
    await choose(w, 'Apply in the SANDBOX');
    const done = await waitForFrame(w.lastFrame, 'Set up on SANDBOX');
    // what exists on both sides, the partner's id included; nothing to paste at Retell
    expect(done).toMatch(/Trunk\s+trmum/);
    expect(done).toMatch(/Retell\s+phone number \+918012345678/);
    expect(done).toContain('Nothing to paste at Retell');
    expect(done).not.toMatch(/Retell dashboard → Phone Numbers → Import/i);
    expect(s.retell.state().numbers.map((n) => n.phone_number)).toEqual([DID]);
    const run = rig.engine.run('retell')!;
    expect(run.partner?.ids['phone-number']).toBe(DID);

    // drift behind exotrunk's back, at Retell, through its own SDK
    const retell = new Retell({ apiKey: s.retell.apiKey, baseURL: s.retell.url });
    await retell.phoneNumber.update(DID, { termination_uri: 'in.voip.exotel.com:5071' });
    await choose(w, 'Finish');
    await w.exit;
    w.unmount();

    const v = renderWizard(rig.engine);
    await choose(v, 'retell (outbound)');
    const menu = await waitForFrame(v.lastFrame, 'Verify retell against Exotel and Retell');
    expect(menu).toContain('Tear down retell (delete its Retell side, then its trunk)');
    await choose(v, 'Verify retell');
    const verify = await waitForFrame(v.lastFrame, 'r: repair retell');
    // the headline says which side differs, never "has drifted (0 items)"
    expect(verify).toMatch(/! retell: trunk trmum\w+ matches; Retell differs/);
    expect(verify).not.toContain('(0 items)');
    const all = await scrollAll(v);
    expect(all).toContain('against the Exotel trunk and the recipe');
    expect(all).toMatch(/✗ outbound address \(Exotel edge\)/);
    expect(all).toMatch(/Retell: in\.voip\.exotel\.com:5071/);
    expect(all).toMatch(/differs at Retell/);
    await press(v, 'r');
    const repair = await waitForFrame(v.lastFrame, /Plan for retell/);
    expect(repair).toContain('At Retell, through its API:');
    expect(repair).toMatch(/Apply: make this change at Retell|Apply in the SANDBOX/);
    await choose(v, 'Apply');
    await waitForFrame(v.lastFrame, 'Set up on SANDBOX');
    expect(s.retell.state().numbers[0]!.termination_uri).toBe('in.voip.exotel.com:5070');
    await choose(v, 'Finish');
    await v.exit;
    v.unmount();

    // drift at Exotel: the credential deleted behind exotrunk's back, through Exotel's API as a user with curl would
    const sid = rig.engine.run('retell')!.trunkSid!;
    const cred = rig.sandbox.state().accounts.uipartner1!.trunks[sid]!.credentials[0]!;
    const auth = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;
    const del = await fetch(`${rig.sandbox.url}/v2/accounts/uipartner1/trunks/${sid}/credentials?id=${cred.id}`, { method: 'DELETE', headers: { Authorization: auth } });
    expect(del.status).toBe(200);
    const x = renderWizard(rig.engine);
    await choose(x, 'retell (outbound)');
    await choose(x, 'Verify retell');
    const exo = flat(await waitForFrame(x.lastFrame, 'r: repair retell'));
    expect(exo).toMatch(/! retell: trunk trmum\w+ has drifted \(1 item\); Retell differs/);
    expect(exo).toMatch(/✗ digest username Exotel: .* expected retell_sip: differs at Exotel/);
    await press(x, 'r');
    const fix = await waitForFrame(x.lastFrame, /Plan for retell/);
    expect(fix).toContain('Create SIP digest credential retell_sip');
    await choose(x, 'Apply');
    await waitForFrame(x.lastFrame, 'Set up on SANDBOX');
    expect((await rig.engine.verify('retell')).inSync).toBe(true);
    await choose(x, 'Finish');
    await x.exit;
    x.unmount();

    const t = renderWizard(rig.engine);
    await choose(t, 'retell (outbound)');
    await choose(t, 'Tear down retell');
    const confirm = await waitForFrame(t.lastFrame, 'Yes, tear down retell');
    expect(confirm).toMatch(/First at Retell, through its API \(1 deletion\):/);
    expect(confirm).toMatch(/Then in the SANDBOX \(2 deletions\):/);
    expect(confirm.indexOf('First at Retell')).toBeLessThan(confirm.indexOf('Then in the SANDBOX'));
    expect(confirm).toMatch(/these 3 deletions: 1 at Retell, then 2 in the SANDBOX/);
    await choose(t, 'Yes, tear down retell');
    const gone = await waitForFrame(t.lastFrame, 'torn down');
    expect(flat(gone)).toMatch(/✓ retell torn down: Retell phone number "\+918012345678" \(\+918012345678\) deleted; trunk trmum\w+ deleted/);
    // the partner side was undone through its API: nothing left to undo there by hand
    expect(gone).not.toContain('At Retell AI: remove');
    expect(s.retell.state().numbers).toEqual([]);
    await press(t, 'q');
    t.unmount();
    expect(framesOf(w) + framesOf(v) + framesOf(t)).not.toContain(s.retell.apiKey);
  }, 60_000);

  it('ElevenLabs and LiveKit with keys in the environment: each side made through its API, the results listing its ids', async () => {
    rig = await sandboxRig('uipartner5', { partners: { env: partnerEnv(s), call: FAST } });
    const w = renderWizard(rig.engine);
    await pick(w, 'ElevenLabs');
    await answerQuestions(w, rig.engine.recipe('elevenlabs'), { direction: 'both', did: DID, el_agent_id: 'agent_sandbox' }, OFFER);
    const offer = await waitForFrame(w.lastFrame, 'Also import the number into ElevenLabs?');
    expect(offer).toMatch(/ELEVENLABS_API_KEY found in the environment: API 127\.0\.0\.1:\d+/);
    await press(w, ENTER);
    await choose(w, 'Continue: check these answers');
    const plan = await toPlan(w);
    expect(plan).toContain('At Exotel:');
    await choose(w, 'Apply in the SANDBOX');
    const done = await waitForFrame(w.lastFrame, 'Set up on SANDBOX');
    expect(done).toMatch(/ElevenLabs\s+phone number \S+/);
    expect(done).toContain('Nothing to paste at ElevenLabs');
    expect(s.elevenlabs.state().numbers.map((n) => n.phone_number)).toEqual([DID]);
    await press(w, 'q');
    await w.exit;
    w.unmount();

    const l = renderWizard(rig.engine);
    await choose(l, 'Set up a new partner');
    await pick(l, 'LiveKit Cloud');
    await answerQuestions(l, rig.engine.recipe('livekit'), { direction: 'both', did: '+918012345679', livekit_subdomain: 'abc123', livekit_agent_name: 'exotel-agent' }, OFFER);
    await waitForFrame(l.lastFrame, 'Also create the LiveKit trunks?');
    await press(l, ENTER);
    await choose(l, 'Continue: check these answers');
    await toPlan(l);
    await choose(l, 'Apply in the SANDBOX');
    const lk = await waitForFrame(l.lastFrame, 'Set up on SANDBOX');
    expect(lk).toMatch(/LiveKit\s+outbound trunk ST_\w+/);
    expect(lk).toMatch(/LiveKit\s+inbound trunk ST_\w+/);
    expect(lk).toMatch(/LiveKit\s+dispatch rule SDR_\w+/);
    const st = s.livekit.state();
    expect([st.outbound.length, st.inbound.length, st.dispatchRules.length]).toEqual([1, 1, 1]);
    await press(l, 'q');
    await l.exit;
    expect(framesOf(w) + framesOf(l)).not.toContain(s.elevenlabs.apiKey);
  }, 60_000);

  it('declining with keys set: no partner steps, nothing made at LiveKit, the config to paste', async () => {
    rig = await sandboxRig('uipartner2', { partners: { env: partnerEnv(s), call: FAST } });
    const w = renderWizard(rig.engine);
    await pick(w, 'LiveKit Cloud');
    await answerQuestions(w, rig.engine.recipe('livekit'), { direction: 'outbound', did: DID, livekit_subdomain: 'abc123' }, OFFER);
    const offer = await waitForFrame(w.lastFrame, 'Also create the LiveKit trunks?');
    expect(offer).toMatch(/LIVEKIT_API_KEY found in the environment: project 127\.0\.0\.1:\d+/);
    await choose(w, 'No: render the LiveKit config to paste');
    const review = await waitForFrame(w.lastFrame, 'Review: LiveKit');
    expect(review).toMatch(/LiveKit API\s+No: config to paste/);
    await choose(w, 'Continue: check these answers');
    const plan = await toPlan(w);
    expect(plan).not.toContain('At LiveKit');
    expect(plan).not.toMatch(/twirp/);
    await choose(w, 'Apply in the SANDBOX');
    const done = await waitForFrame(w.lastFrame, 'Set up on SANDBOX');
    // the config to paste: step 1 says how to use the rendered files (not "nothing to paste at LiveKit")
    expect(done).toMatch(/Use the configs[\s\S]*as follows/);
    expect(done).not.toMatch(/Nothing to paste at LiveKit/);
    const st = s.livekit.state();
    expect(st.outbound.length + st.inbound.length + st.dispatchRules.length).toBe(0);
    expect(rig.engine.run('livekit')!.partner).toBeUndefined();
    await press(w, 'q');
  }, 60_000);

  it('keys typed hidden: a wrong shape is refused by name, the key never shows, and it is kept only in the 0600 profile once Retell accepts it', async () => {
    await saveProfile('default', { accountSid: 'uipartner3', apiToken: 'tok-profile' });
    // no key anywhere: only where the stand-in listens
    rig = await sandboxRig('uipartner3', { partners: { env: { RETELL_BASE_URL: s.retell.url }, call: FAST, profile: 'default' } });
    const w = renderWizard(rig.engine);
    await pick(w, 'Retell AI');
    await answerQuestions(w, rig.engine.recipe('retell'), RETELL, OFFER);
    const offer = await waitForFrame(w.lastFrame, "Retell's API keys are not set (RETELL_API_KEY)");
    expect(offer).toMatch(/❯ No: render the Retell config to paste/); // without keys, paste stays the default
    await choose(w, 'Enter the Retell API keys');
    await waitForFrame(w.lastFrame, 'Retell API key (dashboard → API Keys), hidden');
    w.stdin.write('not-a-key');
    await waitForFrame(w.lastFrame, 'RETELL_API_KEY: *********');
    await press(w, ENTER);
    const refused = await waitForFrame(w.lastFrame, 'does not look like a Retell key');
    expect(refused).toContain('RETELL_API_KEY does not look like a Retell key');
    w.stdin.write(s.retell.apiKey);
    await waitForFrame(w.lastFrame, `RETELL_API_KEY: ${'*'.repeat(s.retell.apiKey.length)}`);
    await press(w, ENTER);
    const keep = await waitForFrame(w.lastFrame, 'Keep the Retell keys in profile default');
    expect(flat(keep)).toContain('readable only by you');
    await choose(w, 'Yes, keep them in profile default');
    const review = await waitForFrame(w.lastFrame, 'Review: Retell');
    expect(review).toMatch(/Retell API\s+Yes \(keys typed here\)/);
    await choose(w, 'Continue: check these answers');
    await toPlan(w);
    // Retell accepted the key (the plan's first read): kept in the profile, 0600, and nowhere else
    const file = join(profiles, 'profiles.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).default.partners).toEqual({ RETELL_API_KEY: s.retell.apiKey });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await choose(w, 'Apply in the SANDBOX');
    await waitForFrame(w.lastFrame, 'Set up on SANDBOX');
    await press(w, 'q');
    await w.exit;
    expect(framesOf(w)).not.toContain(s.retell.apiKey);
    expect(w.left().farewell.join('\n')).not.toContain(s.retell.apiKey);
    for (const f of ['state.json', 'secrets.json']) {
      const p = join(rig.dir, f);
      if (existsSync(p)) expect(readFileSync(p, 'utf8'), f).not.toContain(s.retell.apiKey);
    }
    expect(s.retell.state().numbers.map((n) => n.phone_number)).toEqual([DID]);

    // the next session finds them in the profile
    const next = new (rig.engine.constructor as typeof import('../../src/core/engine/engine.js').Engine)({ client: rig.engine.client, mode: 'sandbox', region: 'in', statePath: join(rig.dir, 'other-state.json'), partners: { env: { RETELL_BASE_URL: s.retell.url }, call: FAST, profile: 'default' } });
    expect(next.partners.offer('retell')).toMatchObject({ source: 'profile', found: ['RETELL_API_KEY'], profile: 'default' });
  }, 60_000);

  it('a key the partner refuses: the error screen says what happened, why and the fix, with Retell\'s own words, and nothing was sent to Exotel', async () => {
    const wrong = 'key_wrongwrongwrong00000000';
    rig = await sandboxRig('uipartner4', { partners: { env: { RETELL_BASE_URL: s.retell.url, RETELL_API_KEY: wrong }, call: FAST } });
    const w = renderWizard(rig.engine);
    await pick(w, 'Retell AI');
    await answerQuestions(w, rig.engine.recipe('retell'), RETELL, OFFER);
    await waitForFrame(w.lastFrame, 'RETELL_API_KEY found in the environment');
    await press(w, ENTER);
    await choose(w, 'Continue: check these answers');
    await waitForFrame(w.lastFrame, 'see the plan');
    await press(w, ENTER);
    const err = flat(await waitForFrame(w.lastFrame, 'Likely cause:'));
    expect(err).toMatch(/Retell refused .*\(HTTP 401\)/);
    expect(err).toContain("Retell said: \"The authorization header must be in the format of 'Bearer <YOUR-API-KEY>'\"");
    expect(err).toContain('Nothing was sent to Exotel.');
    expect(err).toMatch(/Likely cause: Retell did not accept the API credentials/);
    expect(err).toMatch(/What to do: Check RETELL_API_KEY/);
    expect(framesOf(w)).not.toContain(wrong);
    expect(Object.keys(rig.sandbox.state().accounts.uipartner4?.trunks ?? {})).toEqual([]);
    await press(w, 'q');
  }, 60_000);
});

/** A frame's text with the wrapping undone and Ink's inverse marks dropped, to match sentences. */
const flat = (f: string) => f.replace(/\u001b\[\d+m/g, '').replace(/\s*\n\s*/g, ' ');

/** Every line of a scrolling screen: PgDn until the bottom. */
async function scrollAll(w: Io): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    const f = w.lastFrame() ?? '';
    seen.push(f);
    if (!/↓ \d+ more lines/.test(f)) break;
    await press(w, '\u001b[6~');
  }
  return seen.join('\n');
}
