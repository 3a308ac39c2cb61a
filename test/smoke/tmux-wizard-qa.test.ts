/**
 * The wizard QA items that only a real terminal shows (tmux): what the wizard leaves in the scrollback is wrapped
 * at words to the terminal's width, never splitting a command; a resize leaves no stale copy of the header in
 * the scrollback and clears nothing of the user's. tmux is installed by .ci/run when missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, tmuxDriver } from './tmux.js';

const SESSION = `exotrunk-qa-${process.pid}`;
const driver = tmuxDriver(SESSION);
const { tmux, screen, waitFor, key, kill } = driver;
/** the rows as the terminal shows them, and the same with the terminal's own soft wraps joined back */
const rows = () => tmux('capture-pane', '-pt', SESSION, '-S', '-2000');
const joined = () => tmux('capture-pane', '-pJt', SESSION, '-S', '-2000');

function launch(dir: string, cols: number, rowsN: number, args: string): string {
  return driver.launch(dir, cols, rowsN, `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN -u EXOTEL_BASE_URL NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')}`, args);
}

const OWN_PBX = 'wizard own-pbx --set direction=both --set did=+918012345678 --set pbx_ips=44.248.146.11 --set pbx_host=44.248.146.11';

/** From the first screen to the results: every question left takes its default. */
async function ownPbxToResults(): Promise<string> {
  await waitFor('Continue in the SANDBOX');
  await key('Enter');
  for (let i = 0; i < 15 && !screen().includes('Review: '); i++) {
    await waitFor(/Question \d+ of|Review: /);
    if (screen().includes('Review: ')) break;
    await key('Enter');
    await new Promise((r) => setTimeout(r, 150));
  }
  await waitFor('Review: ');
  await key('Enter');
  await waitFor('see the plan');
  await key('Enter');
  await waitFor('Apply in the SANDBOX');
  await key('Enter');
  return waitFor('View a config', 30_000);
}

describe('wizard QA in a real terminal (tmux)', () => {
  afterEach(() => {
    kill();
  });

  it('W6: the summary left in the terminal is wrapped at words to its width; no command is split', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-qa-wrap-'));
    launch(dir, 80, 24, OWN_PBX);
    await ownPbxToResults();
    await key('q');
    await waitFor(/EXIT=0/);
    const shown = rows();
    const left = shown.slice(shown.lastIndexOf('✓ Set up on SANDBOX'), shown.indexOf('EXIT=0'));
    expect(left).toContain('Next steps:');
    // every row is one the wizard wrote: the terminal wrapped nothing (joining its soft wraps changes nothing)
    const all = joined();
    expect(all.slice(all.lastIndexOf('✓ Set up on SANDBOX'), all.indexOf('EXIT=0'))).toBe(left);
    for (const row of left.split('\n')) expect([...row].length, row).toBeLessThanOrEqual(80);
    // a wrapped line hangs under its text, and the commands are whole on one row
    expect(left).toMatch(/^ {2}2\. Open the firewall .*\n {5}\S/m);
    expect(left).toMatch(/^.*exotrunk render own-pbx.*$/m);
    expect(left).toMatch(/^ {2}10\. Check the trunk: exotrunk verify own-pbx$/m);
  }, 90_000);

  it('W5: a narrower then wider terminal leaves one header (no stale copy from a miscounted erase), the user\'s line above it, and clears nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-qa-resize-'));
    const log = join(dir, 'bytes.log');
    const env = `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN -u EXOTEL_BASE_URL NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')}`;
    // one run in this folder's journal, so the wizard starts on the runs menu
    execFileSync('bash', ['-c', `${env} node ${CLI} apply retell --set direction=outbound --set did=+918012345678 --set retell_agent_id=agent_qa1 --yes`], { cwd: dir, stdio: 'ignore' });
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', dir, `echo user-line-1; ${env} node ${CLI}; echo EXIT=$?; sleep 60`);
    tmux('pipe-pane', '-t', SESSION, '-o', `cat >> ${log}`);
    await waitFor('Continue in the SANDBOX');
    await key('Enter');
    // the runs menu: one line (the header's second) is wider than 60 columns, so 60 columns reflow it onto two
    // rows; the terminal scrolls one row (the user's line) into its history, Ink would erase one row too few
    await waitFor('Already set up here');
    tmux('resize-window', '-t', SESSION, '-x', '60', '-y', '24');
    await waitFor(/nothing is created at…/);
    tmux('resize-window', '-t', SESSION, '-x', '80', '-y', '24');
    await waitFor(/nothing is created at Exotel/);
    await new Promise((r) => setTimeout(r, 300));
    const all = rows();
    expect(all.match(/exotrunk: Exotel SIP trunks/g)?.length, all).toBe(1);
    expect(all.indexOf('user-line-1')).toBeLessThan(all.indexOf('exotrunk: Exotel SIP trunks'));
    const bytes = readFileSync(log, 'latin1');
    expect(bytes.includes('\u001b[2J'), 'clear screen sent').toBe(false);
    expect(bytes.includes('\u001b[3J'), 'clear scrollback sent').toBe(false);
    expect(bytes.includes('\u001b[0J') || bytes.includes('\u001b[J'), 'erase below sent (tmux scrolls it into the history)').toBe(false);
  }, 60_000);

  it('W14: an Enter typed right after launch is kept and not echoed (no blank line above the header)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotrunk-qa-early-'));
    const env = `env -u CI -u EXOTEL_ACCOUNT_SID -u EXOTEL_API_TOKEN -u EXOTEL_BASE_URL NO_COLOR=1 EXOTRUNK_PROFILES=${join(dir, 'profiles.json')}`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', '-c', dir, `${env} node ${CLI}; echo EXIT=$?; sleep 60`);
    // wait until the terminal is raw (the process is up), then type at once: the first frame is not drawn yet
    const tty = tmux('display', '-pt', SESSION, '#{pane_tty}').trim();
    const until = Date.now() + 10_000;
    while (!/-icanon/.test(execFileSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' })) && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    const before = screen();
    tmux('send-keys', '-t', SESSION, 'Enter');
    expect(before, 'raw mode comes before the first frame').not.toContain('exotrunk: Exotel SIP trunks');
    const s = await waitFor('Which Voice AI partner'); // the Enter took the first menu's default: the sandbox
    expect(s.split('\n')[0]).toBe('exotrunk: Exotel SIP trunks for Voice AI partners');
  }, 30_000);
});
