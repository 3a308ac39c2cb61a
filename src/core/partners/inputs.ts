/**
 * PartnerInputs from the render context the engine already builds for the paste-ready templates: one source
 * of truth for the files a user pastes and the bodies exotrunk sends.
 */
import type { RenderContext } from '../render/context.js';
import { Secret } from '../secret.js';
import { namedTransport } from '../sip-uri.js';
import { isPartnerId, type PartnerId, type PartnerInputs } from './types.js';

/** The partner a recipe configures through its API, or undefined for the recipes that have none here. */
export function partnerOfRecipe(recipeId: string): PartnerId | undefined {
  return isPartnerId(recipeId) ? recipeId : undefined;
}

export function partnerInputsFromContext(ctx: RenderContext): PartnerInputs {
  const partner = partnerOfRecipe(ctx.recipe.id);
  if (!partner) throw new Error(`recipe ${ctx.recipe.id} has no partner API side`);
  const password = ctx.secrets.sip_password;
  return {
    partner,
    direction: ctx.direction,
    inbound: ctx.inbound,
    outbound: ctx.outbound,
    trunkName: ctx.exotel.trunk_name,
    did: ctx.exotel.did,
    edge: { host: ctx.exotel.edge.host, port: ctx.exotel.edge.port, transport: ctx.exotel.edge.transport, hostport: ctx.exotel.edge.hostport },
    digest: ctx.exotel.auth === 'digest' || ctx.exotel.auth === 'both',
    sipUsername: ctx.exotel.sip_username,
    sipPassword: password ? new Secret(password) : undefined,
    signallingIps: [...ctx.exotel.signalling_ips],
    destinationUri: ctx.exotel.destination_uri,
    answers: { ...ctx.answers },
  };
}

/** "tls" / "tcp" / "udp" from a destination URI such as abc.india.sip.livekit.cloud:5061;transport=tls */
export const destinationTransport = (uri: string): 'tls' | 'tcp' | 'udp' | undefined => namedTransport(uri);

export const answerText = (inputs: PartnerInputs, id: string): string => {
  const v = inputs.answers[id];
  return typeof v === 'string' ? v.trim() : '';
};

/** Every form a called number may arrive in: the one copy, shared with the templates (render/helpers.ts). */
export { numberForms } from '../render/helpers.js';
