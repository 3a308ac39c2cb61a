/** The desired resources of a partner, by partner id. Pure. */
import { elevenlabsDesired } from './elevenlabs/desired.js';
import { livekitDesired } from './livekit/desired.js';
import { retellDesired } from './retell/desired.js';
import type { DesiredResource, PartnerInputs } from './types.js';

export function partnerDesired(inputs: PartnerInputs): DesiredResource[] {
  switch (inputs.partner) {
    case 'livekit':
      return livekitDesired(inputs);
    case 'elevenlabs':
      return elevenlabsDesired(inputs);
    case 'retell':
      return retellDesired(inputs);
  }
}
