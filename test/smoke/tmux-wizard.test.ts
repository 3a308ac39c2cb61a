/**
 * The built binary in a real terminal: tmux runs `node dist/cli.js`, send-keys types, capture-pane reads the
 * screen, pipe-pane records every byte the wizard writes. Whole recipes from the first screen to the results,
 * then the state and the rendered files on disk are checked; the results at 80×24, Ctrl-C during a slow apply,
 * and a resize. tmux is installed by .ci/run when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSandboxProc, TOKEN, type SandboxProc } from '../e2e/helpers.js';
import { CLI, tmuxDriver } from './tmux.js';

const SESSION = `exotrunk-smoke-${process.pid}`;
const { tmux, screen, waitFor, type, key, acceptDefaults, answer, launch, liveKitQuestions, kill } = tmuxDriver(SESSION);
/** The screen and the scrollback, soft-wrapped lines joined back (what a copy from the terminal gives). */
const history = () => tmux('capture-pane', '-pJt', SESSION, '-S', '-2000');
/** The history with the lines the wizard wrapped itself (continuations hang indented) joined back into sentences. */
const prose = () => history().replace(/\n {2,}(?=\S)/g, ' ');

/** Ink clears the whole screen (and the scrollback) when a frame is as tall as the terminal: never here. */
function expectNoClears(log: string): void {
  const bytes = readFileSync(log, 'latin1');
  expect(bytes.length).toBeGreaterThan(100);
  expect(bytes.includes('\u001b[2J'), 'clear screen sent').toBe(false);
  expect(bytes.includes('\u001b[3J'), 'clear scrollback sent').toBe(false);
}

/** No screen line is wider than the terminal, and the frame never uses the last row. */
function expectFits(s: string, cols: number, rows: number): void {
  const lines = s.replace(/\n$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(cols);
  expect(lines.at(-1)?.trim() ?? '', 'the last row stays free').toBe('');
}

const BASE_ENV = (dir: string) => `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN -u EXOTEL_BASE_URL -u LIVEKIT_API_KEY -u ELEVENLABS_API_KEY -u RETELL_API_KEY NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')}`;

/** The wizard with no Exotel credentials in a fresh folder (exotrunk-tmux-<tag>-…), past "Continue in the SANDBOX". */
async function launchInSandbox(tag: string, cols: number, rows: number): Promise<{ dir: string; log: string }> {
  const dir = mkdtempSync(join(tmpdir(), tag ? `exotrunk-tmux-${tag}-` : 'exotrunk-tmux-'));
  const log = launch(dir, cols, rows, BASE_ENV(dir));
  await waitFor('Continue in the SANDBOX');
  await key('Enter');
  return { dir, log };
}

/** LiveKit, both directions, every default: from the partner list to the plan. */
async function livekitToPlan(confirm = 'Apply in the SANDBOX'): Promise<string> {
  await liveKitQuestions();
  // the partner's API, offered after the questions: without keys, the config to paste is the default
  await acceptDefaults('Also create the LiveKit trunks?');
  await waitFor('Review: LiveKit');
  await key('Enter');
  await waitFor('see the plan');
  await key('Enter');
  return waitFor(confirm);
}

describe('wizard in a real terminal (tmux)', () => {
  let sb: SandboxProc | undefined;
  afterEach(async () => {
    kill();
    await sb?.stop();
    sb = undefined;
  });
  afterAll(async () => sb?.stop());

  it('walks Retell outbound from the first screen to paste-ready config', async () => {
    expect(() => tmux('-V'), 'tmux is missing: apt-get install tmux (.ci/run does it)').not.toThrow();
    const { dir } = await launchInSandbox('', 100, 50);
    await waitFor('Which Voice AI partner');
    await key('Down', 'Down'); // one chunk: two rows
    await waitFor(/❯ Retell/);
    await key('Enter');
    await waitFor('Which calls should flow through Exotel');
    await key('Up', 'Up');
    await waitFor(/❯ Outbound/);
    await key('Enter');
    await waitFor('Trunk name');
    await key('Enter'); // the default
    await waitFor('E.164');
    await type('02247790801');
    await waitFor(/has no country code: add it, as in \+912247790801/); // validated as it is typed
    for (let i = 0; i < 11; i++) await key('BSpace');
    tmux('send-keys', '-t', SESSION, '+918012345678', 'Enter'); // a paste with its Enter in one chunk
    await waitFor('Exotel SIP edge the partner dials');
    await key('Enter');
    await waitFor('Transport toward the Exotel edge');
    await key('Enter');
    await waitFor('caller ID');
    await key('Enter');
    await waitFor('Retell agent id');
    await key('Enter'); // empty: refused with a message, nothing lost
    await answer(/is required/, 'agent_smoke01');
    await waitFor('Nickname');
    await key('Escape'); // back one question: the agent id is asked again
    await answer('Retell agent id', 'agent_smoke01');
    await waitFor('Nickname');
    await key('Enter');
    await waitFor('SIP digest username');
    await key('Enter');
    await waitFor('Generate a strong password');
    await key('Enter');
    const offer = await waitFor('Also import the number into Retell?');
    expect(offer).toMatch(/❯ No: render the Retell config to paste/); // no keys: paste, as before
    await key('Enter');
    const review = await waitFor('Review: Retell');
    expect(review).toMatch(/Exotel phone number.*\+918012345678/);
    await key('Enter');
    const auth = await waitFor('see the plan');
    expect(auth).toMatch(/digest/i);
    expect(auth).toMatch(/18\.98\.16\.120\/30/); // Retell's published ranges, and why they mean digest
    await key('Enter');
    const plan = await waitFor('Apply in the SANDBOX');
    expect(plan).toMatch(/Create trunk/);
    expect(plan).toMatch(/Plan: \d to create/);
    await key('Enter');
    const results = await waitFor('View a config', 30_000);
    expect(results).toMatch(/Set up on SANDBOX: Retell AI.*outbound calls/);
    expect(results).toMatch(/exotrunk verify retell/);
    await key('Enter'); // View a config
    await waitFor('Which config?');
    await key('Down');
    await waitFor(/❯ retell-import-phone-number\.json/);
    await key('Enter');
    const view = await waitFor('Paste:');
    expect(view).toMatch(/"sip_trunk_auth_password": "•+"/); // masked until the user presses r
    await key('Escape');
    await key('Escape');
    await waitFor('View a config');
    await key('q');
    // what stays in the terminal afterwards: the summary, the files, the next command
    await waitFor(/EXIT=0/);
    const final = history();
    expect(final).toMatch(/✓ Set up on SANDBOX: Retell AI.*outbound calls/);
    expect(final).toMatch(/Trunk\s+trmum/);
    expect(final).toMatch(/\.exotrunk\/out\/retell\/\S+/);
    expect(final).toMatch(/Next steps:/);
    expect(final).toMatch(/Check the trunk: exotrunk verify retell/);

    const state = JSON.parse(readFileSync(join(dir, '.exotrunk', 'state.json'), 'utf8'));
    const run = state.runs['sandbox/retell'];
    expect(run.direction).toBe('outbound');
    expect(run.trunkSid).toMatch(/^trmum/);
    expect(Object.keys(run.resources.numbers)).toEqual(['+918012345678']);
    expect(run.resources.credential.userName).toBeTruthy();
    const body = join(dir, '.exotrunk', 'out', 'retell');
    expect(existsSync(body)).toBe(true);
    const files = execFileSync('ls', [body], { encoding: 'utf8' }).trim().split('\n');
    const withSecret = files.map((f) => join(body, f)).filter((f) => readFileSync(f, 'utf8').includes('sip_trunk_auth_password'));
    expect(withSecret.length).toBeGreaterThan(0);
    for (const f of withSecret) expect(statSync(f).mode & 0o777).toBe(0o600);
  }, 90_000);

  it('at 80×24: the results fit one screen, configs open in the viewer unwrapped, p prints one raw; nothing clears the screen', async () => {
    const { dir, log } = await launchInSandbox('80', 80, 24);
    const plan = await livekitToPlan();
    expectFits(plan, 80, 24);
    await key('PageDown'); // the plan scrolls inside the screen
    expect(await waitFor(/↑ \d+ more lines/)).toContain('Plan: 4 to create, 1 to change.');
    await key('Enter');

    const results = await waitFor('View a config', 30_000);
    expectFits(results, 80, 24);
    // on the first screen: success, what exists, the next steps
    expect(results).toMatch(/✓ Set up on SANDBOX: LiveKit Cloud/);
    expect(results).toMatch(/Trunk\s+trmum\w+ \(livekit\)/);
    expect(results).toMatch(/Number\s+\+918012345678/);
    expect(results).toMatch(/Credential\s+username livekit_sip/);
    expect(results).toMatch(/Destination\s+sip:abc123\.india\.sip\.livekit\.cloud:5061;transport=tls/);
    expect(results).toMatch(/Next steps/);
    const sid = /Trunk\s+(trmum\w+)/.exec(results)![1]!;
    for (let i = 0; i < 4 && !screen().includes(`sip:${sid}`); i++) await key('PageDown');
    expect(await waitFor(`sip:${sid}`)).not.toContain('<trunk_sid>'); // the Flow step names the real trunk

    await key('Enter'); // View a config
    await waitFor('Which config?');
    for (let i = 0; i < 3; i++) await key('Down');
    await waitFor(/❯ livekit-commands\.sh/);
    await key('Enter');
    const view = await waitFor('File: .exotrunk/out/livekit/livekit-commands.sh');
    expectFits(view, 80, 24);
    const file = readFileSync(join(dir, '.exotrunk', 'out', 'livekit', 'livekit-commands.sh'), 'utf8');
    const long = file.split('\n').find((l) => l.length > 79)!;
    expect(long, 'the commands file has a line wider than the screen').toBeTruthy();
    // a wide line is cut with », never wrapped onto a line of its own
    expect(view).toContain(`${long.slice(0, 20)}`);
    expect(view).toMatch(/»$/m);
    expect(view).toMatch(/columns 1–\d+ of \d+: ←\/→ scroll sideways/);
    await key('Right');
    await waitFor(/columns \d{2,}–\d+ of/);
    await key('p'); // print it as it is and finish
    await waitFor(/EXIT=0/);
    const after = history();
    expect(after).toContain('── LiveKit CLI commands, in order: .exotrunk/out/livekit/livekit-commands.sh');
    // the printed config is the file, line for line (the terminal's own soft wrap joined back)
    const printed = after.slice(after.indexOf('── LiveKit CLI commands'));
    for (const line of file.trimEnd().split('\n').filter((l) => l.trim())) expect(printed).toContain(line);
    expect(after).toMatch(/✓ Set up on SANDBOX: LiveKit Cloud/);
    expectNoClears(log);
  }, 120_000);

  it('Ctrl-C during a slow apply: the calls in flight finish, and the resume line stays in the terminal', async () => {
    sb = await startSandboxProc(['--latency-ms', '1500']);
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-int-'));
    const creds = `EXOTEL_BASE_URL=${sb.url} EXOTEL_ACCOUNT_SID=acme2 EXOTEL_API_KEY=sandbox EXOTEL_API_TOKEN=${TOKEN}`;
    const log = launch(dir, 80, 24, `env -u CI NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')} ${creds}`);
    const first = await waitFor('Which Voice AI partner');
    expect(first).toMatch(/LOCAL http:\/\/127\.0\.0\.1:\d+ a server on this machine/); // not "your real Exotel account"
    const plan = await livekitToPlan('Apply: make these'); // LOCAL: the confirmation names the server
    expect(plan).toMatch(/Apply: make these 5 changes on the LOCAL server http:\/\/127\.0\.0\.1:\d+/);
    await key('Enter');
    await waitFor(/Applying livekit: 0\/5 steps done/);
    await key('C-c');
    await waitFor('Stopping: waiting for the calls in flight');
    await waitFor(/EXIT=130/, 30_000);
    await key('Enter'); // a key after the wizard has gone erases nothing
    const after = prose();
    expect(after).toMatch(/Stopped: \d of 5 steps done; the state is saved after each one\./);
    expect(after).toContain('Resume with: exotrunk apply livekit (it reads the trunk first and never creates a duplicate)');
    const state = JSON.parse(readFileSync(join(dir, '.exotrunk', 'state.json'), 'utf8'));
    const run = Object.values(state.runs as Record<string, { trunkSid?: string; appliedAt?: string }>)[0]!;
    expect(run.appliedAt).toBeUndefined();
    expectNoClears(log);
  }, 120_000);

  it('a resize lays the screen out again within the new size', async () => {
    const { log } = await launchInSandbox('rs', 120, 40);
    const wide = await livekitToPlan();
    expect(wide).not.toMatch(/↓ \d+ more lines/); // all of the plan fits 120×40
    tmux('resize-window', '-t', SESSION, '-x', '70', '-y', '20');
    const narrow = await waitFor(/↓ \d+ more lines/);
    expectFits(narrow, 70, 20);
    expect(narrow).toContain('Apply in the SANDBOX');
    tmux('resize-window', '-t', SESSION, '-x', '100', '-y', '30');
    await waitFor(/Quit without changing anything/);
    await key('Up'); // Quit
    await key('Enter');
    await waitFor(/EXIT=0/);
    expect(prose()).toMatch(/Nothing changed at Exotel; the \d+ answers given here were not saved\. Start again with: exotrunk wizard livekit/);
    expectNoClears(log);
  }, 120_000);

  it('with Exotel credentials in the environment: LIVE from the first screen, the plan names the account, verify agrees', async () => {
    // A sandbox process stands in for api.exotel.com: on loopback the header says LOCAL, the path is LIVE's.
    sb = await startSandboxProc();
    const live = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-live-'));
    const creds = `EXOTEL_BASE_URL=${sb.url} EXOTEL_ACCOUNT_SID=acme1 EXOTEL_API_KEY=sandbox EXOTEL_API_TOKEN=${TOKEN}`;
    launch(live, 100, 50, `env -u CI NO_COLOR=1 EXOTRUNK_PROFILES=${join(live, 'profiles.json')} ${creds}`);

    const first = await waitFor('Which Voice AI partner'); // no sandbox-or-live question: credentials are there
    expect(first).toMatch(/LOCAL http:\/\/127\.0\.0\.1:\d+ a server on this machine \(account acme1\)/);
    await key('Up'); // wraps to the last row
    await waitFor(/❯ Your own PBX/);
    await key('Enter');
    await waitFor(/❯ Both directions/);
    await key('Enter');
    await waitFor('Trunk name');
    await key('Enter');
    await answer('E.164', '+918012340001');
    await acceptDefaults('Exotel SIP edge', 'Transport toward the Exotel edge', 'caller ID', 'Also require SIP digest');
    await answer('Static public IPs', '44.248.146.11');
    await answer('Public host name or IP', '44.248.146.11');
    await acceptDefaults('SIP port on your PBX', 'Transport from Exotel to your PBX', 'dialplan context', 'Review: ');
    const auth = await waitFor('see the plan');
    expect(auth).toMatch(/IP whitelist \(ACL\): 44\.248\.146\.11/);
    expect(auth.match(/mask 32|\/32/g)?.length ?? 0, 'the auth screen says /32 once').toBeLessThanOrEqual(1);
    await key('Enter');
    const plan = await waitFor(/❯ Apply: make these 5 changes on the LOCAL server/);
    expect(plan).toMatch(/Whitelist 44\.248\.146\.11\/32[\s\S]*Add destination sip:44\.248\.146\.11:5060;transport=tcp/); // ACL before the IP destination
    expect(plan).not.toContain('SANDBOX');
    await key('Enter');
    await waitFor('View a config', 30_000);
    await key('q');
    await waitFor(/EXIT=0/);
    const results = history();
    expect(results).toMatch(/Check the trunk: exotrunk verify own-pbx/);
    expect(results).not.toContain(TOKEN);

    const state = JSON.parse(readFileSync(join(live, '.exotrunk', 'state.json'), 'utf8'));
    const run = Object.entries(state.runs as Record<string, { trunkSid: string }>).find(([k]) => k.startsWith('live:') && k.endsWith('/own-pbx'));
    expect(run, Object.keys(state.runs).join(', ')).toBeTruthy();
    expect(readFileSync(join(live, '.exotrunk', 'state.json'), 'utf8')).not.toContain(TOKEN);
    const writes = (await sb.requests()).filter((r: { method: string; path: string }) => r.method !== 'GET' && r.path.startsWith('/v2/accounts/acme1/'));
    expect(writes.map((r: { path: string }) => r.path.split('/').pop()).sort()).toEqual(['destination-uris', 'phone-numbers', 'settings', 'trunks', 'whitelisted-ips']);
    // the same account, headless: nothing drifted
    const verify = execFileSync('bash', ['-c', `${creds} node ${CLI} verify own-pbx --json; echo EXIT=$?`], { cwd: live, encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(verify).toMatch(/"inSync": true/);
    expect(verify).toMatch(/EXIT=0/);
  }, 90_000);

  it('headless apply on a terminal shows what is in flight; profile save asks, hides the token and checks it', async () => {
    sb = await startSandboxProc(['--latency-ms', '1200']);
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-cli-'));
    const profiles = join(dir, 'profiles.json');
    const env = `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN NO_COLOR=1 EXOTRUNK_PROFILES=${profiles} EXOTEL_BASE_URL=${sb.url}`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-c', dir, `${env} node ${CLI} profile save work; echo EXIT=$?; sleep 60`);
    await answer('Account SID:', 'acme3');
    await answer('API key (Enter: the account SID):', 'sandbox');
    await waitFor('API token (not shown as you type):');
    await type(TOKEN);
    const typing = screen();
    expect(typing).not.toContain(TOKEN); // not echoed
    await key('Enter');
    await waitFor('[in]:');
    await key('Enter');
    await waitFor(/EXIT=0/, 20_000);
    const saved = history();
    expect(saved).toContain('Checking the credentials with one read');
    expect(saved).toMatch(/✓ Profile work saved to .*Exotel accepted the credentials/);
    expect(saved).not.toContain(TOKEN);
    expect(JSON.parse(readFileSync(profiles, 'utf8')).work).toMatchObject({ accountSid: 'acme3', apiKey: 'sandbox', region: 'in' });
    tmux('kill-session', '-t', SESSION);

    // the profile is not the one in use yet: name it; a slow API shows the calls in flight on stderr
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-c', dir, `${env} node ${CLI} apply retell --profile work --set direction=outbound --set did=+918012345678 --set retell_agent_id=agent_tty1 --yes; echo EXIT=$?; sleep 60`);
    const flight = await waitFor(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] \d in flight: Create trunk retell/, 20_000);
    expect(flight).toMatch(/Plan for retell \(outbound\) on LOCAL http:\/\/127\.0\.0\.1:\d+/);
    await waitFor(/EXIT=0/, 60_000);
    const done = history();
    expect(done).not.toMatch(/in flight/); // the status line is gone once the steps are
    expect(done).toMatch(/✓ Set up on LOCAL http:\/\/127\.0\.0\.1:\d+: Retell AI/);
  }, 120_000);
});
