/**
 * Partner secrets through the built CLI (issue 17): the LiveKit API secret, the ElevenLabs and Retell API keys
 * (distinctive canaries, set only in the environment) never appear in any output (with --verbose, --json, or an
 * error), the state journal, or any file exotrunk writes; the LiveKit secret signs tokens locally and never
 * travels (every request the stand-ins receive is inspected, headers and body). The SIP password goes to the
 * partner where it must, and is masked in the verbose log.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPartnerStandIns, type PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { captured, cleanupTempDirs, cli, requireBuilt, secretLeaks, SIP_PASSWORD, startSandboxProc, tempDir, why, type SandboxProc } from './helpers.js';
import { setFlags } from './recipe-answers.js';

const LK_KEY = 'APIcanaryKey7f3q';
const LK_SECRET = 'LkSecretCanaryA1b2C3d4E5f6G7h8I9j0K1l2';
const EL_KEY = `sk_${'c0ffee'.repeat(8)}`;
const RT_KEY = 'key_canaryRetell0123456789abc';
const CANARIES = [LK_SECRET, EL_KEY, RT_KEY];
const STATE = ['--state', '.exotrunk/state.json'];
type P = 'livekit' | 'elevenlabs' | 'retell';

let sb: SandboxProc;
let stands: PartnerStandIns;
const seen: { partner: P; text: string }[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  requireBuilt();
  sb = await startSandboxProc();
  stands = await startPartnerStandIns({
    seed: 31,
    livekit: { apiKey: LK_KEY, apiSecret: LK_SECRET },
    elevenlabs: { apiKey: EL_KEY },
    retell: { apiKey: RT_KEY },
    onRequest: (partner, r) => seen.push({ partner, text: `${r.method} ${r.url.pathname}${r.url.search}\n${JSON.stringify(r.headers)}\n${r.body}` }),
  });
  env = {
    LIVEKIT_URL: stands.livekit.url,
    LIVEKIT_API_KEY: LK_KEY,
    LIVEKIT_API_SECRET: LK_SECRET,
    ELEVENLABS_API_KEY: EL_KEY,
    EXOTRUNK_ELEVENLABS_BASE_URL: stands.elevenlabs.url,
    RETELL_API_KEY: RT_KEY,
    RETELL_BASE_URL: stands.retell.url,
  };
});

afterAll(async () => {
  await stands?.close();
  await sb?.stop();
  expect(secretLeaks()).toEqual([]);
  cleanupTempDirs();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

const AGENT: Record<P, string[]> = {
  livekit: ['--set', 'livekit_agent_name=exotel-agent'],
  elevenlabs: ['--set', 'el_agent_id=agent_sandbox'],
  retell: ['--set', 'retell_agent_id=agent_sandbox'],
};

describe('partner keys and secrets', () => {
  it.each(['livekit', 'elevenlabs', 'retell'] as P[])('%s: never in output (--verbose, --json, errors), the journal or files; the SIP password masked in the log', async (p) => {
    const cwd = tempDir();
    const o = { cwd, url: sb.url, account: `sec_${p}`, env, timeoutMs: 60_000 };
    const did = { livekit: '+918012345611', elevenlabs: '+918012345612', retell: '+918012345613' }[p];
    const args = [...STATE, ...setFlags(p, 'both', `sec_${p}`, did), ...AGENT[p]];
    const apply = await cli(['apply', p, ...args, '--yes', '--verbose'], o);
    expect(apply.code, why(apply)).toBe(0);
    // the verbose log shows the partner's calls, with the password masked
    expect(apply.stderr).toMatch(new RegExp(`\\[http\\] > ${p} `));
    expect(apply.stderr).toContain('••••••••');
    expect(apply.stderr).not.toContain(SIP_PASSWORD);
    const verify = await cli(['verify', p, ...STATE, '--json', '--verbose'], o);
    expect(verify.code, why(verify)).toBe(0);
    // an error from the partner (its API failing for good) is said without a key
    const standIn = p === 'livekit' ? stands.livekit : p === 'elevenlabs' ? stands.elevenlabs : stands.retell;
    standIn.setFaults('500:1');
    const failing = await cli(['verify', p, ...STATE, '--verbose'], o);
    standIn.setFaults(undefined);
    expect(failing.code, why(failing)).toBe(1);
    expect(failing.stderr).toMatch(/HTTP 500/);
    const down = await cli(['teardown', p, ...STATE, '--yes', '--json', '--verbose'], o);
    expect(down.code, why(down)).toBe(0);

    for (const c of captured) for (const k of CANARIES) expect(c.text.includes(k), `${c.label} holds a partner key`).toBe(false);
    for (const f of filesUnder(cwd)) {
      const text = readFileSync(f, 'utf8');
      for (const k of CANARIES) expect(text.includes(k), `${f} holds a partner key`).toBe(false);
      if (text.includes(SIP_PASSWORD)) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    }
  }, 90_000);

  it('the LiveKit secret never travels: requests carry a token it signed, never the secret; the keys only in their own header', () => {
    const lk = seen.filter((r) => r.partner === 'livekit');
    expect(lk.length).toBeGreaterThan(5);
    for (const r of lk) {
      expect(r.text).not.toContain(LK_SECRET);
      expect(r.text).toMatch(/"authorization":"Bearer ey/);
    }
    for (const r of seen) {
      for (const k of CANARIES) {
        const ownHeader = (r.partner === 'elevenlabs' && k === EL_KEY && r.text.includes(`"xi-api-key":"${k}"`)) || (r.partner === 'retell' && k === RT_KEY && r.text.includes(`"authorization":"Bearer ${k}"`));
        const count = r.text.split(k).length - 1;
        expect(count, `${r.partner} request carries a key outside its header`).toBe(ownHeader ? 1 : 0);
      }
    }
  });
});
