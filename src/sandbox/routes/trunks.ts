import { randomBytes } from 'node:crypto';
import { E, fail, isoNow, ok, type Reply } from '../envelope.js';
import type { CredentialRecord, TrunkRecord } from '../state.js';
import { TRUNK_NAME } from '../validate.js';
import { absent, type Ctx } from './context.js';

const SID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** "trmum1" + 22 lowercase alphanumerics, like trmum1f708622631150902801a1n */
export function newTrunkSid(): string {
  const bytes = randomBytes(22);
  let s = 'trmum1';
  for (const b of bytes) s += SID_ALPHABET[b % SID_ALPHABET.length];
  return s;
}

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Exotel's own credential, as seed 000 shows it: username = the trunk sid, 16 characters like "Xk9mP2nQ4rS6tU8v". */
function exotelCredential(ctx: Ctx, trunkSid: string, now: string): CredentialRecord {
  let password = '';
  for (const b of randomBytes(16)) password += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
  return {
    id: ctx.store.nextId('credential'),
    trunk_sid: trunkSid,
    user_name: trunkSid,
    password,
    friendly_name: null,
    date_created: now,
    date_updated: now,
    exotel_generated: true,
  };
}

function withLinks(accountSid: string, t: TrunkRecord): Record<string, unknown> {
  const base = `/v2/accounts/${accountSid}/trunks/${t.trunk_sid}`;
  return {
    ...t,
    destination_uris: `${base}/destination-uris`,
    whitelisted_ips: `${base}/whitelisted-ips`,
    credentials: `${base}/credentials`,
    phone_numbers: `${base}/phone-numbers`,
  };
}

export function createTrunk(ctx: Ctx): Reply {
  const { body, method, accountSid, account } = ctx;
  for (const field of ['trunk_name', 'nso_code', 'domain_name']) {
    if (absent(body, field)) return E.missing(method, field);
  }
  const name = body.trunk_name;
  if (typeof name !== 'string' || !TRUNK_NAME.test(name)) {
    return fail(method, 400, 1000, 'Invalid request', 'trunk_name must be alphanumeric with underscores only, max 16 characters');
  }
  if (body.nso_code !== 'ANY-ANY') return E.invalid(method, 'nso_code must be ANY-ANY');
  const domain = `${accountSid}.pstn.exotel.com`;
  if (typeof body.domain_name !== 'string' || body.domain_name.toLowerCase() !== domain.toLowerCase()) {
    return E.invalid(method, `domain_name must be ${domain}`);
  }
  if (Object.values(account.trunks).some((t) => t.trunk.trunk_name === name)) {
    // seed 000 shows 1002 here (the config-API repo says 1008); the sandbox follows the seed
    return fail(method, 409, 1002, 'Resource exists', `Trunk with name '${name}' already exists`);
  }
  const now = isoNow();
  const trunk: TrunkRecord = {
    trunk_name: name,
    date_created: now,
    date_updated: now,
    trunk_sid: newTrunkSid(),
    status: 'active',
    domain_name: body.domain_name,
    auth_type: 'IP-WHITELIST',
    registration_enabled: 'disabled',
    edge_preference: 'auto',
    nso_code: 'ANY-ANY',
    secure_trunking: 'disabled',
  };
  account.trunks[trunk.trunk_sid] = { trunk, numbers: [], acl: [], credentials: [], destinations: [], settings: [] };
  if (ctx.autoCredentials) account.trunks[trunk.trunk_sid].credentials.push(exotelCredential(ctx, trunk.trunk_sid, now));
  return ok(method, withLinks(accountSid, trunk));
}

/**
 * GET /trunks/{trunk_sid}: no response example is published, so the record is the create response's `data`
 * (links included). The router has already answered an unknown sid with 404 / 1003, as seed 000 does for
 * every trunk-scoped call.
 */
export function getTrunk(ctx: Ctx): Reply {
  return ok(ctx.method, withLinks(ctx.accountSid, ctx.trunk.trunk));
}

/** DELETE /trunks?trunk_sid=…; answers with the deleted trunk (without the sub-resource links, as the seed shows) */
export function deleteTrunk(ctx: Ctx): Reply {
  const { method, account, query } = ctx;
  const sid = query.get('trunk_sid');
  if (!sid) return E.missing(method, 'trunk_sid');
  const t = account.trunks[sid];
  if (!t) return E.trunkNotFound(method, sid);
  delete account.trunks[sid];
  account.deleted.trunks.push(t);
  return ok(method, { ...t.trunk });
}
