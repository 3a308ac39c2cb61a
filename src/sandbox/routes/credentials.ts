import { E, duplicate, fail, isoNow, list, ok, type Reply } from '../envelope.js';
import { paginate } from '../paginate.js';
import type { CredentialRecord } from '../state.js';
import { absent, type Ctx } from './context.js';


/** The password goes in, never out (the sandbox's own bookkeeping flag neither). */
function publicView(c: CredentialRecord): Omit<CredentialRecord, 'password' | 'exotel_generated'> {
  const { password: _password, exotel_generated: _own, ...rest } = c;
  return rest;
}

export function createCredential(ctx: Ctx): Reply {
  const { method, body, trunk, store } = ctx;
  if (absent(body, 'user_name') || typeof body.user_name !== 'string') return E.missing(method, 'user_name');
  if (absent(body, 'password') || typeof body.password !== 'string') return E.missing(method, 'password');
  const friendly = body.friendly_name ?? null;
  if (friendly !== null && typeof friendly !== 'string') return E.invalid(method, 'friendly_name must be a string');
  if (typeof friendly === 'string' && friendly.length > 32) {
    return E.invalid(method, 'friendly_name must be at most 32 characters');
  }
  if (trunk.credentials.some((c) => c.user_name === body.user_name)) {
    return duplicate(method, `Unable to create credentials with user_name ${body.user_name}`);
  }
  const now = isoNow();
  const rec: CredentialRecord = {
    id: store.nextId('credential'),
    trunk_sid: trunk.trunk.trunk_sid,
    user_name: body.user_name,
    password: body.password,
    friendly_name: friendly,
    date_created: now,
    date_updated: now,
  };
  trunk.credentials.push(rec);
  return ok(method, publicView(rec));
}

/**
 * The list shape of seed 002 (per-item envelopes, metadata with total and page). With no credentials the
 * answer is a bare `response: []` without metadata, exactly as seed 000 shows it.
 */
export function listCredentials(ctx: Ctx): Reply {
  const { method, trunk } = ctx;
  if (trunk.credentials.length === 0) return list(method, [], undefined);
  // --auto-credentials pair: seed 000's answer, {data: {username, password}}, while Exotel's own credential is the
  // only one. Neither source shows a trunk with both kinds: then the list below, where no item has a password.
  const [only] = trunk.credentials;
  if (ctx.autoCredentials === 'pair' && trunk.credentials.length === 1 && only.exotel_generated) {
    return ok(method, { username: only.user_name, password: only.password });
  }
  const items = trunk.credentials.map(publicView);
  return paginate({ method, path: ctx.path, query: ctx.query, defaultPageSize: ctx.pageSize }, items, {
    extraMetadata: (pageSize, offset) => ({ total: items.length, page_size: pageSize, page: Math.floor(offset / pageSize) + 1 }),
  });
}

/** DELETE /credentials?id=… (a query parameter, not a path segment); answers with the deleted entry */
export function deleteCredential(ctx: Ctx): Reply {
  const { method, trunk, query, account } = ctx;
  const id = query.get('id');
  if (!id) return E.missing(method, 'id');
  const idx = trunk.credentials.findIndex((c) => c.id === id);
  if (idx < 0) return fail(method, 404, 1000, 'Not Found', `Credential '${id}' does not exist on trunk '${trunk.trunk.trunk_sid}'`);
  const [rec] = trunk.credentials.splice(idx, 1);
  account.deleted.credentials.push(rec);
  return ok(method, publicView(rec));
}
