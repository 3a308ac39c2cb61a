import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordRejection } from '../../src/sandbox/reject-log.js';
import type { RequestLogEntry } from '../../src/sandbox/request-log.js';

const entry = (over: Partial<RequestLogEntry>): RequestLogEntry => ({ method: 'POST', path: '/v2/accounts/acc1/trunks/t1/phone-numbers', query: {}, status: 200, at: '', ...over });
const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n').filter(Boolean);

describe('the suite-wide rejection log', () => {
  it('records what exotrunk sent and the sandbox refused for a validation reason, and nothing else', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rej-')), 'r.jsonl');
    writeFileSync(file, '');
    const ua = { 'user-agent': 'exotrunk' };
    recordRejection(entry({ status: 400, responseCode: 400, errorCode: 1001 }), ua, file); // counted
    recordRejection(entry({ status: 207, responseCode: 400, errorCode: 1002 }), ua, file); // counted
    recordRejection(entry({ status: 415, errorCode: 1011 }), ua, file); // counted
    recordRejection(entry({ status: 200, responseCode: 409, errorCode: 1008 }), ua, file); // a duplicate: not validation
    recordRejection(entry({ status: 404, errorCode: 1003 }), ua, file); // not found: not validation
    recordRejection(entry({ status: 400, errorCode: 1001 }), { 'user-agent': 'curl/8' }, file); // a raw test request
    recordRejection(entry({ status: 400, errorCode: 1001, path: '/v2/accounts/deliberate_x/trunks' }), ua, file); // on purpose
    expect(lines(file).map((l) => JSON.parse(l).status)).toEqual([400, 207, 415]);
  });
});
