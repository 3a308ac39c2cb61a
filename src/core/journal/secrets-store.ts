/**
 * The one file that holds secrets on purpose: a recipe's secret answers (the SIP password, given or
 * generated; a partner API key), kept so an interrupted run resumes with the same password and configs can be
 * re-rendered. Mode 0600 in a 0700 folder, next to (never inside) the state journal; teardown removes the entry.
 * A file found looser than 0600 (copied, chmod-ed, unpacked) is tightened the first time it is read.
 *
 * Read again before every write, and only one recipe's entry replaced, under the state directory's lock. A
 * damaged file is never silently replaced (that would lose every other recipe's passwords): it is an error
 * before anything is sent, and a writing command moves it aside under a name it prints.
 */
import { cliName } from '../cli-name.js';
import { chmodSync, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { makeStateDir } from './state-dir.js';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../errors.js';
import { fsUserError } from './fs-errors.js';

type Data = Record<string, Record<string, string>>;

export class SecretsStore {
  readonly #beforeWrite?: () => void;
  /** a writing command (one that holds the lock) may move a damaged file aside */
  readonly #mayMoveAside: () => boolean;

  constructor(
    readonly path: string,
    opts: { beforeWrite?: () => void; mayMoveAside?: () => boolean } = {},
  ) {
    this.#beforeWrite = opts.beforeWrite;
    this.#mayMoveAside = opts.mayMoveAside ?? (() => false);
  }

  #read(): Data {
    if (!existsSync(this.path)) return {};
    try {
      if (process.platform !== 'win32' && statSync(this.path).mode & 0o077) chmodSync(this.path, 0o600);
    } catch {
      // a read-only folder: reading still works
    }
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw this.#damaged(`it cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw this.#damaged(text.trim() ? 'it is not valid JSON (cut short or overwritten?)' : 'it is empty');
    }
    const problem = shapeProblem(data);
    if (problem) throw this.#damaged(problem);
    return data as Data;
  }

  #damaged(what: string): UserError {
    let aside: string | undefined;
    if (this.#mayMoveAside()) {
      aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        renameSync(this.path, aside);
      } catch {
        aside = undefined;
      }
    }
    return new UserError(`The secrets file ${this.path} is damaged: ${what}. Nothing was sent.`, {
      why: 'It holds the SIP passwords (and partner keys) of every recipe applied here, so they are never guessed and the file is never overwritten.',
      fix: aside
        ? `It was moved aside to ${aside} (0600), so nothing in it is lost. Recover what you can from it into a new ${this.path} (a JSON object of "<target>/<recipe>": { "sip_password": … }), or run the command again to start without it: a recipe whose credential already exists at Exotel then needs its password (EXOTRUNK_SIP_PASSWORD) or ${cliName()} credentials rotate <recipe>.`
        : `Repair it (a JSON object of "<target>/<recipe>": { "sip_password": … }) or move it aside (mv ${this.path} ${this.path}.damaged), then run the command again.`,
    });
  }

  get(target: string, recipeId: string): Record<string, string> {
    return this.#read()[`${target}/${recipeId}`] ?? {};
  }

  set(target: string, recipeId: string, values: Record<string, string>): void {
    this.#beforeWrite?.();
    const data = this.#read();
    data[`${target}/${recipeId}`] = { ...data[`${target}/${recipeId}`], ...values };
    this.#write(data);
  }

  /** Drop some of a recipe's secret answers (a rotation's pending password once it is the current one). */
  unset(target: string, recipeId: string, keys: string[]): void {
    this.#beforeWrite?.();
    const data = this.#read();
    const entry = data[`${target}/${recipeId}`];
    if (!entry || !keys.some((k) => k in entry)) return;
    for (const k of keys) delete entry[k];
    this.#write(data);
  }

  remove(target: string, recipeId: string): void {
    this.#beforeWrite?.();
    const data = this.#read();
    if (!(`${target}/${recipeId}` in data)) return;
    delete data[`${target}/${recipeId}`];
    this.#write(data);
  }

  /** Fail before anything is sent when the file is damaged (and, for a writer, it is moved aside). */
  check(): void {
    this.#read();
  }

  #write(data: Data): void {
    try {
      makeStateDir(dirname(this.path));
      writeFileAtomic.sync(this.path, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    } catch (e) {
      throw fsUserError(e, this.path, 'the secrets file');
    }
  }
}

/** What is wrong with the file's content, or undefined when it is a map of maps of strings. */
function shapeProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return `it holds ${data === null ? 'null' : Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not an object of recipes`;
  for (const [k, v] of Object.entries(data)) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) return `the entry "${k.slice(0, 80)}" is not a set of secret answers`;
  }
  return undefined;
}
