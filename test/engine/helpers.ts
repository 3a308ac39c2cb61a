/**
 * Test rig for the engine: a sandbox on 127.0.0.1, a temp folder for the state journal, and engines that
 * share that journal (a second engine on the same file stands for the next process after a crash).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startSandbox, type SandboxHandle, type SandboxOptions, type TrunkState } from '../../src/sandbox/server.js';
import { createExotelClient } from '../../src/core/exotel/client.js';
import type { ExotelClient, RetryInfo } from '../../src/core/exotel/types.js';
import { Secret } from '../../src/core/secret.js';
import { Engine, type EngineInit } from '../../src/core/engine/engine.js';
import { OutcomeUnknownError } from '../../src/core/exotel/errors.js';
import { collectAnswers, type CollectResult } from '../../src/core/engine/answers.js';
import { routeRetry, stepContext } from '../../src/core/exotel/retry-context.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import type { ApplyEvent, ApplyResult, Inputs, Plan } from '../../src/core/engine/types.js';

export const ACCOUNT = 'enginetest1';
export const DID = '+918012345678';
/** public IPs the seed uses in success examples (documentation ranges are refused by Exotel) */
export const IP_A = '44.248.146.11';
export const IP_B = '52.66.10.20';

export interface EngineRig {
  sandbox: SandboxHandle;
  dir: string;
  statePath: string;
  /** every retry the client announced, with the plan step it ran under (AsyncLocalStorage) */
  retries: (RetryInfo & { stepId?: string })[];
  /** a fresh engine (and client) on the same state file: "the next process"; wrap swaps the client */
  newEngine(wrap?: (c: ExotelClient) => ExotelClient, init?: Pick<EngineInit, 'partners'>): Engine;
  close(): Promise<void>;
}

export async function engineRig(opts: SandboxOptions = {}): Promise<EngineRig> {
  const sandbox = await startSandbox(opts);
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-engine-'));
  const statePath = join(dir, 'state.json');
  const clients: ExotelClient[] = [];
  const retries: EngineRig['retries'] = [];
  const onRetry = (i: RetryInfo) => {
    retries.push({ ...i, stepId: stepContext.getStore()?.stepId });
    routeRetry(i);
  };
  return {
    sandbox,
    dir,
    statePath,
    retries,
    newEngine: (wrap, init) => {
      const client = createExotelClient({ accountSid: ACCOUNT, apiKey: 'sandbox', apiToken: new Secret('sandbox'), baseUrl: sandbox.url, backoffBaseMs: 5, timeoutMs: 5000, onRetry });
      clients.push(client);
      return new Engine({ client: wrap ? wrap(client) : client, mode: 'sandbox', region: 'in', statePath, ...init });
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Answers the way the headless runner collects them, with the previous run's answers and secrets. */
export function answersFor(engine: Engine, recipeId: string, set: Record<string, string>, env: NodeJS.ProcessEnv = {}): CollectResult {
  const recipe = loadRecipe(recipeId);
  const run = engine.run(recipeId);
  return collectAnswers(recipe, { set, env, previous: run?.tornDownAt ? undefined : run?.answers, previousSecrets: engine.previousSecrets(recipeId) });
}

export function inputsFor(engine: Engine, recipeId: string, set: Record<string, string>, env: NodeJS.ProcessEnv = {}, opts: { trunkSid?: string } = {}): Inputs {
  const c = answersFor(engine, recipeId, set, env);
  expect(c.missing.map((q) => q.id), 'missing answers').toEqual([]);
  expect(c.invalid, 'invalid answers').toEqual([]);
  return engine.inputs(loadRecipe(recipeId), c.answers, opts);
}

export interface Round {
  inputs: Inputs;
  plan: Plan;
  result: ApplyResult;
  events: ApplyEvent[];
}

/** One "exotrunk apply": answers → inputs → plan → apply. */
export async function applyOnce(engine: Engine, recipeId: string, set: Record<string, string>, env: NodeJS.ProcessEnv = {}, opts: { signal?: AbortSignal; trunkSid?: string } = {}): Promise<Round> {
  const inputs = inputsFor(engine, recipeId, set, env, { trunkSid: opts.trunkSid });
  const { plan } = await engine.plan(inputs);
  const events: ApplyEvent[] = [];
  const result = await engine.apply(plan, inputs, { signal: opts.signal, onEvent: (e) => events.push(e) });
  return { inputs, plan, result, events };
}

export function trunks(sandbox: SandboxHandle): TrunkState[] {
  return Object.values(sandbox.state().accounts[ACCOUNT]?.trunks ?? {});
}

export function trunkByName(sandbox: SandboxHandle, name: string): TrunkState | undefined {
  return trunks(sandbox).find((t) => t.trunk.trunk_name === name);
}

const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

/** Exactly one trunk per name, one mapping per number, one ACL per ip, one credential per user, one destination per uri. */
export function expectNoDuplicates(sandbox: SandboxHandle): void {
  const all = trunks(sandbox);
  expect(dupes(all.map((t) => t.trunk.trunk_name)), 'trunk names').toEqual([]);
  expect(dupes(all.flatMap((t) => t.numbers.map((n) => n.phone_number))), 'number mappings').toEqual([]);
  for (const t of all) {
    expect(dupes(t.acl.map((a) => a.ip)), `ACL of ${t.trunk.trunk_name}`).toEqual([]);
    expect(dupes(t.credentials.map((c) => c.user_name)), `credentials of ${t.trunk.trunk_name}`).toEqual([]);
    expect(dupes(t.destinations.map((d) => d.destination.toLowerCase())), `destinations of ${t.trunk.trunk_name}`).toEqual([]);
  }
}

export const stepIds = (plan: Plan) => plan.steps.map((s) => s.id);
export const kinds = (plan: Plan) => plan.steps.map((s) => s.kind);

/**
 * A client that "dies" like a killed process: once crash() is called (or after `after` calls were sent), every
 * answer still in flight and every later call hangs forever. What was sent still reaches the sandbox.
 */
export function crashable(client: ExotelClient, after = Infinity): { client: ExotelClient; crash(): void; calls(): number; dead(): boolean; settled(): Promise<unknown> } {
  let dead = false;
  let calls = 0;
  const inFlight: Promise<unknown>[] = [];
  const hang = new Promise<never>(() => {});
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'close') return v;
      return (...args: unknown[]) => {
        if (dead) return hang;
        calls++;
        const r = (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        inFlight.push(r.catch(() => undefined));
        if (calls >= after) dead = true;
        return r.then((x) => (dead ? hang : x), (e: unknown) => (dead ? hang : Promise.reject(e)));
      };
    },
  });
  return { client: proxy, crash: () => void (dead = true), calls: () => calls, dead: () => dead, settled: () => Promise.all(inFlight) };
}

/**
 * A client whose first answer to each named write is "lost" after the sandbox applied it, as a dropped
 * connection would: the call throws OutcomeUnknownError. Deterministic, unlike the sandbox's random faults.
 */
export function losing(client: ExotelClient, methods: (keyof ExotelClient)[], times = 1): { client: ExotelClient; lost: string[] } {
  const lost: string[] = [];
  const left = new Map<string, number>(methods.map((m) => [String(m), times]));
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || !left.has(String(prop))) return v;
      return async (...args: unknown[]) => {
        const r = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const n = left.get(String(prop))!;
        if (n <= 0) return r;
        left.set(String(prop), n - 1);
        lost.push(String(prop));
        throw new OutcomeUnknownError('POST', `/${String(prop)}`, 'connection reset (test)');
      };
    },
  });
  return { client: proxy, lost };
}

/** Tear a recipe down the way both front ends do: plan the deletions, then run that plan. */
export async function tearDown(engine: Engine, recipeId?: string, opts: { onEvent?: (e: ApplyEvent) => void; signal?: AbortSignal } = {}) {
  return engine.teardown(await engine.planTeardown(recipeId), opts);
}
