/**
 * The one file that holds secrets on purpose: a recipe's secret answers (the SIP password, given or
 * generated; a partner API key), kept so an interrupted run resumes with the same password and configs can be
 * re-rendered. Mode 0600 in a 0700 folder, next to (never inside) the state journal; teardown removes the entry.
 * A file found looser than 0600 (copied, chmod-ed, unpacked) is tightened the first time it is read.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

type Data = Record<string, Record<string, string>>;

export class SecretsStore {
  constructor(readonly path: string) {}

  #read(): Data {
    if (!existsSync(this.path)) return {};
    if (process.platform !== 'win32' && statSync(this.path).mode & 0o077) chmodSync(this.path, 0o600);
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Data;
    } catch {
      return {};
    }
  }

  get(target: string, recipeId: string): Record<string, string> {
    return this.#read()[`${target}/${recipeId}`] ?? {};
  }

  set(target: string, recipeId: string, values: Record<string, string>): void {
    const data = this.#read();
    data[`${target}/${recipeId}`] = { ...data[`${target}/${recipeId}`], ...values };
    this.#write(data);
  }

  remove(target: string, recipeId: string): void {
    const data = this.#read();
    if (!(`${target}/${recipeId}` in data)) return;
    delete data[`${target}/${recipeId}`];
    this.#write(data);
  }

  #write(data: Data): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.path, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
  }
}
