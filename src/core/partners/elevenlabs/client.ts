/**
 * ElevenLabs' side through the official SDK's phone-numbers client (@elevenlabs/elevenlabs-js 2.73.0
 * PhoneNumbersClient: GET/POST /v1/convai/phone-numbers, GET/PATCH/DELETE /v1/convai/phone-numbers/{id},
 * GET /v1/convai/v2/phone-numbers; header xi-api-key; checked 2026-11-29), imported by its own path rather
 * than through ElevenLabsClient: the full client bundles to 7.5 MB, the phone-numbers client with only its
 * own serializers to 0.25 MB (scripts/elevenlabs-slim.mjs; measured 2026-11-29). The agent check uses the SDK's fetcher on
 * GET /v1/convai/agents/{agent_id} and reads the status only: the agents client's response schema alone
 * bundles to 4.6 MB, and an existence check needs none of it.
 *
 * ElevenLabs returns the digest username and has_auth_credentials, never the password.
 */
import { PhoneNumbersClient } from '@elevenlabs/elevenlabs-js/api/resources/conversationalAi/resources/phoneNumbers/client/Client.js';
import { fetcher, url as urls } from '@elevenlabs/elevenlabs-js/core/index.js';
import { ElevenLabsError } from '@elevenlabs/elevenlabs-js/errors/index.js';
import type { GetPhoneNumberSipTrunkResponseModel } from '@elevenlabs/elevenlabs-js/api/types/GetPhoneNumberSipTrunkResponseModel.js';
import { PartnerCaller, type CallOptions } from '../call.js';
import type { PartnerClient } from '../client.js';
import type { ElevenLabsCredentials } from '../credentials.js';
import type { PartnerObservation } from '../diff.js';
import { networkText, stepPassword, type CallFailure, type ErrorHint } from '../errors.js';
import { answerText } from '../inputs.js';
import type { ObservedResource, PartnerInputs } from '../types.js';
import { elevenlabsEncryption, IN, OUT } from './desired.js';

type SipTrunkNumber = GetPhoneNumberSipTrunkResponseModel & { provider: 'sip_trunk' };
type AnyNumber = { provider: string; phoneNumber: string; phoneNumberId: string; label?: string };

/** the error's JSON body in the shapes ElevenLabs uses: {detail: {status, message}} or FastAPI's {detail: [...]} */
function describeBody(body: unknown): { text: string; code?: string } {
  if (body === undefined || body === null) return { text: '' };
  if (typeof body === 'string') return { text: body };
  const detail = (body as { detail?: unknown }).detail;
  if (detail && typeof detail === 'object' && !Array.isArray(detail)) {
    const d = detail as { status?: string; message?: string };
    return { text: d.message ?? JSON.stringify(detail), code: d.status };
  }
  if (Array.isArray(detail)) {
    // FastAPI echoes the rejected input ("input"): drop it, a password could be in it
    return { text: detail.map((x: { loc?: unknown[]; msg?: string }) => `${(x.loc ?? []).join('.')}: ${x.msg ?? ''}`).join('; ') };
  }
  return { text: JSON.stringify(body) };
}

export function classifyElevenLabs(e: unknown): CallFailure {
  const err = e as { name?: string; statusCode?: number; body?: unknown; message?: string; rawResponse?: { headers?: Headers }; cause?: { message?: string; code?: string } };
  if (err?.name === 'ElevenLabsTimeoutError') return { kind: 'timeout', partnerText: err.message ?? '' };
  if (typeof err?.statusCode === 'number') {
    const { text, code } = describeBody(err.body);
    const ra = Number(err.rawResponse?.headers?.get?.('retry-after'));
    return { kind: 'status', status: err.statusCode, code, partnerText: text, retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined };
  }
  return { kind: 'network', partnerText: networkText(e) };
}

function hintElevenLabs(_operation: string, f: CallFailure): ErrorHint {
  if (f.code === 'invalid_api_key') return { fix: 'Check ELEVENLABS_API_KEY (ElevenLabs → Developers → API keys), and that EXOTRUNK_ELEVENLABS_BASE_URL is your workspace\'s region (a data-residency workspace has its own API host).' };
  if (f.status === 403 || f.code === 'missing_permissions') return { fix: 'Give the API key access to ElevenAgents (Agents / Phone numbers: write) in ElevenLabs → Developers → API keys, or use an unrestricted key.' };
  return {};
}

export function openElevenLabs(creds: ElevenLabsCredentials, opts: CallOptions = {}): PartnerClient {
  const caller = new PartnerCaller('elevenlabs', new URL(creds.baseUrl).host, [creds.apiKey], classifyElevenLabs, hintElevenLabs, opts);
  const timeoutInSeconds = Math.ceil(caller.timeoutMs / 1000);
  // maxRetries 0: Fern's fetcher retries every method on 408, 429 and 5xx, a POST included
  const numbers = new PhoneNumbersClient({ baseUrl: creds.baseUrl, apiKey: creds.apiKey.reveal(), maxRetries: 0, timeoutInSeconds });

  async function listByNumber(phoneNumber: string): Promise<AnyNumber[]> {
    const out: AnyNumber[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await caller.idempotent('list phone numbers', () => numbers.listV2({ phoneNumber, pageSize: 100, cursor }), { body: { phone_number: phoneNumber, cursor } });
      out.push(...(r.value.phoneNumbers as AnyNumber[]).filter((n) => n.phoneNumber === phoneNumber));
      if (!r.value.hasMore || !r.value.nextCursor) break;
      cursor = r.value.nextCursor;
    }
    return out;
  }

  const observed = (n: SipTrunkNumber, via: 'key' | 'id'): ObservedResource => {
    const fields: ObservedResource['fields'] = { phone_number: n.phoneNumber, label: n.label, agent_id: n.assignedAgent?.agentId ?? '', livekit_stack: n.livekitStack ?? '' };
    if (n.inboundTrunk) {
      fields[`${IN}.media_encryption`] = n.inboundTrunk.mediaEncryption;
      fields[`${IN}.allowed_addresses`] = [...(n.inboundTrunk.allowedAddresses ?? [])];
    }
    if (n.outboundTrunk) {
      fields[`${OUT}.address`] = n.outboundTrunk.address;
      fields[`${OUT}.transport`] = n.outboundTrunk.transport;
      fields[`${OUT}.media_encryption`] = n.outboundTrunk.mediaEncryption;
      fields[`${OUT}.username`] = n.outboundTrunk.username ?? '';
    }
    return {
      partner: 'elevenlabs',
      kind: 'phone-number',
      id: n.phoneNumberId,
      key: n.phoneNumber,
      via,
      fields,
      secretState: { [`${OUT}.password`]: n.outboundTrunk?.hasAuthCredentials ? 'set' : 'unset' },
    };
  };

  function outboundConfig(inputs: PartnerInputs, withPassword: boolean) {
    const encryption = elevenlabsEncryption(inputs, 'outbound');
    const credentials = inputs.digest ? { username: inputs.sipUsername, ...(withPassword ? { password: inputs.sipPassword!.reveal() } : {}) } : undefined;
    return { address: inputs.edge.hostport, transport: inputs.edge.transport, mediaEncryption: encryption, ...(credentials ? { credentials } : {}) };
  }

  function inboundConfig(inputs: PartnerInputs) {
    const encryption = elevenlabsEncryption(inputs, 'inbound');
    return { mediaEncryption: encryption, allowedAddresses: inputs.signallingIps.map((ip) => `${ip}/32`) };
  }


  const client: PartnerClient = {
    partner: 'elevenlabs',

    async observe(desired, o = {}) {
      const obs: PartnerObservation = { resources: [], blockers: [] };
      const d = desired.find((x) => x.kind === 'phone-number');
      const knownId = o.known?.['phone-number'];
      const seen = new Set<string>();
      if (d) {
        for (const n of await listByNumber(d.key)) {
          if (n.provider !== 'sip_trunk') {
            obs.blockers.push({
              partner: 'elevenlabs',
              kind: 'phone-number',
              key: d.key,
              message: `${d.key} is already in ElevenLabs as a ${n.provider} number (${n.phoneNumberId}, "${n.label ?? ''}").`,
              fix: 'Delete it in ElevenLabs → Phone numbers if the SIP trunk should carry it, then re-run.',
            });
            continue;
          }
          seen.add(n.phoneNumberId);
          obs.resources.push(observed(n as SipTrunkNumber, n.phoneNumberId === knownId ? 'id' : 'key'));
        }
      }
      if (knownId && !seen.has(knownId)) {
        const r = await caller.idempotent('get phone number', () => numbers.get(knownId).then((v) => v as AnyNumber | null), {
          body: { id: knownId },
          accept: (f) => (f.kind === 'status' && f.status === 404 ? null : undefined),
        });
        if (r.value && r.value.provider === 'sip_trunk') obs.resources.push(observed(r.value as SipTrunkNumber, 'id'));
      }
      return obs;
    },

    async execute(step, inputs) {
      caller.addSecrets([inputs.sipPassword]);
      if (step.action === 'delete') {
        const r = await caller.idempotent('delete phone number', () => numbers.delete(step.id!).then(() => true), {
          body: { id: step.id },
          accept: (f) => (f.kind === 'status' && f.status === 404 ? true : undefined),
        });
        return { id: step.id!, attempts: r.attempts };
      }
      const withPassword = stepPassword(step, inputs, `${OUT}.password`) !== undefined;
      const agent = answerText(inputs, 'el_agent_id');
      const label = answerText(inputs, 'el_label') || 'Exotel India';
      if (step.action === 'create') {
        const body = {
          provider: 'sip_trunk' as const,
          phoneNumber: inputs.did,
          label,
          ...(agent ? { agentId: agent } : {}),
          ...(inputs.inbound ? { inboundTrunkConfig: inboundConfig(inputs) } : {}),
          ...(inputs.outbound ? { outboundTrunkConfig: outboundConfig(inputs, withPassword) } : {}),
        };
        return caller.create(
          'import phone number',
          async () => (await numbers.create(body)).phoneNumberId,
          async () => (await listByNumber(inputs.did)).find((n) => n.provider === 'sip_trunk')?.phoneNumberId,
          { body, conflict: (f) => f.kind === 'status' && f.status === 409 },
        );
      }
      const update = {
        label,
        ...(agent ? { agentId: agent } : {}),
        ...(inputs.inbound ? { inboundTrunkConfig: inboundConfig(inputs) } : {}),
        ...(inputs.outbound ? { outboundTrunkConfig: outboundConfig(inputs, withPassword) } : {}),
      };
      const r = await caller.idempotent('update phone number', () => numbers.update(step.id!, update), { body: update });
      return { id: step.id!, attempts: r.attempts };
    },

    async checkAgent(inputs) {
      const agentId = answerText(inputs, 'el_agent_id');
      if (!agentId) return { checked: false, agentId, note: 'No agent id given: the number is imported without an agent; assign one in ElevenLabs → Phone numbers.' };
      const url = urls.join(creds.baseUrl, `v1/convai/agents/${encodeURIComponent(agentId)}`);
      const r = await caller.idempotent(
        'get agent',
        async () => {
          const res = await fetcher({ url, method: 'GET', headers: { 'xi-api-key': creds.apiKey.reveal() }, timeoutMs: caller.timeoutMs, maxRetries: 0 });
          if (res.ok) return { exists: true, name: (res.body as { name?: string } | undefined)?.name };
          if (res.error.reason === 'status-code') throw new ElevenLabsError({ statusCode: res.error.statusCode, body: res.error.body, rawResponse: res.rawResponse });
          if (res.error.reason === 'timeout') throw Object.assign(new Error('timeout'), { name: 'ElevenLabsTimeoutError' });
          throw new ElevenLabsError({ message: 'errorMessage' in res.error ? String(res.error.errorMessage) : res.error.reason });
        },
        { body: { agent_id: agentId }, accept: (f) => (f.kind === 'status' && f.status === 404 ? { exists: false, name: undefined } : undefined) },
      );
      return { checked: true, agentId, exists: r.value.exists, name: r.value.name };
    },
  };
  return client;
}
