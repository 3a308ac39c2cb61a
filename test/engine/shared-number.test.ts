/** One ExoPhone on two trunks (wizard QA W17): verify says it again, as the plan did, so "verify all" shows it. */
import { afterEach, describe, expect, it } from 'vitest';
import { DID, applyOnce, engineRig, type EngineRig } from './helpers.js';

let rig: EngineRig | undefined;
afterEach(async () => rig?.close());

describe('a number on two trunks', () => {
  it('is a note of each verify, with the other trunk named', async () => {
    rig = await engineRig();
    const engine = rig.newEngine();
    expect((await applyOnce(engine, 'livekit', { direction: 'both', did: DID, livekit_subdomain: 'abc123' })).result.ok).toBe(true);
    const retell = await applyOnce(engine, 'retell', { direction: 'outbound', did: DID, retell_agent_id: 'agent_shared1' });
    expect(retell.plan.warnings.join('\n')).toMatch(/is also mapped to livekit's trunk/);
    const [a, b] = await Promise.all([engine.verify('livekit'), engine.verify('retell')]);
    expect((a.notes ?? []).join('\n')).toMatch(new RegExp(`\\${DID} is also mapped to retell's trunk trmum`));
    expect((b.notes ?? []).join('\n')).toMatch(new RegExp(`\\${DID} is also mapped to livekit's trunk trmum`));
  });
});
