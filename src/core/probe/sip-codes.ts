/**
 * SIP response codes and media symptoms, with causes and fixes, as data. Paraphrased from seed 002
 * §16 "SIP Error Codes & Troubleshooting Guide" (tables 1–7), §15 "Network & Firewall Configuration"
 * (ports, RTP range), the QoS "Common Issues" table (SIP ALG), and the partner troubleshooting tables
 * (ElevenLabs: 401 digest mismatch, 403 inbound ACL, 408 DNS/firewall; LiveKit: 403 / 4001).
 * The X-Exotel-ErrorCode header name comes from shared/docs/partner-facts.md (LiveKit pitfalls).
 */
export interface SipCodeExplanation {
  code: number;
  meaning: string;
  causes: string[];
  fixes: string[];
}

export interface MediaIssue {
  symptom: string;
  causes: string[];
  fixes: string[];
}

const RTP = 'UDP 10000–40000 (RTP) open both ways to and from the Exotel media IPs (Exotel\'s Network & Firewall Configuration page); other Exotel pages say 10000–20000 or 10000–60000, 10000–40000 is the network page';
const ALG = 'Disable SIP ALG on every router and firewall (Cisco ASA, Fortinet, Juniper, Mikrotik, pfSense, ISP routers): it is the #1 cause of VoIP issues';
const CODEC = 'Enable G.711 A-law (PCMA) and put it first; PCMU is also accepted; disable transcoding';

const TABLE: SipCodeExplanation[] = [
  { code: 100, meaning: 'Trying: the request was received and is being processed', causes: ['Normal behaviour'], fixes: ['Nothing to do'] },
  { code: 180, meaning: 'Ringing: the destination is ringing', causes: ['Normal behaviour'], fixes: ['Nothing to do'] },
  { code: 183, meaning: 'Session Progress: early media (IVR, announcements)', causes: ['Normal behaviour'], fixes: ['If the early audio is missing, check the RTP ports: ' + RTP] },
  {
    code: 200,
    meaning: 'OK: the request succeeded (for a call: connected)',
    causes: ['Signalling works'],
    fixes: ['If a call connects with no audio, the problem is media, not SIP: ' + RTP, 'One-way audio: NAT or firewall; put the public IP in SDP; ' + ALG],
  },
  { code: 400, meaning: 'Bad Request: malformed SIP headers or SDP', causes: ['Malformed SIP headers or SDP'], fixes: ['Read the SIP logs for the invalid header'] },
  {
    code: 401,
    meaning: 'Unauthorized: digest authentication required or failed',
    causes: ['Digest mismatch: the user name or password on the platform differs from the credentials on the Exotel trunk (POST /trunks/{trunk_sid}/credentials)', 'Credentials sent to the wrong edge (digest is for in.voip.exotel.com:5070 TCP / :443 TLS)'],
    fixes: ['Re-enter the same user name and password on both sides', 'List the trunk credentials and recreate them if in doubt', 'Dial in.voip.exotel.com:5070 (TCP) or :443 (TLS) for digest'],
  },
  {
    code: 403,
    meaning: 'Forbidden: the source is not allowed',
    causes: [
      'Source IP not whitelisted on the trunk ACL, and no digest credentials',
      'X-Exotel-ErrorCode: 4001: digest, ACL or edge mismatch (wrong credentials, IP not on the ACL, or the wrong edge host:port)',
      'Inbound: the partner\u2019s own ACL does not allow the Exotel signalling IPs 35.154.174.161, 98.130.67.66, 129.154.231.198',
    ],
    fixes: ['Use digest credentials (cloud platforms) or whitelist a single static /32 IP (POST …/whitelisted-ips, mask 32)', 'Check the edge host:port and transport Exotel assigned', 'On the partner side allow the Exotel signalling source IPs'],
  },
  { code: 404, meaning: 'Not Found: invalid DID or routing', causes: ['The number is not mapped to the trunk', 'Wrong number format'], fixes: ['Check the phone-number mapping (GET /trunks/{trunk_sid}/phone-numbers)', 'Send numbers in E.164 (+91…)'] },
  { code: 407, meaning: 'Proxy Authentication Required: digest challenge from a proxy', causes: ['Credentials required and not sent, or sent with the wrong realm'], fixes: ['Configure digest user name and password matching the Exotel trunk credentials'] },
  {
    code: 408,
    meaning: 'Request Timeout: no SIP response',
    causes: ['Firewall blocks signalling, or the host is unreachable', 'DNS points to the wrong host', 'Wrong transport (Exotel documents TCP 5070 and TLS 443, not UDP)'],
    fixes: ['Allow 443/TLS or 5070/TCP to and from the Exotel edge', 'Check that the FQDN resolves and is reachable (exotrunk probe)', 'Match transport and port'],
  },
  { code: 410, meaning: 'Gone: number inactive or removed', causes: ['The DID is inactive'], fixes: ['Check the DID status'] },
  { code: 415, meaning: 'Unsupported Media Type: codec not supported', causes: ['Codec mismatch'], fixes: [CODEC] },
  { code: 480, meaning: 'Temporarily Unavailable: endpoint unreachable', causes: ['The PBX or agent is not registered, not running or not reachable'], fixes: ['Check the PBX / platform availability and that the agent is published'] },
  { code: 484, meaning: 'Address Incomplete: invalid number format', causes: ['Number not in E.164'], fixes: ['Use E.164 (+91…)'] },
  { code: 486, meaning: 'Busy Here: destination busy', causes: ['Normal behaviour: the callee is busy'], fixes: ['Retry later'] },
  { code: 487, meaning: 'Request Terminated: the request was cancelled before an answer', causes: ['The caller hung up (CANCEL) or a ring timeout fired'], fixes: ['Normal when the caller abandons; otherwise check ringing timeouts'] },
  { code: 488, meaning: 'Not Acceptable Here: SDP / codec mismatch', causes: ['No common codec: Exotel accepts G.711 A-law (PCMA) only in India', 'SRTP offered where plain RTP is expected'], fixes: [CODEC, 'Offer plain RTP unless SRTP was agreed'] },
  { code: 500, meaning: 'Server Internal Error: processing failure', causes: ['Internal failure on the answering side'], fixes: ['Retry the call; if it persists, raise a ticket with the Call SID'] },
  { code: 502, meaning: 'Bad Gateway: upstream routing issue', causes: ['Upstream routing issue'], fixes: ['Retry'] },
  { code: 503, meaning: 'Service Unavailable: destination unreachable or overloaded', causes: ['Network or routing problem toward the destination', 'Destination overloaded or in maintenance'], fixes: ['Check network and routing; retry later; configure the secondary edge for failover'] },
  { code: 504, meaning: 'Server Time-out: no upstream response', causes: ['Firewall or latency upstream'], fixes: ['Check firewall and latency'] },
  { code: 580, meaning: 'Precondition Failure: media negotiation failed', causes: ['RTP / NAT'], fixes: [RTP] },
  { code: 600, meaning: 'Busy Everywhere: all endpoints busy', causes: ['Normal behaviour'], fixes: ['Retry'] },
  { code: 603, meaning: 'Decline: the endpoint rejected the call', causes: ['The PBX dialplan or the platform rejected it'], fixes: ['Check the PBX dialplan / platform routing for this number'] },
  { code: 604, meaning: 'Does Not Exist Anywhere: invalid number', causes: ['The number does not exist'], fixes: ['Check the DID'] },
  { code: 606, meaning: 'Not Acceptable: media policy failure', causes: ['Codec or SDP refused'], fixes: [CODEC] },
];

const BY_CODE = new Map(TABLE.map((e) => [e.code, e]));

/** The explanation for one SIP status code, or undefined when the table has no row for it. */
export function explainSipCode(code: number): SipCodeExplanation | undefined {
  return BY_CODE.get(code);
}

export const KNOWN_SIP_CODES: readonly number[] = TABLE.map((e) => e.code);

/** Media problems show no SIP error at all (seed 002 §16.6, §15.1, QoS "Common Issues"). */
export const MEDIA_ISSUES: readonly MediaIssue[] = [
  { symptom: 'No audio both ways', causes: ['RTP blocked by a firewall', 'SIP ALG rewriting SDP'], fixes: [RTP, ALG] },
  { symptom: 'One-way audio', causes: ['NAT / firewall: a private IP in SDP', 'SIP ALG enabled'], fixes: ['Put the public IP in SDP (symmetric RTP)', ALG, RTP] },
  { symptom: 'Audio drops after answer (30–60 s)', causes: ['RTP / UDP session timeout on the firewall'], fixes: ['Set the firewall UDP session timeout to at least 180 s'] },
  { symptom: 'IVR audio but no agent audio', causes: ['Asymmetric RTP'], fixes: ['Enable symmetric RTP'] },
  { symptom: 'DTMF not detected', causes: ['RTP UDP ports blocked'], fixes: [RTP] },
  { symptom: 'Choppy / robotic voice', causes: ['Jitter above 40 ms or packet loss above 1%'], fixes: ['Check congestion; mark DSCP EF (46)'] },
  { symptom: 'Codec mismatch (415 / 488)', causes: ['G.711 A-law not offered first'], fixes: [CODEC] },
];

/** A one-line class description for codes the table lacks. */
export function sipClass(code: number): string {
  if (code >= 100 && code < 200) return 'provisional';
  if (code < 300) return 'success';
  if (code < 400) return 'redirection';
  if (code < 500) return 'client error';
  if (code < 600) return 'server error';
  return 'global failure';
}
