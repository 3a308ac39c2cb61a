/**
 * What every template sees. Built by the engine from the recipe, the answers, the rules' decisions and the
 * state journal; rendered by src/core/render with Handlebars in strict mode.
 */
import type { EdgeInfo } from '../exotel/network.js';
import type { Direction } from '../recipes/schema.js';

export type { EdgeInfo };

export interface RenderContext {
  /** exotrunk as a command line names it, as the user launched it ("exotrunk", "npx exotrunk", …: src/core/cli-name.ts) */
  cli: string;
  recipe: { id: string; title: string; facts_checked: string; facts_source: string };
  direction: Direction;
  outbound: boolean;
  inbound: boolean;
  /** non-secret answers by question id (common keys too: trunk_name, did, sip_username, edge_host, …) */
  answers: Record<string, string | boolean | string[]>;
  /** secret answers by question id, revealed (sip_password always present when digest is used, else "") */
  secrets: Record<string, string>;
  exotel: {
    account_sid: string;
    region: string;
    trunk_name: string;
    /** "<trunk_sid>" placeholder until the trunk exists */
    trunk_sid: string;
    trunk_sid_known: boolean;
    domain_name: string; // {account_sid}.pstn.exotel.com
    did: string; // E.164
    number_mode: 'pstn' | 'flow';
    connect_value: string; // "sip:<trunk_sid>"
    auth: 'digest' | 'acl' | 'both' | 'none';
    sip_username: string;
    edge: EdgeInfo;
    /** the destination URI as sent (no sip: prefix), or "" when none */
    destination_uri: string;
    /** ACL IPs on the trunk */
    acl_ips: string[];
    signalling_ips: string[]; // 35.154.174.161, 98.130.67.66, 129.154.231.198
    media_cidrs: string[]; // seed 002 §15.4
    rtp_ports: { from: number; to: number }; // 10000-40000
    sip_ports: { tcp: number; tls: number }; // 5070, 443
  };
}
