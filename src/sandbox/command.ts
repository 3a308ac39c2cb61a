/**
 * `exotrunk sandbox`: run the local Exotel stand-in until SIGINT / SIGTERM. The base URL is the first line
 * on stdout (scripts read it); everything meant for a person goes to stderr.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UserError } from '../core/errors.js';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './server.js';
import { certWarnings, type TlsFiles } from './tls.js';
import { cliName } from '../core/cli-name.js';

/** The server's options plus what only the command knows: the TLS files to serve (already loaded and checked). */
export interface SandboxCommandOptions extends Omit<SandboxOptions, 'tls'> {
  tlsFiles?: TlsFiles;
  /** also serve the LiveKit, ElevenLabs and Retell stand-ins */
  partners?: boolean;
}

export interface SandboxIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  return isIP(host) !== 0 && ipaddr.parse(host).range() === 'loopback';
}

function hint(url: string, opts: SandboxCommandOptions): string {
  const key = opts.apiKey ?? 'sandbox';
  // a token the user chose is theirs to know; the default one is no secret and is shown to save typing
  const token = opts.apiToken === undefined || opts.apiToken === 'sandbox' ? 'sandbox' : '<the --api-token you gave>';
  const tls = opts.tlsFiles;
  const trust = tls ? `NODE_EXTRA_CA_CERTS=${tls.certPath} ` : '';
  const lines = [
    `Exotel sandbox listening on ${url} (in memory; everything is lost on exit)`,
    `  API key: ${key}   API token: ${token}   account SID: any`,
    `  Point exotrunk at it:`,
    `    ${trust}EXOTEL_BASE_URL=${url} EXOTEL_API_KEY=${key} EXOTEL_API_TOKEN=${token} EXOTEL_ACCOUNT_SID=sandbox ${cliName()} …`,
    `  Test endpoints: GET ${url}/__sandbox/state, GET ${url}/__sandbox/requests, POST ${url}/__sandbox/reset`,
  ];
  if (tls) {
    lines.push(
      `  HTTPS certificate${tls.generated ? ' (self-signed for 127.0.0.1 and localhost, 30 days; removed on exit)' : ''}: ${tls.certPath}`,
      `    curl: curl --cacert ${tls.certPath} ${url}/…   (or CURL_CA_BUNDLE=${tls.certPath} for scripts you do not edit)`,
      `    Exotel's curl scripts: SUBDOMAIN=${url.replace(/^https:\/\//, '')} CURL_CA_BUNDLE=${tls.certPath} ./create_trunk.sh`,
    );
  }
  if (opts.autoCredentials) {
    lines.push(`  Each new trunk gets Exotel's own credential (username = the trunk sid), listed in the ${opts.autoCredentials === 'pair' ? 'single {username, password} shape of Exotel\'s API reference' : 'list shape, without its password'}.`);
  }
  lines.push(`  Stop with Ctrl-C.`);
  if (opts.host && !isLoopback(opts.host)) {
    lines.push(`  Warning: listening on ${opts.host}, reachable from other machines; the sandbox has no real security.`);
  }
  return lines.join('\n') + '\n';
}

async function start(opts: SandboxCommandOptions): Promise<SandboxHandle> {
  const { tlsFiles, ...rest } = opts;
  try {
    return await startSandbox({ ...rest, tls: tlsFiles && { cert: tlsFiles.cert, key: tlsFiles.key } });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const where = `${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}`;
    if (code === 'EADDRINUSE') {
      throw new UserError(`Cannot start the sandbox: ${where} is already in use.`, { fix: 'Pick another --port, or --port 0 for any free one.' });
    }
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UserError(`Cannot start the sandbox on ${where} (${code}).`, { fix: 'Use --host 127.0.0.1 and a port above 1023.' });
    }
    throw e;
  }
}

/** `--partners`: the LiveKit, ElevenLabs and Retell stand-ins too; their variables follow the URL on stdout. */
async function startPartners(opts: SandboxCommandOptions, io: SandboxIo): Promise<{ close(): Promise<void> }> {
  const { partnerEnv, startPartnerStandIns } = await import('./partners/index.js');
  const p = await startPartnerStandIns({ host: opts.host, faults: opts.faults, seed: opts.seed, latencyMs: opts.latencyMs, slowMs: opts.slowMs });
  const env = partnerEnv(p);
  for (const [k, v] of Object.entries(env)) io.stdout.write(`${k}=${v}\n`);
  io.stderr.write(
    [
      `Partner stand-ins (in memory, sandbox keys, not real secrets): LiveKit ${p.livekit.url}, ElevenLabs ${p.elevenlabs.url}, Retell ${p.retell.url}`,
      `  Agents that exist: agent_sandbox (ElevenLabs and Retell). Test endpoints on each: /__sandbox/state, /__sandbox/requests, POST /__sandbox/reset`,
      `  Point the partners' SDKs (and exotrunk) at them with the variables printed on stdout.`,
    ].join('\n') + '\n',
  );
  return p;
}

/**
 * stdout: the base URL on the first line; with TLS, the certificate to trust on the second; with --partners, the
 * partner stand-ins' variables (NAME=value) after those. Everything for a
 * person goes to stderr.
 */
export async function runSandboxCommand(opts: SandboxCommandOptions, io: SandboxIo): Promise<number> {
  let sandbox: SandboxHandle;
  try {
    sandbox = await start(opts);
  } catch (e) {
    removeGenerated(opts.tlsFiles);
    throw e;
  }
  io.stdout.write(`${sandbox.url}\n`);
  if (opts.tlsFiles) io.stdout.write(`${opts.tlsFiles.certPath}\n`);
  io.stderr.write(hint(sandbox.url, opts));
  for (const w of opts.tlsFiles ? certWarnings(opts.tlsFiles, opts.host ?? '127.0.0.1') : []) io.stderr.write(`  Warning: ${w}\n`);
  let partners: { close(): Promise<void> } | undefined;
  try {
    partners = opts.partners ? await startPartners(opts, io) : undefined;
  } catch (e) {
    await sandbox.close();
    removeGenerated(opts.tlsFiles);
    throw e;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (s: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(s);
    };
    // Ctrl-C stops the server cleanly here: not the entry's early handler (cli.ts), which exits at once
    for (const l of process.listeners('SIGINT')) if ((l as { exotrunkEarly?: boolean }).exotrunkEarly) process.off('SIGINT', l);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await Promise.all([sandbox.close(), partners?.close()]);
  removeGenerated(opts.tlsFiles);
  io.stderr.write(`Sandbox stopped (${signal}).\n`);
  return 0;
}

/** A self-signed pair the sandbox made in its own temporary folder is useless after it stops. */
function removeGenerated(tls: TlsFiles | undefined): void {
  if (tls?.generated && tls.temporary) rmSync(dirname(tls.certPath), { recursive: true, force: true });
}
