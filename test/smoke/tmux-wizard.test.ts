/**
 * The built binary in a real terminal: tmux runs `node dist/cli.js`, send-keys types, capture-pane reads the
 * screen. One whole recipe (Retell, outbound) from the mode screen to the results, then the state and the
 * rendered files on disk are checked. tmux is installed by .ci/run when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cliBinDir, startSandboxProc, TOKEN, type SandboxProc } from '../e2e/helpers.js';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const SESSION = `exotrunk-smoke-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-pt', SESSION);

async function waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${last}`);
}

/** Type like a person: one key at a time, so the test does not depend on paste handling. */
async function type(text: string): Promise<void> {
  for (const ch of text) {
    tmux('send-keys', '-t', SESSION, '-l', ch);
    await new Promise((r) => setTimeout(r, 15));
  }
}
/** Keys in one send-keys call reach the wizard as one chunk, like a held arrow key: each must count. */
async function key(...k: string[]): Promise<void> {
  tmux('send-keys', '-t', SESSION, ...k);
  await new Promise((r) => setTimeout(r, 80));
}

describe('wizard in a real terminal (tmux)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-'));
  let sb: SandboxProc | undefined;
  afterEach(() => {
    try {
      tmux('kill-session', '-t', SESSION);
    } catch {
      // already gone
    }
  });
  afterAll(async () => sb?.stop());

  it('walks Retell outbound from the first screen to paste-ready config', async () => {
    expect(() => tmux('-V'), 'tmux is missing: apt-get install tmux (.ci/run does it)').not.toThrow();
    // exotrunk on the PATH is this build, so the hints name it `exotrunk` (see cliBinDir)
    const env = `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN NO_COLOR=1 PATH=${cliBinDir()}:$PATH EXOTRUNK_PROFILES=${join(dir, 'profiles.json')}`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '50', '-c', dir, `${env} node ${CLI}; echo EXIT=$?; sleep 60`);

    await waitFor('Continue in the SANDBOX');
    await key('Enter');
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
    await waitFor(/is required/);
    await type('agent_smoke01');
    await key('Enter');
    await waitFor('Nickname');
    await key('Escape'); // back one question: the agent id is asked again
    await waitFor('Retell agent id');
    await type('agent_smoke01');
    await key('Enter');
    await waitFor('Nickname');
    await key('Enter');
    await waitFor('SIP digest username');
    await key('Enter');
    await waitFor('Generate a strong password');
    await key('Enter');
    const auth = await waitFor('see the plan');
    expect(auth).toMatch(/digest/i);
    expect(auth).toMatch(/18\.98\.16\.120\/30/); // Retell's published ranges, and why they mean digest
    await key('Enter');
    const plan = await waitFor('Apply in the SANDBOX');
    expect(plan).toMatch(/Create trunk/);
    await key('Enter');
    await waitFor(/r: reveal secrets/, 30_000);
    const results = tmux('capture-pane', '-pt', SESSION, '-S', '-500'); // with the scrollback
    expect(results).toMatch(/exotrunk verify retell/);
    expect(results).toMatch(/"sip_trunk_auth_password": "•+"/); // masked until the user presses r
    await key('q');
    // what stays in the terminal afterwards: the summary, the files, the next command
    const final = await waitFor(/EXIT=0/);
    expect(final).toMatch(/✓ Retell AI.*\(outbound\) is set up on SANDBOX: trunk\s+trmum/);
    expect(final).toMatch(/\.exotrunk\/out\/retell\/\S+/);
    expect(final).toMatch(/Still to do in the dashboards:/);
    expect(final).toMatch(/Next: exotrunk verify retell/);

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

  it('with Exotel credentials in the environment: LIVE from the first screen, the plan names the account, verify agrees', async () => {
    // A sandbox process stands in for api.exotel.com: the wizard cannot tell, and so runs its LIVE path.
    sb = await startSandboxProc();
    const live = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-live-'));
    const creds = `EXOTEL_BASE_URL=${sb.url} EXOTEL_ACCOUNT_SID=acme1 EXOTEL_API_KEY=sandbox EXOTEL_API_TOKEN=${TOKEN}`;
    const env = `env -u CI NO_COLOR=1 PATH=${cliBinDir()}:$PATH EXOTRUNK_PROFILES=${join(live, 'profiles.json')} ${creds}`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '50', '-c', live, `${env} node ${CLI}; echo EXIT=$?; sleep 60`);

    const first = await waitFor('Which Voice AI partner'); // no sandbox-or-live question: credentials are there
    expect(first).toMatch(/LIVE acme1 \(custom\) calls go to your real Exotel account/);
    await key('Up'); // wraps to the last row
    await waitFor(/❯ Your own PBX/);
    await key('Enter');
    await waitFor(/❯ Both directions/);
    await key('Enter');
    await waitFor('Trunk name');
    await key('Enter');
    await waitFor('E.164');
    await type('+918012340001');
    await key('Enter');
    for (const q of ['Exotel SIP edge', 'Transport toward the Exotel edge', 'caller ID', 'Also require SIP digest']) {
      await waitFor(q);
      await key('Enter');
    }
    await waitFor('Static public IPs');
    await type('44.248.146.11');
    await key('Enter');
    await waitFor('Public host name or IP');
    await type('44.248.146.11');
    await key('Enter');
    for (const q of ['SIP port on your PBX', 'Transport from Exotel to your PBX', 'dialplan context']) {
      await waitFor(q);
      await key('Enter');
    }
    const auth = await waitFor('see the plan');
    expect(auth).toMatch(/IP whitelist \(ACL\): 44\.248\.146\.11/);
    await key('Enter');
    const plan = await waitFor(/❯ Apply: make these 5 changes in your real Exotel account acme1/);
    expect(plan).toMatch(/Whitelist 44\.248\.146\.11\/32[\s\S]*Add destination sip:44\.248\.146\.11:5060;transport=tcp/); // ACL before the IP destination
    expect(plan).not.toContain('SANDBOX');
    await key('Enter');
    await waitFor(/r: reveal secrets/, 30_000);
    const results = tmux('capture-pane', '-pt', SESSION, '-S', '-500');
    expect(results).toMatch(/exotrunk verify own-pbx/);
    expect(results).not.toContain(TOKEN);
    await key('q');
    await waitFor(/EXIT=0/);

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
});
