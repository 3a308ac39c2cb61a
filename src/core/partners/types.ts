/**
 * The shared vocabulary of the partner side: what is wanted at a partner (desired), what the partner has
 * (observed), the steps between the two, and the verify rows. Plain data, no SDK types, so the pure parts
 * (desired, plan, verify) load without any partner SDK.
 */
import type { Direction } from '../recipes/schema.js';
import type { Secret } from '../secret.js';

export const PARTNER_IDS = ['livekit', 'elevenlabs', 'retell'] as const;
export type PartnerId = (typeof PARTNER_IDS)[number];

export const PARTNER_TITLES: Record<PartnerId, string> = { livekit: 'LiveKit', elevenlabs: 'ElevenLabs', retell: 'Retell' };

export function isPartnerId(s: string): s is PartnerId {
  return (PARTNER_IDS as readonly string[]).includes(s);
}

/**
 * What the partner side is built from: the same data the paste-ready templates render (RenderContext in
 * src/core/render/context.ts), so the API bodies and the pasted files can never disagree.
 */
export interface PartnerInputs {
  partner: PartnerId;
  direction: Direction;
  inbound: boolean;
  outbound: boolean;
  /** Exotel trunk name, e.g. livekit_out: partner resource names are derived from it */
  trunkName: string;
  /** the ExoPhone in E.164 */
  did: string;
  edge: { host: string; port: number; transport: 'tls' | 'tcp'; hostport: string };
  /**
   * The Exotel trunk asks for digest (the rules' trunkAuth is digest or both): decided once by the rules and
   * carried here, never inferred again from the username.
   */
  digest: boolean;
  /** digest username on the Exotel trunk; "" when the trunk uses no digest */
  sipUsername: string;
  /** the digest password; absent when it is not at hand (verify without the profile's secrets) */
  sipPassword?: Secret;
  /** Exotel's signalling IPs (partner inbound allowlists) */
  signallingIps: string[];
  /** the Exotel destination URI as sent, without sip: ("" when none); its transport picks SRTP policy */
  destinationUri: string;
  /** the recipe's non-secret answers by question id */
  answers: Record<string, string | boolean | string[]>;
}

export type FieldValue = string | number | boolean | string[];

/** A field's value that is the id of another resource of the same partner, resolved when known. */
export const refTo = (kind: ResourceKind): string => `@${kind}`;
export const isRef = (v: string): boolean => v.startsWith('@');

export type ResourceKind = 'outbound-trunk' | 'inbound-trunk' | 'dispatch-rule' | 'phone-number';

export interface DesiredResource {
  partner: PartnerId;
  kind: ResourceKind;
  /** how it is found at the partner: a name (LiveKit) or the number in E.164 (ElevenLabs, Retell) */
  key: string;
  /** for people: 'LiveKit outbound trunk "Exotel livekit_out"' */
  title: string;
  /** what it is for, in one sentence (the plan's reason for creating it) */
  purpose?: string;
  /** what is set and what verify compares; never a secret. A value "@kind" is that resource's id. */
  fields: Record<string, FieldValue>;
  /** for each field, what it is and where the expected value comes from (verify rows show it) */
  labels: Record<string, string>;
  /** secret fields sent on create / update (e.g. auth_password); compared only where the partner allows */
  secrets: string[];
  /** resources whose id this one carries (the LiveKit dispatch rule names the inbound trunk) */
  dependsOn: ResourceKind[];
}

/**
 * What the partner says about a secret field: `match` / `differs` when it returned the value and exotrunk
 * compared it (in constant time, never printing it); `set` / `unset` when it only says whether one is
 * configured; `unknown` when it says nothing.
 */
export type SecretState = 'match' | 'differs' | 'set' | 'unset' | 'unknown';

export interface ObservedResource {
  partner: PartnerId;
  kind: ResourceKind;
  id: string;
  key: string;
  fields: Record<string, FieldValue>;
  secretState: Record<string, SecretState>;
  /** found by its key (name / number) or only through the journal's id (then its key may have changed) */
  via: 'key' | 'id';
}

/** A resource at the partner that has exotrunk's key but must not be touched (e.g. the number is another provider's). */
export interface Blocker {
  partner: PartnerId;
  kind: ResourceKind;
  key: string;
  message: string;
  fix: string;
}

export interface FieldChange {
  field: string;
  from: FieldValue | undefined;
  to: FieldValue;
}

export interface PartnerStep {
  partner: PartnerId;
  action: 'create' | 'update' | 'delete';
  kind: ResourceKind;
  key: string;
  title: string;
  /** the resource's id at the partner (update, delete) */
  id?: string;
  /** one sentence: why this step is in the plan */
  reason: string;
  /** for an update: the non-secret fields that change; secrets are named in `secrets` */
  changes?: FieldChange[];
  secrets?: string[];
  dependsOn?: ResourceKind[];
}

export interface PartnerPlan {
  steps: PartnerStep[];
  /** things that stop the partner side before anything is sent, each with its fix */
  blockers: Blocker[];
}

/** ids exotrunk knows (from the journal or earlier steps of this run), by resource kind */
export type KnownIds = Partial<Record<ResourceKind, string>>;

export interface StepOutcome {
  id: string;
  /** the create's answer was lost and the resource was found by looking it up instead of re-sending */
  adopted?: boolean;
  /** how many requests the step took */
  attempts: number;
}

export type VerifyStatus = 'ok' | 'drift' | 'missing' | 'not-comparable';

export interface PartnerVerifyRow {
  partner: PartnerId;
  resource: string;
  field: string;
  /** what is expected (from the Exotel side and the recipe answers), shown as text */
  expected: string;
  /** what the partner has */
  actual: string;
  status: VerifyStatus;
  note?: string;
}

export interface AgentCheck {
  /** false when the partner's API offers no way to check (LiveKit agent names) */
  checked: boolean;
  exists?: boolean;
  agentId: string;
  /** the agent's name at the partner, when it told us */
  name?: string;
  note?: string;
}

/** One cross-side check (partners/cross.ts): the Exotel side, the partner side and the recipe, and which side is off. */
export type CrossStatus = 'ok' | 'drift' | 'missing' | 'not-comparable';

export interface CrossRow {
  check: string;
  /** what the Exotel side has (documented constants are said as such) */
  exotel: string;
  /** what the partner side has */
  partner: string;
  /** what the recipe wants */
  expected: string;
  status: CrossStatus;
  /** the side that differs from the recipe: the one `apply` changes (both: each side differs) */
  side?: 'exotel' | 'partner' | 'both';
  note?: string;
}

/** The partner half of `verify`: the cross-side checks, every compared partner field, what cannot be compared. */
export interface PartnerVerifyReport {
  partner: PartnerId;
  title: string;
  /** where the partner side lives (LiveKit project host, API host) */
  host: string;
  inSync: boolean;
  cross: CrossRow[];
  /** every compared field of the partner's resources against the recipe */
  rows: PartnerVerifyRow[];
  /** what could not be compared, and why (said once) */
  notes: string[];
  ms: number;
}
