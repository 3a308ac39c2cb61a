/**
 * The SIP transports a PBX needs for an Exotel trunk, one per leg: calls from the PBX go to the Exotel edge
 * over the edge transport (TCP 5070 / TLS 443); calls from Exotel arrive at the destination URI's transport and
 * port. When both legs use one protocol a single transport serves both; when they differ each gets its own,
 * on ports that do not collide (TCP and TLS both listen on TCP sockets).
 */
import { sipParts } from '../sip-uri.js';

export interface SipTransport {
  /** section / transport name, e.g. transport-exotel-tls */
  name: string;
  protocol: 'tcp' | 'tls';
  /** the listening port: the destination port for the inbound leg, else the protocol's usual port */
  port: number;
  inbound: boolean;
  outbound: boolean;
}

const USUAL_PORT = { tcp: 5060, tls: 5061 } as const;

/**
 * @param edgeTransport the transport toward the Exotel edge ('tcp' | 'tls'), used when `outbound`
 * @param destinationUri the trunk's destination ("host:port;transport=…"), "" when Exotel never calls in
 * @param outbound whether the PBX sends calls to Exotel
 */
export function sipTransports(edgeTransport: string, destinationUri: string, outbound: boolean): SipTransport[] {
  const out = edgeTransport === 'tls' ? 'tls' : 'tcp';
  const dest = destinationUri ? sipParts(destinationUri) : undefined;
  const inProto = dest ? (dest.transport === 'tls' ? 'tls' : 'tcp') : undefined;
  const name = (p: string) => `transport-exotel-${p}`;
  if (dest && inProto && (!outbound || inProto === out)) {
    return [{ name: name(inProto), protocol: inProto, port: dest.port, inbound: true, outbound }];
  }
  if (dest && inProto) {
    let port: number = USUAL_PORT[out];
    while (port === dest.port) port += 1;
    return [
      { name: name(inProto), protocol: inProto, port: dest.port, inbound: true, outbound: false },
      { name: name(out), protocol: out, port, inbound: false, outbound: true },
    ];
  }
  return [{ name: name(out), protocol: out, port: USUAL_PORT[out], inbound: false, outbound: true }];
}

/** Handlebars helpers over sipTransports (registered by render.ts). */
export const transportHelpers = {
  /** {{#each (sipTransports exotel.edge.transport exotel.destination_uri outbound)}} */
  sipTransports: (edge: unknown, destination: unknown, outbound: unknown) => sipTransports(String(edge ?? ''), String(destination ?? ''), outbound === true),
  /** the transport calls to Exotel leave from (the inbound one when the PBX never calls out) */
  sendingTransport: (edge: unknown, destination: unknown, outbound: unknown) => {
    const list = sipTransports(String(edge ?? ''), String(destination ?? ''), outbound === true);
    return list.find((t) => t.outbound) ?? list[0];
  },
};
