import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/core/secret.js';
import { API_KEY, API_TOKEN, PUBLIC_IP, rig, type Rig } from './sandbox-client.js';

const SIP_PASSWORD = 'sipPW_LEAKCHECK_91b4';
const basic = Buffer.from(`${API_KEY}:${API_TOKEN}`).toString('base64');

let r: Rig;
beforeAll(async () => {
  // It logs a refused destination on purpose: an account the suite-wide rejection check leaves out.
  r = await rig({}, { accountSid: 'deliberate_secrets' });
});
afterAll(() => r.close());

describe('no secret in any log line or error', () => {
  it('a full run (every endpoint, errors, retries) logs method, path, status and masked bodies only', async () => {
    const errors: string[] = [];
    const t = await r.client.createTrunk({ trunkName: 'secret_t' });
    if (t.outcome !== 'created') throw new Error('setup');
    const sid = t.data.trunkSid;
    await r.client.mapNumber(sid, { phoneNumber: '+919876543210' });
    await r.client.whitelistIp(sid, { ip: PUBLIC_IP });
    await r.client.createCredential(sid, { userName: 'u1', password: new Secret(SIP_PASSWORD), friendlyName: 'x' });
    await r.client.createCredential(sid, { userName: 'u1', password: new Secret(SIP_PASSWORD) }); // duplicate
    await r.client.listCredentials(sid);
    await r.client.addDestinations(sid, ['sip.example.com:5061;transport=tls', '10.0.0.1:5060;transport=tcp']);
    await r.client.setAlias(sid, '+919876543210');
    r.sandbox.setFaults('lost:1');
    await r.client
      .createCredential(sid, { userName: 'u2', password: new Secret(SIP_PASSWORD) })
      .catch((e: Error) => errors.push(`${e.message} ${JSON.stringify(e)}`));
    r.sandbox.setFaults('reset:1');
    const rg = r;
    await r
      .newClient({ onRetry: () => rg.sandbox.setFaults(undefined) })
      .listNumbers(sid);
    await r.client.mapNumber('trmum1nope', { phoneNumber: '+919876543210' }).catch((e: Error) => errors.push(String(e)));
    await r.client.deleteTrunk(sid);

    const lines = [...r.logs, ...errors];
    expect(r.logs.some((l) => l.startsWith('> POST') && l.includes('/credentials'))).toBe(true);
    expect(r.logs.some((l) => /^< 200 GET \/v2\/accounts\/\S+\/phone-numbers \(\d+ ms\)/.test(l))).toBe(true);
    expect(r.logs.some((l) => l.includes('"password":"••••••••"'))).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(API_TOKEN);
      expect(line).not.toContain(SIP_PASSWORD);
      expect(line).not.toContain(basic);
      expect(line.toLowerCase()).not.toContain('authorization: basic');
    }
  });

  it('the token never appears in the URL the sandbox saw', () => {
    for (const q of r.sandbox.requests()) {
      expect(JSON.stringify(q)).not.toContain(API_TOKEN);
      expect(JSON.stringify(q)).not.toContain(SIP_PASSWORD);
    }
  });
});
