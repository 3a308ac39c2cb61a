/**
 * Exotel response envelopes, shaped like seed 000: a single resource, a paginated list, and the
 * multi-status form (destination URIs, settings) whose HTTP status is 207 when any item failed.
 */
import { randomBytes } from 'node:crypto';

export interface Reply {
  status: number;
  body?: unknown;
  /** a non-JSON body (what a gateway in front of the API sends on 503) */
  text?: string;
  headers?: Record<string, string>;
}

export interface ErrorData {
  code: number;
  message: string;
  description: string;
}

/** One resource result: inside a single envelope, or one item of a list / multi-status answer. */
export interface ItemEnvelope {
  code: number;
  error_data: ErrorData | null;
  status: 'success' | 'failure';
  data?: unknown;
}

export function requestId(): string {
  return randomBytes(16).toString('hex');
}

/** ISO 8601 without milliseconds, as Exotel writes them: 2026-01-23T09:24:59Z */
export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function okItem(data: unknown): ItemEnvelope {
  return { code: 200, error_data: null, status: 'success', data };
}

export function failItem(code: number, errorCode: number, message: string, description: string): ItemEnvelope {
  return { code, error_data: { code: errorCode, message, description }, status: 'failure', data: null };
}

function envelope(method: string, httpCode: number, extra: Record<string, unknown>): Record<string, unknown> {
  return { request_id: requestId(), method, http_code: httpCode, ...extra };
}

export function ok(method: string, data: unknown): Reply {
  return { status: 200, body: envelope(method, 200, { response: okItem(data) }) };
}

/** A request-level failure: the HTTP status and response.code agree; no `data` key, as in seed 000. */
export function fail(method: string, httpCode: number, errorCode: number, message: string, description: string): Reply {
  const { code, error_data, status } = failItem(httpCode, errorCode, message, description);
  return { status: httpCode, body: envelope(method, httpCode, { response: { status, code, error_data } }) };
}

/** Exotel's duplicate quirk: HTTP 200 while response.code is 409 and error_data.code 1008. */
export function duplicate(method: string, description: string): Reply {
  return { status: 200, body: envelope(method, 200, { response: failItem(409, 1008, 'Duplicate resource', description) }) };
}

export function list(method: string, items: ItemEnvelope[], metadata: Record<string, unknown> | undefined): Reply {
  const extra: Record<string, unknown> = metadata ? { metadata, response: items } : { response: items };
  return { status: 200, body: envelope(method, 200, extra) };
}

/** Multi-status: 200 when every item succeeded, 207 otherwise; `failed` appears only when non-zero, as in seed 000. */
export function multi(method: string, items: ItemEnvelope[]): Reply {
  const success = items.filter((i) => i.status === 'success').length;
  const failed = items.length - success;
  const metadata = failed > 0 ? { failed, total: items.length, success } : { total: items.length, success };
  const status = failed > 0 ? 207 : 200;
  return { status, body: envelope(method, status, { metadata, response: items }) };
}

export const E = {
  notFoundPath: (m: string) => fail(m, 404, 1000, 'Not Found', 'The requested resource was not found'),
  missing: (m: string, field: string) => fail(m, 400, 1001, 'Mandatory Parameter missing', `${field} is mandatory`),
  invalid: (m: string, description: string) => fail(m, 400, 1001, 'Invalid parameter', description),
  trunkNotFound: (m: string, sid: string) => fail(m, 404, 1003, 'Resource not found', `Trunk '${sid}' does not exist`),
  badJson: (m: string, description: string) => fail(m, 400, 1007, 'Invalid request body', description),
  auth: (m: string) => fail(m, 401, 1010, 'Authorization failed', 'Invalid API key or token'),
  contentType: (m: string) => fail(m, 415, 1011, 'Unsupported content type', 'Content-Type must be application/json'),
};
