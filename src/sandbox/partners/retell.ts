/**
 * A stand-in for Retell's phone-number API: the routes retell-sdk 5.66.1 calls (POST /import-phone-number,
 * GET /get-phone-number/{n}, PATCH /update-phone-number/{n}, DELETE /delete-phone-number/{n},
 * GET /v2/list-phone-numbers, GET /get-agent/{id}); stateful, in memory, Bearer auth with the stand-in's key.
 * Bodies are checked with retell-schema.ts (Retell's published fields and required ones, unknown keys refused).
 *
 * Assumed without a Retell source: error bodies {"status":"error","message":...}; importing a number that
 * exists answers 409; an unknown agent id in the agent lists answers 404; the 401 text (quoted in third-party
 * code: "The authorization header must be in the format of 'Bearer <YOUR-API-KEY>'").
 */
import { jsonBody, setDefined, statusFaults, type StandInApp, type StandInReply, type StandInRequest } from './http.js';
import { RetellImportBody, RetellUpdateBody } from './retell-schema.js';

export interface RetellStandInOptions {
  /** default key_sandbox0000000000000000 */
  apiKey?: string;
  /** agents that exist: id → name (default agent_sandbox → "Sandbox agent") */
  agents?: Record<string, string>;
  /** the clock of last_modification_timestamp (tests pin it) */
  now?: () => number;
}

interface Agent {
  agent_id: string;
  weight: number;
  agent_version?: string | number;
}
export interface RetellNumber {
  phone_number: string;
  phone_number_type: 'custom' | 'retell-twilio' | 'retell-telnyx';
  termination_uri: string;
  transport: string;
  auth_username?: string;
  auth_password?: string;
  nickname?: string | null;
  inbound_agents?: Agent[] | null;
  outbound_agents?: Agent[] | null;
  allowed_inbound_country_list?: string[] | null;
  allowed_outbound_country_list?: string[] | null;
  inbound_webhook_url?: string | null;
  last_modification_timestamp: number;
}
export interface RetellState {
  numbers: RetellNumber[];
  agents: Record<string, string>;
}

export const RETELL_SANDBOX_KEY = 'key_sandbox0000000000000000';

export function retellError(status: number, message: string, headers?: Record<string, string>): StandInReply {
  return { status, body: { status: 'error', message }, headers, refused: message };
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function retellApp(opts: RetellStandInOptions = {}): StandInApp<RetellState> {
  const apiKey = opts.apiKey ?? RETELL_SANDBOX_KEY;
  const initialAgents = opts.agents ?? { agent_sandbox: 'Sandbox agent' };
  let agents: Record<string, string> = { ...initialAgents };
  const now = opts.now ?? Date.now;
  const numbers = new Map<string, RetellNumber>();

  const wire = (n: RetellNumber) => ({
    phone_number: n.phone_number,
    phone_number_type: n.phone_number_type,
    phone_number_pretty: n.phone_number,
    nickname: n.nickname ?? null,
    inbound_agents: n.inbound_agents ?? null,
    outbound_agents: n.outbound_agents ?? null,
    allowed_inbound_country_list: n.allowed_inbound_country_list ?? null,
    allowed_outbound_country_list: n.allowed_outbound_country_list ?? null,
    inbound_webhook_url: n.inbound_webhook_url ?? null,
    sip_outbound_trunk_config: { termination_uri: n.termination_uri, transport: n.transport, auth_username: n.auth_username ?? null },
    last_modification_timestamp: n.last_modification_timestamp,
  });

  const zodProblem = (issues: { path: PropertyKey[]; message: string }[]) =>
    retellError(400, issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; '));

  function unknownAgent(lists: (Agent[] | null | undefined)[]): StandInReply | undefined {
    for (const list of lists) for (const a of list ?? []) if (!(a.agent_id in agents)) return retellError(404, `Agent ${a.agent_id} not found`);
    return undefined;
  }

  function importNumber(raw: unknown): StandInReply {
    const r = RetellImportBody.safeParse(raw);
    if (!r.success) return zodProblem(r.error.issues);
    const b = r.data;
    if (b.ignore_e164_validation === false && !E164.test(b.phone_number)) return retellError(400, `phone_number ${b.phone_number} is not in E.164 format`);
    if (numbers.has(b.phone_number)) return retellError(409, `Phone number ${b.phone_number} already exists`);
    const missing = unknownAgent([b.inbound_agents, b.outbound_agents]);
    if (missing) return missing;
    const n: RetellNumber = {
      phone_number: b.phone_number,
      phone_number_type: 'custom',
      termination_uri: b.termination_uri,
      transport: b.transport ?? 'TCP',
      ...(b.sip_trunk_auth_username !== undefined ? { auth_username: b.sip_trunk_auth_username } : {}),
      ...(b.sip_trunk_auth_password !== undefined ? { auth_password: b.sip_trunk_auth_password } : {}),
      nickname: b.nickname,
      inbound_agents: b.inbound_agents,
      outbound_agents: b.outbound_agents,
      allowed_inbound_country_list: b.allowed_inbound_country_list,
      allowed_outbound_country_list: b.allowed_outbound_country_list,
      inbound_webhook_url: b.inbound_webhook_url,
      last_modification_timestamp: now(),
    };
    numbers.set(n.phone_number, n);
    return { status: 201, body: wire(n) };
  }

  function update(n: RetellNumber, raw: unknown): StandInReply {
    const r = RetellUpdateBody.safeParse(raw);
    if (!r.success) return zodProblem(r.error.issues);
    const b = r.data;
    const missing = unknownAgent([b.inbound_agents, b.outbound_agents]);
    if (missing) return missing;
    const next: RetellNumber = { ...n, last_modification_timestamp: now() };
    setDefined(next, b, ['termination_uri', 'auth_username', 'auth_password', 'nickname', 'inbound_agents', 'outbound_agents', 'allowed_inbound_country_list', 'allowed_outbound_country_list', 'inbound_webhook_url']);
    if (b.transport !== undefined) next.transport = b.transport ?? 'TCP';
    numbers.set(n.phone_number, next);
    return { status: 200, body: wire(next) };
  }

  function list(q: URLSearchParams): StandInReply {
    const limit = Number(q.get('limit') ?? '50');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return retellError(400, 'limit must be an integer between 1 and 1000');
    const order = q.get('sort_order') ?? 'descending';
    if (order !== 'ascending' && order !== 'descending') return retellError(400, 'sort_order must be ascending or descending');
    const all = [...numbers.values()].sort((a, b) => a.phone_number.localeCompare(b.phone_number) * (order === 'ascending' ? 1 : -1));
    const after = q.get('pagination_key');
    const start = after ? all.findIndex((n) => n.phone_number === after) + 1 : 0;
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return { status: 200, body: { items: items.map(wire), has_more: more, ...(more ? { pagination_key: items[items.length - 1].phone_number } : {}) } };
  }

  function handle(req: StandInRequest): StandInReply {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return retellError(401, "The authorization header must be in the format of 'Bearer <YOUR-API-KEY>'");
    const path = req.url.pathname;
    const json = req.method === 'POST' || req.method === 'PATCH' ? jsonBody(req.body) : ({ ok: true, value: undefined } as const);
    if (!json.ok) return retellError(400, `Invalid JSON body: ${json.error}`);
    if (req.method === 'POST' && path === '/import-phone-number') return importNumber(json.value);
    if (req.method === 'GET' && path === '/v2/list-phone-numbers') return list(req.url.searchParams);
    const m = /^\/(get|update|delete)-phone-number\/([^/]+)$/.exec(path);
    if (m) {
      const number = decodeURIComponent(m[2]);
      const n = numbers.get(number);
      if (!n) return retellError(404, `Phone number ${number} not found`);
      if (m[1] === 'get' && req.method === 'GET') return { status: 200, body: wire(n) };
      if (m[1] === 'update' && req.method === 'PATCH') return update(n, json.value);
      if (m[1] === 'delete' && req.method === 'DELETE') {
        numbers.delete(number);
        return { status: 204 };
      }
    }
    const agent = /^\/get-agent\/([^/]+)$/.exec(path);
    if (agent && req.method === 'GET') {
      const id = decodeURIComponent(agent[1]);
      if (!(id in agents)) return retellError(404, `Agent ${id} not found`);
      return { status: 200, body: { agent_id: id, agent_name: agents[id], version: 0, is_published: false, last_modification_timestamp: now(), response_engine: { type: 'retell-llm', llm_id: 'llm_sandbox' }, voice_id: '11labs-Adrian' } };
    }
    return retellError(404, `Cannot ${req.method} ${path}`);
  }

  return {
    handle,
    fault: statusFaults('Service Unavailable', (status, headers) => retellError(status, status === 429 ? 'Too many requests' : 'stand-in fault: internal error', headers)),
    state: () => ({ numbers: [...numbers.values()].map((n) => structuredClone(n)), agents: { ...agents } }),
    reset: () => {
      numbers.clear();
      agents = { ...initialAgents };
    },
  };
}
