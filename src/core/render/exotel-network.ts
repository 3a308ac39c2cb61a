/**
 * Exotel's network facts (seed 002 §15 "Network & Firewall Configuration"), in one place for the renderer
 * and anyone else who needs them.
 */

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
/** IP-based (ACL) India edges, configure both for failover. */
export const EXOTEL_ACL_EDGES = ['edge.mum.in.exotel.com', 'edge.hyd.in.exotel.com'];
export const TRUNK_SID_PLACEHOLDER = '<trunk_sid>';
