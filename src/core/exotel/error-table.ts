/**
 * Exotel error codes and HTTP statuses -> a plain-language likely cause and the fix (exotel-facts.md
 * "Error codes"). The error code is more specific than the HTTP status, so it is looked up first.
 */
import { ExotelApiError, ExotelNetworkError, OutcomeUnknownError, type ExotelErrorFields } from './errors.js';

export interface Explanation {
  cause: string;
  fix: string;
}

const REGION_HINT = 'India accounts use https://api.in.exotel.com, Singapore accounts https://api.exotel.com';

export const ERROR_CODE_TABLE: Record<number, Explanation> = {
  1000: {
    cause: 'Exotel could not find what the request points at, or the request body was invalid (e.g. a bad trunk name).',
    fix: 'Check the trunk SID and the id the request names (numbers list, credentials list show them); a trunk name is letters, digits and _ (at most 16).',
  },
  1001: {
    cause: 'A mandatory parameter is missing or has an invalid value.',
    fix: 'Send every required field in the documented format (numbers in E.164 with +, IPv4 addresses, pstn/flow).',
  },
  1002: {
    cause: 'Exotel rejected a parameter as invalid (for destinations: not a valid IP or FQDN, or not whitelisted).',
    fix: 'Use a real, publicly routable IP or a resolvable FQDN; whitelist an IP destination first.',
  },
  1003: {
    cause: 'The resource does not exist on this account: the trunk SID is wrong, deleted, or belongs to another account.',
    fix: 'Check the trunk SID in the Exotel dashboard (Exotrunk Management) and that it belongs to this account SID.',
  },
  1007: {
    cause: 'Exotel could not parse the JSON request body.',
    fix: 'This is a bug in exotrunk if it happens: report it with the --verbose log (secrets are masked).',
  },
  1008: {
    cause: 'The resource already exists (same number, IP, credential user or trunk name).',
    fix: 'Nothing to do if it is yours: treat it as configured and look the existing item up.',
  },
  1010: {
    cause: `The API key, token or account SID is wrong, or the region: ${REGION_HINT}.`,
    fix: 'Copy the API key, token and account SID again from API Settings in the Exotel dashboard and check the region (EXOTEL_REGION=in|sg).',
  },
  1011: {
    cause: 'The request was not sent as JSON (Content-Type must be application/json).',
    fix: 'This is a bug in exotrunk if it happens: report it with the --verbose log.',
  },
  1020: {
    cause: 'Exotel validation failed for one of the parameters.',
    fix: 'Check every value against the documented rules (trunk name, E.164 number, IPv4, mask 32, pstn/flow).',
  },
  1030: {
    cause: 'The account exceeded Exotel\'s rate limit (200 requests per minute for the trunk APIs).',
    fix: 'Wait a minute and run again; lower --rate-limit if other tools share this account.',
  },
};

const HTTP_TABLE: Record<number, Explanation> = {
  400: { cause: 'Exotel rejected the request as invalid.', fix: 'Check the parameters shown in the description.' },
  401: ERROR_CODE_TABLE[1010],
  403: {
    cause: 'Access denied: the credentials are valid but not allowed to touch this resource (often a trunk of another account).',
    fix: 'Check that the trunk SID belongs to this account SID and that the API key has trunking access.',
  },
  404: {
    cause: 'Not found: a wrong trunk SID or id, or the wrong region/base URL.',
    fix: `Check the trunk SID and id; ${REGION_HINT}.`,
  },
  409: ERROR_CODE_TABLE[1008],
  415: ERROR_CODE_TABLE[1011],
  422: ERROR_CODE_TABLE[1020],
  429: ERROR_CODE_TABLE[1030],
};

const SERVER_ERROR: Explanation = {
  cause: 'Exotel had a server-side problem (HTTP 5xx); the request may not have been processed.',
  fix: 'Wait a little and run again; the plan resumes where it stopped. If it persists, check status with Exotel support.',
};

const DEST_NOT_WHITELISTED: Explanation = {
  cause: 'The destination is an IP address that is not on the trunk\'s ACL (whitelisted IPs).',
  fix: 'Whitelist the IP first (POST …/whitelisted-ips, mask 32), then add the destination; or use an FQDN, which needs no ACL.',
};
const DEST_NOT_VALID: Explanation = {
  cause: 'Exotel does not accept the destination: not a valid IP or FQDN, or a documentation/private/non-routable address (e.g. 203.0.113.x).',
  fix: 'Use the partner\'s real public SIP host (FQDN) or a public routable IP, as host:port;transport=tls|tcp.',
};

type Explainable =
  | Partial<Pick<ExotelErrorFields, 'httpStatus' | 'errorCode' | 'responseCode' | 'message' | 'description'>>
  | Error
  | unknown;

/** The likely cause and fix of any error the client throws (or of raw error fields, before an error exists). */
export function explainExotelError(err: Explainable): Explanation {
  if (err instanceof OutcomeUnknownError) {
    return {
      cause: 'The connection dropped after the request was sent, so it is unknown whether Exotel applied it.',
      fix: 'Run again: exotrunk looks the resource up first and will not create it twice (a duplicate is reported as already configured).',
    };
  }
  if (err instanceof ExotelNetworkError && err.message.includes('TLS certificate is not trusted')) {
    return {
      cause: 'This machine does not trust the certificate the server presented: a proxy that re-signs TLS, a wrong base URL, or a clock far off.',
      fix: `Behind such a proxy, point NODE_EXTRA_CA_CERTS at its CA file; otherwise check the base URL (${REGION_HINT}) and the clock.`,
    };
  }
  if (err instanceof ExotelNetworkError && /the answer is larger than/.test(err.message)) {
    return {
      cause: 'The server was reached, but its answer was larger than any Exotel page or record: the base URL may point at something other than Exotel\'s API, or a proxy in front of it is misbehaving.',
      fix: `Check the base URL (${REGION_HINT}) and any proxy, then run again.`,
    };
  }
  if (err instanceof ExotelNetworkError) {
    return {
      cause: 'Exotel could not be reached (network error, timeout, or retries exhausted).',
      fix: `Check the network, proxy and base URL (${REGION_HINT}), then run again.`,
    };
  }
  if (err instanceof ExotelApiError && err.likelyCause) return { cause: err.likelyCause, fix: err.fix };
  const f = (typeof err === 'object' && err !== null ? err : {}) as Partial<ExotelErrorFields>;
  const text = `${f.message ?? ''} ${f.description ?? ''}`.toLowerCase();
  if (f.errorCode === 1002) {
    if (text.includes('not whitelisted')) return DEST_NOT_WHITELISTED;
    if (text.includes('not a valid ip') || text.includes('fqdn')) return DEST_NOT_VALID;
    if (text.includes('exist')) return ERROR_CODE_TABLE[1008];
  }
  if (f.errorCode !== undefined && ERROR_CODE_TABLE[f.errorCode]) return ERROR_CODE_TABLE[f.errorCode];
  const status = f.responseCode && f.responseCode >= 400 ? f.responseCode : f.httpStatus;
  if (status !== undefined && HTTP_TABLE[status]) return HTTP_TABLE[status];
  if (status !== undefined && status >= 500) return SERVER_ERROR;
  return { cause: 'Exotel returned an unexpected answer.', fix: 'Run again with --verbose and check the log.' };
}

/** Build an ExotelApiError with its cause and fix filled in from the table. */
export function makeApiError(f: ExotelErrorFields): ExotelApiError {
  const { cause, fix } = explainExotelError(f);
  return new ExotelApiError({ ...f, cause, fix });
}

/** Duplicate = HTTP 409, response.code 409, error 1008, or 1002 whose text says it exists (seed 000 trunk 409). */
export function isDuplicateError(f: Partial<ExotelErrorFields>): boolean {
  if (f.httpStatus === 409 || f.responseCode === 409 || f.errorCode === 1008) return true;
  return f.errorCode === 1002 && /exist/i.test(`${f.message ?? ''} ${f.description ?? ''}`);
}

/** Codes the config-API repo says never to retry: they will fail the same way again. */
export const NO_RETRY_CODES: ReadonlySet<number> = new Set([1002, 1003, 1008, 1010]);

/**
 * The trunk (or item) does not exist for this account: HTTP 404, an inner 404, or error 1003, which Exotel
 * also answers with 403 for a foreign sid (exotel-facts.md). The HTTP status alone is not the truth.
 */
export function isNotFound(e: unknown): boolean {
  if (!(e instanceof ExotelApiError)) return false;
  return e.httpStatus === 404 || e.responseCode === 404 || e.errorCode === 1003;
}
