import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER, ESC } from './keys.js';
import { answerQuestions } from './drive.js';
import { choose, press, renderWizard, sandboxRig, waitForFrame, type SandboxRig } from './helpers.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Io = ReturnType<typeof renderWizard>;

async function pickPartner(w: Io, title: string) {
  await waitForFrame(w.lastFrame, 'Which Voice AI partner');
  await choose(w, title);
}

/** Auth screen → plan screen → apply → results. */
async function confirmAndApply(w: Io, authText: string) {
  await waitForFrame(w.lastFrame, authText);
  await press(w, ENTER);
  await choose(w, 'Apply in the SANDBOX');
  return waitForFrame(w.lastFrame, 'Set up on SANDBOX');
}

/** From the results, open one config in the viewer. */
async function viewConfig(w: Io, file: string) {
  await choose(w, 'View a config');
  await choose(w, file);
  return waitForFrame(w.lastFrame, 'Paste:');
}

const trunksOf = (r: SandboxRig) => Object.values(r.sandbox.state().accounts[r.accountSid]?.trunks ?? {});

describe('full wizard run against the sandbox', () => {
  it('LiveKit, both directions: the trunk holds number, credential and destination; configs carry the same password', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine);
    await pickPartner(w, 'LiveKit Cloud');
    const asked = await answerQuestions(w, rig.engine.recipe('livekit'), { direction: 'both', did: '+918012345678', livekit_subdomain: 'myproj', livekit_agent_name: 'agent1' });
    expect(asked).toContain('livekit_subdomain');
    expect(asked).toContain('sip_password');
    const done = await confirmAndApply(w, 'SIP digest');
    const [t, ...more] = trunksOf(rig);
    expect(more).toHaveLength(0);
    expect(t.numbers.map((n) => [n.phone_number, n.mode])).toEqual([['+918012345678', 'pstn']]);
    expect(t.credentials.map((c) => c.user_name)).toEqual(['livekit_sip']);
    expect(t.destinations.map((d) => d.destination)).toEqual(['sip:myproj.india.sip.livekit.cloud:5061;transport=tls']);
    // the results say what exists: the trunk's sid, the number, the credential's username, the destination
    expect(done).toContain(t.trunk.trunk_sid);
    expect(done).toMatch(/Number\s+\+918012345678/);
    expect(done).toMatch(/Credential\s+username livekit_sip/);
    expect(done).toContain('sip:myproj.india.sip.livekit.cloud:5061;transport=tls');
    // the generated password reached Exotel and the file, never the screen
    const file = join(rig.dir, 'out', 'livekit', 'livekit-outbound-trunk.json');
    const outbound = JSON.parse(readFileSync(file, 'utf8')) as { trunk: { auth_password: string } };
    expect(outbound.trunk.auth_password).toBe(t.credentials[0].password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(w.frames.join('\n')).not.toContain(t.credentials[0].password);
    const view = await viewConfig(w, 'livekit-outbound-trunk.json');
    expect(view).not.toContain(t.credentials[0].password);
    await press(w, 'r');
    expect(await waitForFrame(w.lastFrame, t.credentials[0].password)).toContain('r: mask secrets');
    await press(w, ESC, ESC); // back to the list, then to the results
    await choose(w, 'Finish');
    expect(await w.exit).toBe(0);
    // what stays in the terminal: the summary, with the real sid in the Flow step and the verify command
    const left = w.left().farewell.join('\n');
    expect(left).toContain(`"Dial whom" = sip:${t.trunk.trunk_sid}`);
    expect(left).not.toContain('<trunk_sid>');
    expect(left).toContain('exotrunk verify livekit');
  });

  it('LiveKit, outbound only: no destination, no inbound configs', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { recipeId: 'livekit', preset: { set: { did: '+918012345679' } } });
    const asked = await answerQuestions(w, rig.engine.recipe('livekit'), { direction: 'outbound' });
    expect(asked).not.toContain('did'); // from --set: skipped
    expect(asked).not.toContain('livekit_subdomain');
    await confirmAndApply(w, 'SIP digest');
    const [t] = trunksOf(rig);
    expect(t.destinations).toEqual([]);
    expect(t.numbers.map((n) => n.phone_number)).toEqual(['+918012345679']);
    expect(t.credentials).toHaveLength(1);
    expect(rig.engine.run('livekit')?.outputs.some((p) => p.endsWith('livekit-outbound-trunk.json'))).toBe(true);
    expect(rig.engine.run('livekit')?.outputs.some((p) => p.endsWith('livekit-inbound-trunk.json'))).toBe(false);
    await press(w, 'q');
    expect(await w.exit).toBe(0);
  });

  it('Retell, outbound: digest credential at Exotel and the Retell import file', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine);
    await pickPartner(w, 'Retell AI');
    await answerQuestions(w, rig.engine.recipe('retell'), { direction: 'outbound', did: '+918012345670', retell_agent_id: 'agent_abc123' });
    const done = await confirmAndApply(w, 'SIP digest');
    const [t] = trunksOf(rig);
    expect(t.credentials.map((c) => c.user_name)).toEqual(['retell_sip']);
    expect(t.acl).toEqual([]); // Retell publishes CIDRs: never whitelisted
    expect(t.destinations).toEqual([]);
    const files = rig.engine.run('retell')?.outputs ?? [];
    expect(files.length).toBeGreaterThan(0);
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).toContain('+918012345670');
    expect(all).toContain(t.credentials[0].password);
    expect(done).toContain('exotrunk verify retell');
    await choose(w, 'Finish');
    expect(await w.exit).toBe(0);
  });
});
