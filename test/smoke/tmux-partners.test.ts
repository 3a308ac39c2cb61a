/**
 * Both sides in a real terminal (issue 17): tmux runs the built wizard at 80×24 against `exotrunk sandbox
 * --partners` (the Exotel sandbox and the LiveKit, ElevenLabs and Retell stand-ins, a process of its own), the
 * way a user would see it: the partner-API offer after the questions, the plan with both sides, the results
 * naming the partner's resources, verify finding drift made at LiveKit through its own SDK and repairing it from
 * the verify screen, the teardown confirmation listing both sides. Then a Retell key typed into the wizard:
 * never on screen or in any byte the wizard wrote, kept only in the 0600 profile.
 *
 * EXOTRUNK_TMUX_SCREENS=DIR keeps each captured screen there as text (the closing note shows them).
 */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SipClient } from 'livekit-server-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandboxProc, TOKEN, type SandboxProc } from '../e2e/helpers.js';
import { tmuxDriver } from './tmux.js';

const SESSION = `exotrunk-partners-${process.pid}`;
const driver = tmuxDriver(SESSION, { timeoutMs: 20_000 });
const { tmux, screen, waitFor, type, key, acceptDefaults, answer, liveKitQuestions, kill } = driver;

/** PgDn, then the screen once it has moved (or after 3 s, at the bottom). */
async function pageDown(): Promise<string> {
  const before = screen();
  await key('PageDown');
  const until = Date.now() + 3000;
  let now = screen();
  while (now === before && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    now = screen();
  }
  return now;
}

/** The screen as the user sees it, kept when EXOTRUNK_TMUX_SCREENS is set. */
function keep(name: string, s: string): string {
  const dir = process.env.EXOTRUNK_TMUX_SCREENS;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.txt`), s);
  }
  return s;
}

function launch(dir: string, env: Record<string, string>): string {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
  return driver.launch(dir, 80, 24, `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN -u EXOTEL_BASE_URL -u LIVEKIT_URL -u LIVEKIT_API_KEY -u LIVEKIT_API_SECRET -u ELEVENLABS_API_KEY -u RETELL_API_KEY NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')} ${vars}`);
}

function expectFits(s: string): void {
  const lines = s.replace(/\n$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(80);
}

/** The Exotel side of the sandbox process, as a LOCAL server (its base URL on loopback). */
const local = (sb: SandboxProc) => ({ EXOTEL_BASE_URL: sb.url, EXOTEL_ACCOUNT_SID: 'acc1', EXOTEL_API_KEY: 'sandbox', EXOTEL_API_TOKEN: TOKEN });

describe('both sides in a real terminal (tmux, 80×24)', () => {
  let sb: SandboxProc | undefined;
  afterEach(async () => {
    kill();
    await sb?.stop();
    sb = undefined;
  });

  it('LiveKit: the offer, both sides in the plan, the results, drift at LiveKit found by verify and repaired from it, teardown listing both sides', async () => {
    expect(() => tmux('-V'), 'tmux is missing: apt-get install tmux (.ci/run does it)').not.toThrow();
    sb = await startSandboxProc(['--partners']);
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-partners-'));
    const log = launch(dir, { ...local(sb), ...sb.env });

    await liveKitQuestions();
    const offer = keep('1-offer', await waitFor('Also create the LiveKit trunks?'));
    expectFits(offer);
    expect(offer).toMatch(/LIVEKIT_API_KEY found in the environment: project 127\.0\.0\.1:\d+\./);
    expect(offer).toMatch(/❯ Yes: set it up through LiveKit's API/);
    await key('Enter');
    const review = await waitFor('Review: LiveKit');
    expect(review).toMatch(/LiveKit API\s+Yes \(keys in the environment\)/);
    await key('Enter');
    await waitFor('see the plan');
    await key('Enter');
    const plan = keep('2-plan', await waitFor(/Apply: make these 8 changes/));
    expectFits(plan);
    expect(plan).toMatch(/Plan for livekit \(both\)/);
    expect(plan).toContain('At Exotel:');
    let rest = '';
    for (let i = 0; i < 4; i++) rest += await pageDown();
    keep('2b-plan-partner-steps', rest);
    expect(rest).toContain('At LiveKit, through its API:');
    expect(rest).toMatch(/Create LiveKit outbound trunk "Exotel livekit"/);
    expect(rest).toMatch(/Create LiveKit dispatch rule/);
    expect(rest).toMatch(/Plan: 7 to create, 1 to change \(5 at Exotel, 3 at LiveKit\)/);
    await key('Enter'); // apply
    const results = keep('3-results', await waitFor('View a config', 30_000));
    expectFits(results);
    expect(results).toMatch(/✓ Set up on LOCAL http:\/\/127\.0\.0\.1:\d+: LiveKit Cloud/);
    expect(results).toMatch(/LiveKit\s+outbound trunk ST_\w+/);
    expect(results).toMatch(/LiveKit\s+inbound trunk ST_\w+/);
    expect(results).toMatch(/LiveKit\s+dispatch rule SDR_\w+/);
    expect(results).toContain('Nothing to paste at LiveKit');
    await key('q');
    await waitFor(/EXIT=0/);
    tmux('kill-session', '-t', SESSION);

    // drift at LiveKit behind exotrunk's back, through LiveKit's own SDK
    const state = JSON.parse(readFileSync(join(dir, '.exotrunk', 'state.json'), 'utf8'));
    const run = Object.values(state.runs as Record<string, { partner: { ids: Record<string, string> } }>)[0]!;
    const sip = new SipClient(sb.env.LIVEKIT_URL!, sb.env.LIVEKIT_API_KEY!, sb.env.LIVEKIT_API_SECRET!);
    await sip.updateSipOutboundTrunkFields(run.partner.ids['outbound-trunk']!, { address: 'in.voip.exotel.com:5071' } as never);

    launch(dir, { ...local(sb), ...sb.env });
    await waitFor('Already set up here');
    await key('Down');
    await key('Enter');
    const menu = await waitFor('Verify livekit against Exotel and LiveKit');
    expect(menu).toContain('Tear down livekit (delete its LiveKit side, then its trunk)');
    await key('Enter');
    const verify = keep('4-verify', await waitFor('r: repair livekit'));
    expectFits(verify);
    expect(verify).toMatch(/! livekit: trunk trmum\w+ matches; LiveKit differs/);
    expect(verify).not.toContain('(0 items)');
    let rows = '';
    for (let i = 0; i < 4; i++) rows += await pageDown();
    keep('4b-verify-partner-rows', rows);
    // what differs is on the first screen, right under the headline
    expect(verify).toMatch(/✗ outbound address \(Exotel edge\)/);
    expect(verify).toMatch(/LiveKit: in\.voip\.exotel\.com:5071 tcp/);
    expect(verify).toMatch(/differs at LiveKit/);
    expect(rows).toMatch(/✓ trunk\s+trmum\w+ exists/);
    await key('r');
    const repair = keep('5-repair-plan', await waitFor('Apply: make this change at LiveKit'));
    expect(repair).toMatch(/Update LiveKit outbound trunk "Exotel livekit"/);
    await key('Enter');
    await waitFor('View a config', 30_000);
    expect((await sip.listSipOutboundTrunk())[0]!.address).toBe('in.voip.exotel.com:5070');
    await key('q');
    await waitFor(/EXIT=0/);
    tmux('kill-session', '-t', SESSION);

    launch(dir, { ...local(sb), ...sb.env });
    await waitFor('Already set up here');
    await key('Down');
    await key('Enter');
    await waitFor('Tear down livekit');
    for (let i = 0; i < 3; i++) await key('Down');
    await waitFor(/❯ Tear down livekit/);
    await key('Enter');
    const confirm = keep('6-teardown-confirm', await waitFor('Yes, tear down livekit'));
    expectFits(confirm);
    expect(confirm).toMatch(/First at LiveKit, through its API \(3 deletions\):/);
    expect(confirm).toMatch(/Then on the LOCAL server http:\/\/127\.0\.0\.1:\d+ \(2 deletions\):/);
    expect(confirm).not.toContain('real Exotel account');
    expect(confirm).toMatch(/❯ No, keep it/);
    await key('Down');
    await key('Enter');
    const gone = keep('7-torn-down', await waitFor('torn down'));
    expect(gone.replace(/\s+/g, ' ')).toMatch(/LiveKit outbound trunk "Exotel livekit" \(ST_\w+\) deleted; trunk trmum\w+ deleted/);
    expect(gone).not.toContain('At LiveKit Cloud (SIP trunk): remove');
    const st = await sip.listSipOutboundTrunk();
    expect(st).toEqual([]);
    const bytes = readFileSync(log, 'latin1');
    expect(bytes.includes('\u001b[2J'), 'clear screen sent').toBe(false);
  }, 180_000);

  it('a Retell key typed into the wizard: masked, in no byte the wizard wrote, kept only in the 0600 profile', async () => {
    sb = await startSandboxProc(['--partners']);
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-partners-key-'));
    // a saved profile (the LOCAL Exotel sandbox) to keep the key in; the Retell key is in no variable
    writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ default: { accountSid: 'acc1', apiKey: 'sandbox', apiToken: TOKEN, baseUrl: sb.url } }), { mode: 0o600 });
    const key1 = sb.env.RETELL_API_KEY!;
    const log = launch(dir, { RETELL_BASE_URL: sb.env.RETELL_BASE_URL! });
    await waitFor('Which Voice AI partner');
    await key('Down', 'Down');
    await waitFor(/❯ Retell/);
    await key('Enter');
    await waitFor('Which calls should flow through Exotel');
    await key('Up', 'Up');
    await waitFor(/❯ Outbound/);
    await key('Enter');
    await waitFor('Trunk name');
    await key('Enter');
    await answer('E.164', '+918012345678');
    await acceptDefaults('Exotel SIP edge the partner dials', 'Transport toward the Exotel edge', 'caller ID');
    await answer('Retell agent id', 'agent_sandbox');
    await acceptDefaults('Nickname', 'SIP digest username', 'Generate a strong password');
    const offer = keep('8-offer-no-keys', await waitFor("Retell's API keys are not set"));
    expect(offer).toMatch(/❯ No: render the Retell config to paste/);
    await key('Down');
    await key('Enter');
    await waitFor('RETELL_API_KEY:');
    await type(key1);
    const typing = keep('9-key-typed', await waitFor(`RETELL_API_KEY: ${'*'.repeat(key1.length)}`));
    expect(typing).not.toContain(key1);
    await key('Enter');
    await waitFor('Keep the Retell keys in profile default');
    await key('Enter');
    await waitFor('Review: Retell');
    await key('Enter');
    await waitFor('see the plan');
    await key('Enter');
    await waitFor(/Apply: make these \d+ changes/);
    await key('Enter');
    await waitFor('View a config', 30_000);
    await key('q');
    await waitFor(/EXIT=0/);
    // every byte the wizard wrote to the terminal, the journal and the secrets file: never the key
    expect(readFileSync(log, 'latin1')).not.toContain(key1);
    for (const f of ['state.json', 'secrets.json']) expect(readFileSync(join(dir, '.exotrunk', f), 'utf8'), f).not.toContain(key1);
    const profiles = join(dir, 'profiles.json');
    expect(JSON.parse(readFileSync(profiles, 'utf8')).default.partners).toEqual({ RETELL_API_KEY: key1 });
    expect(statSync(profiles).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.exotrunk', 'state.json')).mode & 0o777).toBe(0o600);
  }, 120_000);
});
