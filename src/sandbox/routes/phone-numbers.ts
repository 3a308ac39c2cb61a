import { E, duplicate, fail, isoNow, ok, type Reply } from '../envelope.js';
import { paginate } from '../paginate.js';
import type { NumberRecord } from '../state.js';
import { isE164, isMode } from '../validate.js';
import { absent, type Ctx } from './context.js';

const E164_HELP = 'phone_number must be in E.164 format (e.g., +919876543210)';
const MODE_HELP = "mode must be 'pstn' or 'flow'";

export function mapNumber(ctx: Ctx): Reply {
  const { method, body, trunk, store } = ctx;
  if (absent(body, 'phone_number')) return E.missing(method, 'phone_number');
  if (!isE164(body.phone_number)) return E.invalid(method, E164_HELP);
  // mode is optional; omitted it is stored and returned as null (Exotel then routes as pstn)
  const mode = body.mode ?? null;
  if (mode !== null && !isMode(mode)) return E.invalid(method, MODE_HELP);
  const sid = trunk.trunk.trunk_sid;
  if (trunk.numbers.some((n) => n.phone_number === body.phone_number)) {
    return duplicate(method, `Unable to create DidTrunkMapping with TrunkSid ${sid}`);
  }
  const now = isoNow();
  const rec: NumberRecord = {
    id: store.nextId('number'),
    phone_number: body.phone_number,
    trunk_sid: sid,
    date_created: now,
    date_updated: now,
    mode,
  };
  trunk.numbers.push(rec);
  return ok(method, { ...rec });
}

export function updateNumberMode(ctx: Ctx): Reply {
  const { method, body, trunk, id } = ctx;
  const rec = trunk.numbers.find((n) => n.id === id);
  if (!rec) {
    return fail(method, 404, 1000, 'Not Found', `Phone number '${id}' is not mapped to trunk '${trunk.trunk.trunk_sid}'`);
  }
  if (absent(body, 'phone_number')) return E.missing(method, 'phone_number');
  if (!isE164(body.phone_number)) return E.invalid(method, E164_HELP);
  if (body.phone_number !== rec.phone_number) {
    return E.invalid(method, `phone_number does not match the number mapped with id ${id}`);
  }
  if (absent(body, 'mode')) return E.missing(method, 'mode');
  if (!isMode(body.mode)) return E.invalid(method, MODE_HELP);
  rec.mode = body.mode;
  rec.date_updated = isoNow();
  return ok(method, { ...rec });
}

export function listNumbers(ctx: Ctx): Reply {
  return paginate({ method: ctx.method, path: ctx.path, query: ctx.query, defaultPageSize: ctx.pageSize }, ctx.trunk.numbers);
}
