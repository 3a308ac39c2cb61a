/**
 * Teardown as a plan: delete the recipe's credentials, then its trunk, as ordinary steps, run by the same runner
 * as a setup, journaled the same way and shown on the same plan screen. Exotel's own credential (generated with
 * the trunk) goes with the trunk: exotrunk never deletes what it did not create on its own.
 */
import { isExotelOwnCredential } from '../exotel/client.js';
import type { RunState } from '../journal/state-store.js';
import type { Plan, Step } from './types.js';

export function planTeardown(run: RunState, credentials: { id?: string; userName: string }[], accountSid: string): Plan {
  const sid = run.trunkSid;
  const steps: Step[] = [];
  if (sid) {
    for (const c of credentials) {
      if (!c.id || isExotelOwnCredential(c, sid)) continue;
      steps.push({
        id: `delete-credential:${c.userName}`,
        kind: 'delete-credential',
        side: 'exotel',
        effect: 'delete',
        title: `Delete credential ${c.userName}`,
        reason: 'Credentials hang off the trunk, so they go first; a partner using it can no longer authenticate.',
        dependsOn: [],
        payload: { credentialId: c.id, userName: c.userName },
      });
    }
    steps.push({
      id: `delete-trunk:${sid}`,
      kind: 'delete-trunk',
      side: 'exotel',
      effect: 'delete',
      title: `Delete trunk ${sid}`,
      reason: 'Deleting the trunk frees its numbers and removes its whitelist and destinations; calls through it stop.',
      dependsOn: steps.map((s) => s.id),
      payload: { trunkSid: sid },
    });
  }
  return {
    purpose: 'teardown',
    recipeId: run.recipeId,
    accountSid,
    direction: run.direction,
    trunkName: run.trunkName,
    trunkSid: sid,
    steps,
    inSync: [],
    manual: [],
    decisions: [],
    warnings: [],
  };
}
