import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listRecipeIds } from '../../src/core/recipes/loader.js';
import { ENTER } from './keys.js';
import { renderWizard, sandboxRig, tick, waitForFrame, type SandboxRig } from './helpers.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('full wizard run against the sandbox', () => {
  it('bolna, both directions, from the partner list to the written files', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { preset: { set: { did: '+918012345678' } } });
    const { lastFrame, stdin } = w;
    await waitForFrame(lastFrame, 'Which Voice AI partner');
    console.log(lastFrame());
  });
});
