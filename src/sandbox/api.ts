/**
 * One API request in, one reply out: auth, rate limit, routing, content type, JSON, then the handler.
 * No sockets here, so faults and latency stay in server.ts.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { E, fail, type Reply } from './envelope.js';
import type { SlidingWindowLimiter } from './rate-limit.js';
import { matchRoute, parseApiPath } from './routes/index.js';
import type { Store } from './state.js';
import type { AutoCredentials } from './routes/context.js';

export interface ApiConfig {
  apiKey: string;
  apiToken: string;
  pageSize: number;
  store: Store;
  limiter: SlidingWindowLimiter;
  autoCredentials?: AutoCredentials;
}

export interface ApiRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

function authorized(header: string | undefined, key: string, token: string): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === key && decoded.slice(colon + 1) === token;
}

function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

export function handleApi(cfg: ApiConfig, req: ApiRequest): Reply {
  const { method, url } = req;
  const api = parseApiPath(url.pathname);
  if (!api) return E.notFoundPath(method);
  if (!authorized(req.headers.authorization, cfg.apiKey, cfg.apiToken)) return E.auth(method);

  const retryAfter = cfg.limiter.take(api.accountSid);
  if (retryAfter > 0) {
    const r = fail(method, 429, 1030, 'Rate limit exceeded', 'Too many requests; wait and retry');
    return { ...r, headers: { 'Retry-After': String(retryAfter) } };
  }

  const match = matchRoute(method, api.accountSid, api.rest);
  if (!match) return E.notFoundPath(method);

  let body: Record<string, unknown> = {};
  if (method === 'POST' || method === 'PUT') {
    if (!isJsonContentType(req.headers['content-type'])) return E.contentType(method);
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body);
    } catch {
      return E.badJson(method, 'Request body is not valid JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return E.badJson(method, 'Request body must be a JSON object');
    }
    body = parsed as Record<string, unknown>;
  }

  const account = cfg.store.account(api.accountSid);
  const trunk = match.trunkSid !== undefined ? account.trunks[match.trunkSid] : undefined;
  if (match.trunkSid !== undefined && !trunk) return E.trunkNotFound(method, match.trunkSid);

  return match.route.handler({
    method,
    accountSid: api.accountSid,
    account,
    store: cfg.store,
    // routes on /trunks itself never read it
    trunk: trunk!,
    id: match.id,
    query: url.searchParams,
    body,
    path: url.pathname.replace(/\/+$/, ''),
    pageSize: cfg.pageSize,
    autoCredentials: cfg.autoCredentials,
  });
}
