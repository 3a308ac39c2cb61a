/**
 * Shapes the sandbox does not produce (seed 000's single-object credentials GET, foreign next_page_uri,
 * odd bodies), served by a tiny canned server on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExotelClient } from '../../src/core/exotel/client.js';
import { ExotelApiError } from '../../src/core/exotel/errors.js';
import { Secret } from '../../src/core/secret.js';
import type { ExotelClient } from '../../src/core/exotel/types.js';

type Canned = { status: number; body: unknown; headers?: Record<string, string> };
let answers: Canned[] = [];
let seen: { method: string; url: string; auth?: string; type?: string; body: string }[] = [];
let server: Server;
let client: ExotelClient;
const logs: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, type: req.headers['content-type'], body });
      const a = answers.shift() ?? { status: 500, body: 'no canned answer' };
      const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
      res.writeHead(a.status, { 'content-type': typeof a.body === 'string' ? 'text/plain' : 'application/json', ...a.headers });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  client = createExotelClient({
    accountSid: 'exoteltest',
    apiKey: 'exoteltest',
    apiToken: new Secret('a1b2c3d4e5f6g7h8i9j0'),
    baseUrl: `http://127.0.0.1:${port}`,
    backoffBaseMs: 1,
    maxAttempts: 2,
    log: (l) => logs.push(l),
  });
});
afterAll(async () => {
  await client.close();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  answers = [];
  seen = [];
  logs.length = 0;
});

const ok = (data: unknown) => ({ request_id: 'r1', method: 'GET', http_code: 200, response: { code: 200, error_data: null, status: 'success', data } });
const item = (data: unknown) => ({ code: 200, error_data: null, status: 'success', data });

describe('credentials GET: all three shapes', () => {
  it('seed 000 single object {username, password}: the password comes back as a Secret', async () => {
    answers.push({ status: 200, body: ok({ username: 'trmum1a2b3c4d5e6f7890123456', password: 'Xk9mP2nQ4rS6tU8v' }) });
    const creds = await client.listCredentials('trmum1a2b3c4d5e6f7890123456');
    expect(creds).toHaveLength(1);
    expect(creds[0].userName).toBe('trmum1a2b3c4d5e6f7890123456');
    expect(creds[0].password).toBeInstanceOf(Secret);
    expect(creds[0].password?.reveal()).toBe('Xk9mP2nQ4rS6tU8v');
    expect(JSON.stringify(creds)).not.toContain('Xk9mP2nQ4rS6tU8v');
    expect(logs.join('\n')).not.toContain('Xk9mP2nQ4rS6tU8v');
  });

  it('seed 002 list shape', async () => {
    answers.push({
      status: 200,
      body: {
        request_id: 'x', method: 'GET', http_code: 200,
        metadata: { total: 1, page_size: 50, page: 1, first_page_uri: '/x', prev_page_uri: null, next_page_uri: null },
        response: [item({ id: '1234', trunk_sid: 'trmum17d', user_name: 'voice_ai_user', friendly_name: 'voice_ai_platform', date_created: 'x' })],
      },
    });
    expect(await client.listCredentials('trmum17d')).toEqual([
      { id: '1234', userName: 'voice_ai_user', friendlyName: 'voice_ai_platform', trunkSid: 'trmum17d' },
    ]);
  });

  it('empty {response: []} without metadata', async () => {
    answers.push({ status: 200, body: { request_id: 'x', method: 'GET', http_code: 200, response: [] } });
    expect(await client.listCredentials('t1')).toEqual([]);
  });
});

describe('envelope rules', () => {
  it('HTTP 200 with response.status failure is a failure', async () => {
    answers.push({
      status: 200,
      body: { http_code: 200, response: { code: 400, status: 'failure', error_data: { code: 1001, message: 'Invalid parameter', description: 'mode must be pstn or flow' }, data: null } },
    });
    const e = await client.setNumberMode('t1', '41512', { phoneNumber: '+919876543210', mode: 'flow' }).catch((x) => x);
    expect(e).toBeInstanceOf(ExotelApiError);
    expect(e).toMatchObject({ httpStatus: 200, responseCode: 400, errorCode: 1001 });
  });

  it('sends Basic auth in a header, JSON content type on POST/PUT, nso_code and domain_name', async () => {
    answers.push({ status: 200, body: ok({ trunk_sid: 'trmum1x', trunk_name: 'outbound_trunk', domain_name: 'exoteltest.pstn.exotel.com' }) });
    await client.createTrunk({ trunkName: 'outbound_trunk' });
    expect(seen[0].url).toBe('/v2/accounts/exoteltest/trunks');
    expect(seen[0].auth).toBe(`Basic ${Buffer.from('exoteltest:a1b2c3d4e5f6g7h8i9j0').toString('base64')}`);
    expect(seen[0].type).toBe('application/json');
    expect(JSON.parse(seen[0].body)).toEqual({ trunk_name: 'outbound_trunk', nso_code: 'ANY-ANY', domain_name: 'exoteltest.pstn.exotel.com' });
  });

  it('uses the exact paths for alias and whitelist bodies (mask always 32)', async () => {
    answers.push({ status: 200, body: ok({ id: 1153, ip: '44.248.146.11', mask: 32 }) });
    answers.push({ status: 200, body: { http_code: 200, metadata: { total: 1, success: 1 }, response: [item({ name: 'trunk_external_alias', value: '+91' })] } });
    const acl = await client.whitelistIp('t1', { ip: '44.248.146.11' });
    expect(acl.outcome === 'created' && acl.data.id).toBe('1153'); // numeric id normalised to a string
    await client.setAlias('t1', '+919876543210');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /v2/accounts/exoteltest/trunks/t1/whitelisted-ips',
      'POST /v2/accounts/exoteltest/trunks/t1/settings',
    ]);
    expect(JSON.parse(seen[0].body)).toEqual({ ip: '44.248.146.11', mask: 32 });
    expect(JSON.parse(seen[1].body)).toEqual({ settings: [{ name: 'trunk_external_alias', value: '+919876543210' }] });
  });

  it('refuses to follow a next_page_uri to another host', async () => {
    answers.push({
      status: 200,
      body: { metadata: { next_page_uri: 'https://evil.example.com/v2/accounts/x?offset=50' }, response: [item({ id: '1', ip: '1.2.3.4', mask: 32 })] },
    });
    await expect(client.listAcl('t1')).rejects.toThrow(/another host/);
    expect(seen).toHaveLength(1);
  });

  it('follows a relative next_page_uri with its query', async () => {
    answers.push({ status: 200, body: { metadata: { next_page_uri: '/v2/accounts/exoteltest/trunks/t1/destination-uris?offset=1&page_size=1' }, response: [item({ id: '1', destination: 'sip:a:5061;transport=tls' })] } });
    answers.push({ status: 200, body: { metadata: { next_page_uri: null }, response: [item({ id: '2', destination: 'sip:b:5061;transport=tls' })] } });
    const list = await client.listDestinations('t1');
    expect(list.map((d) => d.id)).toEqual(['1', '2']);
    expect(seen[1].url).toBe('/v2/accounts/exoteltest/trunks/t1/destination-uris?offset=1&page_size=1');
  });

  it('a non-JSON 502 on GET is retried, then reported with its status', async () => {
    answers.push({ status: 502, body: '<html>Bad gateway</html>' }, { status: 502, body: '<html>Bad gateway</html>' });
    const e = await client.listNumbers('t1').catch((x) => x);
    expect(e).toBeInstanceOf(ExotelApiError);
    expect(e.httpStatus).toBe(502);
    expect(e.likelyCause).toMatch(/server-side/);
    expect(seen).toHaveLength(2);
  });

  it('a success with an unexpected shape names the bad fields', async () => {
    answers.push({ status: 200, body: ok({ nothing: true }) });
    await expect(client.setNumberMode('t1', '1', { phoneNumber: '+919876543210', mode: 'pstn' })).rejects.toThrow(/Unexpected response.*phone_number/);
  });
});
