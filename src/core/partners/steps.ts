/**
 * The partner side as ordinary plan steps (issue 17): three step kinds, `partner:create`, `partner:update` and
 * `partner:delete`, registered with the plan's step registry, so the one runner executes them beside
 * Exotel's, in the same DAG, journaled the same way, shown on the same plan screen.
 *
 * A step's payload is plain data (the PartnerStep from diff.ts, where the calls go, the ids known when the plan
 * was made): never a key or a password. What a step needs at run time (the opened SDK client, the partner
 * inputs with the SIP password) comes from the PartnerRuntime of the engine that owns the step context's
 * Exotel client (engine/partner-side.ts binds it). The SDK is imported only when the first partner step runs.
 */
import type { ExotelClient } from '../exotel/types.js';
import type { StepOutcome } from '../plan/runner.js';
import type { ShownCall, StepContext, StepKindSpec } from '../plan/step-context.js';
import { registerStepKinds } from '../plan/step-kinds.js';
import type { Step, StepEffect } from '../plan/types.js';
import type { PartnerClient } from './client.js';
import { PARTNER_TITLES, type KnownIds, type PartnerId, type PartnerInputs, type PartnerStep } from './types.js';

export interface PartnerStepPayload {
  step: PartnerStep;
  /** where the calls go (the LiveKit project URL, the ElevenLabs or Retell API base URL), for the plan screen */
  origin: string;
  /** the ids known when the plan was made (journal and lookups): the LiveKit dispatch rule needs the inbound trunk's */
  ids: KnownIds;
}

declare module '../plan/types.js' {
  interface StepPayloads {
    'partner:create': PartnerStepPayload;
    'partner:update': PartnerStepPayload;
    'partner:delete': PartnerStepPayload;
  }
}

export type PartnerStepKind = 'partner:create' | 'partner:update' | 'partner:delete';

/** What a partner step needs from the engine that runs it. */
export interface PartnerRuntime {
  /** the partner's SDK client, opened once (the SDK is imported on the first call) */
  client(partner: PartnerId): Promise<PartnerClient>;
  /** the partner inputs at run time: the SIP password resolved (Exotel's own credential is read now if needed) */
  inputs(ctx: StepContext): Promise<PartnerInputs>;
  /** the Exotel credential whose password a step sends, as "username:id" for the journal (undefined: none) */
  credentialMark(ctx: StepContext): string | undefined;
}

const runtimes = new WeakMap<ExotelClient, PartnerRuntime>();

/** The engine owning `client` runs partner steps with this runtime (one engine, one client). */
export function bindPartnerRuntime(client: ExotelClient, runtime: PartnerRuntime): void {
  runtimes.set(client, runtime);
}

const EFFECT: Record<PartnerStep['action'], StepEffect> = { create: 'create', update: 'change', delete: 'delete' };

/** The plan step id of a partner step: unique within a plan (a duplicate's delete carries its own id). */
export function partnerStepId(s: PartnerStep): string {
  return `${s.partner}:${s.action}:${s.kind}${s.action === 'delete' ? `:${s.id}` : ''}`;
}

/** A PartnerStep as a plan step; `dependsOn` holds plan step ids (Exotel's and other partner steps'). */
export function toPlanStep(s: PartnerStep, origin: string, ids: KnownIds, dependsOn: string[]): Step {
  return {
    id: partnerStepId(s),
    kind: `partner:${s.action}`,
    side: 'partner',
    effect: EFFECT[s.action],
    title: `${s.action === 'create' ? 'Create' : s.action === 'update' ? 'Update' : 'Delete'} ${s.title}${s.action === 'delete' && s.id ? ` (${s.id})` : ''}`,
    reason: s.reason,
    dependsOn,
    payload: { step: s, origin, ids },
  } as Step;
}

/** The HTTP call the partner's SDK makes for a step, as the plan shows it (the body is built at run time). */
const PATHS: Record<PartnerId, (s: PartnerStep) => { method: string; path: string }> = {
  livekit: (s) => {
    const noun = s.kind === 'dispatch-rule' ? 'SIPDispatchRule' : s.kind === 'inbound-trunk' ? 'SIPInboundTrunk' : 'SIPOutboundTrunk';
    const method = s.action === 'create' ? `Create${noun}` : s.action === 'update' ? `Update${noun}` : s.kind === 'dispatch-rule' ? 'DeleteSIPDispatchRule' : 'DeleteSIPTrunk';
    return { method: 'POST', path: `/twirp/livekit.SIP/${method}` };
  },
  elevenlabs: (s) =>
    s.action === 'create'
      ? { method: 'POST', path: '/v1/convai/phone-numbers' }
      : { method: s.action === 'update' ? 'PATCH' : 'DELETE', path: `/v1/convai/phone-numbers/${s.id ?? '{phone_number_id}'}` },
  retell: (s) =>
    s.action === 'create'
      ? { method: 'POST', path: '/import-phone-number' }
      : { method: s.action === 'update' ? 'PATCH' : 'DELETE', path: `/${s.action}-phone-number/${encodeURIComponent(s.key)}` },
};

export function partnerCall(p: PartnerStepPayload): ShownCall {
  const { method, path } = PATHS[p.step.partner](p.step);
  const changes = p.step.changes?.length ? Object.fromEntries(p.step.changes.map((c) => [c.field, c.to])) : undefined;
  const secrets = p.step.secrets?.length ? Object.fromEntries(p.step.secrets.map((f) => [f, '••••••••'])) : undefined;
  return { method, path: `${p.origin.replace(/\/+$/, '')}${path}`, ...(changes || secrets ? { body: { ...changes, ...secrets } } : {}) };
}

async function run(step: Step<PartnerStepKind>, ctx: StepContext): Promise<StepOutcome> {
  const runtime = runtimes.get(ctx.client);
  if (!runtime) throw new Error('a partner step ran on an engine without a partner runtime');
  const { step: s, origin, ids: planned } = step.payload;
  const host = new URL(origin).host;
  const [client, inputs] = await Promise.all([runtime.client(s.partner), runtime.inputs(ctx)]);
  // what the plan found at the partner wins; the journal adds what earlier steps of this run created
  const ids: KnownIds = { ...(ctx.record()?.partner?.ids as KnownIds | undefined), ...planned };
  const out = await client.execute(s, inputs, ids);
  const mark = s.secrets?.length ? runtime.credentialMark(ctx) : undefined;
  // One journal write, after the call: a crash before it is harmless, since the re-run finds the resource by its
  // name or number. With it go where the partner side lives and the ids the plan found (adopted by name or number).
  ctx.journal((r) => {
    const p = (r.partner ??= { id: s.partner, host, ids: {}, sent: {} });
    p.host = host;
    for (const [kind, id] of Object.entries(planned)) if (id && !(kind in p.ids)) p.ids[kind] = id;
    if (s.action === 'delete') {
      if (p.ids[s.kind] === s.id) {
        delete p.ids[s.kind];
        delete p.sent[s.kind];
      }
      return;
    }
    p.ids[s.kind] = out.id;
    if (mark) p.sent[s.kind] = mark;
  });
  const tries = out.attempts > 1 ? `, ${out.attempts} attempts` : '';
  if (out.adopted) return { outcome: 'exists', detail: `${PARTNER_TITLES[s.partner]} ${out.id} (its answer was lost; found by ${s.partner === 'livekit' ? 'name' : 'number'}${tries})` };
  return { outcome: 'done', detail: `${PARTNER_TITLES[s.partner]} ${out.id}${tries}` };
}

const spec: StepKindSpec<PartnerStepKind> = { run, call: (s) => partnerCall(s.payload) };

registerStepKinds({ 'partner:create': spec as StepKindSpec<'partner:create'>, 'partner:update': spec as StepKindSpec<'partner:update'>, 'partner:delete': spec as StepKindSpec<'partner:delete'> });
