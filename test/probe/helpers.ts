import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A free port on 127.0.0.1, found by letting the kernel pick one and releasing it. */
export async function freePort(kind: 'tcp' | 'udp'): Promise<number> {
  if (kind === 'udp') {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const { port } = s.address();
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export function sippPath(): string {
  for (const p of ['/usr/bin/sipp', '/usr/local/bin/sipp']) if (existsSync(p)) return p;
  try {
    return execFileSync('which', ['sipp'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('sipp is not installed: the probe tests need a real SIP peer. Install it (Debian/Ubuntu: apt-get install sip-tester).');
  }
}

export interface Sipp {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
  log(): string;
}

/** Run sipp as a UAS on 127.0.0.1 with one of the fixture scenarios, over udp (u1) or tcp (t1). */
export async function startSipp(scenario: string, transport: 'udp' | 'tcp'): Promise<Sipp> {
  const bin = sippPath();
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-sipp-'));
  const port = await freePort(transport);
  const mediaPort = await freePort('udp');
  const args = ['-sf', join(FIXTURES, scenario), '-i', '127.0.0.1', '-p', String(port), '-t', transport === 'udp' ? 'u1' : 't1',
    '-mp', String(mediaPort), '-nd', '-nostdin', '-trace_err', '-error_file', join(dir, 'errors.log')];
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const log = () => {
    const errors = existsSync(join(dir, 'errors.log')) ? readFileSync(join(dir, 'errors.log'), 'utf8') : '';
    return `sipp ${args.join(' ')}\nstderr: ${stderr}\nerrors.log: ${errors}`;
  };
  return {
    port,
    child,
    log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A minimal SIP answerer for streams (TCP or TLS): reads an OPTIONS and echoes Via/From/To/Call-ID/CSeq
 * into a response. Independent of the code under test on purpose. `provisional` sends a 100 first.
 */
export function answerOptions(socket: Socket, status: string, opts: { provisional?: boolean; extra?: string[] } = {}): void {
  let buf = '';
  socket.on('data', (d) => {
    buf += d.toString();
    let end: number;
    while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
      const head = buf.slice(0, end);
      buf = buf.slice(end + 4);
      const pick = (n: string) => head.split('\r\n').filter((l) => l.toLowerCase().startsWith(`${n.toLowerCase()}:`));
      const echo = [...pick('Via'), ...pick('From'), ...pick('To').map((t) => `${t};tag=peer1`), ...pick('Call-ID'), ...pick('CSeq')];
      const msg = (s: string) => [`SIP/2.0 ${s}`, ...echo, ...(opts.extra ?? []), 'Content-Length: 0', '', ''].join('\r\n');
      if (opts.provisional) socket.write(msg('100 Trying'));
      socket.write(msg(status));
    }
  });
  socket.on('error', () => undefined);
}

export async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

export async function close(server: Server): Promise<void> {
  await new Promise<void>((r) => server.close(() => r()));
}

/**
 * A self-signed certificate made with openssl in a temp dir (SANs: the name and 127.0.0.1). With `expired`
 * it lies wholly in the past (January 2020): `openssl req -x509` cannot backdate, `openssl ca` can.
 */
export function selfSignedCert(cn: string, days = 30, expired = false): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-cert-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const subj = ['-subj', `/CN=${cn}/O=exotrunk test`, '-addext', `subjectAltName=DNS:${cn},IP:127.0.0.1`];
  if (!expired) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days), ...subj], { stdio: 'ignore' });
  } else {
    // `openssl ca` takes explicit -startdate / -enddate, so the certificate can lie wholly in the past.
    const csr = join(dir, 'req.csr');
    execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, ...subj], { stdio: 'ignore' });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(join(dir, 'ca.cnf'), [
      '[ca]', 'default_ca = d', '[d]', `dir = ${dir}`, 'database = $dir/index.txt', 'serial = $dir/serial', 'new_certs_dir = $dir',
      'default_md = sha256', 'policy = p', 'copy_extensions = copy', 'unique_subject = no', '[p]', 'commonName = supplied', 'organizationName = optional',
    ].join('\n'));
    execFileSync('openssl', ['ca', '-batch', '-selfsign', '-config', join(dir, 'ca.cnf'), '-keyfile', key, '-in', csr, '-out', cert,
      '-startdate', '20200101000000Z', '-enddate', '20200201000000Z', '-notext'], { stdio: 'ignore' });
  }
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}
