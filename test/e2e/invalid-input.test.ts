/**
 * Headless runs that must stop before any request: missing answers with CI set (exit 2, every missing key
 * listed) and invalid input (exit 2, a message naming what is valid). The sandbox must see nothing at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, cli, requireBuilt, secretLeaks, startSandboxProc, tempDir, why, type SandboxProc } from './helpers.js';

const STATE = ['--state', '.exotrunk/state.json'];
let sb: SandboxProc;

beforeAll(async () => {
  requireBuilt();
  sb = await startSandboxProc();
});

afterAll(async () => {
  // nothing any of these runs did may have reached the API
  expect(await sb.requests()).toEqual([]);
  await sb.stop();
  expect(secretLeaks()).toEqual([]);
  cleanupTempDirs();
});

describe.concurrent('missing answers with CI set: exit 2, every missing key listed, nothing sent', () => {
  const cases: [string, string[], string[]][] = [
    ['retell', [], ['did', 'retell_agent_id']],
    ['livekit', ['--set', 'direction=both'], ['did', 'livekit_subdomain']],
    ['own-pbx', ['--set', 'direction=both'], ['did', 'pbx_ips', 'pbx_host']],
  ];
  it.each(cases)('%s', async (recipe, sets, keys) => {
    const o = { cwd: tempDir(), url: sb.url };
    const r = await cli(['apply', recipe, ...STATE, ...sets, '--yes'], o);
    expect(r.code, why(r)).toBe(2);
    expect(r.stderr).toContain(`${keys.length} answer(s) missing`);
    for (const k of keys) expect(r.stderr).toContain(`--set ${k}=`);
    // the same as one JSON document on stdout
    const j = await cli(['plan', recipe, ...STATE, ...sets, '--json'], o);
    expect(j.code, why(j)).toBe(2);
    const doc = JSON.parse(j.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.error.details.map((d: string) => d.split(':')[0]).sort()).toEqual([...keys].sort());
  }, 60_000);
});

describe.concurrent('invalid input: exit 2 with what is valid, nothing sent', () => {
  const pbx = ['--set', 'did=+918012345678', '--set', 'pbx_ips=44.248.146.11', '--set', 'pbx_host=44.248.146.11'];
  const cases: [string, string[], RegExp[]][] = [
    ['bad E.164 number', ['retell', '--set', 'retell_agent_id=agent_1', '--set', 'did=+91123'], [/did/, /Indian number has 10/, /e\.g\. \+91\d{10}/]],
    ['national format number', ['retell', '--set', 'retell_agent_id=agent_1', '--set', 'did=08012345678'], [/did/, /E\.164/]],
    ['trunk name too long', ['retell', '--set', 'retell_agent_id=agent_1', '--set', 'did=+918012345678', '--set', 'trunk_name=a_trunk_name_too_long'], [/trunk_name/, /1 to 16 letters, digits or underscores/]],
    ['CIDR as partner IP', ['own-pbx', ...pbx, '--set', 'pbx_ips=44.248.146.0/24'], [/44\.248\.146\.0\/24/, /single IPs only \(mask 32\)/]],
    ['private IP destination', ['own-pbx', ...pbx, '--set', 'pbx_host=192.168.1.5'], [/pbx_host/, /private range/, /public IPv4 address such as/]],
    ['unknown question id', ['retell', '--set', 'retell_agent_id=agent_1', '--set', 'did=+918012345678', '--set', 'agent=x'], [/"agent" is not a question of retell/, /valid keys are/]],
    ['direction the recipe lacks', ['streamkit', '--set', 'direction=outbound', '--set', 'did=+918012345678', '--set', 'streamkit_server_ips=44.248.146.12', '--set', 'voicebot_url=wss://bot.example.com/v'], [/direction/, /streamkit supports inbound only/]],
    ['secret on the command line', ['livekit', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc', '--set', 'sip_username=e2e_user', '--set', 'sip_password=hunter2hunter2'], [/never goes on the command line/]],
  ];
  it.each(cases)('%s', async (_name, args, patterns) => {
    const r = await cli(['apply', ...args, ...STATE, '--yes'], { cwd: tempDir(), url: sb.url });
    expect(r.code, why(r)).toBe(2);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(r.stdout).toBe('');
  }, 60_000);
});
