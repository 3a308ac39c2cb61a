import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `.exotrunk/` holds the SIP password (secrets.json) and configs with it: a `.gitignore` of `*` in it keeps
 * `git add .` from committing any of that, as `.vercel/` and `.terraform/` do. Written once the folder exists
 * (when a command opens it and again when it closes it, so a first apply leaves one behind), never over one
 * the user wrote.
 */
export function ignoreStateDir(statePath: string): void {
  const dir = dirname(resolve(statePath));
  const file = join(dir, '.gitignore');
  try {
    if (existsSync(dir) && !existsSync(file)) writeFileSync(file, '# written by exotrunk: this folder holds secrets (SIP passwords) and local state\n*\n', { mode: 0o644, flag: 'wx' });
  } catch {
    // read-only or raced: not worth failing the command for
  }
}
