import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CTRL_C, ENTER } from './keys.js';
import { answerQuestions } from './drive.js';
import { choose, fromRunMenu, press, quitWizard, renderWizard, sandboxRig, waitForFrame, type SandboxRig } from './helpers.js';

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
  it('a rejected token shows what happened, the likely cause and the fix; edit opens the review of the answers', async () => {
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
    await waitForFrame(w.lastFrame, 'Review: ');
    await choose(w, 'SIP digest password');
    // the password the failed run stored is offered again
    expect(await waitForFrame(w.lastFrame, 'Changing one answer')).toContain('Keep the password given before');
    // Ctrl-C here once spun Ink's layout (a leftover <Static> from the apply screen): it must exit with 130.
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
  });

  it('the plan exports a curl script and an answers file per recipe, without secrets, and asks before overwriting', async () => {
    rig = await sandboxRig();
    writeFileSync(join(rig.dir, 'exotrunk-elevenlabs-answers.yaml'), 'recipe: elevenlabs\n');
    const w = renderWizard(rig.engine, { recipeId: 'livekit', exportDir: rig.dir });
    await toPlan(rig, w);
    await choose(w, 'Export the plan as a curl script');
    await waitForFrame(w.lastFrame, /Wrote .*exotrunk-livekit-plan\.sh/);
    await choose(w, 'Save the answers');
    await waitForFrame(w.lastFrame, /Wrote .*exotrunk-livekit-answers\.yaml/);
    const curl = readFileSync(join(rig.dir, 'exotrunk-livekit-plan.sh'), 'utf8');
    expect(curl).toContain('/trunks');
    expect(curl).toContain('exotrunk plan for livekit');
    const answers = readFileSync(join(rig.dir, 'exotrunk-livekit-answers.yaml'), 'utf8');
    expect(answers).toMatch(/^recipe: livekit$/m);
    expect(answers).toContain('did: "+918012345678"');
    expect(answers).not.toContain('sip_password');
    // another partner's answers are not touched
    expect(readFileSync(join(rig.dir, 'exotrunk-elevenlabs-answers.yaml'), 'utf8')).toBe('recipe: elevenlabs\n');
    // saving again asks first; No keeps the file
    writeFileSync(join(rig.dir, 'exotrunk-livekit-answers.yaml'), '# mine\n');
    await choose(w, 'Save the answers');
    await waitForFrame(w.lastFrame, 'exists. Overwrite it?');
    await choose(w, 'No, keep the file');
    expect(readFileSync(join(rig.dir, 'exotrunk-livekit-answers.yaml'), 'utf8')).toBe('# mine\n');
    await choose(w, 'Save the answers');
    await choose(w, 'Yes, overwrite');
    await waitForFrame(w.lastFrame, /Wrote .*exotrunk-livekit-answers\.yaml/);
    expect(readFileSync(join(rig.dir, 'exotrunk-livekit-answers.yaml'), 'utf8')).toMatch(/^recipe: livekit$/m);
    await choose(w, 'Quit without changing anything');
    expect(await w.exit).toBe(0);
    expect(Object.keys(rig.sandbox.state().accounts)).toEqual([]);
    // quitting from the plan says nothing changed, and where the answers are
    expect(w.left().farewell.join('\n')).toMatch(/Nothing changed at Exotel\. Your livekit answers are saved: exotrunk apply livekit --answers .*exotrunk-livekit-answers\.yaml/);
  });

  it('quitting from the plan without saving says nothing changed and that the answers were not saved', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await toPlan(rig, w);
    await choose(w, 'Quit without changing anything');
    expect(await w.exit).toBe(0);
    expect(w.left().farewell).toEqual([expect.stringMatching(/^Nothing changed at Exotel; the \d+ answers given here were not saved\. Start again with: exotrunk wizard livekit$/)]);
  });

  it('Ctrl-C during apply stops cleanly, saves the state and says how to resume', async () => {
    rig = await sandboxRig();
    rig.sandbox.setLatency(150);
    const w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await toPlan(rig, w);
    await choose(w, 'Apply in the SANDBOX');
    await waitForFrame(w.lastFrame, 'Applying livekit');
    await press(w, CTRL_C);
    await waitForFrame(w.lastFrame, 'Stopping: waiting for the calls in flight');
    // it leaves by itself once the calls in flight are done, and the resume line stays in the terminal
    expect(await w.exit).toBe(130);
    const left = w.left().farewell;
    expect(left[0]).toMatch(/^Stopped: \d of \d steps done; the state is saved after each one\.$/);
    expect(left[1]).toBe('Resume with: exotrunk apply livekit (it reads the trunk first and never creates a duplicate)');
    expect(rig.engine.run('livekit')).toBeDefined();
  });

  it('with a run in the journal: verify, re-render, then tear down', async () => {
    rig = await sandboxRig();
    let w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await toPlan(rig, w);
    await choose(w, 'Apply in the SANDBOX');
    await waitForFrame(w.lastFrame, 'Set up on SANDBOX');
    await quitWizard(w);

    w = await fromRunMenu(rig.engine, 'livekit (outbound), trunk', 'Verify livekit');
    const verified = await waitForFrame(w.lastFrame, 'matches the setup');
    expect(verified).toMatch(/✓ number\s+\+918012345678/); // the checks themselves, not only a count
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Already set up here');
    await choose(w, 'livekit (outbound), trunk');
    await choose(w, 'Re-render the livekit configs');
    await waitForFrame(w.lastFrame, 'Set up on SANDBOX');
    expect(existsSync(join(rig.dir, 'out', 'livekit', 'livekit-outbound-trunk.json'))).toBe(true);
    await quitWizard(w);

    w = await fromRunMenu(rig.engine, 'livekit (outbound), trunk', 'Tear down livekit');
    await waitForFrame(w.lastFrame, 'Teardown of livekit');
    expect(w.lastFrame()).toMatch(/Delete credential livekit_sip[\s\S]*Delete trunk trmum/); // the same plan screen as a setup, with its deletions
    await choose(w, 'Yes, tear down');
    const gone = await waitForFrame(w.lastFrame, 'deleted');
    expect(gone).toMatch(/At LiveKit Cloud.*: remove the SIP trunk/);
    const acct = rig.sandbox.state().accounts[rig.accountSid];
    expect(Object.keys(acct.trunks)).toEqual([]);
    expect(acct.deleted.trunks).toHaveLength(1);
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Which Voice AI partner');
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
  });
});
