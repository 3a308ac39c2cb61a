import { E, failItem, isoNow, multi, okItem, type ItemEnvelope, type Reply } from '../envelope.js';
import { paginate } from '../paginate.js';
import { isE164 } from '../validate.js';
import type { Ctx } from './context.js';

const KNOWN = new Set(['trunk_external_alias']);

/** POST /settings: multi-status like destination URIs; setting a name again replaces its value. */
export function setSettings(ctx: Ctx): Reply {
  const { method, body, trunk } = ctx;
  const settings = body.settings;
  if (settings === undefined || settings === null) return E.missing(method, 'settings');
  if (!Array.isArray(settings) || settings.length === 0) return E.invalid(method, 'settings must be a non-empty array');
  const results: ItemEnvelope[] = settings.map((item: unknown) => {
    const s = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    if (typeof s.name !== 'string' || !KNOWN.has(s.name)) {
      return failItem(400, 1001, 'Invalid parameter', `Unsupported setting name '${String(s.name)}'`);
    }
    if (!isE164(s.value)) {
      return failItem(400, 1001, 'Invalid parameter', 'value must be a phone number in E.164 format (e.g., +919876543210)');
    }
    const now = isoNow();
    const existing = trunk.settings.find((x) => x.name === s.name);
    if (existing) {
      existing.value = s.value;
      existing.date_updated = now;
      return okItem({ ...existing });
    }
    const rec = { name: s.name, value: s.value, trunk_sid: trunk.trunk.trunk_sid, date_created: now, date_updated: now };
    trunk.settings.push(rec);
    return okItem({ ...rec });
  });
  return multi(method, results);
}

export function listSettings(ctx: Ctx): Reply {
  return paginate({ method: ctx.method, path: ctx.path, query: ctx.query, defaultPageSize: ctx.pageSize }, ctx.trunk.settings);
}
