/**
 * From an HTTP answer to envelope items or an ExotelApiError. The envelope decides success, not the HTTP
 * status: `response.status === "failure"` or `response.code >= 400` fails even under HTTP 200.
 */
import type { z } from 'zod';
import type { ExotelApiError } from './errors.js';
import { makeApiError } from './error-table.js';
import {
  anyEnvelopeSchema,
  itemFailed,
  listEnvelopeSchema,
  multiStatusEnvelopeSchema,
  singleEnvelopeSchema,
  type ItemEnvelope,
} from './envelopes.js';
import type { HttpAnswer } from './transport.js';

export interface CallSite {
  method: string;
  path: string;
  /** masks known secrets in server-provided text before it reaches an error message */
  redact: (s: string) => string;
}

/** Build the error for a failed answer (whole envelope) or one failed item of it. */
export function apiError(ans: HttpAnswer, at: CallSite, item?: ItemEnvelope): ExotelApiError {
  let env: z.infer<typeof anyEnvelopeSchema> | undefined;
  if (!item) {
    const parsed = anyEnvelopeSchema.safeParse(ans.json);
    if (parsed.success) {
      env = parsed.data;
      item = Array.isArray(env.response) ? env.response.find(itemFailed) : env.response;
    }
  }
  const ed = item?.error_data ?? undefined;
  const msg = ed?.message ?? (ans.json === undefined ? `HTTP ${ans.status} with a non-JSON body` : `HTTP ${ans.status}`);
  const description = ed?.description ?? (ans.json === undefined && ans.text ? ans.text.slice(0, 200) : undefined);
  return makeApiError({
    httpStatus: ans.status,
    responseCode: item?.code,
    errorCode: ed?.code,
    message: at.redact(description && description !== msg ? `${msg}: ${description}` : msg),
    description: description === undefined ? undefined : at.redact(description),
    requestId: env?.request_id ?? requestIdOf(ans) ?? undefined,
    method: at.method,
    path: at.path,
  });
}

function requestIdOf(ans: HttpAnswer): string | undefined {
  const id = (ans.json as { request_id?: unknown } | undefined)?.request_id;
  return typeof id === 'string' ? id : undefined;
}

function unexpected(ans: HttpAnswer, at: CallSite, what: string, issues?: z.core.$ZodIssue[]): ExotelApiError {
  const detail = issues
    ?.slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return makeApiError({
    httpStatus: ans.status,
    message: `Unexpected response from Exotel: ${what}${detail ? ` (${detail})` : ''}`,
    requestId: requestIdOf(ans),
    method: at.method,
    path: at.path,
  });
}

/** Single-resource call. Returns the data of a successful item, or the failure as an error value. */
export function readSingle(
  ans: HttpAnswer,
  at: CallSite,
): { ok: true; data: unknown; requestId?: string } | { ok: false; error: ExotelApiError } {
  const parsed = singleEnvelopeSchema.safeParse(ans.json);
  if (!parsed.success) {
    if (ans.status >= 400) return { ok: false, error: apiError(ans, at) };
    throw unexpected(ans, at, 'not a single-resource envelope', parsed.error.issues);
  }
  const item = parsed.data.response;
  if (ans.status >= 400 || itemFailed(item)) return { ok: false, error: apiError(ans, at, item) };
  return { ok: true, data: item.data, requestId: parsed.data.request_id ?? undefined };
}

/** One page of a list. Throws on failure; a list with a failed item is a failure too (incomplete view). */
export function readListPage(ans: HttpAnswer, at: CallSite): { items: unknown[]; nextPageUri: string | null } {
  const parsed = listEnvelopeSchema.safeParse(ans.json);
  if (!parsed.success || ans.status >= 400) {
    if (ans.status >= 400 || isFailedSingle(ans)) throw apiError(ans, at);
    throw unexpected(ans, at, 'not a list envelope', parsed.error?.issues);
  }
  const failed = parsed.data.response.find(itemFailed);
  if (failed) throw apiError(ans, at, failed);
  return {
    items: parsed.data.response.map((i) => i.data),
    nextPageUri: parsed.data.metadata?.next_page_uri ?? null,
  };
}

/** Multi-status (200/207): one envelope per item, each success or failure on its own. */
export function readMultiStatus(ans: HttpAnswer, at: CallSite): ItemEnvelope[] {
  const parsed = multiStatusEnvelopeSchema.safeParse(ans.json);
  if (!parsed.success || (ans.status >= 400 && ans.status !== 207)) {
    if (ans.status >= 400 || isFailedSingle(ans)) throw apiError(ans, at);
    throw unexpected(ans, at, 'not a multi-status envelope', parsed.error?.issues);
  }
  return parsed.data.response;
}

function isFailedSingle(ans: HttpAnswer): boolean {
  const p = singleEnvelopeSchema.safeParse(ans.json);
  return p.success && itemFailed(p.data.response);
}

/** Parse resource data with a schema; a mismatch is an "unexpected response" error naming the fields. */
export function parseData<S extends z.ZodType>(schema: S, data: unknown, ans: HttpAnswer, at: CallSite): z.output<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw unexpected(ans, at, 'resource fields', r.error.issues);
  return r.data;
}
