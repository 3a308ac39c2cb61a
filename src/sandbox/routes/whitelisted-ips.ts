import { E, duplicate, isoNow, ok, type Reply } from '../envelope.js';
import { paginate } from '../paginate.js';
import type { AclRecord } from '../state.js';
import { isIPv4 } from '../validate.js';
import { absent, type Ctx } from './context.js';

export function whitelistIp(ctx: Ctx): Reply {
  const { method, body, trunk, store } = ctx;
  if (absent(body, 'ip')) return E.missing(method, 'ip');
  if (!isIPv4(body.ip)) return E.invalid(method, 'ip must be a valid IPv4 address');
  // Seed 000 marks mask required; seed 002's API reference (and Exotel's config-API repository) make it optional
  // with default 32, as does the dashboard's "Subnet Mask (default: 32)". The sandbox takes the lenient reading; the
  // project's fact sheet followed seed 000 only. exotrunk's client always sends 32.
  const mask = absent(body, 'mask') ? 32 : body.mask;
  // seed 000 allows 1..32; the tool itself only ever sends 32, but the sandbox keeps the API's range
  if (typeof mask !== 'number' || !Number.isInteger(mask) || mask < 1 || mask > 32) {
    return E.invalid(method, 'mask must be an integer between 1 and 32');
  }
  const friendly = typeof body.friendly_name === 'string' ? body.friendly_name : null;
  if (trunk.acl.some((a) => a.ip === body.ip)) return duplicate(method, `Unable to Whitelist-ip with ip ${body.ip}`);
  const now = isoNow();
  const rec: AclRecord = {
    id: store.nextId('acl'),
    mask,
    trunk_sid: trunk.trunk.trunk_sid,
    ip: body.ip,
    friendly_name: friendly,
    date_created: now,
    date_updated: now,
  };
  trunk.acl.push(rec);
  return ok(method, { ...rec });
}

export function listAcl(ctx: Ctx): Reply {
  return paginate({ method: ctx.method, path: ctx.path, query: ctx.query, defaultPageSize: ctx.pageSize }, ctx.trunk.acl);
}
