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

export interface TrunkField {
  /** the wire name, as in Exotel's JSON */
  field: string;
  label: string;
  value: string | undefined;
  /** one sentence: what the value means and how it is changed */
  note: string;
}

/** Every field of the record, in the order of the create response, with its note. */
export function trunkFields(t: Trunk): TrunkField[] {
  return [
    { field: 'trunk_sid', label: 'sid', value: t.trunkSid, note: 'Dial whom in a Connect applet is sip:<this sid>.' },
    { field: 'trunk_name', label: 'name', value: t.trunkName || undefined, note: `Set at create; ${NO_API} (rename it in the dashboard, Exotrunk Management, if it offers that).` },
    { field: 'status', label: 'status', value: t.status, note: `active or inactive per the ${API_REFERENCE}; ${NO_API}: ask Exotel support (hello@exotel.com) about an inactive trunk.` },
    { field: 'domain_name', label: 'domain', value: t.domainName || undefined, note: 'The account\'s SIP domain, {account_sid}.pstn.exotel.com, fixed at create. It is not the edge a partner dials.' },
    { field: 'auth_type', label: 'auth type', value: t.authType, note: `IP-WHITELIST is the only value Exotel documents, also on trunks that use digest credentials; ${NO_API}.` },
    { field: 'registration_enabled', label: 'registration', value: t.registrationEnabled, note: `SIP REGISTER toward Exotel; its vSIP guides say registration is not supported (${TCP_GUIDE}); ${NO_API}.` },
    { field: 'edge_preference', label: 'edge preference', value: t.edgePreference, note: `auto is the only documented value; ${NO_API}: the edge a partner dials is agreed with Exotel at onboarding.` },
    { field: 'nso_code', label: 'NSO code', value: t.nsoCode, note: `Set at create (exotrunk sends ANY-ANY, as the API reference says); ${NO_API}.` },
    { field: 'secure_trunking', label: 'secure trunking', value: t.secureTrunking, note: `TLS signalling with SRTP media; ${NO_API}: Exotel enables it on request (hello@exotel.com or your account manager), per ${TLS_GUIDE}.` },
  ];
}

/**
 * A note when a setup signals over TLS but the trunk says secure trunking is not enabled: no API can fix it, so
 * it is a thing to ask Exotel for, not drift.
 */
export function secureTrunkingNote(t: Trunk | undefined, usesTls: boolean, trunkSid: string): string | undefined {
  if (!usesTls) return undefined;
  if (t?.secureTrunking === 'enabled') return undefined;
  const now = t?.secureTrunking ? `reports secure_trunking: ${t.secureTrunking}` : 'will report secure_trunking: disabled, as every new trunk does';
  return `This setup uses SIP over TLS, and trunk ${trunkSid} ${now}. ${NO_API}: ask Exotel (hello@exotel.com or your account manager) to enable TLS and SRTP for it, per ${TLS_GUIDE}; until then use TCP (port 5070) if calls fail at the TLS handshake.`;
}
