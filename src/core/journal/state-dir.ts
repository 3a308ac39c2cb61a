import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const MARK = '# written by exotrunk';
const IGNORE_ALL = `${MARK}: this folder holds secrets (SIP passwords) and local state\n*\n`;

/**
 * The folder of the state journal, as a command found it when it opened it. `.exotrunk/` holds the SIP password
 * (secrets.json) and configs with it: a `.gitignore` of `*` in it keeps `git add .` from committing any of that,
 * as `.vercel/` and `.terraform/` do. That file is written only into a folder of exotrunk's own: `.exotrunk`, one
 * this command creates (`--state new-folder/state.json`), or one whose `.gitignore` carries exotrunk's mark. Any
 * other folder (`--state ./state.json`: the project's root) gets no `.gitignore` of `*`, which would ignore the
 * whole project; instead the first command that puts secrets there says so, once.
 */
export class StateDir {
  readonly dir: string;
  readonly owned: boolean;
  readonly #hadSecrets: boolean;
  #warned = false;

  constructor(statePath: string) {
    this.dir = dirname(resolve(statePath));
    this.owned = basename(this.dir) === '.exotrunk' || !existsSync(this.dir) || ours(join(this.dir, '.gitignore'));
    this.#hadSecrets = existsSync(join(this.dir, 'secrets.json'));
  }

  /**
   * Called when the command opens the folder and again when it closes it (so a first apply leaves a
   * `.gitignore` behind). Returns the one-time notice for a folder exotrunk does not own, when this command
   * put the secrets file there.
   */
  protect(): string | undefined {
    if (this.owned) {
      ignoreStateDir(this.dir);
      return undefined;
    }
    if (this.#warned || this.#hadSecrets || !existsSync(join(this.dir, 'secrets.json'))) return undefined;
    this.#warned = true;
    return `The state folder ${this.dir} is not a folder of exotrunk's own (.exotrunk), so no .gitignore was written there: secrets.json (SIP passwords) and out/ (configs with them) are in it now. Keep them out of version control (add secrets.json, out/, sandbox.json and the state file to your .gitignore), or use --state .exotrunk/<name>.json.`;
  }
}

/** A `.gitignore` written by exotrunk (its first line says so). */
function ours(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').startsWith(MARK);
  } catch {
    return false;
  }
}

/**
 * Write `*` into `dir/.gitignore` when there is none (or an empty one, left by a write that failed), never over
 * one the user wrote. Written to a temporary file and renamed, so a full disk never leaves an empty one behind.
 */
/**
 * Create the state folder (mode 0700) with its `.gitignore` at once, so a wizard left open (or a command killed)
 * never leaves secrets in a folder `git add .` would take.
 */
export function makeStateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // a folder this command created is exotrunk's own: protect it now, not only when the command ends
  ignoreStateDir(dir);
}

export function ignoreStateDir(dir: string): void {
  const file = join(dir, '.gitignore');
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    if (!existsSync(dir)) return;
    if (existsSync(file) && statSync(file).size > 0) return;
    writeFileSync(tmp, IGNORE_ALL, { mode: 0o644 });
    renameSync(tmp, file);
  } catch {
    // read-only, full or raced: not worth failing the command for
    try {
      unlinkSync(tmp);
    } catch {
      // never written
    }
  }
}
