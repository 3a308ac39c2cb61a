/**
 * The state journal: what exotrunk created, per recipe and target (sandbox or an account), so a re-run
 * finishes the job and verify / teardown know what to look at. Written atomically after every step, mode
 * 0600, schema-versioned, and never holding a secret (only non-secret answers, ids and names).
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { UserError } from '../errors.js';

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
  #data: StateFile;

  constructor(path: string) {
    this.path = path;
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
      throw new UserError(`The state file ${path} has schema version ${String(version)}; this exotrunk reads version ${STATE_VERSION}.`, {
        fix: 'Use the exotrunk version that wrote it, or move the file aside.',
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

  get(target: string, recipeId: string): RunState | undefined {
    return this.#data.runs[runKey(target, recipeId)];
  }

  list(target?: string): RunState[] {
    return Object.values(this.#data.runs).filter((r) => !target || r.target === target);
  }

  /** Apply a change to one run and write the file at once (atomic rename, 0600). */
  update(target: string, recipeId: string, init: () => RunState, change: (run: RunState) => void): RunState {
    const key = runKey(target, recipeId);
    const run = this.#data.runs[key] ?? init();
    change(run);
    run.updatedAt = new Date().toISOString();
    this.#data.runs[key] = run;
    this.save();
    return run;
  }

  remove(target: string, recipeId: string): void {
    delete this.#data.runs[runKey(target, recipeId)];
    this.save();
  }

  save(): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.path, JSON.stringify(this.#data, null, 2) + '\n', { mode: 0o600 });
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
