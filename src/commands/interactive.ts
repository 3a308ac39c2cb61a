/** The terminal questions the headless commands may ask. Light on purpose: the wizard's start-up imports it. */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Globals } from './options.js';

/** Nothing prompts without a TTY, with CI set, or with --no-input. */
export function interactive(g: Pick<Globals, 'input'>): boolean {
  return !!process.stdin.isTTY && !!process.stdout.isTTY && !process.env.CI && g.input !== false;
}

/** One line typed at the terminal (the question goes to stderr: stdout is for results). */
export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    // Ctrl-C at a prompt: the command stops there (readline would otherwise just pause)
    const stopped = new Promise<never>((_, reject) => rl.once('SIGINT', () => void import('./interrupt.js').then((m) => reject(m.promptInterrupted()))));
    return (await Promise.race([rl.question(question), stopped])).trim();
  } finally {
    rl.close();
  }
}

/** A line typed without echo (an API token): the question is shown, what is typed is not. */
export async function askSecret(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = true;
    return (await answer).trim();
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

export const confirm = async (question: string): Promise<boolean> => /^y(es)?$/i.test(await ask(question));
