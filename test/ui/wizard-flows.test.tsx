import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CTRL_C, ENTER } from './keys.js';
import { answerQuestions } from './drive.js';
import { choose, press, renderWizard, sandboxRig, waitForFrame, type SandboxRig } from './helpers.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const LK = { direction: 'outbound', did: '+918012345678' };

async function toPlan(r: SandboxRig, w: ReturnType<typeof renderWizard>) {
  await answerQuestions(w, r.engine.recipe('livekit'), LK);
  await waitForFrame(w.lastFrame, 'Authentication:');
  await press(w, ENTER);
  return waitForFrame(w.lastFrame, 'Apply in the SANDBOX');
}

describe('wizard flows against the sandbox', () => {
  it('a rejected token shows what happened, the likely cause and the fix; edit goes back a question', async () => {
    rig = await sandboxRig('uitest2', { apiToken: 'wrong-token' });
    const w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await toPlan(rig, w);
    await choose(w, 'Apply in the SANDBOX');
    const f = await waitForFrame(w.lastFrame, 'Likely cause:');
    expect(f).toMatch(/HTTP\s+401/);
    expect(f).toContain('API key, token or account SID is wrong');
    expect(f).toContain('What to do:');
    expect(f).not.toContain('wrong-token');
    expect(f).toContain('Edit the answers');
    await choose(w, 'Edit the answers');
    // the password the failed run stored is offered again
    expect(await waitForFrame(w.lastFrame, 'SIP digest password')).toContain('Keep the password given before');
    // Ctrl-C here once spun Ink's layout (a leftover <Static> from the apply screen): it must exit with 130.
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
  });

  it('the plan exports a curl script and an answers file without secrets', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { recipeId: 'livekit', exportDir: rig.dir });
    await toPlan(rig, w);
    await choose(w, 'Export the plan as a curl script');
    await waitForFrame(w.lastFrame, 'Wrote');
    await choose(w, 'Save the answers');
    await waitForFrame(w.lastFrame, /Wrote .*exotrunk-answers\.yaml/);
    const curl = readFileSync(join(rig.dir, 'exotrunk-plan.sh'), 'utf8');
    expect(curl).toContain('/trunks');
    const answers = readFileSync(join(rig.dir, 'exotrunk-answers.yaml'), 'utf8');
    expect(answers).toContain('did: "+918012345678"');
    expect(answers).not.toContain('sip_password');
    await choose(w, 'Quit without changing anything');
    expect(await w.exit).toBe(0);
    expect(Object.keys(rig.sandbox.state().accounts)).toEqual([]);
  });

  it('Ctrl-C during apply stops cleanly, saves the state and says how to resume', async () => {
    rig = await sandboxRig();
    rig.sandbox.setLatency(150);
    const w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await toPlan(rig, w);
    await choose(w, 'Apply in the SANDBOX');
    await waitForFrame(w.lastFrame, 'Applying livekit');
    await press(w, CTRL_C);
    const f = await waitForFrame(w.lastFrame, 'Resume with');
    expect(f).toContain('exotrunk apply livekit');
    expect(rig.engine.run('livekit')).toBeDefined();
    await press(w, ENTER);
    expect(await w.exit).toBe(130);
  });

  it('with a run in the journal: verify, re-render, then tear down', async () => {
    rig = await sandboxRig();
    let w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await toPlan(rig, w);
    await choose(w, 'Apply in the SANDBOX');
    await waitForFrame(w.lastFrame, 'is set up');
    await press(w, ENTER);
    await w.exit;
    w.unmount();

    w = renderWizard(rig.engine);
    await waitForFrame(w.lastFrame, 'Already set up here');
    await choose(w, 'Verify livekit');
    expect(await waitForFrame(w.lastFrame, 'matches the setup')).toContain('livekit');
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Already set up here');
    await choose(w, 'Re-render the livekit configs');
    await waitForFrame(w.lastFrame, 'is set up');
    expect(existsSync(join(rig.dir, 'out', 'livekit', 'livekit-outbound-trunk.json'))).toBe(true);
    await press(w, ENTER);
    await w.exit;
    w.unmount();

    w = renderWizard(rig.engine);
    await waitForFrame(w.lastFrame, 'Already set up here');
    await choose(w, 'Tear down livekit');
    await waitForFrame(w.lastFrame, 'Delete the trunk');
    await choose(w, 'Yes, tear down');
    await waitForFrame(w.lastFrame, 'deleted');
    const acct = rig.sandbox.state().accounts[rig.accountSid];
    expect(Object.keys(acct.trunks)).toEqual([]);
    expect(acct.deleted.trunks).toHaveLength(1);
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Which Voice AI partner');
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
  });
});
