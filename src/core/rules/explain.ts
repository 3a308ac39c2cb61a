/**
 * The ACL-versus-digest rules in plain language (exotel-facts.md, checked against seed 002 "Trunk ACL",
 * "When to use Credentials vs ACL" and the Voice AI guides). Used by `doctor` and the wizard.
 */
export type RuleNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const RULES: Record<RuleNumber, string> = {
  1: 'Outbound calls (partner → Exotel → phone network) must prove who they are: either SIP digest credentials on the trunk (the usual choice for cloud Voice AI platforms), or ACL entries when the partner sends from a single static IP, one entry per IP with mask 32.',
  2: 'Exotel cannot whitelist IP ranges (CIDR): a partner that publishes only ranges, such as Retell’s 18.98.16.120/30, or has no fixed egress IP, uses digest credentials.',
  3: 'Do not put ACL entries and digest credentials on the same trunk unless Exotel has confirmed it for your account: once IPs are whitelisted, the source IP can become the main trust signal and digest behaves confusingly. The documented exception is your own PBX or SBC with stable IPs that wants both.',
  4: 'Inbound calls (phone network → Exotel → partner) need a destination URI (host:port;transport=tls|tcp). An IP destination must be whitelisted first, or Exotel answers 207 / 1002 "Destination not whitelisted"; a host name (FQDN) needs no ACL entry. Documentation and private IPs are refused.',
  5: 'Inbound calls also need an App Bazaar Flow whose Connect applet dials exactly sip:<trunk_sid> (the sid only), with your ExoPhone assigned to that Flow. These are dashboard steps.',
  6: 'Each number on the trunk has a mode: pstn for outbound calls and for inbound calls through a Connect applet, flow for Voicebot, StreamKit and other App Bazaar applets.',
  7: 'A Connect applet with a dynamic URL returns JSON choosing the trunk (destination.trunk) and may pass up to 3 custom SIP headers, 200 bytes in total, none starting with Exotel- or Veen-.',
};

export function explainRule(n: RuleNumber): string {
  const text = RULES[n];
  if (text === undefined) throw new RangeError(`There is no rule ${String(n)}: rules are numbered 1 to 7.`);
  return text;
}
