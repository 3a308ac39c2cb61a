import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP, type Socket } from 'node:net';
import { parseSipMessage, SipStreamParser, type SipMessage } from './sip-options.js';

/** One way to send SIP to the peer and hear back, whatever the transport. */
export interface SipChannel {
  readonly localAddress: string;
  readonly localPort: number;
  readonly reliable: boolean;
  send(text: string): void;
  /** Called for every message received; `onClose` when the peer ends a stream (never for UDP). */
  onMessage(cb: (m: SipMessage) => void): void;
  onClose(cb: (why: string) => void): void;
  close(): void;
}

/** A channel over a connected TCP or TLS socket; messages framed by Content-Length. */
export function streamChannel(socket: Socket): SipChannel {
  const parser = new SipStreamParser();
  const listeners: ((m: SipMessage) => void)[] = [];
  const closers: ((why: string) => void)[] = [];
  const closeWith = (why: string) => closers.forEach((c) => c(why));
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const m of parser.push(chunk)) listeners.forEach((l) => l(m));
    } catch (e) {
      closeWith(`unparseable answer: ${(e as Error).message}`);
    }
  });
  socket.on('error', (e: NodeJS.ErrnoException) => closeWith(`connection error ${e.code ?? e.message}`));
  socket.on('end', () => closeWith('the server closed the connection'));
  socket.on('close', () => closeWith('the connection closed'));
  return {
    localAddress: socket.localAddress ?? '127.0.0.1',
    localPort: socket.localPort ?? 0,
    reliable: true,
    send: (text) => void socket.write(text),
    onMessage: (cb) => void listeners.push(cb),
    onClose: (cb) => void closers.push(cb),
    close: () => socket.destroy(),
  };
}

/**
 * The local address the kernel would use toward `address`: connecting a UDP socket sends nothing, it only
 * picks a route. The Via must carry a reachable address, not 0.0.0.0.
 */
async function routeSource(address: string, port: number): Promise<string> {
  const probe = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.connect(port, address, () => resolve());
    });
    return probe.address().address;
  } finally {
    probe.close();
  }
}

/**
 * A channel over an unconnected UDP socket. Unconnected on purpose: answers may come from another port of the
 * peer, and a closed port then reads as silence (a timeout), as it would through most firewalls.
 */
export async function udpChannel(address: string, port: number): Promise<SipChannel> {
  const localAddress = await routeSource(address, port);
  const socket: UdpSocket = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, () => resolve());
  });
  socket.removeAllListeners('error');
  socket.on('error', () => undefined);
  const listeners: ((m: SipMessage) => void)[] = [];
  socket.on('message', (buf) => {
    try {
      const m = parseSipMessage(buf.toString('utf8'));
      listeners.forEach((l) => l(m));
    } catch {
      // Not SIP (stray datagram, keep-alive): ignore, as a SIP stack would.
    }
  });
  return {
    localAddress,
    localPort: socket.address().port,
    reliable: false,
    send: (text) => socket.send(text, port, address),
    onMessage: (cb) => void listeners.push(cb),
    onClose: () => undefined,
    close: () => socket.close(),
  };
}
