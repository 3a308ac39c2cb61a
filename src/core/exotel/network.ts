/**
 * Exotel's network facts (Exotel's SIP trunking guide, "Network & Firewall Configuration"), beside the client:
 * the edges a partner dials, the signalling and media IPs a partner's firewall allows. The renderer, the
 * rules and the partner bodies all read them from here.
 */
import { formatSipUri, sipHost } from '../sip-uri.js';

/** Exotel's SIP signalling source IPs (AWS Mumbai, AWS Hyderabad, OCI legacy). */
export const EXOTEL_SIGNALLING_IPS = ['35.154.174.161', '98.130.67.66', '129.154.231.198'];

/**
 * Exotel media (RTP) IPs, §15.4: the India pool first, then the legacy pools, de-duplicated, each as a /32.
 * The seed lists single addresses (one line lacks a comma: "35.154.118.78 40.192.25.80" is two IPs).
 */
const INDIA_POOL = [
  '3.6.59.115', '13.127.39.217', '43.205.221.135', '13.203.184.147', '13.203.182.84', '13.203.81.133',
  '3.7.34.113', '13.126.206.147', '35.154.177.121', '13.205.31.133', '35.154.118.78', '40.192.25.80',
  '98.130.133.120', '16.112.157.119', '16.112.117.9', '18.61.59.229', '18.61.247.215',
];
const LEGACY_POOLS = [
  '141.148.205.58', '144.24.101.99', '80.225.231.27', '140.245.21.212', '141.148.216.227', // OCI
  '14.194.10.247', '61.246.82.75', // Karnataka DC
  '14.142.38.122', '182.76.143.61', // Mumbai DC
  '121.242.97.185', '182.73.254.178', // Madhya Pradesh DC
];
export const EXOTEL_MEDIA_CIDRS = [...new Set([...INDIA_POOL, ...LEGACY_POOLS])].map((ip) => `${ip}/32`);

/** RTP range from the network doc; the ElevenLabs connector says 10000-60000, the go-live list 10000-20000. */
export const EXOTEL_RTP_PORTS = { from: 10000, to: 40000 };
/** Signalling ports toward the Exotel edge. */
export const EXOTEL_SIP_PORTS = { tcp: 5070, tls: 443 };
export const DEFAULT_EDGE_HOST = 'in.voip.exotel.com';
export const TRUNK_SID_PLACEHOLDER = '<trunk_sid>';

/** The Exotel edge a partner dials: host, the port of its transport, and the URI forms templates use. */
export interface EdgeInfo {
  host: string; // e.g. in.voip.exotel.com
  port: number; // 5070 tcp, 443 tls
  transport: 'tls' | 'tcp';
  hostport: string; // "in.voip.exotel.com:5070"
  sip_uri: string; // "sip:in.voip.exotel.com:5070;transport=tcp"
}

/** The edge for a host answer (with or without sip:, default in.voip.exotel.com) and a transport (tls, else tcp). */
export function edgeInfo(host: string, transport: string): EdgeInfo {
  const t = transport === 'tls' ? 'tls' : 'tcp';
  const port = EXOTEL_SIP_PORTS[t];
  const h = sipHost(host) || DEFAULT_EDGE_HOST;
  return { host: h, port, transport: t, hostport: `${h}:${port}`, sip_uri: formatSipUri({ scheme: 'sip', host: h, port, transport: t }) };
}
