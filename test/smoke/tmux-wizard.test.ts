/**
 * The built binary in a real terminal: tmux runs `node dist/cli.js`, send-keys types, capture-pane reads the
 * screen. One whole recipe (Retell, outbound) from the mode screen to the results, then the state and the
 * rendered files on disk are checked. tmux is installed by .ci/run when missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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
/** One key, then a human pause: arrow keys sent back to back arrive as one chunk, which Ink reads as one key. */
async function key(k: string): Promise<void> {
  tmux('send-keys', '-t', SESSION, k);
  await new Promise((r) => setTimeout(r, 80));
}

describe('wizard in a real terminal (tmux)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tmux-'));
  afterAll(() => {
    try {
      tmux('kill-session', '-t', SESSION);
    } catch {
      // already gone
    }
  });

  it('walks Retell outbound from the first screen to paste-ready config', async () => {
    expect(() => tmux('-V'), 'tmux is missing: apt-get install tmux (.ci/run does it)').not.toThrow();
    const env = `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')}`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '50', '-c', dir, `${env} node ${CLI}; echo EXIT=$?; sleep 60`);

    await waitFor('Continue in the SANDBOX');
    await key('Enter');
    await waitFor('Which Voice AI partner');
    await key('Down');
    await key('Down');
    await waitFor(/❯ Retell/);
    await key('Enter');
    await waitFor('Which calls should flow through Exotel');
    await key('Up');
    await key('Up');
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
    await waitFor(/EXIT=0/);

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
});
