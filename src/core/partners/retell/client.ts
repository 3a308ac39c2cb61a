/**
 * Retell's side through the official SDK (retell-sdk 5.66.1: POST /import-phone-number,
 * GET /get-phone-number/{n}, PATCH /update-phone-number/{n}, DELETE /delete-phone-number/{n},
 * GET /get-agent/{id}; Authorization: Bearer; https://docs.retellai.com/api-references/import-phone-number,
 * checked 2026-11-29). The number in E.164 is the resource's id, so a lookup is one GET.
 *
 * Update takes termination_uri, transport and auth_username / auth_password (retell-sdk
 * PhoneNumberUpdateParams), so a changed edge or password is updated in place; Retell's custom-telephony guide
 * still says to delete and re-import (https://docs.retellai.com/deploy/custom-telephony, 2026-11-29). Retell
 * returns sip_outbound_trunk_config.auth_username, never the password.
 */
import Retell from 'retell-sdk';
import { PartnerCaller, type CallOptions } from '../call.js';
import type { PartnerClient } from '../client.js';
import type { RetellCredentials } from '../credentials.js';
import type { PartnerObservation } from '../diff.js';
import { networkText, stepPassword, type CallFailure, type ErrorHint } from '../errors.js';
import { answerText } from '../inputs.js';
import type { ObservedResource, PartnerInputs, PartnerStep } from '../types.js';

type NumberResponse = Awaited<ReturnType<Retell['phoneNumber']['retrieve']>>;

export function classifyRetell(e: unknown): CallFailure {
  const err = e as { name?: string; status?: number; error?: unknown; message?: string; headers?: Headers; cause?: { message?: string; code?: string } };
  if (err?.name === 'APIConnectionTimeoutError') return { kind: 'timeout', partnerText: err.message ?? '' };
  if (typeof err?.status === 'number') {
    const body = err.error as { message?: string; error_message?: string } | string | undefined;
    const text = typeof body === 'string' ? body : (body?.message ?? body?.error_message ?? (body ? JSON.stringify(body) : (err.message ?? '')));
    const ra = Number(err.headers?.get?.('retry-after'));
    return { kind: 'status', status: err.status, partnerText: text, retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined };
  }
  return { kind: 'network', partnerText: networkText(e) };
}

function hintRetell(operation: string, f: CallFailure): ErrorHint {
  if (f.status === 401) return { fix: 'Check RETELL_API_KEY (Retell dashboard → API Keys); it starts with key_.' };
  if (operation === 'import phone number' && f.status === 400) return { fix: 'The message above names the field Retell refused; numbers are imported in E.164 (+91…).' };
  return {};
}

export function openRetell(creds: RetellCredentials, opts: CallOptions = {}): PartnerClient {
  const caller = new PartnerCaller('retell', new URL(creds.baseUrl).host, [creds.apiKey], classifyRetell, hintRetell, opts);
  // maxRetries 0: Stainless clients retry POSTs on 408 / 409 / 429 / 5xx and on resets
  const retell = new Retell({ apiKey: creds.apiKey.reveal(), baseURL: creds.baseUrl, maxRetries: 0, timeout: caller.timeoutMs });

  const notFound = <T>(value: T) => (f: CallFailure) => (f.kind === 'status' && f.status === 404 ? value : undefined);

  async function get(number: string): Promise<NumberResponse | null> {
    const r = await caller.idempotent('get phone number', () => retell.phoneNumber.retrieve(number), { body: { phone_number: number }, accept: notFound(null) });
    return r.value;
  }

  const observed = (n: NumberResponse, via: 'key' | 'id'): ObservedResource => ({
    partner: 'retell',
    kind: 'phone-number',
    id: n.phone_number,
    key: n.phone_number,
    via,
    fields: {
      phone_number: n.phone_number,
      termination_uri: n.sip_outbound_trunk_config?.termination_uri ?? '',
      transport: n.sip_outbound_trunk_config?.transport ?? '',
      auth_username: n.sip_outbound_trunk_config?.auth_username ?? '',
      nickname: n.nickname ?? '',
      inbound_agents: (n.inbound_agents ?? []).map((a) => a.agent_id),
      outbound_agents: (n.outbound_agents ?? []).map((a) => a.agent_id),
    },
    secretState: { auth_password: 'unknown' },
  });

  const password = (step: PartnerStep, inputs: PartnerInputs) => stepPassword(step, inputs, 'auth_password');

  const agents = (inputs: PartnerInputs, on: boolean) => {
    const agent = answerText(inputs, 'retell_agent_id');
    return on && agent ? [{ agent_id: agent, weight: 1 }] : undefined;
  };

  const client: PartnerClient = {
    partner: 'retell',

    async observe(desired, o = {}) {
      const obs: PartnerObservation = { resources: [], blockers: [] };
      const d = desired.find((x) => x.kind === 'phone-number');
      const knownId = o.known?.['phone-number'];
      if (d) {
        const n = await get(d.key);
        if (n && n.phone_number_type !== 'custom') {
          obs.blockers.push({
            partner: 'retell',
            kind: 'phone-number',
            key: d.key,
            message: `${d.key} is a number bought through Retell (${n.phone_number_type}), not an imported one.`,
            fix: 'Use another ExoPhone, or release that number in Retell first.',
          });
        } else if (n) obs.resources.push(observed(n, knownId === n.phone_number ? 'id' : 'key'));
      }
      if (knownId && knownId !== d?.key) {
        const n = await get(knownId);
        if (n && n.phone_number_type === 'custom') obs.resources.push(observed(n, 'id'));
      }
      return obs;
    },

    async execute(step, inputs) {
      caller.addSecrets([inputs.sipPassword]);
      if (step.action === 'delete') {
        const r = await caller.idempotent('delete phone number', () => retell.phoneNumber.delete(step.id!).then(() => true), { body: { phone_number: step.id }, accept: notFound(true) });
        return { id: step.id!, attempts: r.attempts };
      }
      const pass = password(step, inputs);
      const nickname = answerText(inputs, 'retell_nickname') || 'Exotel India';
      const inbound = agents(inputs, inputs.inbound);
      const outbound = agents(inputs, inputs.outbound);
      if (step.action === 'create') {
        const body = {
          phone_number: inputs.did,
          termination_uri: inputs.edge.hostport,
          transport: inputs.edge.transport.toUpperCase(),
          ...(inputs.digest ? { sip_trunk_auth_username: inputs.sipUsername } : {}),
          ...(pass !== undefined ? { sip_trunk_auth_password: pass } : {}),
          ...(inbound ? { inbound_agents: inbound } : {}),
          ...(outbound ? { outbound_agents: outbound } : {}),
          nickname,
        };
        return caller.create(
          'import phone number',
          async () => (await retell.phoneNumber.import(body)).phone_number,
          async () => ((await get(inputs.did))?.phone_number_type === 'custom' ? inputs.did : undefined),
          { body, conflict: (f) => f.kind === 'status' && f.status === 409 },
        );
      }
      const update = {
        termination_uri: inputs.edge.hostport,
        transport: inputs.edge.transport.toUpperCase(),
        ...(inputs.digest ? { auth_username: inputs.sipUsername } : {}),
        ...(pass !== undefined ? { auth_password: pass } : {}),
        ...(inbound ? { inbound_agents: inbound } : {}),
        ...(outbound ? { outbound_agents: outbound } : {}),
        nickname,
      };
      const r = await caller.idempotent('update phone number', () => retell.phoneNumber.update(step.id!, update), { body: update });
      return { id: step.id!, attempts: r.attempts };
    },

    async checkAgent(inputs) {
      const agentId = answerText(inputs, 'retell_agent_id');
      if (!agentId) return { checked: false, agentId, note: 'No agent id given.' };
      const r = await caller.idempotent('get agent', () => retell.agent.retrieve(agentId).then((a) => ({ exists: true, name: a.agent_name ?? undefined })), {
        body: { agent_id: agentId },
        accept: notFound({ exists: false, name: undefined }),
      });
      return { checked: true, agentId, exists: r.value.exists, name: r.value.name };
    },
  };
  return client;
}
