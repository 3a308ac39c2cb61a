/**
 * LiveKit's side through the official server SDK (livekit-server-sdk SipClient, Twirp JSON on
 * /twirp/livekit.SIP/<Method>, a JWT signed locally with LIVEKIT_API_SECRET carrying the sip.admin grant:
 * https://docs.livekit.io/reference/telephony/sip-api.md, checked 2026-11-29). The secret never leaves this
 * process; only the signed token does.
 *
 * The SDK's region failover is off: on a 5xx or a reset it re-sends the same request to another region,
 * which for a create whose outcome is unknown could make a second trunk. PartnerCaller retries instead,
 * looking up first. LiveKit names are not unique, so the resources are found by exact name (and by the
 * journal's ids); a second trunk with the same name is reported as a duplicate.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  RoomAgentDispatch,
  RoomConfiguration,
  SIPDispatchRule,
  SIPDispatchRuleIndividual,
  SIPDispatchRuleInfo,
  SIPInboundTrunkInfo,
  SipClient,
  TwirpError,
  type SIPDispatchRuleInfo as DispatchInfo,
  type SIPInboundTrunkInfo as InboundInfo,
  type SIPOutboundTrunkInfo as OutboundInfo,
} from 'livekit-server-sdk';
import type { Secret } from '../../secret.js';
import { PartnerCaller, type CallOptions } from '../call.js';
import type { PartnerClient } from '../client.js';
import type { LiveKitCredentials } from '../credentials.js';
import type { PartnerObservation } from '../diff.js';
import { networkText, stepPassword, type CallFailure, type ErrorHint } from '../errors.js';
import { answerText, destinationTransport, numberForms } from '../inputs.js';
import type { KnownIds, ObservedResource, PartnerInputs, PartnerStep, ResourceKind, SecretState } from '../types.js';
import { dispatchRuleName, encryptionFor, inboundTrunkName, individualRule, outboundTrunkName } from './desired.js';

// Enum numbers of livekit_sip.proto (SIPTransport, SIPMediaEncryption); the SDK does not re-export the enums
// and the top-level @livekit/protocol may be another copy than the SDK's.
const TRANSPORTS = ['SIP_TRANSPORT_AUTO', 'SIP_TRANSPORT_UDP', 'SIP_TRANSPORT_TCP', 'SIP_TRANSPORT_TLS'] as const;
const ENCRYPTIONS = ['SIP_MEDIA_ENCRYPT_DISABLE', 'SIP_MEDIA_ENCRYPT_ALLOW', 'SIP_MEDIA_ENCRYPT_REQUIRE'] as const;
const enumName = (names: readonly string[], n: number | undefined) => names[n ?? 0] ?? String(n);

/** Twirp errors carry status and code; fetch failures are TypeErrors with a cause; timeouts are DOMExceptions. */
export function classifyLiveKit(e: unknown): CallFailure {
  if (e instanceof TwirpError) return { kind: 'status', status: e.status, code: e.code, partnerText: e.message };
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { kind: 'timeout', partnerText: err.message ?? '' };
  return { kind: 'network', partnerText: networkText(e) };
}

function hintLiveKit(operation: string, f: CallFailure): ErrorHint {
  if (f.kind !== 'status') return {};
  if (/Conflicting inbound SIP Trunks/i.test(f.partnerText)) {
    return {
      why: 'Another inbound trunk in the LiveKit project already takes calls for this number, and LiveKit allows one trunk per number unless allowed numbers tell them apart.',
      fix: 'Delete or edit that trunk in LiveKit Cloud → Telephony → SIP trunks (its id is in the message), then re-run.',
    };
  }
  if (/dispatch rule/i.test(f.partnerText) && /exists|conflict/i.test(f.partnerText)) {
    return {
      why: 'Another dispatch rule already covers the same trunk, number and PIN.',
      fix: 'Delete or scope that rule in LiveKit Cloud → Telephony → Dispatch rules, then re-run.',
    };
  }
  if (f.status === 401 || f.status === 403) {
    return { fix: 'Check LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET belong to the same project (LiveKit Cloud → Settings → API keys).' };
  }
  if (operation.startsWith('Create') && f.status === 400) return { fix: 'The message above names the field LiveKit refused; fix that answer and re-run.' };
  return {};
}

function samePassword(stored: string, wanted: Secret | undefined): SecretState {
  if (stored === '') return 'unknown';
  if (!wanted) return 'set';
  const a = Buffer.from(stored);
  const b = Buffer.from(wanted.reveal());
  return a.length === b.length && timingSafeEqual(a, b) ? 'match' : 'differs';
}

function ruleText(info: DispatchInfo): string {
  const r = info.rule?.rule;
  if (!r || r.case === undefined) return '';
  if (r.case === 'dispatchRuleIndividual') return individualRule(r.value.roomPrefix);
  if (r.case === 'dispatchRuleDirect') return `direct:${r.value.roomName}`;
  if (r.case === 'dispatchRuleCallee') return `callee:${r.value.roomPrefix}`;
  return '';
}

export function openLiveKit(creds: LiveKitCredentials, opts: CallOptions = {}): PartnerClient {
  const caller = new PartnerCaller('livekit', new URL(creds.url).host, [creds.apiSecret], classifyLiveKit, hintLiveKit, opts);
  const sip = new SipClient(creds.url, creds.apiKey, creds.apiSecret.reveal(), {
    failover: false,
    requestTimeout: Math.ceil(caller.timeoutMs / 1000),
  });

  const outboundObserved = (t: OutboundInfo, via: 'key' | 'id', password?: Secret): ObservedResource => ({
    partner: 'livekit',
    kind: 'outbound-trunk',
    id: t.sipTrunkId,
    key: t.name,
    via,
    fields: {
      name: t.name,
      address: t.address,
      transport: enumName(TRANSPORTS, t.transport),
      numbers: [...t.numbers],
      destination_country: t.destinationCountry,
      auth_username: t.authUsername,
      media_encryption: enumName(ENCRYPTIONS, t.media?.encryption ?? t.mediaEncryption),
    },
    secretState: { auth_password: t.authUsername === '' && t.authPassword === '' ? 'unset' : samePassword(t.authPassword, password) },
  });
  const inboundObserved = (t: InboundInfo, via: 'key' | 'id'): ObservedResource => ({
    partner: 'livekit',
    kind: 'inbound-trunk',
    id: t.sipTrunkId,
    key: t.name,
    via,
    fields: {
      name: t.name,
      numbers: [...t.numbers],
      allowed_addresses: [...t.allowedAddresses],
      krisp_enabled: t.krispEnabled,
      media_encryption: enumName(ENCRYPTIONS, t.media?.encryption ?? t.mediaEncryption),
    },
    secretState: {},
  });
  const ruleObserved = (r: DispatchInfo, via: 'key' | 'id'): ObservedResource => ({
    partner: 'livekit',
    kind: 'dispatch-rule',
    id: r.sipDispatchRuleId,
    key: r.name,
    via,
    fields: { name: r.name, rule: ruleText(r), trunk_ids: [...r.trunkIds], agent_name: r.roomConfig?.agents?.[0]?.agentName ?? '' },
    secretState: {},
  });

  const listOutbound = async () => (await caller.idempotent('ListSIPOutboundTrunk', () => sip.listSipOutboundTrunk())).value;
  const listInbound = async () => (await caller.idempotent('ListSIPInboundTrunk', () => sip.listSipInboundTrunk())).value;
  const listRules = async () => (await caller.idempotent('ListSIPDispatchRule', () => sip.listSipDispatchRule())).value;

  /** resources with exotrunk's key or a known id; the via of a known id wins */
  function pickOurs<T>(items: T[], id: (t: T) => string, name: (t: T) => string, key: string | undefined, knownId: string | undefined) {
    return items.filter((t) => t && (id(t) === knownId || (key !== undefined && name(t) === key))).map((t) => ({ t, via: (id(t) === knownId ? 'id' : 'key') as 'id' | 'key' }));
  }

  const client: PartnerClient = {
    partner: 'livekit',

    async observe(desired, o = {}) {
      const known = o.known ?? {};
      const keyOf = (k: ResourceKind) => desired.find((d) => d.kind === k)?.key;
      const wants = (k: ResourceKind) => keyOf(k) !== undefined || known[k] !== undefined;
      const obs: PartnerObservation = { resources: [], blockers: [] };
      // the three lists at once: one round trip, not three
      const [outItems, inItems, ruleItems] = await Promise.all([
        wants('outbound-trunk') ? listOutbound() : [],
        wants('inbound-trunk') ? listInbound() : [],
        wants('dispatch-rule') ? listRules() : [],
      ]);
      if (wants('outbound-trunk')) {
        const items = outItems;
        for (const { t, via } of pickOurs(items, (t) => t.sipTrunkId, (t) => t.name, keyOf('outbound-trunk'), known['outbound-trunk'])) {
          obs.resources.push(outboundObserved(t, via, o.password));
        }
      }
      let ourInbound: string[] = [];
      if (wants('inbound-trunk')) {
        const items = inItems;
        const ours = pickOurs(items, (t) => t.sipTrunkId, (t) => t.name, keyOf('inbound-trunk'), known['inbound-trunk']);
        for (const { t, via } of ours) obs.resources.push(inboundObserved(t, via));
        ourInbound = ours.map(({ t }) => t.sipTrunkId);
        const d = desired.find((x) => x.kind === 'inbound-trunk');
        const wantedNumbers = (d?.fields.numbers as string[] | undefined) ?? [];
        for (const t of items) {
          if (!t || ourInbound.includes(t.sipTrunkId) || t.allowedNumbers.length > 0) continue;
          const clash = t.numbers.filter((n) => wantedNumbers.includes(n));
          if (clash.length) {
            obs.blockers.push({
              partner: 'livekit',
              kind: 'inbound-trunk',
              key: d!.key,
              message: `LiveKit inbound trunk "${t.name}" (${t.sipTrunkId}) already takes calls for ${clash.join(', ')}; LiveKit refuses a second trunk for the same number.`,
              fix: `Delete it in LiveKit Cloud → Telephony → SIP trunks, or rename it to "${d!.key}" so it is managed with the rest.`,
            });
          }
        }
      }
      if (wants('dispatch-rule')) {
        const items = ruleItems;
        for (const { t, via } of pickOurs(items, (r) => r.sipDispatchRuleId, (r) => r.name, keyOf('dispatch-rule'), known['dispatch-rule'])) {
          obs.resources.push(ruleObserved(t, via));
        }
      }
      return obs;
    },

    async execute(step, inputs, ids) {
      caller.addSecrets([inputs.sipPassword]);
      if (step.action === 'delete') return remove(step);
      if (step.kind === 'outbound-trunk') return outbound(step, inputs);
      if (step.kind === 'inbound-trunk') return inbound(step, inputs);
      if (step.kind === 'dispatch-rule') return rule(step, inputs, ids);
      throw new Error(`LiveKit has no ${step.kind}`);
    },

    async checkReferences(inputs) {
      const own = answerText(inputs, 'livekit_inbound_trunk_id');
      if (!own || !inputs.inbound) return [];
      const there = (await listInbound()).some((t) => t?.sipTrunkId === own);
      return there ? [] : [`LiveKit has no inbound trunk ${own} (livekit_inbound_trunk_id) in this project: copy its id from LiveKit Cloud → Telephony → SIP trunks, or leave the answer empty so exotrunk creates one.`];
    },

    async checkAgent(inputs) {
      const agent = answerText(inputs, 'livekit_agent_name');
      return {
        checked: false,
        agentId: agent,
        note: agent
          ? `LiveKit's API has no list of agent workers: "${agent}" is dispatched by name and cannot be checked before a call. Start your worker with agent_name "${agent}".`
          : 'No agent name: the dispatch rule creates rooms and your agent must join them by itself (automatic dispatch).',
      };
    },
  };

  const password = (step: PartnerStep, inputs: PartnerInputs) => stepPassword(step, inputs, 'auth_password');

  /** the id of exotrunk's resource of that kind, by exact name */
  const found = async (kind: ResourceKind, name: string): Promise<string | undefined> => {
    if (kind === 'outbound-trunk') return (await listOutbound()).find((x) => x?.name === name)?.sipTrunkId;
    if (kind === 'inbound-trunk') return (await listInbound()).find((x) => x?.name === name)?.sipTrunkId;
    return (await listRules()).find((x) => x?.name === name)?.sipDispatchRuleId;
  };

  async function outbound(step: PartnerStep, inputs: PartnerInputs) {
    const name = outboundTrunkName(inputs);
    const encryption = ENCRYPTIONS.indexOf(encryptionFor(inputs, inputs.edge.transport === 'tls'));
    const fields = {
      address: inputs.edge.hostport,
      transport: TRANSPORTS.indexOf(inputs.edge.transport === 'tls' ? 'SIP_TRANSPORT_TLS' : 'SIP_TRANSPORT_TCP'),
      destinationCountry: 'in',
      authUsername: inputs.sipUsername,
      // the older media_encryption field and the newer media.encryption, set alike
      mediaEncryption: encryption,
      media: { encryption },
    };
    const authPassword = password(step, inputs);
    if (step.action === 'create') {
      const body = { name, numbers: [inputs.did], ...fields, authPassword };
      const r = await caller.create(
        'CreateSIPOutboundTrunk',
        async () => (await sip.createSipOutboundTrunk(name, inputs.edge.hostport, [inputs.did], { ...fields, authPassword } as never)).sipTrunkId,
        () => found('outbound-trunk', name),
        { body },
      );
      return r;
    }
    // "update" (not "replace"): a replace without the password would clear it
    const update = { name, numbers: { set: [inputs.did], add: [], remove: [], clear: false }, ...fields, ...(authPassword !== undefined ? { authPassword } : {}) };
    const r = await caller.idempotent('UpdateSIPOutboundTrunk', () => sip.updateSipOutboundTrunkFields(step.id!, update as never), { body: update });
    return { id: r.value.sipTrunkId, attempts: r.attempts };
  }

  async function inbound(step: PartnerStep, inputs: PartnerInputs) {
    const name = inboundTrunkName(inputs);
    const encryption = ENCRYPTIONS.indexOf(encryptionFor(inputs, destinationTransport(inputs.destinationUri) !== 'tcp'));
    const info = {
      name,
      numbers: numberForms(inputs.did),
      allowedAddresses: inputs.signallingIps.map((ip) => `${ip}/32`),
      krispEnabled: true,
      mediaEncryption: encryption,
      media: { encryption },
    };
    if (step.action === 'create') {
      const r = await caller.create(
        'CreateSIPInboundTrunk',
        async () => (await sip.createSipInboundTrunk(name, info.numbers, info as never)).sipTrunkId,
        () => found('inbound-trunk', name),
        { body: info },
      );
      return r;
    }
    // an inbound trunk holds no secret here, so a full replace is safe and covers krisp_enabled too
    const r = await caller.idempotent('UpdateSIPInboundTrunk', () => sip.updateSipInboundTrunk(step.id!, new SIPInboundTrunkInfo(info as never)), { body: info });
    return { id: r.value.sipTrunkId, attempts: r.attempts };
  }

  async function rule(step: PartnerStep, inputs: PartnerInputs, ids: KnownIds) {
    const name = dispatchRuleName(inputs);
    const trunkId = answerText(inputs, 'livekit_inbound_trunk_id') || ids['inbound-trunk'];
    if (!trunkId) throw new Error(`${step.title}: the inbound trunk id is not known yet (plan order bug)`);
    const prefix = answerText(inputs, 'livekit_room_prefix') || 'call-';
    const agent = answerText(inputs, 'livekit_agent_name');
    const roomConfig = agent ? new RoomConfiguration({ agents: [new RoomAgentDispatch({ agentName: agent })] }) : undefined;
    const body = { name, trunkIds: [trunkId], rule: { dispatchRuleIndividual: { roomPrefix: prefix } }, agentName: agent || undefined };
    if (step.action === 'create') {
      const r = await caller.create(
        'CreateSIPDispatchRule',
        async () => (await sip.createSipDispatchRule({ type: 'individual', roomPrefix: prefix }, { name, trunkIds: [trunkId], roomConfig })).sipDispatchRuleId,
        () => found('dispatch-rule', name),
        { body },
      );
      return r;
    }
    const info = new SIPDispatchRuleInfo({
      name,
      trunkIds: [trunkId],
      rule: new SIPDispatchRule({ rule: { case: 'dispatchRuleIndividual', value: new SIPDispatchRuleIndividual({ roomPrefix: prefix }) } }),
      roomConfig,
    });
    const r = await caller.idempotent('UpdateSIPDispatchRule', () => sip.updateSipDispatchRule(step.id!, info), { body });
    return { id: r.value.sipDispatchRuleId, attempts: r.attempts };
  }

  async function remove(step: PartnerStep) {
    const notFound = (f: CallFailure) => (f.kind === 'status' && f.status === 404 ? true : undefined);
    const r =
      step.kind === 'dispatch-rule'
        ? await caller.idempotent('DeleteSIPDispatchRule', () => sip.deleteSipDispatchRule(step.id!).then(() => true), { accept: notFound, body: { id: step.id } })
        : await caller.idempotent('DeleteSIPTrunk', () => sip.deleteSipTrunk(step.id!).then(() => true), { accept: notFound, body: { id: step.id } });
    return { id: step.id!, attempts: r.attempts };
  }

  return client;
}

