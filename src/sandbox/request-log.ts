/**
 * What the sandbox saw, for tests and debugging. Built from the method, path, query and the answer only:
 * the Authorization header and request bodies (passwords) are never read into it.
 */
import type { Reply } from './envelope.js';
import type { FaultKind } from './faults.js';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** HTTP status the client received; 0 when the socket was destroyed without an answer (reset, lost) */
  status: number;
  /** response.code of a single envelope, or of the first failed item of a list / multi-status answer */
  responseCode?: number;
  errorCode?: number;
  description?: string;
  /** ISO timestamp */
  at: string;
  /** the injected fault, if any (an addition to the brief's fields) */
  fault?: FaultKind;
}

/** a query key that could carry a secret is kept but its value masked */
const SECRET_KEY = /pass|token|secret|auth|key/i;

export function logQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = SECRET_KEY.test(k) ? '***' : v;
  return out;
}

interface Outcome {
  responseCode?: number;
  errorCode?: number;
  description?: string;
}

/** pulls code / error code / description out of an Exotel envelope */
export function outcomeOf(reply: Reply): Outcome {
  const body = reply.body as { response?: unknown } | undefined;
  const resp = body?.response;
  const pick = (item: unknown): Outcome => {
    const r = item as { code?: number; error_data?: { code?: number; description?: string } | null };
    return { responseCode: r.code, errorCode: r.error_data?.code, description: r.error_data?.description };
  };
  if (Array.isArray(resp)) {
    const failed = resp.find((i) => (i as { status?: string }).status === 'failure');
    return failed ? pick(failed) : { responseCode: 200 };
  }
  return resp && typeof resp === 'object' ? pick(resp) : {};
}
