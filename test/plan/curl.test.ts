/**
 * planToCurl: a runnable script that holds no literal secret, reads the token from the environment, parses
 * with bash -n, and (run against the sandbox with curl + jq) builds the same trunk the engine would.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planToCurl } from '../../src/core/plan/curl.js';
import { planSteps } from '../../src/core/plan/planner.js';
import { desiredState } from '../../src/core/plan/desired.js';
import type { Inputs, Observed } from '../../src/core/engine/types.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { ACCOUNT, DID, IP_A, IP_B, SID, emptyObserved, inputs, livekitBoth, pbxIp } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'exotrunk-curl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE = 'https://api.in.exotel.com';
const script = (i: Inputs, observed: Observed | null = null, aliasInState?: string) =>
  planToCurl(planSteps(i, desiredState(i), observed, { accountSid: ACCOUNT, aliasInState }), BASE);

function bashN(text: string): { status: number | null; stderr: string } {
  const p = join(dir, `plan-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(p, text);
  const r = spawnSync('bash', ['-n', p], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

const pbxDigest = () => inputs('own-pbx', { direction: 'both', did: DID, pbx_ips: `${IP_A},${IP_B}`, pbx_host: IP_A, also_digest: 'yes', mix_approved: 'yes' });

describe('planToCurl', () => {
  const cases: [string, () => string][] = [
    ['livekit both (credential, FQDN destination, alias)', () => script(livekitBoth())],
    ['own-pbx both (IP destination after its ACL)', () => script(pbxIp())],
    ['own-pbx ACL + digest', () => script(pbxDigest())],
    ['streamkit flow', () => script(inputs('streamkit', { did: DID, streamkit_server_ips: IP_B, voicebot_url: 'wss://bot.example.com/ws' }))],
    ['existing trunk, wrong mode', () => script(pbxIp(), emptyObserved({ numbers: [{ id: '41512', phoneNumber: DID, mode: 'flow' }] }))],
    ['nothing to do', () => script(pbxIp(), emptyObserved({ numbers: [{ id: '1', phoneNumber: DID, mode: 'pstn' }], acl: [{ id: '2', ip: IP_A, mask: 32 }, { id: '3', ip: IP_B, mask: 32 }], destinations: [{ id: '4', destination: `sip:${IP_A}:5060;transport=tcp` }] }), DID)],
  ];
  for (const [name, make] of cases) {
    it(`${name}: passes bash -n, reads the token from the environment`, () => {
      const text = make();
      expect(bashN(text)).toEqual({ status: 0, stderr: '' });
      expect(text).toContain('$EXOTEL_API_TOKEN');
      expect(text).toContain('${EXOTEL_API_TOKEN:?');
      expect(text).not.toMatch(/https?:\/\/[^/\s"]*:[^@\s"]*@/); // no credentials in a URL
      expect(text).not.toContain(ACCOUNT); // the account comes from $EXOTEL_ACCOUNT_SID too
      // the program that checks shell scripts: no warning at all (SC2034 for an unused TRUNK_SID included)
      const p = join(dir, `sc-${Math.random().toString(36).slice(2)}.sh`);
      writeFileSync(p, text);
      const sc = spawnSync('shellcheck', ['-s', 'bash', p], { encoding: 'utf8' });
      expect(sc.stdout + sc.stderr, 'shellcheck').toBe('');
      expect(sc.status).toBe(0);
    });
  }

  it('holds no literal SIP password; the password is read from $EXOTRUNK_SIP_PASSWORD', () => {
    const i = livekitBoth();
    const text = script(i);
    expect(text).not.toContain(i.sipPassword!.reveal());
    expect(text).not.toContain('••');
    expect(text).toContain('${EXOTRUNK_SIP_PASSWORD:?');
    expect(text).toMatch(/# Needs: .*EXOTRUNK_SIP_PASSWORD/);
  });

  it('an existing trunk is addressed by its sid; a new one by the sid the create call returns', () => {
    expect(script(pbxIp(), emptyObserved())).toContain(`TRUNK_SID='${SID}'`);
    const fresh = script(pbxIp());
    expect(fresh).toContain('TRUNK_SID=$(call POST');
    expect(fresh).toContain(".response.data.trunk_sid");
    expect(fresh).not.toContain('{trunk_sid}');
  });

  it('runs against the sandbox with curl and jq and builds the whole trunk', async () => {
    // .ci/run installs curl and jq when missing, so this runs in CI
    expect(['curl', 'jq'].filter((t) => spawnSync('which', [t]).status !== 0), 'curl and jq are needed (apt-get install curl jq)').toEqual([]);
    const sb = await startSandbox({ apiKey: 'key_curl', apiToken: 'tok_curl_SECRET' });
    try {
      const i = pbxDigest();
      const p = join(dir, 'run.sh');
      writeFileSync(p, script(i));
      // async: the sandbox answers from this same process
      await promisify(execFile)('bash', [p], {
        env: { PATH: process.env.PATH, EXOTEL_BASE_URL: sb.url, EXOTEL_ACCOUNT_SID: 'curlacct', EXOTEL_API_KEY: 'key_curl', EXOTEL_API_TOKEN: 'tok_curl_SECRET', EXOTRUNK_SIP_PASSWORD: 'Curl-Run-Passw0rd-123456' },
        timeout: 15_000,
      });
      const [t] = Object.values(sb.state().accounts.curlacct.trunks);
      expect(t.trunk.trunk_name).toBe('own_pbx');
      expect(t.trunk.domain_name).toBe('curlacct.pstn.exotel.com');
      expect(t.numbers.map((n) => [n.phone_number, n.mode])).toEqual([[DID, 'pstn']]);
      expect(t.acl.map((a) => a.ip).sort()).toEqual([IP_A, IP_B].sort());
      expect(t.credentials.map((c) => [c.user_name, c.password])).toEqual([['own_pbx_sip', 'Curl-Run-Passw0rd-123456']]);
      expect(t.destinations.map((d) => d.destination)).toEqual([`sip:${IP_A}:5060;transport=tcp`]);
      expect(t.settings.map((s) => s.value)).toEqual([DID]);
      // the token never went into a URL
      expect(sb.requests().every((q) => !JSON.stringify(q).includes('tok_curl_SECRET'))).toBe(true);
      // Run again: the name exists (409, no sid), so the script stops instead of calling /trunks/null/…
      const again = await promisify(execFile)('bash', [p], {
        env: { PATH: process.env.PATH, EXOTEL_BASE_URL: sb.url, EXOTEL_ACCOUNT_SID: 'curlacct', EXOTEL_API_KEY: 'key_curl', EXOTEL_API_TOKEN: 'tok_curl_SECRET', EXOTRUNK_SIP_PASSWORD: 'Curl-Run-Passw0rd-123456' },
        timeout: 15_000,
      }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/trunk was not created/);
      expect(sb.requests().some((q) => q.path.includes('/trunks/null'))).toBe(false);
    } finally {
      await sb.close();
    }
  });

  it("neither the token nor the password is in curl's argv; a password with \" \\ ' $ is sent as it is", async () => {
    const sb = await startSandbox({ apiKey: 'key_curl', apiToken: 'tok_argv_SECRET' });
    try {
      // a curl in front of the real one that logs its command line
      const bin = mkdtempSync(join(dir, 'bin-'));
      const real = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();
      const log = join(bin, 'argv.log');
      writeFileSync(join(bin, 'curl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
      const p = join(dir, 'argv.sh');
      writeFileSync(p, script(pbxDigest()));
      const password = `Pa"ss\\wo'rd $HOME-123456`;
      await promisify(execFile)('bash', [p], {
        env: { PATH: `${bin}:${process.env.PATH}`, EXOTEL_BASE_URL: sb.url, EXOTEL_ACCOUNT_SID: 'argvacct', EXOTEL_API_KEY: 'key_curl', EXOTEL_API_TOKEN: 'tok_argv_SECRET', EXOTRUNK_SIP_PASSWORD: password },
        timeout: 15_000,
      });
      const argv = readFileSync(log, 'utf8');
      expect(argv).toContain('/credentials');
      expect(argv).not.toContain('tok_argv_SECRET');
      expect(argv).not.toContain(Buffer.from('key_curl:tok_argv_SECRET').toString('base64'));
      expect(argv).not.toContain('wo');
      const [t] = Object.values(sb.state().accounts.argvacct.trunks);
      expect(t.credentials.map((c) => c.password)).toEqual([password]);
    } finally {
      await sb.close();
    }
  });
});
