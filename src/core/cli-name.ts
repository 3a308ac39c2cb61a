/**
 * How to name exotrunk in a command the user is told to run ("What to do: exotrunk verify livekit"), so the hint works
 * as the user launched it: `exotrunk` only when that name on the PATH is this very copy; `npx exotrunk` under
 * npx / npm exec; `npm start --` when started through the repository's `npm start`; otherwise the path that
 * was run (`node dist/cli.js`, or an installed bin link that is not on the PATH). Every hint, message and
 * rendered file names the program through this (templates as {{cli}}).
 */
import { accessSync, constants, realpathSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join, relative } from 'node:path';
import { packageRoot } from './recipes/package-root.js';

export interface Launch {
  /** process.argv[1]: the script Node was started with */
  argv1: string | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  /** exotrunk's package root (dist/cli.js and scripts/start.mjs live under it) */
  root: string;
  realpath: (p: string) => string | undefined;
  /** the file the shell would run for this name, from env.PATH */
  which: (name: string, path: string | undefined) => string | undefined;
}

/** Safe to paste into a POSIX shell as is; anything else is single-quoted. */
const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/u.test(s) ? s : `'${s.replace(/'/gu, `'\\''`)}'`);

/** The path as typed from cwd: relative below it (dist/cli.js), absolute elsewhere. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return shellWord(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path);
}

export function cliNameFor(l: Launch): string {
  const { argv1, env } = l;
  const script = argv1 ? l.realpath(argv1) : undefined;
  const entry = l.realpath(join(l.root, 'dist', 'cli.js'));
  const start = l.realpath(join(l.root, 'scripts', 'start.mjs'));
  if (script && script === start) return env.npm_lifecycle_event === 'start' ? 'npm start --' : `node ${shown(argv1!, l.cwd)}`;
  // Not started as the CLI (the test runner, a program importing the core): the installed name.
  if (!script || script !== entry) return 'exotrunk';
  // npx / npm exec set these for the program they run (not for what that program spawns with another name).
  if (env.npm_lifecycle_event === 'npx' && /^'?exotrunk\b/u.test(env.npm_lifecycle_script ?? '')) return 'npx exotrunk';
  const onPath = l.which('exotrunk', env.PATH);
  if (onPath && l.realpath(onPath) === entry) return 'exotrunk';
  // A bin link (…/bin/exotrunk) runs on its own; dist/cli.js is run with node, as it was.
  return basename(argv1!) === 'exotrunk' ? shown(argv1!, l.cwd) : `node ${shown(argv1!, l.cwd)}`;
}

function realpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function which(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

let memo: string | undefined;
let context: string[] = [];

/** This process's name for exotrunk, without the context flags (the lock file names the holder with it). */
export function programName(): string {
  memo ??= cliNameFor({ argv1: process.argv[1], env: process.env, cwd: process.cwd(), root: packageRoot(), realpath, which });
  return memo;
}

/**
 * The flags that chose where this command's state and calls went (--state, --sandbox, --profile, --base-url, …),
 * set once by the command layer before the command runs. Every follow-up command a hint names carries them, so
 * "Check the trunk: exotrunk --state ./x.json verify retell" works as printed. Global flags go before the
 * command, where the program itself reads them.
 */
export function setContextFlags(words: string[]): void {
  context = words.map(shellWord);
}

/**
 * This process's name for exotrunk in hints, with the context flags: every command a message tells the user to
 * run starts with it (`${cliName()} verify livekit`). Computed once: a few stat calls.
 */
export function cliName(): string {
  return [programName(), ...context].join(' ');
}
