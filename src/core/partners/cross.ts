/**
 * Cross-side verify (issue 17): the partner side compared with the Exotel side and the recipe, one row per
 * check, each saying which side differs. Pure: it reads what the Exotel trunk holds (plan/observe.ts), what the
 * partner has (its client's observe), and the recipe's values (PartnerInputs).
 *
 * The checks: the digest username on both sides; the partner's outbound address and transport against the
 * Exotel edge; the numbers on both sides, in E.164; the partner's inbound allowed addresses against Exotel's
 * signalling IPs; the Exotel destination URI against the partner's SIP host; the agent binding; and the digest
 * password, which neither side returns (what exotrunk's journal knows is said instead).
 */
import { sameSipUri, sipHost, withSip } from '../sip-uri.js';
import { cliName } from '../cli-name.js';
import { elevenlabsSipHost, IN, OUT } from './elevenlabs/desired.js';
import type { PartnerObservation } from './diff.js';
import { PARTNER_TITLES, type AgentCheck, type CrossRow, type CrossStatus, type DesiredResource, type FieldValue, type ObservedResource, type PartnerInputs, type ResourceKind } from './types.js';

/** What the Exotel trunk holds, as far as the cross checks need it (undefined: the trunk is gone). */
export interface ExotelSide {
  trunkSid: string;
  numbers: string[];
  /** usernames of the credentials on the trunk */
  credentials: { userName: string; id?: string; exotelOwn?: boolean }[];
  /** destination URIs, with sip: */
  destinations: string[];
}

export interface CrossInput {
  inputs: PartnerInputs;
  exotel: ExotelSide | undefined;
  desired: DesiredResource[];
  observation: PartnerObservation;
  agent?: AgentCheck;
  /** per resource kind, the Exotel credential ("username:id") whose password exotrunk last sent there */
  sent: Partial<Record<ResourceKind, string>>;
  /** the Exotel credential the trunk has now, as "username:id" (undefined: none or unknown) */
  credentialMark?: string;
}

const list = (v: FieldValue | undefined): string[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const show = (xs: string[]) => (xs.length ? xs.join(', ') : '(none)');
const E164 = /^\+[1-9]\d{6,14}$/;

function pick(desired: DesiredResource[], observation: PartnerObservation, kind: ResourceKind): ObservedResource | undefined {
  const d = desired.find((x) => x.kind === kind);
  if (!d) return undefined;
  const candidates = observation.resources.filter((o) => o.kind === kind && o.key === d.key);
  return candidates.find((o) => o.via === 'id') ?? candidates[0];
}

/** Where each partner keeps the values the checks compare. */
interface Fields {
  /** the resource and field holding the digest username of calls toward Exotel */
  username?: [ResourceKind, string];
  address?: { kind: ResourceKind; address: string; transport: string; normal: (t: string) => string };
  /** resources and fields listing numbers; `forms` ones may also hold national forms on purpose */
  numbers: { kind: ResourceKind; field: string; forms?: boolean }[];
  allowed?: [ResourceKind, string];
  agent?: { kind: ResourceKind; fields: string[] };
}

function fieldsOf(inputs: PartnerInputs): Fields {
  switch (inputs.partner) {
    case 'livekit':
      return {
        username: ['outbound-trunk', 'auth_username'],
        address: { kind: 'outbound-trunk', address: 'address', transport: 'transport', normal: (t) => t.replace(/^SIP_TRANSPORT_/, '').toLowerCase() },
        numbers: [
          { kind: 'outbound-trunk', field: 'numbers' },
          { kind: 'inbound-trunk', field: 'numbers', forms: true },
        ],
        allowed: ['inbound-trunk', 'allowed_addresses'],
        agent: { kind: 'dispatch-rule', fields: ['agent_name'] },
      };
    case 'elevenlabs':
      return {
        username: ['phone-number', `${OUT}.username`],
        address: { kind: 'phone-number', address: `${OUT}.address`, transport: `${OUT}.transport`, normal: (t) => t.toLowerCase() },
        numbers: [{ kind: 'phone-number', field: 'phone_number' }],
        allowed: ['phone-number', `${IN}.allowed_addresses`],
        agent: { kind: 'phone-number', fields: ['agent_id'] },
      };
    case 'retell':
      return {
        username: ['phone-number', 'auth_username'],
        address: { kind: 'phone-number', address: 'termination_uri', transport: 'transport', normal: (t) => t.toLowerCase() },
        numbers: [{ kind: 'phone-number', field: 'phone_number' }],
        agent: { kind: 'phone-number', fields: ['inbound_agents', 'outbound_agents'] },
      };
  }
}

/** The side that is off: the one whose value is not the recipe's. */
const culprit = (exotelOk: boolean, partnerOk: boolean): CrossRow['side'] => (!exotelOk && !partnerOk ? 'both' : !exotelOk ? 'exotel' : !partnerOk ? 'partner' : undefined);

/** What every check reads: the inputs, the Exotel side, the partner's fields and resources, and a few words. */
interface Checking {
  c: CrossInput;
  inputs: PartnerInputs;
  exotel: CrossInput['exotel'];
  /** the partner's title */
  P: string;
  f: Fields;
  res: (kind: ResourceKind) => ReturnType<typeof pick>;
  wanted: (kind: ResourceKind) => boolean;
  /** the trunk is gone at Exotel */
  gone: boolean;
  noTrunk: string;
  apply: string;
}

/** The digest username, on both sides. */
function usernameRows(ck: Checking): CrossRow[] {
  const { inputs, exotel, f, res, wanted, gone, noTrunk } = ck;
  const rows: CrossRow[] = [];
  if (inputs.outbound && inputs.digest && f.username && wanted(f.username[0])) {
    const [kind, field] = f.username;
    const o = res(kind);
    const theirs = o ? list(o.fields[field])[0] ?? '' : undefined;
    const ours = exotel?.credentials.filter((x) => !x.exotelOwn || x.userName === inputs.sipUsername).map((x) => x.userName) ?? [];
    const exotelOk = ours.includes(inputs.sipUsername);
    const partnerOk = theirs === inputs.sipUsername;
    rows.push({
      check: 'digest username',
      exotel: gone ? noTrunk : show(ours),
      partner: theirs === undefined ? '(resource missing)' : theirs || '(none)',
      expected: inputs.sipUsername,
      status: theirs === undefined || (!exotelOk && (gone || ours.length === 0)) ? 'missing' : exotelOk && partnerOk ? 'ok' : 'drift',
      side: culprit(exotelOk, partnerOk),
    });
  }
  return rows;
}

/** The partner's outbound address and transport against the Exotel edge. */
function addressRows(ck: Checking): CrossRow[] {
  const { inputs, f, res, wanted } = ck;
  const rows: CrossRow[] = [];
  if (inputs.outbound && f.address && wanted(f.address.kind)) {
    const o = res(f.address.kind);
    const addr = o ? list(o.fields[f.address.address])[0] ?? '' : undefined;
    const transport = o ? f.address.normal(list(o.fields[f.address.transport])[0] ?? '') : '';
    const want = `${inputs.edge.hostport} ${inputs.edge.transport}`;
    const partnerOk = addr === inputs.edge.hostport && transport === inputs.edge.transport;
    rows.push({
      check: 'outbound address (Exotel edge)',
      exotel: `${want} (the edge Exotel documents for the region; no API returns it)`,
      partner: addr === undefined ? '(resource missing)' : `${addr || '(none)'} ${transport || '(no transport)'}`,
      expected: want,
      status: addr === undefined ? 'missing' : partnerOk ? 'ok' : 'drift',
      side: culprit(true, partnerOk),
    });
  }
  return rows;
}

/** The numbers on both sides, in E.164. */
function numbersRows(ck: Checking): CrossRow[] {
  const { inputs, exotel, f, res, wanted, gone, noTrunk } = ck;
  const rows: CrossRow[] = [];
  const theirs: string[] = [];
  const bad: string[] = [];
  let missing = false;
  for (const n of f.numbers) {
    if (!wanted(n.kind)) continue;
    const o = res(n.kind);
    if (!o) {
      missing = true;
      continue;
    }
    const values = list(o.fields[n.field]);
    // the LiveKit inbound trunk lists national forms too, on purpose: its E.164 entry is the one compared
    const e164 = n.forms ? values.filter((v) => v.startsWith('+')) : values;
    theirs.push(...e164);
    bad.push(...e164.filter((v) => !E164.test(v)));
    if (!e164.includes(inputs.did)) bad.push(`${inputs.did} missing from the ${o.kind.replace('-', ' ')}`);
  }
  const partnerHas = [...new Set(theirs)];
  const exotelOk = !!exotel?.numbers.includes(inputs.did);
  const partnerOk = !missing && bad.length === 0 && partnerHas.every((n) => n === inputs.did);
  rows.push({
    check: 'numbers (E.164)',
    exotel: gone ? noTrunk : show(exotel!.numbers),
    partner: missing && !partnerHas.length ? '(resource missing)' : show(partnerHas),
    expected: inputs.did,
    status: missing || (!gone && !exotelOk && exotel!.numbers.length === 0) ? 'missing' : exotelOk && partnerOk ? 'ok' : 'drift',
    side: culprit(exotelOk, partnerOk),
    note: bad.some((b) => !b.includes('missing')) ? `not in E.164: ${bad.filter((b) => !b.includes('missing')).join(', ')}` : undefined,
  });
  return rows;
}

/** The partner's inbound allowed addresses against Exotel's signalling IPs. */
function allowedRows(ck: Checking): CrossRow[] {
  const { inputs, P, f, res, wanted } = ck;
  const rows: CrossRow[] = [];
  if (inputs.inbound) {
    const want = inputs.signallingIps.map((ip) => `${ip}/32`);
    if (f.allowed && wanted(f.allowed[0])) {
      const o = res(f.allowed[0]);
      const theirs = o ? list(o.fields[f.allowed[1]]) : undefined;
      const lacking = theirs ? want.filter((a) => !theirs.includes(a) && !theirs.includes(a.replace(/\/32$/, ''))) : want;
      const extra = theirs ? theirs.filter((a) => !want.includes(a)) : [];
      rows.push({
        check: "inbound allowed addresses (Exotel's signalling IPs)",
        exotel: `${show(want)} (Exotel's published signalling IPs)`,
        partner: theirs === undefined ? '(resource missing)' : show(theirs),
        expected: show(want),
        status: theirs === undefined ? 'missing' : lacking.length ? 'drift' : 'ok',
        side: culprit(true, !!theirs && lacking.length === 0),
        note: lacking.length && theirs ? `${P} would refuse calls from ${lacking.join(', ')}` : extra.length ? `also allowed: ${extra.join(', ')}` : undefined,
      });
    } else {
      rows.push({
        check: "inbound allowed addresses (Exotel's signalling IPs)",
        exotel: show(want),
        partner: '(no such setting)',
        expected: show(want),
        status: 'not-comparable',
        note: `${P}'s phone-number API has no inbound address allowlist: it takes calls for an imported number from any address.`,
      });
    }
  }
  return rows;
}

/** The Exotel destination URI against the partner's SIP host. */
function destinationRows(ck: Checking): CrossRow[] {
  const { inputs, exotel, res, gone, noTrunk } = ck;
  const rows: CrossRow[] = [];
  if (inputs.inbound && inputs.destinationUri) {
    const want = withSip(inputs.destinationUri);
    const exotelOk = !!exotel?.destinations.some((d) => sameSipUri(d, want));
    let partnerHost: string;
    let partnerOk = true;
    let note: string | undefined;
    if (inputs.partner === 'elevenlabs') {
      const o = res('phone-number');
      const stack = o ? list(o.fields.livekit_stack)[0] : undefined;
      const host = stack ? elevenlabsSipHost(inputs, stack) : undefined;
      partnerHost = host ? `${host} (the number's "${stack}" SIP stack)` : '(resource missing)';
      partnerOk = !host || host === sipHost(want);
      if (!partnerOk) note = `ElevenLabs has this number on its ${stack} stack, which takes calls at ${host}; the recipe sends them to ${sipHost(want)}. Use the matching workspace answer (el_environment), or move the number in ElevenLabs.`;
    } else if (inputs.partner === 'livekit') {
      partnerHost = `${sipHost(want)} (from the SIP subdomain answer)`;
      note = "LiveKit's API does not return a project's SIP URI: the host comes from the livekit_subdomain answer (LiveKit Cloud → Settings → SIP URI).";
    } else {
      partnerHost = `${sipHost(want)} (Retell's documented SIP host)`;
    }
    rows.push({
      check: "destination URI → partner's SIP host",
      exotel: gone ? noTrunk : show(exotel!.destinations),
      partner: partnerHost,
      expected: want,
      status: !gone && exotel!.destinations.length === 0 ? 'missing' : exotelOk && partnerOk ? 'ok' : 'drift',
      side: culprit(exotelOk, partnerOk),
      note,
    });
  }
  return rows;
}

/** The agent binding. */
function agentRows(ck: Checking): CrossRow[] {
  const { c, P, f, res, wanted, apply } = ck;
  const rows: CrossRow[] = [];
  if (f.agent && wanted(f.agent.kind)) {
    const d = c.desired.find((x) => x.kind === f.agent!.kind)!;
    const fields = f.agent.fields.filter((k) => k in d.fields);
    const expected = [...new Set(fields.flatMap((k) => list(d.fields[k])))];
    const o = res(f.agent.kind);
    const theirs = o ? [...new Set(fields.flatMap((k) => list(o.fields[k])))] : undefined;
    const bound = !!theirs && fields.every((k) => list(d.fields[k]).every((v) => list(o!.fields[k]).includes(v)));
    const a = c.agent;
    const exists = a?.checked ? a.exists : undefined;
    if (expected.length || (a && !a.checked && a.agentId)) {
      rows.push({
        check: 'agent binding',
        exotel: '(not an Exotel setting)',
        partner: theirs === undefined ? '(resource missing)' : show(theirs),
        expected: show(expected.length ? expected : a?.agentId ? [a.agentId] : []),
        status: theirs === undefined ? 'missing' : exists === false || !bound ? 'drift' : 'ok',
        side: culprit(true, bound && exists !== false),
        note:
          exists === false
            ? `${P} has no agent ${a!.agentId}: fix the agent id answer, then ${apply}`
            : exists && a?.name
              ? `${a.agentId} is "${a.name}" at ${P}`
              : a && !a.checked
                ? a.note
                : undefined,
      });
    }
  }
  return rows;
}

/** The digest password: neither side returns it. */
function passwordRows(ck: Checking): CrossRow[] {
  const { c, P, res, gone, noTrunk, apply } = ck;
  const rows: CrossRow[] = [];
  for (const d of c.desired) {
    for (const s of d.secrets) {
      const o = res(d.kind);
      const state = o?.secretState[s] ?? 'unknown';
      const sent = c.sent[d.kind];
      let status: CrossStatus = 'not-comparable';
      let partner = state === 'match' ? 'matches (compared without showing it)' : state === 'differs' ? 'differs' : state === 'unset' ? 'not set' : state === 'set' ? 'set (not returned)' : 'not returned';
      let note: string;
      if (!o) {
        status = 'missing';
        partner = '(resource missing)';
        note = `${apply} creates it with the password`;
      } else if (state === 'differs' || state === 'unset') {
        status = 'drift';
        note = `${apply} sets it again`;
      } else if (state === 'match') {
        status = 'ok';
        note = `${P} returned it, so it was compared (without showing it)`;
      } else if (sent && c.credentialMark && sent === c.credentialMark) {
        note = `Exotel never returns a password and ${P} does not either; exotrunk sent it for the credential Exotel has (${sent.split(':')[0]})`;
      } else {
        status = 'drift';
        note = sent
          ? `the Exotel credential changed since exotrunk last sent its password here; ${apply} sends it again`
          : `not sent by exotrunk (pasted by hand?) and ${P} cannot show it: ${apply} sends it once, so both sides surely match`;
      }
      rows.push({
        check: `digest password (${d.title})`,
        exotel: gone ? noTrunk : c.credentialMark ? `credential ${c.credentialMark.split(':')[0]} (Exotel never returns its password)` : '(no credential)',
        partner,
        expected: 'the Exotel trunk password',
        status,
        side: status === 'drift' || status === 'missing' ? 'partner' : undefined,
        note,
      });
    }
  }
  return rows;
}

export function crossRows(c: CrossInput): CrossRow[] {
  const { inputs, exotel } = c;
  const ck: Checking = {
    c,
    inputs,
    exotel,
    P: PARTNER_TITLES[inputs.partner],
    f: fieldsOf(inputs),
    res: (kind) => pick(c.desired, c.observation, kind),
    wanted: (kind) => c.desired.some((d) => d.kind === kind),
    gone: exotel === undefined,
    noTrunk: '(trunk not found)',
    apply: `${cliName()} apply ${inputs.partner}`,
  };
  // one row per check, in this order: username, outbound address, numbers, inbound allowlist, destination, agent, password
  return [usernameRows, addressRows, numbersRows, allowedRows, destinationRows, agentRows, passwordRows].flatMap((check) => check(ck));
}
