/**
 * A stand-in for LiveKit's SIP service: Twirp JSON on POST /twirp/livekit.SIP/<Method>
 * (https://docs.livekit.io/reference/telephony/sip-api.md, checked 2026-11-29), stateful, in memory.
 *
 * Every request is checked with LiveKit's own published definitions:
 *  - auth: the Bearer JWT is verified with livekit-server-sdk's TokenVerifier against the stand-in's key and
 *    secret (HS256 signature, issuer = API key, exp required), and must carry the sip.admin grant;
 *  - body: the request message of npm @livekit/protocol 1.52.1 via fromJson with unknown fields refused.
 *    Stricter than LiveKit: Twirp's generated JSON handlers discard unknown fields by default, so a misspelt
 *    field would be silently dropped there; here it fails the test that sent it;
 *  - the server-side checks of livekit/protocol livekit/sip.go (SIPOutboundTrunkInfo.Validate,
 *    SIPInboundTrunkInfo.Validate, CreateSIPDispatchRuleRequest.Validate) and the inbound-trunk number conflict
 *    of sip/sip.go (validateTrunkInbound), with LiveKit's messages.
 * Errors are Twirp's {"code","msg"} with Twirp's status codes; answers use proto field names with defaults
 * emitted (Twirp's protojson defaults). Assumed without a LiveKit source: list pagination is ignored (all items
 * are returned), deleting an unknown id answers not_found, dispatch rules conflict when their trunk sets
 * overlap (an empty set is every trunk) with the same inbound numbers and PIN.
 */
import {
  CreateSIPDispatchRuleRequest,
  CreateSIPInboundTrunkRequest,
  CreateSIPOutboundTrunkRequest,
  DeleteSIPDispatchRuleRequest,
  DeleteSIPTrunkRequest,
  GetSIPInboundTrunkRequest,
  GetSIPInboundTrunkResponse,
  GetSIPOutboundTrunkRequest,
  GetSIPOutboundTrunkResponse,
  ListSIPDispatchRuleRequest,
  ListSIPDispatchRuleResponse,
  ListSIPInboundTrunkRequest,
  ListSIPInboundTrunkResponse,
  ListSIPOutboundTrunkRequest,
  ListSIPOutboundTrunkResponse,
  SIPDispatchRuleInfo,
  SIPInboundTrunkInfo,
  SIPOutboundTrunkInfo,
  type SIPInboundTrunkUpdate,
  type SIPOutboundTrunkUpdate,
  SIPTrunkInfo,
  UpdateSIPDispatchRuleRequest,
  UpdateSIPInboundTrunkRequest,
  UpdateSIPOutboundTrunkRequest,
  type ListUpdate,
} from '@livekit/protocol';
import { TokenVerifier } from 'livekit-server-sdk';
import { seededRandom } from '../faults.js';
import { idMaker, jsonBody, setDefined, statusFaults, type StandInApp, type StandInReply, type StandInRequest } from './http.js';

export interface LiveKitStandInOptions {
  /** default "devkey" / "secret", the keys of `livekit-server --dev` */
  apiKey?: string;
  apiSecret?: string;
  seed?: number;
}

export interface LiveKitState {
  outbound: Record<string, unknown>[];
  inbound: Record<string, unknown>[];
  dispatchRules: Record<string, unknown>[];
}

type Json = Parameters<typeof SIPOutboundTrunkInfo.fromJson>[0];
type Trunk = SIPOutboundTrunkInfo | SIPInboundTrunkInfo;
/** a Twirp Update…Request's action: the whole resource, or the fields to change */
type UpdateAction<T, U> = { case: 'replace'; value: T } | { case: 'update'; value: U } | { case: undefined; value?: undefined };
const OUT_JSON = { useProtoFieldName: true, emitDefaultValues: true } as const;

/** Twirp error codes and their HTTP statuses (twitchtv/twirp errors.go) */
const TWIRP_STATUS: Record<string, number> = {
  invalid_argument: 400,
  malformed: 400,
  bad_route: 404,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  resource_exhausted: 429,
  internal: 500,
  unimplemented: 501,
  unavailable: 503,
};

export function twirpError(code: string, msg: string, headers?: Record<string, string>): StandInReply {
  return { status: TWIRP_STATUS[code] ?? 500, body: { code, msg }, headers, refused: `${code}: ${msg}` };
}

class Refusal extends Error {
  constructor(
    readonly code: string,
    msg: string,
  ) {
    super(msg);
  }
}

const invalid = (msg: string) => new Refusal('invalid_argument', msg);

// livekit/protocol livekit/sip.go
function validateOutbound(t: SIPOutboundTrunkInfo): void {
  if (t.numbers.length === 0) throw invalid('no trunk numbers specified');
  if (t.address === '') throw invalid('no outbound address specified');
  if (t.address.includes('transport=')) throw invalid('trunk transport should be set as a field, not a URI parameter');
  if (/[@;]/.test(t.address) || t.address.startsWith('sip:') || t.address.startsWith('sips:')) throw invalid('trunk address should be a hostname or IP, not SIP URI');
}

function validateInbound(t: SIPInboundTrunkInfo): void {
  const hasAuth = t.authUsername !== '' || t.authPassword !== '';
  if (!hasAuth && t.allowedAddresses.length === 0 && t.numbers.length === 0) {
    throw invalid('for security, one of the fields must be set: AuthUsername+AuthPassword, AllowedAddresses or Numbers');
  }
}

const printId = (id: string) => (id === '' ? '<new>' : id);
const normalizeNumber = (n: string) => (n === '' || n.startsWith('+') ? n : `+${n}`);

function applyList(current: string[], u: ListUpdate | undefined): string[] {
  if (!u) return current;
  if (u.clear) return [];
  if (u.set.length) return [...u.set];
  return [...current.filter((x) => !u.remove.includes(x)), ...u.add.filter((x) => !current.includes(x))];
}

export function liveKitApp(opts: LiveKitStandInOptions = {}): StandInApp<LiveKitState> {
  const apiKey = opts.apiKey ?? 'devkey';
  const apiSecret = opts.apiSecret ?? 'secret';
  const verifier = new TokenVerifier(apiKey, apiSecret);
  let newId = idMaker(seededRandom((opts.seed ?? 1) + 101));
  const outbound = new Map<string, SIPOutboundTrunkInfo>();
  const inbound = new Map<string, SIPInboundTrunkInfo>();
  const rules = new Map<string, SIPDispatchRuleInfo>();

  // sip/sip.go validateTrunkInbound: two trunks sharing a number, neither narrowed by AllowedNumbers
  function checkInboundConflict(t: SIPInboundTrunkInfo): void {
    if (t.allowedNumbers.length) return;
    for (const other of inbound.values()) {
      if (other.sipTrunkId === t.sipTrunkId || other.allowedNumbers.length) continue;
      const shared = t.numbers.length === 0 || other.numbers.length === 0 || t.numbers.some((n) => other.numbers.map(normalizeNumber).includes(normalizeNumber(n)));
      if (shared) {
        throw invalid(`Conflicting inbound SIP Trunks: "${printId(t.sipTrunkId)}" and "${printId(other.sipTrunkId)}", using the same number(s) ${JSON.stringify(t.numbers)} without AllowedNumbers set`);
      }
    }
  }

  function checkRuleConflict(r: SIPDispatchRuleInfo): void {
    const pin = (x: SIPDispatchRuleInfo) => {
      const v = x.rule?.rule;
      return v?.case ? ((v.value as { pin?: string }).pin ?? '') : '';
    };
    for (const other of rules.values()) {
      if (other.sipDispatchRuleId === r.sipDispatchRuleId) continue;
      const trunks = r.trunkIds.length === 0 || other.trunkIds.length === 0 || r.trunkIds.some((t) => other.trunkIds.includes(t));
      const numbers = [...r.inboundNumbers].sort().join() === [...other.inboundNumbers].sort().join();
      if (trunks && numbers && pin(r) === pin(other)) {
        throw invalid(`Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule "${other.sipDispatchRuleId}"`);
      }
    }
  }

  const notFound = (what: string, id: string) => new Refusal('not_found', `${what} ${id} not found`);
  const checkOutbound = validateOutbound;
  const checkInbound = (t: SIPInboundTrunkInfo) => {
    validateInbound(t);
    checkInboundConflict(t);
  };

  // The two trunk kinds (outbound, inbound) are created, listed, read and updated alike.
  function createTrunk<T extends Trunk>(store: Map<string, T>, trunk: T | undefined, check: (t: T) => void): Json {
    if (!trunk) throw invalid('missing trunk');
    if (trunk.sipTrunkId !== '') throw invalid('trunk id must not be set');
    check(trunk);
    const t = trunk.clone() as T;
    t.sipTrunkId = newId('ST_', 12);
    store.set(t.sipTrunkId, t);
    return t.toJson(OUT_JSON);
  }

  function listTrunks<T extends Trunk>(store: Map<string, T>, req: { trunkIds: string[]; numbers: string[] }): T[] {
    let items = [...store.values()];
    if (req.trunkIds.length) items = req.trunkIds.map((id) => store.get(id)).filter((t): t is T => t !== undefined);
    if (req.numbers.length) items = items.filter((t) => t.numbers.length === 0 || t.numbers.some((n) => req.numbers.includes(n)));
    return items;
  }

  function getTrunk<T extends Trunk>(store: Map<string, T>, id: string): T {
    if (id === '') throw invalid('trunk ID is required');
    const t = store.get(id);
    if (!t) throw notFound('SIP trunk', id);
    return t;
  }

  function updateTrunk<T extends Trunk, U>(store: Map<string, T>, id: string, action: UpdateAction<T, U>, check: (t: T) => void, update: (next: T, u: U) => void): Json {
    if (id === '') throw invalid('trunk id must be set');
    const cur = store.get(id);
    if (!cur) throw notFound('SIP trunk', id);
    let next: T;
    if (action.case === 'replace') {
      const info = action.value;
      if (info.sipTrunkId !== '' && info.sipTrunkId !== id) throw invalid('trunk id in the info must be empty or match the id in the update');
      next = info.clone() as T;
      next.sipTrunkId = id;
    } else if (action.case === 'update') {
      next = cur.clone() as T;
      update(next, action.value);
    } else throw invalid('missing or unsupported update action');
    check(next);
    store.set(next.sipTrunkId, next);
    return next.toJson(OUT_JSON);
  }

  const methods: Record<string, (json: Json) => Json> = {
    CreateSIPOutboundTrunk(json) {
      return createTrunk(outbound, CreateSIPOutboundTrunkRequest.fromJson(json).trunk, checkOutbound);
    },
    CreateSIPInboundTrunk(json) {
      return createTrunk(inbound, CreateSIPInboundTrunkRequest.fromJson(json).trunk, checkInbound);
    },
    CreateSIPDispatchRule(json) {
      const req = CreateSIPDispatchRuleRequest.fromJson(json);
      // the newer dispatch_rule field, or the flat fields the SDKs still send
      const r = req.dispatchRule?.clone() ?? new SIPDispatchRuleInfo({
        rule: req.rule,
        trunkIds: req.trunkIds,
        inboundNumbers: req.inboundNumbers,
        hidePhoneNumber: req.hidePhoneNumber,
        name: req.name,
        metadata: req.metadata,
        attributes: req.attributes,
        roomPreset: req.roomPreset,
        roomConfig: req.roomConfig,
      });
      if (!r.rule?.rule?.case) throw invalid('missing rule');
      if (r.sipDispatchRuleId !== '') throw invalid('dispatch rule id must not be set');
      checkRuleConflict(r);
      r.sipDispatchRuleId = newId('SDR_', 12);
      rules.set(r.sipDispatchRuleId, r);
      return r.toJson(OUT_JSON);
    },
    ListSIPOutboundTrunk(json) {
      return new ListSIPOutboundTrunkResponse({ items: listTrunks(outbound, ListSIPOutboundTrunkRequest.fromJson(json)) }).toJson(OUT_JSON);
    },
    ListSIPInboundTrunk(json) {
      return new ListSIPInboundTrunkResponse({ items: listTrunks(inbound, ListSIPInboundTrunkRequest.fromJson(json)) }).toJson(OUT_JSON);
    },
    ListSIPDispatchRule(json) {
      const req = ListSIPDispatchRuleRequest.fromJson(json);
      let items = [...rules.values()];
      if (req.dispatchRuleIds.length) items = req.dispatchRuleIds.map((id) => rules.get(id)).filter((r): r is SIPDispatchRuleInfo => r !== undefined);
      if (req.trunkIds.length) items = items.filter((r) => r.trunkIds.length === 0 || r.trunkIds.some((t) => req.trunkIds.includes(t)));
      return new ListSIPDispatchRuleResponse({ items }).toJson(OUT_JSON);
    },
    GetSIPOutboundTrunk(json) {
      return new GetSIPOutboundTrunkResponse({ trunk: getTrunk(outbound, GetSIPOutboundTrunkRequest.fromJson(json).sipTrunkId) }).toJson(OUT_JSON);
    },
    GetSIPInboundTrunk(json) {
      return new GetSIPInboundTrunkResponse({ trunk: getTrunk(inbound, GetSIPInboundTrunkRequest.fromJson(json).sipTrunkId) }).toJson(OUT_JSON);
    },
    UpdateSIPOutboundTrunk(json) {
      const req = UpdateSIPOutboundTrunkRequest.fromJson(json);
      return updateTrunk<SIPOutboundTrunkInfo, SIPOutboundTrunkUpdate>(outbound, req.sipTrunkId, req.action, checkOutbound, (next, u) => {
        next.numbers = applyList(next.numbers, u.numbers);
        setDefined(next, u, ['address', 'transport', 'destinationCountry', 'authUsername', 'authPassword', 'name', 'metadata', 'mediaEncryption', 'media', 'fromHost']);
      });
    },
    UpdateSIPInboundTrunk(json) {
      const req = UpdateSIPInboundTrunkRequest.fromJson(json);
      return updateTrunk<SIPInboundTrunkInfo, SIPInboundTrunkUpdate>(inbound, req.sipTrunkId, req.action, checkInbound, (next, u) => {
        next.numbers = applyList(next.numbers, u.numbers);
        next.allowedAddresses = applyList(next.allowedAddresses, u.allowedAddresses);
        next.allowedNumbers = applyList(next.allowedNumbers, u.allowedNumbers);
        setDefined(next, u, ['authUsername', 'authPassword', 'name', 'metadata', 'mediaEncryption']);
      });
    },
    UpdateSIPDispatchRule(json) {
      const req = UpdateSIPDispatchRuleRequest.fromJson(json);
      if (req.sipDispatchRuleId === '') throw invalid('dispatch rule id must be set');
      const cur = rules.get(req.sipDispatchRuleId);
      if (!cur) throw notFound('SIP dispatch rule', req.sipDispatchRuleId);
      let next: SIPDispatchRuleInfo;
      if (req.action.case === 'replace') {
        next = req.action.value.clone();
        next.sipDispatchRuleId = req.sipDispatchRuleId;
      } else if (req.action.case === 'update') {
        const u = req.action.value;
        next = cur.clone();
        next.trunkIds = applyList(next.trunkIds, u.trunkIds);
        if (u.rule) next.rule = u.rule;
        setDefined(next, u, ['name', 'metadata']);
      } else throw invalid('missing or unsupported update action');
      if (!next.rule?.rule?.case) throw invalid('missing rule');
      checkRuleConflict(next);
      rules.set(next.sipDispatchRuleId, next);
      return next.toJson(OUT_JSON);
    },
    DeleteSIPTrunk(json) {
      const req = DeleteSIPTrunkRequest.fromJson(json);
      if (req.sipTrunkId === '') throw invalid('trunk ID is required');
      if (!outbound.delete(req.sipTrunkId) && !inbound.delete(req.sipTrunkId)) throw notFound('SIP trunk', req.sipTrunkId);
      return new SIPTrunkInfo({ sipTrunkId: req.sipTrunkId }).toJson(OUT_JSON);
    },
    DeleteSIPDispatchRule(json) {
      const req = DeleteSIPDispatchRuleRequest.fromJson(json);
      if (req.sipDispatchRuleId === '') throw invalid('dispatch rule ID is required');
      const r = rules.get(req.sipDispatchRuleId);
      if (!r) throw notFound('SIP dispatch rule', req.sipDispatchRuleId);
      rules.delete(req.sipDispatchRuleId);
      return r.toJson(OUT_JSON);
    },
  };

  async function handle(req: StandInRequest): Promise<StandInReply> {
    const m = /^\/twirp\/livekit\.SIP\/([A-Za-z]+)$/.exec(req.url.pathname);
    if (req.method !== 'POST' || !m) return twirpError('bad_route', `no handler for path "${req.url.pathname}"`);
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer ')) return twirpError('unauthenticated', 'invalid authorization header. Must start with Bearer ');
    try {
      const claims = await verifier.verify(auth.slice('Bearer '.length));
      if (!claims.sip?.admin) return twirpError('permission_denied', 'permissions denied');
    } catch (e) {
      return twirpError('unauthenticated', `invalid token: ${(e as Error).message}`);
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return twirpError('bad_route', 'unexpected Content-Type');
    const fn = methods[m[1]];
    if (!fn) return twirpError('unimplemented', `the stand-in does not implement livekit.SIP/${m[1]}`);
    const parsed = jsonBody(req.body);
    if (!parsed.ok) return twirpError('malformed', `the json request could not be decoded: ${parsed.error}`);
    try {
      return { status: 200, body: fn(parsed.value as Json) };
    } catch (e) {
      if (e instanceof Refusal) return twirpError(e.code, e.message);
      // fromJson: an unknown field, a wrong type or enum value
      return twirpError('malformed', `the json request could not be decoded: ${(e as Error).message}`);
    }
  }

  return {
    handle,
    fault: statusFaults('upstream connect error or disconnect/reset before headers', (status, headers) =>
      status === 429 ? twirpError('resource_exhausted', 'rate limit exceeded', headers) : twirpError('internal', 'stand-in fault: internal error'),
    ),
    state: () => ({
      outbound: [...outbound.values()].map((t) => t.toJson({ useProtoFieldName: true }) as Record<string, unknown>),
      inbound: [...inbound.values()].map((t) => t.toJson({ useProtoFieldName: true }) as Record<string, unknown>),
      dispatchRules: [...rules.values()].map((r) => r.toJson({ useProtoFieldName: true }) as Record<string, unknown>),
    }),
    reset: () => {
      outbound.clear();
      inbound.clear();
      rules.clear();
      newId = idMaker(seededRandom((opts.seed ?? 1) + 101));
    },
  };
}

/** For tests: change a stored resource behind exotrunk's back (drift). */
export type { SIPOutboundTrunkInfo, SIPInboundTrunkInfo, SIPDispatchRuleInfo };
