/**
 * The trunk record's fields, what is expected of each, and what the user can do about one. Exotel documents a
 * call to change none of them (its API reference, checked 2026-11-29, has create, read and delete for a trunk,
 * nothing that updates one), so each field says where it is changed instead of guessing an API.
 */
import type { Trunk } from '../exotel/types.js';

export const API_REFERENCE = 'Exotel SIP Trunking API reference (docs.exotel.com/dynamic-sip-trunking/detailed-sip-trunking-api-reference, checked 2026-11-29)';
export const TLS_GUIDE = 'Exotel Virtual SIP Trunking – TLS (Mumbai) (docs.exotel.com/dynamic-sip-trunking/exotel-virtual-sip-trunking-tls-mumbai, checked 2026-11-29)';
const TCP_GUIDE = 'Exotel Virtual SIP Trunking – TCP (Mumbai) (developer.exotel.com/docs/vsip/tcp-integration, checked 2026-11-29)';
const NO_API = 'Exotel documents no API call that changes it';

/** The public pages the field notes rest on, printed once under a table of fields. */
export const TRUNK_FIELD_SOURCES = [API_REFERENCE, TLS_GUIDE, TCP_GUIDE];

export interface TrunkField {
  /** the wire name, as in Exotel's JSON */
  field: string;
  label: string;
  value: string | undefined;
  /** one short sentence: what the value means and where it is changed (no documented API changes any) */
  note: string;
}

/** Every field of the record, in the order of the create response, with its note. */
export function trunkFields(t: Trunk): TrunkField[] {
  return [
    { field: 'trunk_sid', label: 'sid', value: t.trunkSid, note: 'Dial whom in a Connect applet is sip:<this sid>.' },
    { field: 'trunk_name', label: 'name', value: t.trunkName || undefined, note: 'Set at create; no API renames it.' },
    { field: 'status', label: 'status', value: t.status, note: 'active or inactive; no API changes it: ask Exotel support (hello@exotel.com).' },
    { field: 'domain_name', label: 'domain', value: t.domainName || undefined, note: 'The account\'s SIP domain, {account_sid}.pstn.exotel.com; not the edge a partner dials.' },
    { field: 'auth_type', label: 'auth type', value: t.authType, note: 'IP-WHITELIST is the only documented value, also with digest credentials; no API changes it.' },
    { field: 'registration_enabled', label: 'registration', value: t.registrationEnabled, note: 'SIP REGISTER toward Exotel, which its vSIP guides say is not supported; no API changes it.' },
    { field: 'edge_preference', label: 'edge preference', value: t.edgePreference, note: 'auto is the only documented value; no API changes it (the edge is agreed at onboarding).' },
    { field: 'nso_code', label: 'NSO code', value: t.nsoCode, note: 'Set at create (ANY-ANY); no API changes it.' },
    { field: 'secure_trunking', label: 'secure trunking', value: t.secureTrunking, note: 'TLS signalling with SRTP media; no API changes it: Exotel enables it on request (hello@exotel.com or your account manager).' },
  ];
}

/** Which legs of a setup signal over TLS: its fallback to TCP differs per leg. */
export interface TlsLegs {
  /** partner → Exotel edge (calls out): TCP there is Exotel's port 5070 */
  edge: boolean;
  /** Exotel → partner (the destination URI, calls in): TCP there is the partner's port */
  destination: boolean;
  /** the partner's SIP port over TCP, where the recipe names one (ElevenLabs, LiveKit, Retell: 5060) */
  destinationTcpPort?: number;
}

/** The TLS legs of a setup, from what the engine knows of it (structural: no engine types needed). */
export function tlsLegs(inputs: { direction: string; edge: { transport: string }; destination?: string; recipe?: { inbound_sip?: { ports: { tcp?: number } } } }): TlsLegs {
  return {
    edge: inputs.direction !== 'inbound' && inputs.edge.transport === 'tls',
    destination: /;transport=tls\b/i.test(inputs.destination ?? ''),
    destinationTcpPort: inputs.recipe?.inbound_sip?.ports.tcp,
  };
}

const EDGE_TCP = 'TCP toward the Exotel edge (port 5070)';
const destinationTcp = (port: number | undefined) =>
  `TCP from Exotel to the partner (${port ? `port ${port}` : "the partner's TCP port"}, transport=tcp in the destination URI)`;

/** What to fall back to while TLS is not enabled, for the legs that use it. */
function tcpFallback(legs: boolean | TlsLegs): string {
  // a caller that only knows "some leg is TLS": each side's port, kept short (the wizard's plan screen shows it)
  if (legs === true) return "TCP on the TLS legs (Exotel's edge: port 5070; the partner: its TCP port)";
  if (legs === false) return '';
  if (legs.edge && legs.destination) return `${EDGE_TCP} for calls out, and ${destinationTcp(legs.destinationTcpPort)} for calls in`;
  return legs.edge ? EDGE_TCP : destinationTcp(legs.destinationTcpPort);
}

/**
 * A note when a setup signals over TLS but the trunk says secure trunking is not enabled: no API can fix it, so
 * it is a thing to ask Exotel for, not drift. `legs` says which legs are TLS (tlsLegs), so the TCP fallback named
 * is the one for that leg: 5070 is Exotel's edge, never the partner's side; a plain `true` names both.
 */
export function secureTrunkingNote(t: Trunk | undefined, legs: boolean | TlsLegs, trunkSid?: string): string | undefined {
  const anyTls = typeof legs === 'boolean' ? legs : legs.edge || legs.destination;
  if (!anyTls) return undefined;
  if (t?.secureTrunking === 'enabled') return undefined;
  const now = t?.secureTrunking && trunkSid ? `trunk ${trunkSid} reports secure_trunking: ${t.secureTrunking}` : 'a new trunk reports secure_trunking: disabled';
  return `This setup uses SIP over TLS, and ${now}. ${NO_API}: ask Exotel (hello@exotel.com or your account manager) to enable TLS and SRTP for it, per ${TLS_GUIDE}; until then use ${tcpFallback(legs)} if calls fail at the TLS handshake.`;
}
