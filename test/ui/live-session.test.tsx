/**
 * LIVE credentials typed for this session only (wizard QA W1): the commands the wizard leaves behind say how to
 * reach the same account; a later start in the sandbox names the LIVE run of this folder; verify from the
 * sandbox says where the run is instead of "no applied run".
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLiveEngine } from '../../src/core/engine/open.js';
import { Engine } from '../../src/core/engine/engine.js';
import { createExotelClient } from '../../src/core/exotel/client.js';
import { Secret } from '../../src/core/secret.js';
import { answerQuestions } from './drive.js';
import { choose, press, renderWizard, sandboxRig, tick, waitForFrame, type SandboxRig } from './helpers.js';
import { ENTER } from './keys.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('LIVE credentials for this session only', () => {
  it('the lines left say how to reach the account again; the next start and verify in the sandbox name the LIVE run', async () => {
    rig = await sandboxRig();
    const statePath = join(rig.dir, 'state.json'); // the sandbox engine's journal: one folder, two targets
    const openLive = (c: Parameters<typeof openLiveEngine>[0]) => openLiveEngine(c, { statePath, baseUrl: rig!.sandbox.url });
    const w = renderWizard(rig.engine, { openLive });
    await choose(w, 'Use my Exotel account (LIVE)');
    await waitForFrame(w.lastFrame, 'Exotel account SID');
    await press(w, ...'acme9'.split(''), ENTER);
    await waitForFrame(w.lastFrame, 'API key:');
    await press(w, ...'sandbox'.split(''), ENTER);
    await waitForFrame(w.lastFrame, 'API token');
    await press(w, ...'sandbox'.split(''), ENTER);
    await choose(w, 'India');
    await choose(w, 'No, use them for this session only');
    await choose(w, 'Retell AI');
    await answerQuestions(w, rig.engine.recipe('retell'), { direction: 'outbound', did: '+918012345601', retell_agent_id: 'agent_live01' }, 'Review: ');
    await choose(w, 'Continue: check these answers');
    await waitForFrame(w.lastFrame, 'Authentication:');
    await press(w, ENTER);
    await choose(w, 'Apply: make these');
    await waitForFrame(w.lastFrame, 'View a config');
    await press(w, 'q');
    expect(await w.exit).toBe(0);
    const left = w.left().farewell.join('\n');
    expect(left).toMatch(/verify retell/);
    expect(left).toMatch(/The credentials were for this session only: these commands reach account acme9 with EXOTEL_ACCOUNT_SID=acme9 EXOTEL_API_KEY=sandbox EXOTEL_BASE_URL \(as now\) and EXOTEL_API_TOKEN set in the shell, or after exotrunk profile save; without them they use the SANDBOX\./);
    expect(left).not.toContain('sandbox and EXOTEL_API_TOKEN=sandbox'); // the token is never printed
    w.unmount();

    // the next start, without credentials: the first screen names the LIVE run
    const again = renderWizard(rig.engine, { openLive });
    const first = await waitForFrame(again.lastFrame, 'No Exotel credentials are configured');
    expect(first.replace(/\s+/g, ' ')).toContain("This folder's state holds 1 run for a LIVE account: retell (LIVE acme9 (custom)).");
    again.unmount();

    // verify from the sandbox: where the run is, and how to reach it
    expect(() => rig!.engine.requireRun('retell')).toThrow(/retell is applied for LIVE acme9 \(custom\) in this state \(.*\), not for SANDBOX, where this command looks\./);
    try {
      rig.engine.requireRun('retell');
    } catch (e) {
      expect((e as { fix?: string }).fix).toMatch(/EXOTEL_ACCOUNT_SID=acme9 with EXOTEL_API_KEY and EXOTEL_API_TOKEN set/);
    }
    expect(() => rig!.engine.requireRun()).toThrow(/retell is applied for LIVE acme9/);
  }, 60_000);
});

describe('credentials from the environment (wizard QA W8)', () => {
  it('are checked with one read before the first question: a wrong token is said at once, with the fix', async () => {
    rig = await sandboxRig();
    const client = createExotelClient({ accountSid: 'acme7', apiKey: 'sandbox', apiToken: new Secret('not-the-token'), baseUrl: rig.sandbox.url, maxAttempts: 1 });
    const live = new Engine({ client, mode: 'live', region: 'in', statePath: join(rig.dir, 'live.json') });
    try {
      const w = renderWizard(live, { recipeId: 'retell' });
      const f = await waitForFrame(w.lastFrame, 'Exotel refused these credentials');
      expect(f).toContain('HTTP 401');
      expect(f).toContain('What to do: Copy the SID, API key and token again');
      expect(f).not.toMatch(/Question \d/);
      await choose(w, 'Quit');
      expect(await w.exit).toBe(1);
      expect(w.left().farewell[0]).toMatch(/^✗ Exotel refused these credentials \(HTTP 401\)/);
      w.unmount();

      // accepted credentials: straight on to the questions after the one read
      const ok = new Engine({ client: createExotelClient({ accountSid: 'acme7', apiKey: 'sandbox', apiToken: new Secret('sandbox'), baseUrl: rig.sandbox.url }), mode: 'live', region: 'in', statePath: join(rig.dir, 'live.json') });
      const w2 = renderWizard(ok, { recipeId: 'retell' });
      await waitForFrame(w2.lastFrame, /Question 1 of/);
      w2.unmount();
      await tick();
      await ok.close();
    } finally {
      await live.close();
    }
  }, 30_000);
});
