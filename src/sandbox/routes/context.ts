import type { Reply } from '../envelope.js';
import type { AccountState, Store, TrunkState } from '../state.js';

/** What a route handler gets: the parsed request and the account it acts on. */
export interface Ctx {
  method: string;
  accountSid: string;
  account: AccountState;
  store: Store;
  /** set when the route has a {trunk_sid} segment; the router answers 404 / 1003 before calling otherwise */
  trunk: TrunkState;
  /** the id segment, e.g. the number mapping id of PUT …/phone-numbers/{id} */
  id?: string;
  query: URLSearchParams;
  /** the parsed JSON object for POST / PUT, {} otherwise */
  body: Record<string, unknown>;
  /** request path without the query string */
  path: string;
  pageSize: number;
}

export type Handler = (ctx: Ctx) => Reply;

/** a present, non-empty string field */
export function str(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function absent(body: Record<string, unknown>, key: string): boolean {
  return body[key] === undefined || body[key] === null || body[key] === '';
}
