/**
 * The authentication decision as the user reads it: one headline, one sentence of why, then the other
 * decisions under plain labels. Each fact once: the rules explain every decision on its own, so shown side by
 * side they repeat ("mask 32" in three bullets); here a bullet that only restates the why line is left out.
 */
import { sipHost } from '../core/engine/index.js';
import type { Inputs } from '../core/engine/types.js';


export interface AuthView {
  headline: string;
  why?: string;
  bullets: { label: string; text: string }[];
  warnings: string[];
}

const LABEL: Record<string, string> = {
  'mixed-auth': 'Digest as well',
  destination: 'Inbound destination',
  order: 'Order',
  mode: 'Number mode',
  acl: 'Whitelist',
};

/** The rules' decision (trunkAuth) in words, with what the trunk whitelists beside digest (a destination IP). */
export function authSummary(inputs: Inputs): string {
  const { trunkAuth, aclIps } = inputs.auth;
  if (inputs.skipTrunk) return 'no Exotel trunk is needed for this path';
  if (trunkAuth === 'none') return 'none needed';
  if (trunkAuth === 'acl') return `IP whitelist (ACL): ${aclIps.join(', ')}`;
  // digest, or both: the whitelist named too (Exotel's approved mix, or a destination IP beside digest)
  return aclIps.length ? `IP whitelist (${aclIps.join(', ')}) and SIP digest` : 'SIP digest (username and password)';
}

export function authView(inputs: Inputs): AuthView {
  const headline = `Authentication: ${authSummary(inputs)}`;
  if (inputs.skipTrunk) return { headline, bullets: [], warnings: inputs.auth.warnings };
  const decisions = inputs.auth.decisions;
  const outbound = decisions.find((d) => d.topic === 'outbound-auth');
  let why: string | undefined;
  if (outbound) {
    // digest for a partner without fixed IPs: the recipe's note says why in the partner's terms; published
    // ranges or ACL: the decision names the very ranges or IPs
    const eg = inputs.recipe.egress;
    why = outbound.choice === 'digest' && eg.note ? eg.note : outbound.reason;
    // the published addresses, when the sentence chosen does not already list them
    const listed = [...eg.ips, ...eg.cidrs];
    if (listed.length && !listed.some((a) => why!.includes(a))) why += ` ${inputs.recipe.title} sends SIP from ${eg.kind === 'cidr' ? 'the published ranges' : ''} ${listed.join(', ')}.`.replace('from  ', 'from ');
  } else if (inputs.direction === 'inbound') {
    const dest = inputs.destination ? ` to ${sipHost(inputs.destination)}` : '';
    const acl = decisions.find((d) => d.topic === 'acl');
    // "no whitelist is needed" only when none is made: a partner may want its IPs whitelisted for inbound too
    if (inputs.auth.trunkAuth === 'none') why = `Inbound only: Exotel sends the calls${dest}, and nothing sends SIP toward Exotel, so no credential or whitelist is needed there.`;
    else why = `Inbound only: Exotel sends the calls${dest}. ${acl ? acl.reason : `${inputs.recipe.title} still wants SIP digest on the trunk.`}`;
  }
  const hasOrder = decisions.some((d) => d.topic === 'order');
  const bullets = decisions
    .filter((d) => d.topic !== 'outbound-auth')
    // the ACL entries are in the headline and the why line already says "mask 32"
    .filter((d) => !(d.topic === 'acl' && (why ?? '').includes(d.reason)))
    .filter((d) => !(d.topic === 'acl' && outbound && /mask 32|\/32/.test(why ?? '')))
    // an IP destination: the order bullet says it needs its ACL entry first, which is all the destination one says
    .filter((d) => !(d.topic === 'destination' && hasOrder))
    .map((d) => ({ label: LABEL[d.topic] ?? d.topic, text: d.reason }));
  return { headline, why, bullets, warnings: inputs.auth.warnings };
}
