import { CertificateProblem } from './connect.js';
import type { ProbeTarget } from './target.js';
import { StageTimeout } from './timeout.js';

type Stage = 'dns' | 'connect' | 'tls' | 'sip';

/** What most likely went wrong at a stage, in words that point at the fix (seed 002 §15, §16). */
export function likelyCause(stage: Stage, e: unknown, t: ProbeTarget): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  const timeout = e instanceof StageTimeout;
  switch (stage) {
    case 'dns':
      if (timeout || code === 'EAI_AGAIN' || code === 'ETIMEOUT') return 'No DNS answer in time: the resolver is unreachable or slow; check the network and /etc/resolv.conf.';
      if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'NXDOMAIN') return `The name ${t.host} does not resolve: check the spelling, or use the host Exotel assigned to the account.`;
      return `DNS lookup failed for ${t.host}.`;
    case 'connect':
      if (code === 'ECONNREFUSED') return `Connection refused: nothing listens on ${t.port}/tcp there, or a firewall rejects it. Check port and transport (Exotel: 5070/tcp, 443/tls).`;
      if (timeout) return 'No answer to the TCP connection: a firewall drops it, or the host is down. Allow 443/TLS or 5070/TCP outbound toward the edge.';
      if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'No route to the host: check the network, VPN and routing.';
      if (code === 'ECONNRESET') return 'The connection was reset: a firewall or the server refused it.';
      return 'The TCP connection failed.';
    case 'tls':
      if (e instanceof CertificateProblem) {
        if (/self-signed/.test(msg)) return 'The server presents a self-signed certificate: install a certificate from a public CA, or pass --insecure to probe anyway.';
        if (/expired/.test(msg)) return 'The server certificate has expired: renew it.';
        if (/does not match/.test(msg)) return 'The certificate is for another name: probe the name on the certificate, pass --servername, or fix the certificate.';
        return `The certificate is not trusted (${msg}): send the full chain, or pass --insecure to probe anyway.`;
      }
      if (timeout) return 'TCP connected but the TLS handshake never finished: the port may speak plain SIP (try transport=tcp).';
      if (/wrong version number|packet length too long|unknown protocol/i.test(msg)) return 'The port does not speak TLS: try transport=tcp, or the TLS port (443 on the Exotel edge).';
      if (code === 'ECONNRESET' || /socket disconnected/i.test(msg)) return 'The server hung up during the handshake: it may need a different SNI name (--servername) or TLS version.';
      return 'The TLS handshake failed.';
    case 'sip':
      if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'EADDRNOTAVAIL') return 'No route to the host from this machine: check the network (an IPv6 address without IPv6 connectivity?).';
      if (timeout && t.transport === 'udp') return 'No answer over UDP: nothing listens, a firewall drops the packets, or the server takes only TCP/TLS (Exotel documents 5070/tcp and 443/tls, not UDP).';
      if (timeout) return 'Connected, but no SIP answer: the port is not SIP, or the server drops OPTIONS from sources not on its ACL (408 territory: firewall / reachability).';
      if (/unparseable/.test(msg)) return 'The server answered with something that is not SIP: wrong port or transport.';
      return 'The server closed the connection without a SIP answer: it may refuse sources not on its ACL, or the port is not SIP.';
  }
}
