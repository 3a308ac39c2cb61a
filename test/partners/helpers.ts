/**
 * Shared fixtures for the partner tests: inputs built the way the engine builds them (a RenderContext from
 * buildRenderContext, then partnerInputsFromContext), credentials read from the environment the stand-ins
 * print, and call options that never sleep.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CallOptions } from '../../src/core/partners/call.js';
import { openPartner, type PartnerClient } from '../../src/core/partners/client.js';
import { readPartnerCredentials, type PartnerCredentials } from '../../src/core/partners/credentials.js';
import { partnerDesired } from '../../src/core/partners/desired.js';
import { observedIds, planPartner, type PlanOptions } from '../../src/core/partners/diff.js';
import { partnerInputsFromContext } from '../../src/core/partners/inputs.js';
import type { KnownIds, PartnerId, PartnerInputs, PartnerStep, StepOutcome } from '../../src/core/partners/types.js';
import type { Direction } from '../../src/core/recipes/schema.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { partnerEnv, startPartnerStandIns, type PartnerStandIns, type PartnerStandInsOptions } from '../../src/sandbox/partners/index.js';
import { fixtureContext, FIXTURE } from '../helpers/render-fixture.js';

export { FIXTURE };

/** The stand-ins for one test file: started once (handed to `use`), reset before each test, closed after the last. */
export function standInsPerFile(opts: PartnerStandInsOptions, use: (s: PartnerStandIns) => void): void {
  let s: PartnerStandIns | undefined;
  beforeAll(async () => {
    s = await startPartnerStandIns(opts);
    use(s);
  });
  afterAll(async () => s?.close());
  beforeEach(() => {
    for (const h of [s!.livekit, s!.elevenlabs, s!.retell]) h.reset();
  });
}

/** retries without waiting, deterministic jitter */
export const FAST: CallOptions = { baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {}, random: () => 0.5 };

const ANSWERS: Record<PartnerId, Record<string, string>> = {
  livekit: { livekit_subdomain: 'abc123xyz', livekit_agent_name: 'exotel-agent', livekit_room_prefix: 'call-' },
  elevenlabs: { el_label: 'Exotel India', el_media_encryption: 'disabled', el_agent_id: 'agent_sandbox' },
  retell: { retell_agent_id: 'agent_sandbox', retell_nickname: 'Exotel India' },
};

export function inputsFor(partner: PartnerId, direction: Direction = 'both', answers: Record<string, string> = {}, opts: { auth?: 'digest' | 'none' } = {}): PartnerInputs {
  const recipe = loadRecipe(partner);
  const ctx = fixtureContext(recipe, direction, { ...ANSWERS[partner], ...answers }, {
    auth: opts.auth ?? (direction === 'inbound' ? 'none' : 'digest'),
  });
  return partnerInputsFromContext(ctx);
}

export function credsFor<P extends PartnerId>(partner: P, s: PartnerStandIns): Extract<PartnerCredentials, { partner: P }> {
  const r = readPartnerCredentials(partner, partnerEnv(s));
  if (r.status !== 'ok') throw new Error(`stand-in credentials refused: ${JSON.stringify(r)}`);
  return r.creds;
}

export async function clientFor(partner: PartnerId, s: PartnerStandIns, opts: CallOptions = {}): Promise<PartnerClient> {
  return openPartner(credsFor(partner, s), { ...FAST, ...opts });
}

export interface RunResult {
  ids: KnownIds;
  steps: PartnerStep[];
  outcomes: StepOutcome[];
}

/** What the engine will do for one partner: observe, plan, execute every step in order, journaling ids. */
export async function applyPartner(client: PartnerClient, inputs: PartnerInputs, known: KnownIds = {}, opts: PlanOptions = {}): Promise<RunResult> {
  const desired = partnerDesired(inputs);
  const obs = await client.observe(desired, { known, password: inputs.sipPassword });
  const plan = planPartner(desired, obs, opts);
  if (plan.blockers.length) throw new Error(`blocked: ${plan.blockers.map((b) => b.message).join('; ')}`);
  const ids: KnownIds = { ...known, ...observedIds(desired, obs) };
  const outcomes: StepOutcome[] = [];
  for (const step of plan.steps) {
    const out = await client.execute(step, inputs, ids);
    outcomes.push(out);
    if (step.action === 'delete') {
      if (ids[step.kind] === step.id) delete ids[step.kind];
    } else ids[step.kind] = out.id;
  }
  return { ids, steps: plan.steps, outcomes };
}
