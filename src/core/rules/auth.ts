/**
 * The ACL-versus-digest, destination-order and number-mode rules (exotel-facts.md rules 1-6).
 * Pure: answers in, a plan out, each decision with the one sentence the user sees. Refusals are InputErrors.
 */
import ipaddr from 'ipaddr.js';
import { InputError } from '../errors.js';
import type { AuthInput, AuthPlan, Decision, TrunkAuth } from './contract.js';
import { explainRule } from './explain.js';
import { fqdn } from './hosts.js';
import { classifyIPv4, isCidr, singleFromCidr } from './ip.js';
import { sipHost } from '../sip-uri.js';

interface SplitIps {
  singles: string[];
  ranges: string[];
}

const uniq = (items: string[]) => [...new Set(items)];
const listed = (items: string[]) => items.join(', ');
/** Sentence case for a partner name that may be the default "the partner". */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const isAre = (items: string[]) => (items.length === 1 ? 'is an IP range' : 'are IP ranges');

/** Single public IPs (normalised; "/32" is one IP) and ranges; anything else is refused with its range named. */
function splitIps(raw: string[], source: string): SplitIps {
  const out: SplitIps = { singles: [], ranges: [] };
  for (const item of raw.map((s) => s.trim()).filter(Boolean)) {
    const single = singleFromCidr(item);
    if (single === undefined && isCidr(item)) {
      out.ranges.push(item);
      continue;
    }
    const ip = single ?? item;
    const { range, label } = classifyIPv4(ip);
    if (range === 'invalid') throw new InputError(`${JSON.stringify(item)} in ${source} is not an IPv4 address.`, { fix: 'Enter single public IPv4 addresses such as 44.248.146.11, separated by commas.' });
    if (range !== 'public') {
      throw new InputError(`${ip} in ${source} is in ${label}, which Exotel cannot whitelist.`, { fix: 'Enter the public IPv4 addresses the partner sends SIP from.' });
    }
    out.singles.push(ipaddr.IPv4.parse(ip).toString());
  }
  return { singles: uniq(out.singles), ranges: uniq(out.ranges) };
}

interface OutboundPlan {
  digest: boolean;
  aclIps: string[];
  decisions: Decision[];
  warnings: string[];
}

const DIGEST_TAIL = 'so outbound calls authenticate with SIP digest credentials';

function digestOnly(reason: string, warnings: string[] = []): OutboundPlan {
  return { digest: true, aclIps: [], decisions: [{ topic: 'outbound-auth', choice: 'digest', reason }], warnings };
}

/** Rules 1-3: how calls from the partner toward Exotel prove who they are. */
function decideOutbound(input: AuthInput, partner: string): OutboundPlan {
  const { egress, policy } = input;
  const user = splitIps(input.userIps, 'the IPs you gave');
  const recipeIps = egress.kind === 'static' || egress.kind === 'user' ? splitIps(egress.ips, 'the recipe').singles : [];
  const singles = uniq([...recipeIps, ...user.singles]);
  const notUsed = (why: string) => (user.singles.length ? [`The IPs you gave (${listed(user.singles)}) are not whitelisted: ${why}.`] : []);

  if (policy === 'digest') {
    // say what happens to every address typed, ranges included, since none of them is used
    const ranges = user.ranges.length ? [`${listed(user.ranges)} ${isAre(user.ranges)}, and would not be whitelisted anyway: Exotel takes single IPs only (mask 32); this recipe uses digest credentials.`] : [];
    return digestOnly(`This recipe authenticates outbound calls from ${partner} with SIP digest credentials, so no partner IP is whitelisted.`, [...notUsed('this recipe uses digest credentials only'), ...ranges]);
  }
  if (user.ranges.length) {
    if (policy === 'acl') {
      throw new InputError(`${listed(user.ranges)} ${isAre(user.ranges)}, and Exotel whitelists single IPs only (mask 32).`, {
        why: explainRule(2),
        fix: 'Enter the single static IPs the partner sends SIP from, or use digest credentials.',
      });
    }
    return digestOnly(`${listed(user.ranges)} ${isAre(user.ranges)}, and Exotel whitelists single IPs only (mask 32), ${DIGEST_TAIL}.`, notUsed('the partner also sends from ranges'));
  }
  if (singles.length === 0) {
    if (policy === 'acl') {
      throw new InputError(`ACL authentication needs at least one single static IP for ${partner}, and none was given.`, {
        why: explainRule(1),
        fix: 'Enter the static IPs the partner sends SIP from (partner_egress_ips), or use digest credentials.',
      });
    }
    if (egress.kind === 'cidr') {
      const ranges = egress.cidrs.length ? ` (${listed(egress.cidrs)})` : '';
      return digestOnly(`${cap(partner)} publishes IP ranges${ranges}, and Exotel whitelists single IPs only (mask 32), ${DIGEST_TAIL}.`);
    }
    if (egress.kind === 'dynamic') return digestOnly(`${cap(partner)} has no fixed egress IP, and Exotel whitelists single static IPs only, ${DIGEST_TAIL}.`);
    return digestOnly(`No static IP was given for ${partner}, ${DIGEST_TAIL}.`);
  }
  return aclPlan(input, partner, singles);
}

/** Single static IPs: one ACL entry each, mask 32; digest on top only with rule 3's confirmation. */
function aclPlan(input: AuthInput, partner: string, ips: string[]): OutboundPlan {
  const warnings: string[] = [];
  if (input.egress.kind === 'cidr' || input.egress.kind === 'dynamic') {
    const published = input.egress.kind === 'cidr' ? 'publishes IP ranges' : 'has no fixed egress IP';
    warnings.push(`${cap(partner)} ${published}; only the IPs you gave are whitelisted, so calls from any other address will be refused (403).`);
  }
  const decisions: Decision[] = [
    { topic: 'acl', choice: listed(ips), reason: `Each IP gets its own ACL entry with mask 32, because Exotel does not whitelist ranges.` },
  ];
  let digest = false;
  if (input.wantDigestToo) {
    if (!input.allowMixedAuth) {
      throw new InputError(`This recipe does not allow digest credentials on top of ACL entries.`, {
        why: explainRule(3),
        fix: 'Keep ACL only, or use the PBX / SBC recipe, which allows both once Exotel approves.',
      });
    }
    if (!input.mixConfirmed) {
      throw new InputError(`ACL plus digest on one trunk needs Exotel's approval for your account first.`, {
        why: explainRule(3),
        fix: 'Confirm that Exotel approved ACL + digest (answer mix_approved), or keep ACL only.',
      });
    }
    digest = true;
    decisions.push({
      topic: 'mixed-auth',
      choice: 'acl+digest',
      reason: 'Exotel approved ACL plus digest for this account, so the trunk whitelists the IPs and also requires the credentials.',
    });
  }
  const plural = ips.length === 1 ? 'a single static IP' : 'single static IPs';
  decisions.unshift({
    topic: 'outbound-auth',
    choice: digest ? 'acl+digest' : 'acl',
    reason: `${cap(partner)} sends from ${plural} (${listed(ips)}), so Exotel whitelists ${ips.length === 1 ? 'it' : 'each one'} (mask 32)${digest ? ' and also checks digest credentials' : ' and outbound calls need no digest credentials'}.`,
  });
  return { digest, aclIps: ips, decisions, warnings };
}

/** Rule 4: an IP destination needs its ACL entry first; an FQDN needs none; unroutable IPs are refused. */
function decideDestination(raw: string): { decisions: Decision[]; aclIp?: string } {
  const h = sipHost(raw);
  if (/^[\d./]+$/u.test(h)) {
    const { range, label } = classifyIPv4(h);
    if (range === 'cidr') throw new InputError(`The destination ${h} is an IP range: a destination is one host.`, { fix: "Use the partner's SIP host name or its single public IP." });
    if (range === 'invalid') throw new InputError(`The destination ${JSON.stringify(h)} is not a valid IPv4 address.`, { fix: "Use the partner's SIP host name or its public IPv4 address." });
    if (range !== 'public') {
      throw new InputError(`The destination ${h} is in ${label}, and Exotel refuses documentation and non-routable destinations (207 / 1002).`, {
        why: explainRule(4),
        fix: "Use the partner's public IP or its SIP host name.",
      });
    }
    const ip = ipaddr.IPv4.parse(h).toString();
    return {
      aclIp: ip,
      decisions: [
        { topic: 'destination', choice: ip, reason: `The destination ${ip} is an IP address, so the trunk needs an ACL entry for it.` },
        { topic: 'order', choice: `acl ${ip} before destination`, reason: `${ip} must be whitelisted before it can be a destination, so its ACL entry is created first.` },
      ],
    };
  }
  const r = fqdn(h);
  if (!r.ok) throw new InputError(`The destination host is not valid. ${r.message}`);
  return { decisions: [{ topic: 'destination', choice: r.value, reason: `The destination ${r.value} is a host name, and an FQDN destination needs no ACL entry.` }] };
}

/** Rule 6: pstn for outbound and Connect; flow for Voicebot / StreamKit applets. */
function modeDecision(input: AuthInput): Decision {
  if (input.numberMode === 'flow') {
    return { topic: 'mode', choice: 'flow', reason: 'Calls to this number go to a Voicebot / StreamKit applet, so the number is mapped in flow mode.' };
  }
  const reason =
    input.direction === 'outbound'
      ? 'Outbound calls go straight to the phone network, so the number is mapped in pstn mode.'
      : 'Calls reach the trunk through a Connect applet (and go out to the phone network), so the number is mapped in pstn mode.';
  return { topic: 'mode', choice: 'pstn', reason };
}

/** The trunk's authentication in one word, from the decisions just made; 'both' only with Exotel's approval recorded. */
function trunkAuthOf(plan: Omit<AuthPlan, 'trunkAuth'>): TrunkAuth {
  if (plan.digest && plan.aclIps.length && plan.decisions.some((d) => d.topic === 'mixed-auth')) return 'both';
  if (plan.digest) return 'digest';
  return plan.aclIps.length ? 'acl' : 'none';
}

/** The decision for a path that creates nothing at Exotel (Rapida's native path): no trunk, so no authentication. */
export function noTrunkAuth(numberMode: 'pstn' | 'flow'): AuthPlan {
  return { trunkAuth: 'none', digest: false, aclIps: [], destinationNeedsAcl: false, mode: numberMode, decisions: [], warnings: [] };
}

/**
 * Every ACL-versus-digest, destination and number-mode decision for one trunk, with its reason, and the outcome
 * in one word (trunkAuth). The recipe's own IPs count as partner egress on an outbound leg; on an inbound-only
 * trunk they are whitelisted after the other decisions, with digest on top only once Exotel approved the mix.
 */
export function decideAuth(input: AuthInput): AuthPlan {
  const own = input.recipeAcl?.ips ?? [];
  const inboundOnly = input.direction === 'inbound';
  const plan = decideTrunk(inboundOnly || !own.length ? input : { ...input, userIps: [...input.userIps, ...own] });
  const withOwn = inboundOnly && own.length ? inboundRecipeAcl(plan, input, own) : plan;
  return { trunkAuth: trunkAuthOf(withOwn), ...withOwn };
}

/** A recipe's own IPs on an inbound-only trunk: whitelisted in every direction, after the rules have decided. */
function inboundRecipeAcl(plan: Omit<AuthPlan, 'trunkAuth'>, input: AuthInput, own: string[]): Omit<AuthPlan, 'trunkAuth'> {
  // Digest on top of a recipe's own ACL (StreamKit) follows the same rule as outbound: only with Exotel's approval.
  if (plan.digest && input.allowMixedAuth && input.wantDigestToo && !input.mixConfirmed) {
    throw new InputError('ACL plus digest on one trunk needs Exotel\'s approval for your account first.', {
      why: explainRule(3),
      fix: 'Confirm that Exotel approved ACL + digest (answer mix_approved), or keep ACL only (also_digest: no).',
    });
  }
  const ips = own.filter((ip) => !plan.aclIps.includes(ip));
  const decisions: Decision[] = [...plan.decisions, { topic: 'acl', choice: own.join(', '), reason: `${input.recipeAcl!.title} needs these static IPs whitelisted on the trunk (mask 32) in every direction.` }];
  if (plan.digest && input.allowMixedAuth) {
    decisions.push({ topic: 'mixed-auth', choice: 'acl+digest', reason: 'Exotel approved ACL plus digest for this account, so the trunk whitelists the server IPs and also requires the digest credentials.' });
  }
  return { ...plan, aclIps: [...ips, ...plan.aclIps], decisions };
}

function decideTrunk(input: AuthInput): Omit<AuthPlan, 'trunkAuth'> {
  const partner = input.partnerName?.trim() || 'the partner';
  const decisions: Decision[] = [];
  const warnings: string[] = [];
  let digest = false;
  let aclIps: string[] = [];

  if (input.direction !== 'inbound') {
    const out = decideOutbound(input, partner);
    ({ digest, aclIps } = out);
    decisions.push(...out.decisions);
    warnings.push(...out.warnings);
  } else if (input.userIps.some((s) => s.trim())) {
    warnings.push('The partner IPs you gave are not whitelisted: inbound-only calls need no partner ACL entry, only an IP destination does.');
  }

  if (input.credentialsAlways && !digest) {
    digest = true;
    decisions.push({ topic: 'outbound-auth', choice: 'digest', reason: 'This setup needs SIP digest credentials on the trunk in every direction, so they are created.' });
    if (aclIps.length) warnings.push(`The trunk now has ACL entries and digest credentials; ask Exotel to confirm this mix for your account (see Exotel's SIP trunking API reference, "When to use Credentials vs ACL").`);
  }

  let destinationNeedsAcl = false;
  if (input.destinationHost?.trim()) {
    const d = decideDestination(input.destinationHost);
    decisions.push(...d.decisions);
    if (d.aclIp) {
      destinationNeedsAcl = true;
      aclIps = uniq([...aclIps, d.aclIp]);
      if (digest) warnings.push(`The destination IP ${d.aclIp} is whitelisted on a trunk that also uses digest credentials (see Exotel's SIP trunking API reference, "When to use Credentials vs ACL"); a host-name destination avoids the mix.`);
    }
  } else if (input.direction !== 'outbound' && input.numberMode === 'flow') {
    // Voicebot / StreamKit: the number runs its Flow, which never dials the trunk's destination
    decisions.push({
      topic: 'destination',
      choice: 'none',
      reason: "Calls to this number run its Flow (flow mode), so the trunk needs no destination URI; Exotel's StreamKit setup adds none (its FAQ calls one mandatory: add one if Exotel asks).",
    });
  } else if (input.direction !== 'outbound') {
    warnings.push('No destination URI: inbound calls need one (Exotel\'s SIP trunking API reference, "Map Destination URI to Trunk"), unless the partner routes them another way.');
  }

  decisions.push(modeDecision(input));
  return { digest, aclIps, destinationNeedsAcl, mode: input.numberMode, decisions, warnings };
}

export { explainRule } from './explain.js';
