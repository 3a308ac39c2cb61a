/**
 * The plan's vocabulary: the validated inputs a plan is made from, what is wanted and what is there, the steps
 * between them, the events of running them and the verify report. The engine re-exports these as its public
 * types (engine/types.ts). Data flows one way: answers → validated inputs → plan → steps → events → screen / JSON.
 */
import type { Secret } from '../secret.js';
import type { Direction, Recipe } from '../recipes/schema.js';
import type { AuthPlan } from '../rules/contract.js';
import type { EdgeInfo } from '../exotel/network.js';
import type { NumberMode, Trunk } from '../exotel/types.js';
import type { PartnerVerifyReport } from '../partners/types.js';

export type AnswerValue = string | boolean | string[];
export type AnswerSource = 'flag' | 'file' | 'env' | 'default' | 'prompt' | 'generated' | 'state';

/** Answers so far. Secret answers (kind: secret) live in `secrets`, never in `values`. */
export interface AnswerSet {
  values: Record<string, AnswerValue>;
  secrets: Record<string, Secret>;
  sources: Record<string, AnswerSource>;
}

/** Validated inputs for one recipe run: what the rules and the planner work from. */
export interface Inputs {
  recipe: Recipe;
  direction: Direction;
  /** Rapida native path and the like: nothing to create at Exotel */
  skipTrunk: boolean;
  trunkName: string;
  /** adopt an existing trunk (--trunk-sid) */
  trunkSid?: string;
  did: string;
  numberMode: NumberMode;
  edge: EdgeInfo;
  auth: AuthPlan;
  /**
   * Whose digest credential the partner configs carry: the one exotrunk creates for the recipe (sip_username /
   * sip_password), or the one Exotel generated with the trunk (username = the trunk sid), read back after apply.
   */
  credentialSource: 'recipe' | 'exotel';
  sipUsername?: string;
  sipPassword?: Secret;
  /** destination URI as sent (host:port;transport=…), no sip: prefix */
  destination?: string;
  alias?: string;
  answers: AnswerSet;
  /**
   * false: leave the partner alone for this run even when its API keys are set (the wizard's "no", the
   * headless --no-partner-api): the configs are rendered to paste. Otherwise the keys decide (issue 17).
   */
  partnerApi?: boolean;
}

/** What the recipe wants to exist on the trunk. */
export interface Desired {
  trunkName: string;
  numbers: { phoneNumber: string; mode: NumberMode }[];
  acl: string[];
  /** exotel: Exotel's own credential (username = the trunk sid), not created by exotrunk */
  credential: { userName: string; exotel?: boolean } | null;
  destinations: string[]; // "sip:host:port;transport=…" normalised with sip:
  alias: string | null;
}

/** What the live trunk holds (all pages). */
export interface Observed {
  trunkSid: string;
  /** the trunk record (GET /trunks/{sid}); undefined when Exotel did not return it although the lists answered */
  trunk?: Trunk;
  numbers: { id: string; phoneNumber: string; mode: NumberMode | null }[];
  acl: { id: string; ip: string; mask: number }[];
  /** exotelOwn: the credential Exotel generated with the trunk; never drift, never deleted */
  credentials: { id?: string; userName: string; exotelOwn?: boolean }[];
  destinations: { id: string; destination: string }[];
  /** null when unknown: the API has no documented read for settings everywhere */
  alias: string | null | undefined;
}

/**
 * What each kind of step carries: the data its handler needs (plan/step-handlers.ts), never an HTTP body. The
 * request shown in the plan and exported as curl is derived from it (plan/exotel-steps.ts). Another module
 * adds kinds (the partner side: 'livekit:create-outbound-trunk') by augmenting this interface and registering
 * a handler; the runner and the screens need no change.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- empty on purpose: other modules augment it
export interface StepPayloads extends ExotelStepPayloads {}

/** Exotel's step kinds (plan/exotel-steps.ts). */
export interface ExotelStepPayloads {
  'create-trunk': { trunkName: string };
  'map-number': { phoneNumber: string; mode: NumberMode };
  'set-number-mode': { numberId: string; phoneNumber: string; mode: NumberMode };
  'whitelist-ip': { ip: string };
  'create-credential': { userName: string; friendlyName: string };
  /** the destination as Exotel wants it sent: host:port;transport=…, no sip: */
  'add-destination': { uri: string };
  'set-alias': { alias: string };
  'delete-credential': { credentialId: string; userName: string };
  'delete-trunk': { trunkSid: string };
}
export type StepKind = keyof StepPayloads;
export type ExotelStepKind = keyof ExotelStepPayloads;

/** What a step does to the world, for the plan's summary line ("5 to create, 1 to change"). */
export type StepEffect = 'create' | 'change' | 'delete';

/** One step of a plan: a discriminated union on `kind`, each with its typed payload. */
export type Step<K extends StepKind = StepKind> = K extends StepKind
  ? {
      id: string; // stable, e.g. "acl:44.248.146.11"
      kind: K;
      /** whose API the step calls: Exotel's, or (issue 17) the partner's */
      side: 'exotel' | 'partner';
      effect: StepEffect;
      title: string; // "Whitelist 44.248.146.11/32"
      reason: string; // one sentence the user sees
      dependsOn: string[];
      payload: StepPayloads[K];
    }
  : never;

export interface Plan {
  /** setup: create or repair what the recipe wants; teardown: delete it */
  purpose: 'setup' | 'teardown';
  recipeId: string;
  /** the account the calls go to (shown in each request's path) */
  accountSid: string;
  direction: Direction;
  trunkName: string;
  trunkSid?: string;
  steps: Step[];
  /** already in place, nothing to do (for the plan table) */
  inSync: string[];
  /** drift the API cannot repair: dashboard steps */
  manual: string[];
  decisions: AuthPlan['decisions'];
  warnings: string[];
  /** what the user must confirm before this plan runs, even in the sandbox (--yes without a terminal) */
  confirm?: string[];
  /** teardown: the trunk stays, since these other recipes here still use it */
  keptFor?: string[];
  /**
   * What the recipe wants that is already on the trunk, with its ids: apply journals it before any call, so a
   * run resumed after a crash records what the crashed run created but never wrote down.
   */
  found?: {
    numbers: Record<string, { id: string; mode: NumberMode | null }>;
    acl: Record<string, string>;
    credential: { id?: string; userName: string } | null;
    destinations: Record<string, string>;
  };
}

export type ApplyEvent =
  | { type: 'started'; stepId: string; at: number }
  /** attempt: the one about to be made after the wait, the first try counting as 1 (so 2 is the first retry), of maxAttempts */
  | { type: 'retrying'; stepId: string; attempt: number; maxAttempts?: number; delayMs: number; reason: string }
  | { type: 'done'; stepId: string; ms: number; detail: string }
  | { type: 'exists'; stepId: string; ms: number; detail: string }
  | { type: 'failed'; stepId: string; ms: number; message: string; cause?: string; fix?: string }
  | { type: 'skipped'; stepId: string; reason: string };

export interface ApplyResult {
  ok: boolean;
  trunkSid?: string;
  events: ApplyEvent[];
  failed: { stepId: string; message: string; cause?: string; fix?: string }[];
}

export type DriftKind = 'missing' | 'unexpected' | 'different';
/** Whose resource a verify row is about: Exotel's trunk, or (issue 17) the partner's side of the setup. */
export type Side = 'exotel' | 'partner';
export interface DriftItem {
  /** set by verify on every row (absent only in hand-made reports) */
  side?: Side;
  kind: DriftKind;
  resource: 'trunk' | 'number' | 'acl' | 'credential' | 'destination' | 'alias';
  key: string;
  expected?: string;
  actual?: string;
  /** the API can repair it with `apply`; else a dashboard step */
  repair: 'apply' | 'dashboard';
  how: string;
}
export interface VerifyReport {
  recipeId: string;
  trunkSid: string;
  inSync: boolean;
  items: DriftItem[];
  checked: { side?: Side; resource: string; key: string; ok: boolean }[];
  /** the trunk record as read (absent when the trunk is gone or Exotel did not return it) */
  trunk?: Trunk;
  /** what the user should know that is not drift: settings no documented API can change, Exotel's own credential */
  notes?: string[];
  /** the partner side, checked through the partner's API against this trunk and the recipe (issue 17) */
  partner?: PartnerVerifyReport;
  ms: number;
}
