import { describe, expect, it } from 'vitest';
import { ERROR_CODE_TABLE, explainExotelError, isDuplicateError, makeApiError } from '../../src/core/exotel/error-table.js';
import { ExotelNetworkError, OutcomeUnknownError } from '../../src/core/exotel/errors.js';

const base = { method: 'POST', path: '/v2/accounts/a/trunks', message: 'x' };

describe('error table', () => {
  it.each([1000, 1001, 1002, 1003, 1007, 1008, 1010, 1011, 1020, 1030])('has a cause and fix for %i', (code) => {
    expect(ERROR_CODE_TABLE[code].cause.length).toBeGreaterThan(20);
    expect(ERROR_CODE_TABLE[code].fix.length).toBeGreaterThan(10);
    const e = makeApiError({ ...base, httpStatus: 400, errorCode: code });
    expect(e.likelyCause).toBe(ERROR_CODE_TABLE[code].cause);
  });

  it.each([401, 403, 404, 409, 415, 422, 429, 500, 502, 503])('explains HTTP %i without an error code', (status) => {
    const x = explainExotelError({ httpStatus: status });
    expect(x.cause).not.toMatch(/unexpected answer/);
    expect(x.fix.length).toBeGreaterThan(10);
  });

  it('1010 / 401 mention the India base URL', () => {
    expect(explainExotelError({ httpStatus: 401 }).cause).toContain('https://api.in.exotel.com');
    expect(explainExotelError({ httpStatus: 401, errorCode: 1010 }).cause).toContain('region');
  });

  it('tells "Destination not whitelisted" from "not a valid Ip or Fqdn"', () => {
    const nw = explainExotelError({ httpStatus: 207, errorCode: 1002, message: 'Invalid parameter', description: 'Destination not whitelisted' });
    const nv = explainExotelError({ httpStatus: 207, errorCode: 1002, message: 'Invalid parameter', description: 'Destination is not a valid Ip or Fqdn' });
    expect(nw.fix).toMatch(/Whitelist the IP first/);
    expect(nv.cause).toMatch(/not a valid IP or FQDN/);
    expect(nw).not.toEqual(nv);
  });

  it('explains the two network errors', () => {
    expect(explainExotelError(new OutcomeUnknownError('POST', '/p', 'connection reset')).cause).toMatch(/unknown whether/);
    expect(explainExotelError(new ExotelNetworkError('GET', '/p', 'timeout')).cause).toMatch(/could not be reached/);
  });

  it('recognises every duplicate signal', () => {
    expect(isDuplicateError({ httpStatus: 409 })).toBe(true);
    expect(isDuplicateError({ httpStatus: 200, responseCode: 409 })).toBe(true);
    expect(isDuplicateError({ httpStatus: 200, errorCode: 1008 })).toBe(true);
    expect(isDuplicateError({ httpStatus: 400, errorCode: 1002, message: 'Resource exists' })).toBe(true);
    expect(isDuplicateError({ httpStatus: 400, errorCode: 1002, description: 'Destination not whitelisted' })).toBe(false);
    expect(isDuplicateError({ httpStatus: 404, errorCode: 1003 })).toBe(false);
  });
});
