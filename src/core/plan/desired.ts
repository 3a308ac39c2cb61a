import type { Desired, Inputs } from '../engine/types.js';

export const withSip = (d: string) => (/^sips?:/i.test(d) ? d : `sip:${d}`);

/** What the recipe wants to exist on the trunk, from validated inputs. */
export function desiredState(inputs: Inputs): Desired {
  return {
    trunkName: inputs.trunkName,
    numbers: inputs.skipTrunk || !inputs.did ? [] : [{ phoneNumber: inputs.did, mode: inputs.numberMode }],
    acl: inputs.auth.aclIps,
    credential: inputs.auth.digest && inputs.sipUsername ? { userName: inputs.sipUsername } : null,
    destinations: inputs.destination ? [withSip(inputs.destination)] : [],
    alias: inputs.alias ?? null,
  };
}
