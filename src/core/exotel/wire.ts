/**
 * Exotel's trunk API on the wire: the method, the path under /v2/accounts/{account_sid} and the JSON body of
 * every call this tool sends (Exotel's SIP trunking API reference, checked 2026-11-29). The client sends these;
 * the plan shows them and exports them as curl. One place, so what is shown is what is sent.
 *
 * Path segments are taken as given: the client passes them URI-encoded, the plan passes placeholders such as
 * {trunk_sid} as they are.
 */
import { bareSipUri } from '../sip-uri.js';
import type { NumberMode } from './types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface WireRequest {
  method: HttpMethod;
  /** below /v2/accounts/{account_sid}, starting with / */
  path: string;
  body?: unknown;
}

/** The domain a trunk belongs to: Exotel's {account_sid}.pstn.exotel.com. */
export const trunkDomain = (accountSid: string): string => `${accountSid}.pstn.exotel.com`;

/** Exotel's path for the setting that makes outbound calls show the ExoPhone as caller ID. */
export const ALIAS_SETTING = 'trunk_external_alias';

const trunk = (sid: string, sub: string) => `/trunks/${sid}/${sub}`;

export const wire = {
  createTrunk: (accountSid: string, trunkName: string): WireRequest => ({
    method: 'POST',
    path: '/trunks',
    body: { trunk_name: trunkName, nso_code: 'ANY-ANY', domain_name: trunkDomain(accountSid) },
  }),
  getTrunk: (sid: string): WireRequest => ({ method: 'GET', path: `/trunks/${sid}` }),
  deleteTrunk: (sid: string): WireRequest => ({ method: 'DELETE', path: `/trunks?trunk_sid=${sid}` }),
  mapNumber: (sid: string, phoneNumber: string, mode?: NumberMode): WireRequest => ({
    method: 'POST',
    path: trunk(sid, 'phone-numbers'),
    body: mode ? { phone_number: phoneNumber, mode } : { phone_number: phoneNumber },
  }),
  setNumberMode: (sid: string, id: string, phoneNumber: string, mode: NumberMode): WireRequest => ({
    method: 'PUT',
    path: `${trunk(sid, 'phone-numbers')}/${id}`,
    body: { phone_number: phoneNumber, mode },
  }),
  listNumbers: (sid: string): WireRequest => ({ method: 'GET', path: trunk(sid, 'phone-numbers') }),
  // always a single address, mask 32: Exotel whitelists no ranges. Its API reference requires mask where the SIP
  // trunking guide makes it optional with that default; sending it satisfies both readings.
  whitelistIp: (sid: string, ip: string): WireRequest => ({ method: 'POST', path: trunk(sid, 'whitelisted-ips'), body: { ip, mask: 32 } }),
  listAcl: (sid: string): WireRequest => ({ method: 'GET', path: trunk(sid, 'whitelisted-ips') }),
  /** `password` as it goes out: the revealed secret when sending, a mask when showing */
  createCredential: (sid: string, userName: string, password: string, friendlyName?: string): WireRequest => ({
    method: 'POST',
    path: trunk(sid, 'credentials'),
    body: { user_name: userName, password, ...(friendlyName !== undefined ? { friendly_name: friendlyName } : {}) },
  }),
  listCredentials: (sid: string): WireRequest => ({ method: 'GET', path: trunk(sid, 'credentials') }),
  deleteCredential: (sid: string, id: string): WireRequest => ({ method: 'DELETE', path: `${trunk(sid, 'credentials')}?id=${id}` }),
  /** destinations as Exotel wants them: host:port;transport=…, without sip: */
  addDestinations: (sid: string, uris: string[]): WireRequest => ({
    method: 'POST',
    path: trunk(sid, 'destination-uris'),
    body: { destinations: uris.map((d) => ({ destination: bareSipUri(d) })) },
  }),
  listDestinations: (sid: string): WireRequest => ({ method: 'GET', path: trunk(sid, 'destination-uris') }),
  setAlias: (sid: string, alias: string): WireRequest => ({ method: 'POST', path: trunk(sid, 'settings'), body: { settings: [{ name: ALIAS_SETTING, value: alias }] } }),
};

/** Friendly names are at most 32 characters at Exotel: a credential exotrunk creates is named after its recipe. */
export const friendlyNameFor = (recipeId: string): string => recipeId.slice(0, 32);
