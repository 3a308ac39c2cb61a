/**
 * The suite-wide check that exotrunk validates before it sends: when EXOTRUNK_SANDBOX_REJECT_LOG names a
 * file, every request from exotrunk's own client (user-agent "exotrunk") that the sandbox refuses for a
 * validation reason (HTTP 400 / 415 / 422, or a multi-status item refused with 400) is appended to it as a
 * JSON line. vitest's global teardown fails the run when the file is not empty. Accounts whose SID starts
 * with "deliberate" are left out: client tests that send bad values on purpose to test error handling.
 */
import { appendFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestLogEntry } from './request-log.js';

const VALIDATION_STATUS = new Set([400, 415, 422]);

export function recordRejection(entry: RequestLogEntry, headers: IncomingHttpHeaders, path = process.env.EXOTRUNK_SANDBOX_REJECT_LOG): void {
  if (!path || !String(headers['user-agent'] ?? '').startsWith('exotrunk')) return;
  const account = /^\/v2\/accounts\/([^/]+)/.exec(entry.path)?.[1] ?? '';
  if (account.startsWith('deliberate')) return;
  const refused = VALIDATION_STATUS.has(entry.status) || (entry.status === 207 && entry.responseCode === 400) || (entry.status === 200 && entry.responseCode === 400);
  if (!refused) return;
  const { method, path: p, status, responseCode, errorCode, description } = entry;
  appendFileSync(path, JSON.stringify({ method, path: p, status, responseCode, errorCode, description }) + '\n');
}
