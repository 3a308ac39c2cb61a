/**
 * Shapes shared by the rules and their callers. The rules decide; each decision carries the one sentence
 * the user sees.
 */
import type { Direction } from '../recipes/schema.js';

/** `warning` (optional, added by the rules): the value is accepted but the user should hear a caveat (e.g. udp). */
export type ValidationResult = { ok: true; value: string; warning?: string } | { ok: false; message: string };
/** A field validator: normalises on success; on failure says what is wrong and what is valid. */
export type Validator = (raw: string) => ValidationResult;

export interface Decision {
  topic: 'outbound-auth' | 'acl' | 'destination' | 'mode' | 'transport' | 'order' | 'mixed-auth';
  choice: string;
  reason: string;
}

export interface AuthInput {
  direction: Direction;
  /** the partner's published egress (recipe), plus IPs the user typed (partner_egress_ips / PBX IPs) */
  egress: { kind: 'static' | 'cidr' | 'dynamic' | 'user'; ips: string[]; cidrs: string[] };
  userIps: string[];
  /** recipe policy */
  policy: 'auto' | 'digest' | 'acl';
  allowMixedAuth: boolean;
  /** the user confirmed Exotel approved ACL + digest on one trunk */
  mixConfirmed: boolean;
  /** user asked for digest on top of ACL */
  wantDigestToo: boolean;
  /** inbound destination host, when any */
  destinationHost?: string;
  numberMode: 'pstn' | 'flow';
  /** force credentials regardless (StreamKit) */
  credentialsAlways?: boolean;
  /** the partner's display name for reasons ("Retell"); optional, added by the rules */
  partnerName?: string;
  /**
   * The recipe's own static IPs (its resources.acl_ips: StreamKit's servers, a PBX's addresses), whitelisted in
   * every direction: on an outbound leg they count as partner egress; on an inbound-only trunk they are added
   * after the other decisions. `title` names whose IPs they are in the decision's reason.
   */
  recipeAcl?: { ips: string[]; title: string };
}

/**
 * How calls toward Exotel authenticate on this trunk, decided once by the rules: by IP whitelist, by SIP digest,
 * by both (only where Exotel's approval of the mix was recorded), or not at all (inbound only, no trunk).
 */
export type TrunkAuth = 'acl' | 'digest' | 'both' | 'none';

export interface AuthPlan {
  /** the decision in one word: what templates, summaries and the plan read (never derived again) */
  trunkAuth: TrunkAuth;
  /** digest credentials on the trunk (trunkAuth is digest or both) */
  digest: boolean;
  /** IPs to whitelist (mask 32), partner egress and/or destination IP, de-duplicated */
  aclIps: string[];
  /** the destination host is an IP and needs its ACL entry before the destination is added */
  destinationNeedsAcl: boolean;
  mode: 'pstn' | 'flow';
  decisions: Decision[];
  warnings: string[];
}
