/**
 * A stand-in for ElevenLabs' phone-number API (ElevenAgents): the routes @elevenlabs/elevenlabs-js 2.73.0's
 * PhoneNumbersClient calls (GET/POST /v1/convai/phone-numbers, GET/PATCH/DELETE /v1/convai/phone-numbers/{id},
 * GET /v1/convai/v2/phone-numbers) and GET /v1/convai/agents/{id}; stateful, in memory.
 *
 * Request bodies are checked with the SDK's own serializers in strict mode (serialization
 * PhoneNumbersCreateRequestBody and UpdatePhoneNumberRequest: unknown keys, unknown enum values and unknown
 * union members fail), the xi-api-key header with the stand-in's key. Answers are built in the wire format
 * of GetPhoneNumberSipTrunkResponseModel; the password is never returned, only has_auth_credentials.
 *
 * Sourced: the 401 body {"detail":{"status":"invalid_api_key","message":"Invalid API key"}} (quoted in
 * https://github.com/SillyTavern/SillyTavern/issues/4483, 2025-09-03); a missing password on update keeps the
 * stored one (SipTrunkCredentialsRequestModel: "if not specified, then remain unchanged").
 * Assumed without a source: the 404 / 409 / 422 / 429 / 500 bodies (the same {"detail":{status,message}}
 * shape, and FastAPI's {"detail":[{loc,msg,type}]} for 422), that importing a number twice answers 409, that
 * an unknown agent id answers 404, that media_encryption defaults to "allowed" and transport to "auto" when
 * not sent, and the id format (20 letters and digits, as in the SDK's examples).
 */
import * as phoneNumbers from '@elevenlabs/elevenlabs-js/serialization/resources/conversationalAi/resources/phoneNumbers/index.js';
import { seededRandom } from '../faults.js';
import { idMaker, jsonBody, statusFaults, type StandInApp, type StandInReply, type StandInRequest } from './http.js';

export interface ElevenLabsStandInOptions {
  /** default "sk_" + "sandbox" × 7, the shape of a real key */
  apiKey?: string;
  /** agents that exist: id → name (default agent_sandbox → "Sandbox agent") */
  agents?: Record<string, string>;
  seed?: number;
}

interface TrunkOut {
  address: string;
  transport: string;
  media_encryption: string;
  headers?: Record<string, string>;
  username?: string;
  password?: string;
  enabled_codecs?: string[];
}
interface TrunkIn {
  allowed_addresses: string[];
  allowed_numbers?: string[];
  media_encryption: string;
  username?: string;
  password?: string;
  remote_domains?: string[];
}
export interface ElevenLabsNumber {
  phone_number_id: string;
  provider: string;
  phone_number: string;
  label: string;
  agent_id?: string;
  outbound?: TrunkOut;
  inbound?: TrunkIn;
}
export interface ElevenLabsState {
  numbers: ElevenLabsNumber[];
  agents: Record<string, string>;
}

const STRICT = { unrecognizedObjectKeys: 'fail', allowUnrecognizedEnumValues: false, allowUnrecognizedUnionMembers: false } as const;

export const ELEVENLABS_SANDBOX_KEY = `sk_${'sandbox'.repeat(7)}`;

export function elevenLabsError(status: number, code: string, message: string, headers?: Record<string, string>): StandInReply {
  return { status, body: { detail: { status: code, message } }, headers, refused: `${code}: ${message}` };
}

function validation(errors: { path: string[]; message: string }[]): StandInReply {
  const detail = errors.map((e) => ({ loc: ['body', ...e.path], msg: e.message, type: 'value_error' }));
  return { status: 422, body: { detail }, refused: `validation: ${errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}` };
}

type WireOut = { address: string; transport?: string; media_encryption?: string; headers?: Record<string, string>; credentials?: { username: string; password?: string }; enabled_codecs?: string[] };
type WireIn = { allowed_addresses?: string[]; allowed_numbers?: string[]; media_encryption?: string; credentials?: { username: string; password?: string }; remote_domains?: string[] };

function outFrom(w: WireOut, prev?: TrunkOut): TrunkOut {
  return {
    address: w.address,
    transport: w.transport ?? 'auto',
    media_encryption: w.media_encryption ?? 'allowed',
    ...(w.headers ? { headers: w.headers } : {}),
    ...(w.enabled_codecs ? { enabled_codecs: w.enabled_codecs } : {}),
    // "SIP trunk password - if not specified, then remain unchanged"
    ...(w.credentials ? { username: w.credentials.username, password: w.credentials.password ?? prev?.password } : {}),
  };
}

function inFrom(w: WireIn, prev?: TrunkIn): TrunkIn {
  return {
    allowed_addresses: w.allowed_addresses ?? [],
    ...(w.allowed_numbers ? { allowed_numbers: w.allowed_numbers } : {}),
    media_encryption: w.media_encryption ?? 'allowed',
    ...(w.remote_domains ? { remote_domains: w.remote_domains } : {}),
    ...(w.credentials ? { username: w.credentials.username, password: w.credentials.password ?? prev?.password } : {}),
  };
}

export function elevenLabsApp(opts: ElevenLabsStandInOptions = {}): StandInApp<ElevenLabsState> {
  const apiKey = opts.apiKey ?? ELEVENLABS_SANDBOX_KEY;
  const initialAgents = opts.agents ?? { agent_sandbox: 'Sandbox agent' };
  let agents: Record<string, string> = { ...initialAgents };
  let newId = idMaker(seededRandom((opts.seed ?? 1) + 202));
  const numbers = new Map<string, ElevenLabsNumber>();

  /** the wire answer of GET /v1/convai/phone-numbers/{id} */
  function wire(n: ElevenLabsNumber): Record<string, unknown> {
    const base: Record<string, unknown> = { phone_number: n.phone_number, label: n.label, phone_number_id: n.phone_number_id, provider: n.provider };
    if (n.agent_id) base.assigned_agent = { agent_id: n.agent_id, agent_name: agents[n.agent_id] ?? '' };
    if (n.provider !== 'sip_trunk') return base;
    base.livekit_stack = 'standard';
    if (n.outbound) {
      const o = n.outbound;
      base.outbound_trunk = {
        address: o.address,
        transport: o.transport,
        media_encryption: o.media_encryption,
        ...(o.headers ? { headers: o.headers } : {}),
        has_auth_credentials: o.password !== undefined && o.password !== '',
        ...(o.username ? { username: o.username } : {}),
        has_outbound_trunk: true,
        ...(o.enabled_codecs ? { enabled_codecs: o.enabled_codecs } : {}),
      };
    }
    if (n.inbound) {
      const i = n.inbound;
      base.inbound_trunk = {
        allowed_addresses: i.allowed_addresses,
        ...(i.allowed_numbers ? { allowed_numbers: i.allowed_numbers } : {}),
        media_encryption: i.media_encryption,
        has_auth_credentials: i.password !== undefined && i.password !== '',
        ...(i.username ? { username: i.username } : {}),
        ...(i.remote_domains ? { remote_domains: i.remote_domains } : {}),
      };
    }
    return base;
  }

  const missingAgent = (id: string) => elevenLabsError(404, 'agent_not_found', `Agent with id ${id} not found`);
  const missingNumber = (id: string) => elevenLabsError(404, 'phone_number_not_found', `Phone number with id ${id} not found`);

  function create(raw: unknown): StandInReply {
    const r = phoneNumbers.PhoneNumbersCreateRequestBody.parse(raw, STRICT);
    if (!r.ok) return validation(r.errors);
    const body = raw as { provider: string; phone_number: string; label: string; agent_id?: string; outbound_trunk_config?: WireOut; inbound_trunk_config?: WireIn };
    if ([...numbers.values()].some((n) => n.phone_number === body.phone_number)) {
      return elevenLabsError(409, 'phone_number_already_exists', `Phone number ${body.phone_number} already exists`);
    }
    if (body.agent_id && !(body.agent_id in agents)) return missingAgent(body.agent_id);
    const n: ElevenLabsNumber = {
      phone_number_id: newId('', 20),
      provider: body.provider,
      phone_number: body.phone_number,
      label: body.label,
      ...(body.agent_id ? { agent_id: body.agent_id } : {}),
      ...(body.provider === 'sip_trunk' && body.outbound_trunk_config ? { outbound: outFrom(body.outbound_trunk_config) } : {}),
      ...(body.provider === 'sip_trunk' && body.inbound_trunk_config ? { inbound: inFrom(body.inbound_trunk_config) } : {}),
    };
    numbers.set(n.phone_number_id, n);
    return { status: 200, body: { phone_number_id: n.phone_number_id } };
  }

  function update(n: ElevenLabsNumber, raw: unknown): StandInReply {
    const r = phoneNumbers.UpdatePhoneNumberRequest.parse(raw, STRICT);
    if (!r.ok) return validation(r.errors);
    const body = raw as { agent_id?: string; label?: string; outbound_trunk_config?: WireOut; inbound_trunk_config?: WireIn };
    if (body.agent_id && !(body.agent_id in agents)) return missingAgent(body.agent_id);
    const next: ElevenLabsNumber = { ...n };
    if (body.agent_id) next.agent_id = body.agent_id;
    if (body.label !== undefined) next.label = body.label;
    if (body.outbound_trunk_config) next.outbound = outFrom(body.outbound_trunk_config, n.outbound);
    if (body.inbound_trunk_config) next.inbound = inFrom(body.inbound_trunk_config, n.inbound);
    numbers.set(n.phone_number_id, next);
    return { status: 200, body: wire(next) };
  }

  function listV2(q: URLSearchParams): StandInReply {
    const size = Number(q.get('page_size') ?? '30');
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      return { status: 422, body: { detail: [{ loc: ['query', 'page_size'], msg: 'Input should be between 1 and 100', type: 'value_error' }] }, refused: 'page_size' };
    }
    let items = [...numbers.values()];
    const phone = q.get('phone_number');
    if (phone) items = items.filter((n) => n.phone_number === phone);
    const provider = q.get('provider');
    if (provider) items = items.filter((n) => n.provider === provider);
    const start = Number(q.get('cursor') ?? '0') || 0;
    const page = items.slice(start, start + size);
    const more = start + size < items.length;
    return { status: 200, body: { phone_numbers: page.map(wire), ...(more ? { next_cursor: String(start + size) } : {}), has_more: more } };
  }

  function handle(req: StandInRequest): StandInReply {
    if (req.headers['xi-api-key'] !== apiKey) return elevenLabsError(401, 'invalid_api_key', 'Invalid API key');
    const path = req.url.pathname.replace(/\/+$/, '');
    const route = `${req.method} ${path}`;
    const needsJson = req.method === 'POST' || req.method === 'PATCH';
    const parsed = needsJson ? jsonBody(req.body) : ({ ok: true, value: undefined } as const);
    if (!parsed.ok) return { status: 422, body: { detail: [{ loc: ['body'], msg: `JSON decode error: ${parsed.error}`, type: 'json_invalid' }] }, refused: 'json' };
    if (route === 'GET /v1/convai/phone-numbers') return { status: 200, body: [...numbers.values()].map(wire) };
    if (route === 'POST /v1/convai/phone-numbers') return create(parsed.value);
    if (route === 'GET /v1/convai/v2/phone-numbers') return listV2(req.url.searchParams);
    const one = /^\/v1\/convai\/phone-numbers\/([^/]+)$/.exec(path);
    if (one) {
      const id = decodeURIComponent(one[1]);
      const n = numbers.get(id);
      if (!n) return missingNumber(id);
      if (req.method === 'GET') return { status: 200, body: wire(n) };
      if (req.method === 'PATCH') return update(n, parsed.value);
      if (req.method === 'DELETE') {
        numbers.delete(id);
        return { status: 200, body: {} };
      }
    }
    const agent = /^\/v1\/convai\/agents\/([^/]+)$/.exec(path);
    if (agent && req.method === 'GET') {
      const id = decodeURIComponent(agent[1]);
      return id in agents ? { status: 200, body: { agent_id: id, name: agents[id] } } : missingAgent(id);
    }
    return { status: 404, body: { detail: 'Not Found' }, refused: `no route ${route}` };
  }

  return {
    handle,
    fault: statusFaults('Service Unavailable', (status, headers) =>
      status === 429 ? elevenLabsError(429, 'too_many_concurrent_requests', 'Too many requests; wait and retry', headers) : elevenLabsError(500, 'internal_error', 'stand-in fault: internal error'),
    ),
    state: () => ({ numbers: [...numbers.values()].map((n) => structuredClone(n)), agents: { ...agents } }),
    reset: () => {
      numbers.clear();
      agents = { ...initialAgents };
      newId = idMaker(seededRandom((opts.seed ?? 1) + 202));
    },
  };
}
