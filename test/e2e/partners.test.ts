/**
 * Both sides through the built CLI (issue 17): `exotrunk sandbox --partners` serves Exotel and the LiveKit,
 * ElevenLabs and Retell stand-ins and prints their variables; `apply`, `verify`, `teardown` (and `--json`) run
 * with those variables set. For each partner: apply makes both sides; verify is clean; drift made at the partner
 * (through its own SDK) and at Exotel (through its API, as a user with curl would) is found (exit 3, a row
 * naming the side) and repaired by apply; teardown deletes the partner side first. Bad input exits 2 with
 * nothing sent to either side.
 */
import { PhoneNumbersClient } from '@elevenlabs/elevenlabs-js/api/resources/conversationalAi/resources/phoneNumbers/client/Client.js';
import { SipClient } from 'livekit-server-sdk';
import Retell from 'retell-sdk';
import { describe, expect, it } from 'vitest';
import { cli, duplicatesIn, sandboxPerFile, SIP_PASSWORD, startSandboxProc, tempDir, trunksOf, why, type SandboxProc } from './helpers.js';
import { setFlags } from './recipe-answers.js';
import { AGENT, held, partnerWrites, type P } from './partner-state.js';

const STATE = ['--state', '.exotrunk/state.json'];
const DIDS: Record<P, string> = { livekit: '+918012345601', elevenlabs: '+918012345602', retell: '+918012345603' };
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(['--partners']), (x) => (sb = x));

async function driftAtPartner(p: P, ids: Record<string, string>, did: string): Promise<void> {
  if (p === 'livekit') {
    const sip = new SipClient(sb.env.LIVEKIT_URL, sb.env.LIVEKIT_API_KEY, sb.env.LIVEKIT_API_SECRET);
    await sip.updateSipOutboundTrunkFields(ids['outbound-trunk'], { address: 'in.voip.exotel.com:5071', authUsername: 'typo_user' } as never);
  } else if (p === 'elevenlabs') {
    const numbers = new PhoneNumbersClient({ baseUrl: sb.env.EXOTRUNK_ELEVENLABS_BASE_URL, apiKey: sb.env.ELEVENLABS_API_KEY, maxRetries: 0 });
    await numbers.update(ids['phone-number'], { outboundTrunkConfig: { address: 'in.voip.exotel.com:5071', transport: 'tcp', mediaEncryption: 'disabled', credentials: { username: 'typo_user' } } });
  } else {
    const retell = new Retell({ apiKey: sb.env.RETELL_API_KEY, baseURL: sb.env.RETELL_BASE_URL, maxRetries: 0 });
    await retell.phoneNumber.update(did, { termination_uri: 'in.voip.exotel.com:5071', auth_username: 'typo_user' });
  }
}

describe.each(['livekit', 'elevenlabs', 'retell'] as P[])('%s through the CLI', (p) => {
  it('apply makes both sides; verify compares them; drift on either side is found (exit 3) and repaired; teardown removes the partner side first', async () => {
    const cwd = tempDir();
    const account = `pt_${p}`;
    const name = `pt_${p}`;
    const did = DIDS[p];
    const o = { cwd, url: sb.url, account, env: sb.env, timeoutMs: 60_000 };
    const args = [...STATE, ...setFlags(p, 'both', name, did), ...AGENT[p]];

    // plan: both sides, the partner's steps with side "partner" and the call the SDK makes
    const plan = await cli(['plan', p, ...args, '--json'], o);
    expect(plan.code, why(plan)).toBe(0);
    const planned = JSON.parse(plan.stdout);
    const partnerSteps = planned.steps.filter((s: any) => s.side === 'partner');
    expect(partnerSteps.length).toBe(p === 'livekit' ? 3 : 1);
    for (const s of partnerSteps) expect(s.request.path).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\//);

    const apply = await cli(['apply', p, ...args, '--yes', '--json'], o);
    expect(apply.code, why(apply)).toBe(0);
    const out = JSON.parse(apply.stdout);
    expect(Object.keys(out.partner.ids).sort()).toEqual(p === 'livekit' ? ['dispatch-rule', 'inbound-trunk', 'outbound-trunk'] : ['phone-number']);
    expect(await held(sb, p, name, did)).toMatchObject({ count: p === 'livekit' ? 3 : 1, password: SIP_PASSWORD, dupes: [] });

    // the human apply summary names what was made at the partner
    const again = await cli(['apply', p, ...args, '--yes'], o);
    expect(again.code, why(again)).toBe(0);
    expect(again.stdout).toContain('through its API');
    expect(again.stderr).toMatch(/Nothing to do|Already in place/);

    const clean = await cli(['verify', p, ...STATE, '--json'], o);
    expect(clean.code, why(clean)).toBe(0);
    const rep = JSON.parse(clean.stdout);
    expect(rep.partner.inSync).toBe(true);
    const human = await cli(['verify', p, ...STATE], o);
    expect(human.code, why(human)).toBe(0);
    expect(human.stdout).toMatch(/against the Exotel trunk and the recipe/);
    expect(human.stdout).toMatch(/digest password/);

    // drift at the partner: exit 3, rows saying the partner differs; apply repairs it
    await driftAtPartner(p, out.partner.ids, did);
    const drifted = await cli(['verify', p, ...STATE, '--json'], o);
    expect(drifted.code, why(drifted)).toBe(3);
    const d = JSON.parse(drifted.stdout);
    expect(d.items).toEqual([]);
    const byCheck = Object.fromEntries(d.partner.cross.map((c: any) => [c.check, c]));
    expect(byCheck['outbound address (Exotel edge)']).toMatchObject({ status: 'drift', side: 'partner' });
    expect(byCheck['digest username']).toMatchObject({ status: 'drift', side: 'partner', partner: 'typo_user' });
    const repair = await cli(['apply', p, ...args, '--yes'], o);
    expect(repair.code, why(repair)).toBe(0);
    expect((await cli(['verify', p, ...STATE], o)).code).toBe(0);

    // drift at Exotel: the credential deleted behind exotrunk's back; apply recreates it with the journal's
    // password, and sends it to the partner again (a new credential id)
    const [trunk] = trunksOf(await sb.state(), account);
    await sb.api('DELETE', `/trunks/${trunk.trunk.trunk_sid}/credentials?id=${trunk.credentials[0].id}`, undefined, account);
    const gone = await cli(['verify', p, ...STATE, '--json'], o);
    expect(gone.code, why(gone)).toBe(3);
    const g = JSON.parse(gone.stdout);
    expect(g.items.map((i: any) => i.resource)).toContain('credential');
    expect(g.partner.cross.find((c: any) => c.check === 'digest username')).toMatchObject({ side: 'exotel' });
    const writesBefore = (await partnerWrites(sb, p)).length;
    const recreate = await cli(['apply', p, ...args, '--yes'], o);
    expect(recreate.code, why(recreate)).toBe(0);
    expect((await partnerWrites(sb, p)).length).toBeGreaterThan(writesBefore);
    expect((await cli(['verify', p, ...STATE], o)).code).toBe(0);
    expect(await held(sb, p, name, did)).toMatchObject({ password: SIP_PASSWORD, dupes: [] });
    expect(duplicatesIn(await sb.state(), account)).toEqual([]);

    // teardown: the partner's resources first, then Exotel's; --json names both sides
    const down = await cli(['teardown', p, ...STATE, '--yes', '--json'], o);
    expect(down.code, why(down)).toBe(0);
    const t = JSON.parse(down.stdout);
    expect(t.deletedAtPartner.length).toBe(p === 'livekit' ? 3 : 1);
    const done = t.events.filter((e: any) => e.type === 'done').map((e: any) => e.stepId);
    expect(done[done.length - 1]).toMatch(/^delete-trunk:/);
    expect(done.slice(0, t.deletedAtPartner.length).every((id: string) => id.startsWith(`${p}:delete`))).toBe(true);
    expect((await held(sb, p, name, did)).count).toBe(0);
    expect(trunksOf(await sb.state(), account)).toEqual([]);
  }, 120_000);
});

describe('bad input stops before anything is sent to either side', () => {
  it('an agent the partner does not have, a key in the wrong shape, a plain-http partner URL: exit 2, nothing sent', async () => {
    const cases: [P, string[], Record<string, string>, RegExp][] = [
      ['retell', ['--set', 'retell_agent_id=agent_nope'], {}, /Retell has no agent agent_nope/],
      ['elevenlabs', ['--set', 'el_agent_id=agent_nope'], {}, /ElevenLabs has no agent agent_nope/],
      ['retell', AGENT.retell, { RETELL_API_KEY: 'sk_wrong_shape_key_0000' }, /RETELL_API_KEY does not look like a Retell key/],
      ['livekit', AGENT.livekit, { LIVEKIT_URL: 'http://livekit.example.com' }, /LIVEKIT_URL uses http:\/\//],
      ['livekit', ['--set', 'livekit_inbound_trunk_id=ST_doesnotexist'], {}, /no inbound trunk ST_doesnotexist/],
    ];
    for (const [i, [p, extra, env, re]] of cases.entries()) {
      const account = `bad_${i}`;
      const before = (await partnerWrites(sb, p)).length;
      const r = await cli(['apply', p, ...STATE, ...setFlags(p, 'both', `bad_${i}`, `+91801234570${i}`), ...extra, '--yes'], { cwd: tempDir(), url: sb.url, account, env: { ...sb.env, ...env } });
      expect(r.code, why(r)).toBe(2);
      expect(r.stderr).toMatch(re);
      for (const v of Object.values(env)) expect(r.stderr).not.toContain(v);
      expect((await sb.requests()).filter((q: any) => q.path.startsWith(`/v2/accounts/${account}/`))).toEqual([]);
      expect((await partnerWrites(sb, p)).length).toBe(before);
    }
  }, 60_000);
});

describe('--no-partner-api: the partner left alone in this command, its keys set', () => {
  it('apply makes the Exotel side only and renders the config to paste; a teardown keeps what exotrunk made at the partner and says so', async () => {
    const cwd = tempDir();
    const did = '+918012345604';
    const o = { cwd, url: sb.url, account: 'pt_off', env: sb.env, timeoutMs: 60_000 };
    const args = [...STATE, ...setFlags('retell', 'outbound', 'pt_off', did), ...AGENT.retell];
    const plan = await cli(['plan', 'retell', ...args, '--no-partner-api', '--json'], o);
    expect(plan.code, why(plan)).toBe(0);
    expect(JSON.parse(plan.stdout).steps.filter((s: any) => s.side === 'partner')).toEqual([]);
    const off = await cli(['apply', 'retell', ...args, '--no-partner-api', '--yes', '--json'], o);
    expect(off.code, why(off)).toBe(0);
    expect(JSON.parse(off.stdout).partner).toBeUndefined();
    expect((await held(sb, 'retell', 'pt_off', did)).count).toBe(0);
    // the same setup through the API, then torn down with the flag: Retell's number stays, said in the plan
    const on = await cli(['apply', 'retell', ...args, '--yes'], o);
    expect(on.code, why(on)).toBe(0);
    expect((await held(sb, 'retell', 'pt_off', did)).count).toBe(1);
    const down = await cli(['teardown', 'retell', ...STATE, '--no-partner-api', '--yes'], o);
    expect(down.code, why(down)).toBe(0);
    expect(down.stderr.replace(/\s+/g, ' ')).toMatch(/The partner API is off for this run \(--no-partner-api\): the Retell resources exotrunk made \(phone number \+918012345604 at 127\.0\.0\.1:\d+\) stay/);
    expect((await held(sb, 'retell', 'pt_off', did)).count).toBe(1);
  }, 90_000);
});
