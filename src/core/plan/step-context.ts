/**
 * What a step kind is made of (step-kinds.ts keeps the registry): how it runs, with the context every step of a
 * run shares, and the call it makes as people read it. Kept apart so a module that defines kinds (exotel-steps,
 * the partner side) does not import the registry that imports it.
 */
import { UserError } from '../errors.js';
import type { ExotelClient } from '../exotel/types.js';
import type { RunState } from '../journal/state-store.js';
import type { StepOutcome } from './runner.js';
import type { Inputs, Step, StepKind } from './types.js';

/** What a step's handler may use: the client, the run's inputs, and its record in the journal. */
export interface StepContext {
  client: ExotelClient;
  inputs: Inputs;
  /** change this run's journal record; written at once (atomic, 0600) */
  journal(change: (r: RunState) => void): void;
  /** this run's journal record as it is now */
  record(): RunState | undefined;
  /** the trunk the steps work on: the plan's, or the one the create-trunk step made */
  trunkSid?: string;
  /** how many times an unknown-outcome write is re-sent after a read found nothing */
  maxReconcile: number;
}

/** A call as people read it: an HTTP request (method, path, body with secrets masked), or an SDK call. */
export interface ShownCall {
  method: string;
  path: string;
  body?: unknown;
}

export interface CallPlace {
  accountSid: string;
  trunkSid: string;
  secret?: string;
}

export interface StepKindSpec<K extends StepKind = StepKind> {
  run(step: Step<K>, ctx: StepContext): Promise<StepOutcome>;
  /**
   * The call this step makes: `trunkSid` is the plan's trunk, or the placeholder {trunk_sid} before it exists;
   * `secret` stands for any password the call sends (a mask on screen, an environment variable in a script).
   */
  call(step: Step<K>, where: CallPlace): ShownCall;
}

/** The trunk a step works on; none yet is a bug in the plan's order (the trunk step comes first). */
export function trunkOf(ctx: StepContext): string {
  if (!ctx.trunkSid) throw new UserError('The trunk does not exist yet.');
  return ctx.trunkSid;
}

