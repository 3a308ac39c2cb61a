import { withSip } from '../sip-uri.js';
import type { Desired, Inputs } from './types.js';

/**
 * What the recipe wants to exist on the trunk, from validated inputs, plus the numbers the user added to this
 * recipe's trunk with `exotrunk numbers add` (the journal's extraNumbers).
 */
export function desiredState(inputs: Inputs, extraNumbers: Record<string, 'pstn' | 'flow'> = {}): Desired {
  const own = inputs.skipTrunk || !inputs.did ? [] : [{ phoneNumber: inputs.did, mode: inputs.numberMode }];
  const extra = inputs.skipTrunk ? [] : Object.entries(extraNumbers).filter(([n]) => n !== inputs.did).map(([phoneNumber, mode]) => ({ phoneNumber, mode }));
  return {
    trunkName: inputs.trunkName,
    numbers: [...own, ...extra],
    acl: inputs.auth.aclIps,
    credential: !inputs.auth.digest
      ? null
      : inputs.credentialSource === 'exotel'
        ? { userName: inputs.sipUsername ?? '', exotel: true }
        : inputs.sipUsername
          ? { userName: inputs.sipUsername }
          : null,
    destinations: inputs.destination ? [withSip(inputs.destination)] : [],
    alias: inputs.alias ?? null,
  };
}
