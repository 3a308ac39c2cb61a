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
  /** --auto-credentials: Exotel's own credential on every new trunk, listed in seed 000's or seed 002's shape */
  autoCredentials?: AutoCredentials;
}

/**
 * How the sandbox emulates the credential Exotel generates with a trunk (seed 000 "Get Credentials": username = the
 * trunk sid, a password Exotel made). `pair`: while it is the trunk's only credential, GET answers seed 000's
 * single object with the password; `list`: always seed 002's list, where no item carries a password.
 */
export type AutoCredentials = 'pair' | 'list';
export const AUTO_CREDENTIAL_SHAPES: readonly AutoCredentials[] = ['pair', 'list'];

export type Handler = (ctx: Ctx) => Reply;

export function absent(body: Record<string, unknown>, key: string): boolean {
  return body[key] === undefined || body[key] === null || body[key] === '';
}
