/**
 * `exotrunk sandbox --tls` end to end: the built CLI serves HTTPS with a certificate it made; Exotel's own curl
 * scripts (test/fixtures/exotel-curl, unmodified) run against it with only their documented environment; the built
 * CLI reads the trunk they made, applies a recipe, verifies it, and refuses unknown or malformed trunk sids.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captured, CLI, cli, sandboxPerFile, tempDir, TOKEN, why } from './helpers.js';

const SCRIPTS = resolve('test/fixtures/exotel-curl');

interface TlsSandbox {
  url: string;
  cert: string;
  child: ChildProcess;
  stderr: () => string;
  get(path: string): Promise<any>;
  stop(): Promise<void>;
}

async function startTlsSandbox(extra: string[] = []): Promise<TlsSandbox> {
  const child = spawn(process.execPath, [CLI, 'sandbox', '--tls', '--api-token', TOKEN, ...extra], { env: { PATH: process.env.PATH, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const lines: string[] = [];
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox --tls did not start: ${stderr}`)), 15_000);
    createInterface({ input: child.stdout! }).on('line', (l) => {
      lines.push(l.trim());
      if (lines.length === 2) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => fail(new Error(`sandbox exited ${code}: ${stderr}`)));
  });
  const [url, cert] = lines;
  const ca = readFileSync(cert);
  return {
    url,
    cert,
    child,
    stderr: () => stderr,
    get: (path) =>
      new Promise((ok, fail) => {
        const req = request(url + path, { ca }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => ok(JSON.parse(body)));
        });
        req.on('error', fail);
        req.end();
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await exited;
      }
      captured.push({ label: 'sandbox --tls (stderr)', text: stderr, showSecrets: false });
    },
  };
}

let sb: TlsSandbox;
sandboxPerFile(() => startTlsSandbox(), (x) => (sb = x));

/** One of Exotel's scripts, as its README says to run it: environment variables only. */
function script(name: string, env: Record<string, string>, input = ''): { stdout: string; json: any } {
  // a folder two levels down, so neither ./.env nor ../.env (which the scripts source) exists
  const cwd = join(tempDir('exotrunk-curl-'), 'run');
  mkdirSync(cwd);
  const stdout = execFileSync('bash', [join(SCRIPTS, `${name}.sh`)], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, API_KEY: 'sandbox', API_TOKEN: TOKEN, ACCOUNT_SID: 'exo_scripts', SUBDOMAIN: sb.url.replace(/^https:\/\//, ''), CURL_CA_BUNDLE: sb.cert, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  return { stdout, json: line ? JSON.parse(line) : undefined };
}

const trust = (extra: Record<string, string | undefined> = {}) => ({ NODE_EXTRA_CA_CERTS: sb.cert, ...extra });

describe("Exotel's curl scripts, unmodified, against sandbox --tls", () => {
  it('the PSTN setup of their README, then exotrunk reads the trunk they made, then their delete', async () => {
    const created = script('create_trunk', { TRUNK_NAME: 'from_scripts' });
    expect(created.json.response.status, created.stdout).toBe('success');
    const sid: string = created.json.response.data.trunk_sid;
    const did = script('map_did', { TRUNK_SID: sid, PHONE_NUMBER: '+919876543210' });
    expect(did.json.response.data).toMatchObject({ phone_number: '+919876543210', mode: 'pstn' });
    expect(script('map_acl', { TRUNK_SID: sid, SERVER_IP: '44.248.146.11' }).json.response.data).toMatchObject({ ip: '44.248.146.11', mask: 32 });
    // an IP destination after its ACL entry, as their README orders it
    const dest = script('map_destination_uri', { TRUNK_SID: sid, DESTINATION: '44.248.146.11' });
    expect(dest.json.response[0].data.destination).toBe('sip:44.248.146.11:5061;transport=tls');
    expect(script('update_phone_number', { TRUNK_SID: sid, PHONE_NUMBER_ID: did.json.response.data.id, PHONE_NUMBER: '+919876543210', MODE: 'flow' }).json.response.data.mode).toBe('flow');
    expect(script('set_trunk_alias', { TRUNK_SID: sid, CALLER_ID: '+919876543210' }).json.response[0].status).toBe('success');
    for (const list of ['get_phone_numbers', 'get_acls', 'get_destination_uris']) {
      const r = script(list, { TRUNK_SID: sid });
      expect(r.json.response, list).toHaveLength(1);
    }

    const cwd = tempDir();
    const o = { cwd, url: sb.url, account: 'exo_scripts', env: trust() };
    const shown = await cli(['trunk', 'show', sid, '--json'], o);
    expect(shown.code, why(shown)).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ trunkSid: sid, trunkName: 'from_scripts', status: 'active', domainName: 'exo_scripts.pstn.exotel.com', authType: 'IP-WHITELIST', registrationEnabled: 'disabled', edgePreference: 'auto', nsoCode: 'ANY-ANY', secureTrunking: 'disabled' });
    const text = await cli(['trunk', 'show', '--trunk-sid', sid], o);
    expect(text.code, why(text)).toBe(0);
    for (const field of ['trunk_name', 'status', 'domain_name', 'auth_type', 'registration_enabled', 'edge_preference', 'nso_code', 'secure_trunking']) expect(text.stdout).toContain(field);
    // where no API changes a setting, the output says so and where it is changed instead
    // (the table wraps its last column: compare with the line breaks taken out)
    const flat = text.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/secure_trunking disabled TLS signalling with SRTP media; no API changes it: Exotel enables it on request/);
    expect(flat).toMatch(/Sources: Exotel SIP Trunking API reference/);
    expect(flat).toMatch(/hello@exotel\.com/);

    const deleted = script('delete_trunk', { TRUNK_SID: sid }, 'yes\n');
    expect(deleted.json.response.data.trunk_sid).toBe(sid);
    const again = await cli(['trunk', 'show', sid], o);
    expect(again.code, why(again)).toBe(1);
    expect(again.stderr).toContain(`Trunk ${sid} does not exist in Exotel account exo_scripts`);
  });
});

describe('the built CLI through sandbox --tls', () => {
  const LIVEKIT = ['--set', 'direction=both', '--set', 'trunk_name=lk_tls', '--set', 'did=+918040001112', '--set', 'livekit_subdomain=abc123xyz', '--set', 'edge_transport=tls', '--set', 'inbound_transport=tls', '--set', 'livekit_agent_name=exotel-agent'];

  it('applies a recipe and verifies it, reading the trunk record; TLS setups are told about secure trunking', async () => {
    const cwd = tempDir();
    const o = { cwd, url: sb.url, account: 'tls_apply', env: trust() };
    const applied = await cli(['apply', 'livekit', ...LIVEKIT, '--yes', '--no-input', '--json'], o);
    expect(applied.code, why(applied)).toBe(0);
    const out = JSON.parse(applied.stdout);
    expect(out.ok).toBe(true);
    expect(out.warnings.join(' ')).toMatch(/secure_trunking: disabled.*no API call that changes it: ask Exotel/s);
    const planned = await cli(['plan', 'livekit', ...LIVEKIT], o);
    expect(planned.stdout + planned.stderr).toMatch(/! This setup uses SIP over TLS, and trunk trmum1\w+ reports secure_trunking: disabled/);

    const verified = await cli(['verify', 'livekit', '--json'], o);
    expect(verified.code, why(verified)).toBe(0);
    const rep = JSON.parse(verified.stdout);
    expect(rep.inSync).toBe(true);
    expect(rep.trunk).toMatchObject({ trunkSid: out.trunkSid, trunkName: 'lk_tls', secureTrunking: 'disabled' });
    const keys = rep.checked.filter((c: any) => c.resource === 'trunk').map((c: any) => c.key);
    expect(keys).toEqual(expect.arrayContaining([`${out.trunkSid} exists`, 'name lk_tls', 'status active', 'domain tls_apply.pstn.exotel.com', 'auth type IP-WHITELIST', 'NSO code ANY-ANY', 'registration disabled', 'edge preference auto', 'secure trunking disabled']));
    expect(rep.notes.join(' ')).toMatch(/uses SIP over TLS/);

    const text = await cli(['verify', 'livekit'], o);
    expect(text.code, why(text)).toBe(0);
    expect(text.stdout).toMatch(/! This setup uses SIP over TLS/);
  });

  it('without NODE_EXTRA_CA_CERTS the certificate is not trusted: one clear error naming the fix', async () => {
    const r = await cli(['trunk', 'show', 'trmum1abcdef'], { cwd: tempDir(), url: sb.url, account: 'tls_untrusted' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TLS certificate is not trusted/);
    expect(r.stderr).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('trunk delete / show of an unknown sid fail naming it (exit 1); a malformed sid is exit 2 with nothing sent', async () => {
    const o = { cwd: tempDir(), url: sb.url, account: 'tls_unknown', env: trust() };
    const del = await cli(['trunk', 'delete', 'trmum1doesnotexist000000000', '--yes'], o);
    expect(del.code, why(del)).toBe(1);
    expect(del.stderr).toContain('Trunk trmum1doesnotexist000000000 does not exist in Exotel account tls_unknown: nothing was deleted.');
    expect(del.stdout).not.toContain('✓');
    const delJson = await cli(['trunk', 'delete', 'trmum1doesnotexist000000000', '--yes', '--json'], o);
    expect(delJson.code).toBe(1);
    expect(JSON.parse(delJson.stdout)).toMatchObject({ ok: false, exitCode: 1 });

    const before = (await sb.get('/__sandbox/requests')).filter((q: any) => q.path.includes('/tls_unknown/')).length;
    for (const args of [['trunk', 'show', 'TRMUM1-BAD'], ['trunk', 'delete', 'x/y', '--yes'], ['numbers', 'list', '--trunk-sid', 'Bad Sid']]) {
      const r = await cli(args, o);
      expect(r.code, why(r)).toBe(2);
      expect(r.stderr).toMatch(/does not look like a trunk sid/);
    }
    expect((await sb.get('/__sandbox/requests')).filter((q: any) => q.path.includes('/tls_unknown/')).length).toBe(before);
  });

  it('--trunk-sid adoption checks the sid first: unknown names sid and account and changes nothing; malformed is exit 2', async () => {
    const o = { cwd: tempDir(), url: sb.url, account: 'tls_adopt', env: trust() };
    const unknown = await cli(['apply', 'livekit', ...LIVEKIT, '--trunk-sid', 'trmum1nosuchtrunk0000000000', '--yes', '--no-input'], o);
    expect(unknown.code, why(unknown)).toBe(1);
    expect(unknown.stderr).toContain('Trunk trmum1nosuchtrunk0000000000 does not exist in Exotel account tls_adopt: nothing was changed.');
    const bad = await cli(['apply', 'livekit', ...LIVEKIT, '--trunk-sid', 'NOT-A-SID', '--yes', '--no-input'], o);
    expect(bad.code, why(bad)).toBe(2);
    expect(bad.stderr).toContain('does not look like a trunk sid (--trunk-sid)');
    const writes = (await sb.get('/__sandbox/requests')).filter((q: any) => q.path.includes('/tls_adopt/') && q.method !== 'GET');
    expect(writes).toEqual([]);

    // a real trunk (made by another state file) is adopted under its real name, whatever trunk_name says
    const maker = { ...o, cwd: tempDir() };
    const made = await cli(['trunk', 'create', 'adopt_me', '--json'], maker);
    expect(made.code, why(made)).toBe(0);
    const sid = JSON.parse(made.stdout).trunkSid;
    const adopted = await cli(['apply', 'livekit', ...LIVEKIT, '--trunk-sid', sid, '--yes', '--no-input', '--json'], o);
    expect(adopted.code, why(adopted)).toBe(0);
    expect(JSON.parse(adopted.stdout).warnings).toContain(`Trunk ${sid} is named adopt_me, not lk_tls: check that it is the trunk you mean; the journal records adopt_me, since no Exotel API renames a trunk.`);
    const verified = await cli(['verify', 'livekit', '--json'], o);
    expect(verified.code, why(verified)).toBe(0);
    expect(JSON.parse(verified.stdout).trunk.trunkName).toBe('adopt_me');
  });
});

describe("sandbox --tls --auto-credentials: Exotel's own credential through the built CLI", () => {
  let auto: TlsSandbox;
  beforeAll(async () => {
    auto = await startTlsSandbox(['--auto-credentials']);
  });
  afterAll(async () => auto?.stop());

  it('verify calls it Exotel\'s, teardown keeps it, and sip_credential=exotel renders its password into 0600 files only', async () => {
    const cwd = tempDir();
    const o = { cwd, url: auto.url, account: 'auto_creds', env: { NODE_EXTRA_CA_CERTS: auto.cert } };
    const sets = ['--set', 'direction=outbound', '--set', 'trunk_name=rt_auto', '--set', 'did=+918040001113', '--set', 'retell_agent_id=agent_3f2a9c', '--set', 'retell_nickname=Exotel India'];
    const applied = await cli(['apply', 'retell', ...sets, '--set', 'sip_credential=exotel', '--yes', '--no-input', '--json'], o);
    expect(applied.code, why(applied)).toBe(0);
    const out = JSON.parse(applied.stdout);
    const state = await auto.get('/__sandbox/state');
    const cred = state.accounts.auto_creds.trunks[out.trunkSid].credentials;
    expect(cred.map((c: any) => c.user_name)).toEqual([out.trunkSid]);
    const password: string = cred[0].password;
    expect(applied.stdout + applied.stderr).not.toContain(password);
    const files: string[] = out.outputs.filter((x: any) => x.secret).map((x: any) => x.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => readFileSync(f, 'utf8').includes(password))).toBe(true);

    const listed = await cli(['credentials', 'list', '--recipe', 'retell'], o);
    expect(listed.stdout).toContain("(Exotel's own, generated with the trunk)");
    const refused = await cli(['credentials', 'delete', '--recipe', 'retell', '--id', cred[0].id], o);
    expect(refused.code, why(refused)).toBe(2);
    expect(refused.stderr).toContain('may be that one');
    const rotate = await cli(['credentials', 'rotate', 'retell', '--yes'], o);
    expect(rotate.code, why(rotate)).toBe(1);
    expect(rotate.stderr).toContain('never rotated or deleted from here');

    const verified = await cli(['verify', 'retell', '--json'], o);
    expect(verified.code, why(verified)).toBe(0);
    const down = await cli(['teardown', 'retell', '--yes', '--json'], o);
    expect(down.code, why(down)).toBe(0);
    expect(JSON.parse(down.stdout).deletedCredentials).toEqual([]);
    for (const r of [applied, listed, verified, down]) expect(r.stdout + r.stderr).not.toContain(password);
  });
});
