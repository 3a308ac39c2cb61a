/**
 * Driving the built wizard in a real terminal: tmux runs `node dist/cli.js`, send-keys types, capture-pane reads
 * the screen, pipe-pane records every byte the wizard writes. One driver per test file, on its own session.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cliBinDir } from '../e2e/helpers.js';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export function tmuxDriver(session: string, opts: { timeoutMs?: number } = {}) {
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-pt', session);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function waitFor(text: string | RegExp, timeoutMs = opts.timeoutMs ?? 15_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = screen();
      if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${last}`);
  }

  /** Type like a person: one key at a time, so the test does not depend on paste handling. */
  async function type(text: string): Promise<void> {
    for (const ch of text) {
      tmux('send-keys', '-t', session, '-l', ch);
      await sleep(15);
    }
  }

  /** Keys in one send-keys call reach the wizard as one chunk, like a held arrow key: each must count. */
  async function key(...k: string[]): Promise<void> {
    tmux('send-keys', '-t', session, ...k);
    await sleep(80);
  }

  /** Wait for each question in turn and take what it offers (Enter). */
  async function acceptDefaults(...questions: string[]): Promise<void> {
    for (const q of questions) {
      await waitFor(q);
      await key('Enter');
    }
  }

  /** Wait for the question, type the answer, press Enter. */
  async function answer(question: string | RegExp, text: string): Promise<void> {
    await waitFor(question);
    await type(text);
    await key('Enter');
  }

  /**
   * Start the wizard (or `args`) in a fresh tmux window of this size, with `env` before it (e.g. `env -u CI …`);
   * every byte it writes goes to the returned log file. exotrunk on the PATH is this build, so hints name it
   * `exotrunk` (see cliBinDir).
   */
  function launch(dir: string, cols: number, rows: number, env: string, args = ''): string {
    const log = join(dir, 'bytes.log');
    tmux('new-session', '-d', '-s', session, '-x', String(cols), '-y', String(rows), '-c', dir, `${env} PATH=${cliBinDir()}:$PATH node ${CLI}${args ? ` ${args}` : ''}; echo EXIT=$?; sleep 60`);
    tmux('pipe-pane', '-t', session, '-o', `cat >> ${log}`);
    return log;
  }

  /** LiveKit, both directions, every default (the SIP subdomain abc123): from the partner list to the last question. */
  async function liveKitQuestions(): Promise<void> {
    await waitFor('Which Voice AI partner');
    await key('Down');
    await waitFor(/❯ LiveKit Cloud/);
    await key('Enter');
    await acceptDefaults('Which calls should flow through Exotel', 'Trunk name'); // both; the default name
    await answer('E.164', '+918012345678');
    await acceptDefaults('Exotel SIP edge', 'Transport toward the Exotel edge', 'Static IPs the partner', 'Transport from Exotel to LiveKit', 'caller ID');
    await answer('LiveKit SIP subdomain', 'abc123');
    await acceptDefaults('LiveKit agent name', 'Room name prefix', 'LiveKit inbound trunk id', 'Media encryption (SRTP)', 'SIP digest username', 'Generate a strong password');
  }

  /** End the session (after each test); one already gone is fine. */
  function kill(): void {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // already gone
    }
  }

  return { tmux, screen, waitFor, type, key, acceptDefaults, answer, launch, liveKitQuestions, kill };
}
