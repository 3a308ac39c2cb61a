import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DOWN, ENTER } from './keys.js';
import { answerQuestions } from './drive.js';
import { press, renderWizard, sandboxRig, tick, waitForFrame, type SandboxRig } from './helpers.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function pickPartner(w: { lastFrame: () => string | undefined; stdin: { write: (s: string) => void } }, title: string) {
  const frame = await waitForFrame(w.lastFrame, 'Which Voice AI partner');
  const lines = frame.split('\n').filter((l) => /^\s*[❯ ]\s\S/.test(l) && l.includes(': '));
  const idx = lines.findIndex((l) => l.includes(title));
  expect(idx, `${title} in the partner list`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < idx; i++) w.stdin.write(DOWN), await tick(15);
  w.stdin.write(ENTER);
}

describe('full wizard run against the sandbox', () => {
  it('livekit, both directions: trunk, number, credential and destination exist; configs are written', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await answerQuestions(w, rig.engine.recipe('livekit'), { direction: 'both', did: '+918012345678', livekit_subdomain: 'myproj', livekit_agent_name: 'agent1' });
    await waitForFrame(w.lastFrame, 'SIP digest');
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Apply in the SANDBOX');
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'is set up');
    const trunks = Object.values(rig.sandbox.state().accounts[rig.accountSid].trunks);
    expect(trunks).toHaveLength(1);
    const t = trunks[0];
    expect(t.numbers.map((n) => n.phone_number)).toEqual(['+918012345678']);
    expect(t.credentials).toHaveLength(1);
    expect(t.destinations.map((d) => d.destination).join()).toContain('myproj');
    await press(w, ENTER);
    expect(await w.exit).toBe(0);
  });
});
