/** Plain-fetch helpers for the sandbox tests (no client code under test here). */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/server.js';

export interface CallResult {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

export interface TestApi {
  sandbox: SandboxHandle;
  base: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<CallResult>;
  createTrunk(name: string): Promise<string>;
}

export function basic(key: string, token: string): string {
  return 'Basic ' + Buffer.from(`${key}:${token}`).toString('base64');
}

export async function startApi(opts: SandboxOptions = {}, account = 'exoteltest'): Promise<TestApi> {
  const sandbox = await startSandbox(opts);
  const base = `/v2/accounts/${account}`;
  const auth = basic(opts.apiKey ?? 'sandbox', opts.apiToken ?? 'sandbox');
  const call: TestApi['call'] = async (method, path, body, headers = {}) => {
    const h: Record<string, string> = { Authorization: auth, ...headers };
    if (body !== undefined && !('Content-Type' in h)) h['Content-Type'] = 'application/json';
    const res = await fetch(sandbox.url + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  const createTrunk = async (name: string) => {
    const r = await call('POST', `${base}/trunks`, {
      trunk_name: name,
      nso_code: 'ANY-ANY',
      domain_name: `${account}.pstn.exotel.com`,
    });
    if (r.status !== 200) throw new Error(`createTrunk ${name}: ${r.text}`);
    return r.json.response.data.trunk_sid as string;
  };
  return { sandbox, base, call, createTrunk };
}

export const REQUEST_ID = /^[0-9a-f]{32}$/;
export const ISO_NO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const TRUNK_SID = /^trmum1[a-z0-9]{22}$/;
export const NUMERIC_ID = /^\d+$/;
