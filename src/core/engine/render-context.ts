/**
 * From validated inputs (the rules' decision included) to the context every template sees. `Engine.render`
 * and the golden tests both come through here, so a golden file shows exactly what `apply` writes.
 */
import { buildRenderContext } from '../render/build-context.js';
import type { RenderContext } from '../render/context.js';
import { EXOTEL_PASSWORD_KEY } from './inputs.js';
import type { Inputs } from './types.js';

export function renderContextFor(inputs: Inputs, opts: { account: { sid: string; region: string }; trunkSid?: string }): RenderContext {
  const answers: Record<string, unknown> = { ...inputs.answers.values, ...inputs.answers.secrets };
  if (inputs.credentialSource === 'exotel') {
    // the templates know one credential: sip_username / sip_password
    answers.sip_username = inputs.sipUsername;
    answers.sip_password = inputs.sipPassword;
    delete answers[EXOTEL_PASSWORD_KEY];
  }
  return buildRenderContext({
    recipe: inputs.recipe,
    direction: inputs.direction,
    answers: answers as never,
    account: opts.account,
    trunkSid: opts.trunkSid,
    auth: inputs.auth.trunkAuth,
    destinationUri: inputs.destination ?? '',
    aclIps: inputs.auth.aclIps,
    numberMode: inputs.numberMode,
  });
}
