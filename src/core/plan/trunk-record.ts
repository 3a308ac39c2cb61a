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

/**
 * A note when a setup signals over TLS but the trunk says secure trunking is not enabled: no API can fix it, so
 * it is a thing to ask Exotel for, not drift.
 */
export function secureTrunkingNote(t: Trunk | undefined, usesTls: boolean, trunkSid?: string): string | undefined {
  if (!usesTls) return undefined;
  if (t?.secureTrunking === 'enabled') return undefined;
  const now = t?.secureTrunking && trunkSid ? `trunk ${trunkSid} reports secure_trunking: ${t.secureTrunking}` : 'a new trunk reports secure_trunking: disabled';
  return `This setup uses SIP over TLS, and ${now}. ${NO_API}: ask Exotel (hello@exotel.com or your account manager) to enable TLS and SRTP for it, per ${TLS_GUIDE}; until then use TCP (port 5070) if calls fail at the TLS handshake.`;
}
