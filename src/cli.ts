#!/usr/bin/env node
// Thin entry: parse argv, pick the command, lazy-import it. Nothing heavy is imported at the top.
const VERSION = '0.1.0';
const argv = process.argv.slice(2);
// `exotrunk … | head` closes the pipe early: that is not an error. Any other failure to write stdout (a full
// disk, `> /dev/full`) ends the command with one clear line on stderr, not a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const why = e.code === 'ENOSPC' ? 'no space left on the device' : e.code === 'EIO' ? 'an input/output error' : `${e.code ?? e.message}`;
  process.stderr.write(`✗ Cannot write the output (stdout): ${why}.\n  What to do: run it again with stdout going where there is room (another file, a pipe, the terminal); anything it changed is in the state journal, so a re-run resumes.\n`);
  process.exit(1);
});
// Ctrl-C before a command has its own handler (loading, opening the engine, a read-only command): one line and
// exit 130, never a silent stop. A writing command replaces it with its own (commands/interrupt.ts), which
// finishes the requests in flight and says how to resume. The wizard reads Ctrl-C as a key.
const early = Object.assign(
  () => {
    process.stderr.write('\nInterrupted (Ctrl-C): nothing was changed.\n');
    process.exit(130);
  },
  { exotrunkEarly: true },
);
process.on('SIGINT', early);
const only = argv.length === 1 ? argv[0] : undefined;
// The wizard's terminal goes raw now, not with its first frame a few hundred milliseconds later: a key typed
// meanwhile is neither echoed (a stray blank line above the header) nor held in the line buffer (the early-key
// capture hands it to the first menu). Node restores the mode on exit.
if ((argv.length === 0 || argv[0] === 'wizard') && process.stdin.isTTY && process.stdout.isTTY && !process.env.CI) process.stdin.setRawMode(true);
if (only === '--version' || only === '-V') {
  process.stdout.write(`${VERSION}\n`);
} else if ((only === '--help' || only === '-h') && (await printPrebuiltHelp())) {
  // The top-level help is rendered at build time (dist/help.txt), so it costs no more than --version.
} else if (argv.length === 0) {
  // Plain `exotrunk` (and `npm start`) is the wizard: straight there, without the command table.
  const defaults = { state: '.exotrunk/state.json' };
  const [{ default: wizard }, { run }] = await Promise.all([import('./commands/wizard.js'), import('./commands/run.js')]);
  process.exitCode = await run(() => wizard([], defaults), defaults);
} else {
  const { main } = await import('./commands/index.js');
  process.exitCode = await main(argv, VERSION);
}

async function printPrebuiltHelp(): Promise<boolean> {
  const { readFileSync } = await import('node:fs');
  try {
    process.stdout.write(readFileSync(new URL('./help.txt', import.meta.url), 'utf8'));
    return true;
  } catch {
    return false; // not built yet (tests run from src): commander renders it
  }
}
