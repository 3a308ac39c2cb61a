/**
 * The state journal: what exotrunk created, per recipe and target (sandbox or an account), so a re-run
 * finishes the job and verify / teardown know what to look at. Written atomically after every step, mode
 * 0600, schema-versioned, and never holding a secret (only non-secret answers, ids and names). Writers hold the
 * state directory's lock (journal/lock.ts); every write reads the file again and replaces one run's record.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { makeStateDir } from './state-dir.js';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { fsUserError } from './fs-errors.js';
import { fileStamp as stampOf } from './file-stamp.js';

export const STATE_VERSION = 1;

const RunSchema = z.object({
  recipeId: z.string(),
  target: z.string(), // "sandbox" or "live:<account_sid>"
  accountSid: z.string(),
  region: z.string(),
  direction: z.enum(['outbound', 'inbound', 'both']),
  trunkName: z.string(),
  trunkSid: z.string().optional(),
  answers: z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())])),
  resources: z.object({
    numbers: z.record(z.string(), z.object({ id: z.string(), mode: z.enum(['pstn', 'flow']).nullable() })).default({}),
    acl: z.record(z.string(), z.string()).default({}), // ip -> id
    credential: z.object({ id: z.string().optional(), userName: z.string() }).nullable().default(null),
    destinations: z.record(z.string(), z.string()).default({}), // "sip:…" -> id
    alias: z.string().nullable().default(null),
  }),
  /** numbers mapped to this recipe's trunk with `exotrunk numbers add` beyond the recipe's own DID: wanted too */
  extraNumbers: z.record(z.string(), z.enum(['pstn', 'flow'])).default({}),
  /**
   * A credential rotation under way, journaled before its create call: on a re-run, rotate looks the new
   * credential up by this name (never making a second one) and finishes by deleting the old one.
   */
  rotation: z
    .object({
      userName: z.string(),
      oldId: z.string().optional(),
      oldUserName: z.string(),
      /** creating: the create may or may not have reached Exotel; created: journaled, the old one not deleted yet */
      phase: z.enum(['creating', 'created']),
      startedAt: z.string(),
    })
    .optional(),
  /**
   * The partner side made through the partner's own API (issue 17): which partner, the host the calls went to
   * (LiveKit project, ElevenLabs region), the ids of what is there by resource kind, and per resource the Exotel
   * credential (username:id) whose password was last sent to it, so a changed credential is sent again. Never
   * a key or a password.
   */
  partner: z
    .object({
      id: z.string(),
      host: z.string(),
      ids: z.record(z.string(), z.string()).default({}),
      sent: z.record(z.string(), z.string()).default({}),
    })
    .optional(),
  /** steps whose POST outcome is unknown: reconcile by reading before any retry */
  pending: z.array(z.string()).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
  appliedAt: z.string().optional(),
  tornDownAt: z.string().optional(),
  outputs: z.array(z.string()).default([]),
});
export type RunState = z.infer<typeof RunSchema>;

const FileSchema = z.object({
  version: z.literal(STATE_VERSION),
  runs: z.record(z.string(), RunSchema),
});
type StateFile = z.infer<typeof FileSchema>;

export const runKey = (target: string, recipeId: string) => `${target}/${recipeId}`;
export const targetOf = (mode: 'sandbox' | 'live', accountSid: string) => (mode === 'sandbox' ? 'sandbox' : `live:${accountSid}`);

export class StateStore {
  readonly path: string;
  /** the file as last read or written, with the stamp it had then (re-read only when the stamp changes) */
  #data: StateFile;
  #stamp: string;
  /** called before every write: the engine checks it holds the state directory's lock */
  #beforeWrite?: () => void;

  constructor(path: string, opts: { beforeWrite?: () => void } = {}) {
    this.path = path;
    this.#beforeWrite = opts.beforeWrite;
    this.#stamp = stampOf(path);
    this.#data = StateStore.read(path);
  }

  static read(path: string): StateFile {
    if (!existsSync(path)) return { version: STATE_VERSION, runs: {} };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new UserError(`The state file ${path} is not valid JSON.`, {
        why: (e as Error).message,
        fix: 'Restore it from a backup, or move it aside to start over (resources already created stay at Exotel).',
      });
    }
    const version = (raw as { version?: unknown })?.version;
    if (version !== STATE_VERSION) {
      const what = typeof version === 'number' ? `schema version ${version}` : version === undefined ? 'no schema version' : `a schema version that is not a number (${JSON.stringify(version).slice(0, 40)})`;
      throw new UserError(`The state file ${path} has ${what}; this exotrunk reads version ${STATE_VERSION}.`, {
        fix: typeof version === 'number' ? 'Use the exotrunk version that wrote it, or move the file aside.' : 'The file is damaged or was edited by hand: restore it from a backup, or move it aside to start over.',
      });
    }
    const parsed = FileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(`The state file ${path} is damaged at ${issue.path.join('.')}: ${issue.message}.`, {
        fix: 'Move it aside to start over; use --trunk-sid to adopt the trunk exotrunk created before.',
      });
    }
    return parsed.data;
  }

  /** The file as it is now: another command may have written it since (read-only commands hold no lock). */
  #fresh(): StateFile {
    const stamp = stampOf(this.path);
    if (stamp !== this.#stamp) {
      this.#data = StateStore.read(this.path);
      this.#stamp = stamp;
    }
    return this.#data;
  }

  get(target: string, recipeId: string): RunState | undefined {
    return this.#fresh().runs[runKey(target, recipeId)];
  }

  list(target?: string): RunState[] {
    return Object.values(this.#fresh().runs).filter((r) => !target || r.target === target);
  }

  /**
   * Apply a change to one run and write the file at once (atomic rename, 0600). The file is read again first
   * and only this run's record is replaced, so a write can never drop another recipe's run; the change is
   * applied to the run as the file holds it now, not to an older copy.
   */
  update(target: string, recipeId: string, init: () => RunState, change: (run: RunState) => void): RunState {
    this.#beforeWrite?.();
    const key = runKey(target, recipeId);
    const data = this.#reread();
    const run = data.runs[key] ?? structuredClone(init());
    change(run);
    run.updatedAt = new Date().toISOString();
    data.runs[key] = run;
    this.#write(data);
    return run;
  }

  remove(target: string, recipeId: string): void {
    this.#beforeWrite?.();
    const data = this.#reread();
    delete data.runs[runKey(target, recipeId)];
    this.#write(data);
  }

  /**
   * Fail now if the journal could not be written (read-only folder, full disk): teardown calls this before it
   * deletes anything at Exotel, so a deletion is never left unrecorded.
   */
  checkWritable(): void {
    const text = this.#text(this.#fresh());
    const probe = `${this.path}.probe-${process.pid}`;
    try {
      makeStateDir(dirname(this.path));
      // the next write needs about this much room: write as much, then remove it
      writeFileSync(probe, text + ' '.repeat(1024), { mode: 0o600 });
    } catch (e) {
      throw fsUserError(e, this.path, 'the state journal');
    } finally {
      rmSync(probe, { force: true });
    }
  }

  #reread(): StateFile {
    this.#stamp = stampOf(this.path);
    this.#data = StateStore.read(this.path);
    return this.#data;
  }

  #text(data: StateFile): string {
    return JSON.stringify(data, null, 2) + '\n';
  }

  #write(data: StateFile): void {
    try {
      makeStateDir(dirname(this.path));
      writeFileAtomic.sync(this.path, this.#text(data), { mode: 0o600 });
    } catch (e) {
      // the file on disk is unchanged (atomic rename): drop what this write added, read it again next time
      this.#stamp = '';
      throw fsUserError(e, this.path, 'the state journal');
    }
    this.#data = data;
    this.#stamp = stampOf(this.path);
  }
}

export function newRun(p: { recipeId: string; target: string; accountSid: string; region: string; direction: RunState['direction']; trunkName: string; answers: RunState['answers'] }): RunState {
  const now = new Date().toISOString();
  return {
    ...p,
    resources: { numbers: {}, acl: {}, credential: null, destinations: {}, alias: null },
    extraNumbers: {},
    pending: [],
    createdAt: now,
    updatedAt: now,
    outputs: [],
  };
}
