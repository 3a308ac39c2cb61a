/**
 * Teardown as a plan: delete the recipe's credentials, then its trunk, as ordinary steps, run by the same runner
 * as a setup, journaled the same way and shown on the same plan screen. Exotel's own credential (generated with
 * the trunk) goes with the trunk: exotrunk never deletes what it did not create on its own.
 */
import { isExotelOwnCredential } from '../exotel/client.js';
import type { RunState } from '../journal/state-store.js';
import type { Plan, Step } from './types.js';

/**
 * `keepFor`: other recipes of the journal still use this trunk. It stays, with their credentials; only this run's
 * own credential is deleted, and the run is forgotten here.
 */
export function planTeardown(run: RunState, credentials: { id?: string; userName: string }[], accountSid: string, keepFor?: { recipeIds: string[]; credentials: string[] }): Plan {
  const sid = run.trunkSid;
  const steps: Step[] = [];
  const warnings: string[] = [];
  if (sid) {
    const mine = run.resources.credential?.userName;
    for (const c of credentials) {
      if (!c.id || isExotelOwnCredential(c, sid)) continue;
      if (keepFor && (c.userName !== mine || keepFor.credentials.includes(c.userName))) continue;
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
    if (keepFor) {
      const who = keepFor.recipeIds.join(', ');
      warnings.push(`Trunk ${sid} stays: ${who} uses it too. Only ${run.recipeId}'s own credential is deleted; its numbers stay mapped to the trunk (Exotel's API has no call that unmaps a number), and ${run.recipeId} is forgotten here.`);
    } else steps.push({
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
    warnings,
    ...(keepFor && sid ? { keptFor: keepFor.recipeIds } : {}),
  };
}
