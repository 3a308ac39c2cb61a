/**
 * The I/O half of a partner: one object per partner, opened lazily (the SDK is imported only here, when a
 * partner call is about to run), holding a PartnerCaller for retries, logging and error mapping.
 */
import type { Secret } from '../secret.js';
import type { CallOptions } from './call.js';
import type { PartnerCredentials } from './credentials.js';
import type { PartnerObservation } from './diff.js';
import type { AgentCheck, DesiredResource, KnownIds, PartnerId, PartnerInputs, PartnerStep, StepOutcome } from './types.js';

export interface ObserveOptions {
  /** ids from the journal: found even when their name or number changed, so stale ones can be removed */
  known?: KnownIds;
  /** compared (never shown) where the partner returns a stored password (self-hosted LiveKit does) */
  password?: Secret;
}

export interface PartnerClient {
  readonly partner: PartnerId;
  /** what the partner has for the desired resources (by name / number) and the known ids */
  observe(desired: DesiredResource[], opts?: ObserveOptions): Promise<PartnerObservation>;
  /**
   * Run one plan step. Bodies are built here from `inputs` (the SIP password included), never stored in the
   * step. `ids` are the ids known so far (journal and earlier steps): the LiveKit dispatch rule needs the
   * inbound trunk's. A create whose answer is lost is looked up before it is sent again.
   */
  execute(step: PartnerStep, inputs: PartnerInputs, ids: KnownIds): Promise<StepOutcome>;
  /** does the agent the recipe names exist at the partner? */
  checkAgent(inputs: PartnerInputs): Promise<AgentCheck>;
  /** other ids the answers name that must exist at the partner (LiveKit: livekit_inbound_trunk_id): one problem each */
  checkReferences?(inputs: PartnerInputs): Promise<string[]>;
}

export async function openPartner(creds: PartnerCredentials, opts: CallOptions = {}): Promise<PartnerClient> {
  switch (creds.partner) {
    case 'livekit':
      return (await import('./livekit/client.js')).openLiveKit(creds, opts);
    case 'elevenlabs':
      return (await import('./elevenlabs/client.js')).openElevenLabs(creds, opts);
    case 'retell':
      return (await import('./retell/client.js')).openRetell(creds, opts);
  }
}
