/**
 * `exotrunk sandbox`: run the local Exotel stand-in until SIGINT / SIGTERM. The base URL is the first line
 * on stdout (scripts read it); everything meant for a person goes to stderr.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UserError } from '../core/errors.js';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './server.js';

export interface SandboxIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  return isIP(host) !== 0 && ipaddr.parse(host).range() === 'loopback';
}

function hint(url: string, opts: SandboxOptions): string {
  const key = opts.apiKey ?? 'sandbox';
  // a token the user chose is theirs to know; the default one is no secret and is shown to save typing
  const token = opts.apiToken === undefined || opts.apiToken === 'sandbox' ? 'sandbox' : '<the --api-token you gave>';
  const lines = [
    `Exotel sandbox listening on ${url} (in memory; everything is lost on exit)`,
    `  API key: ${key}   API token: ${token}   account SID: any`,
    `  Point exotrunk at it:`,
    `    EXOTEL_BASE_URL=${url} EXOTEL_API_KEY=${key} EXOTEL_API_TOKEN=${token} EXOTEL_ACCOUNT_SID=sandbox exotrunk …`,
    `  Test endpoints: GET ${url}/__sandbox/state, GET ${url}/__sandbox/requests, POST ${url}/__sandbox/reset`,
    `  Stop with Ctrl-C.`,
  ];
  if (opts.host && !isLoopback(opts.host)) {
    lines.push(`  Warning: listening on ${opts.host}, reachable from other machines; the sandbox has no real security.`);
  }
  return lines.join('\n') + '\n';
}

async function start(opts: SandboxOptions): Promise<SandboxHandle> {
  try {
    return await startSandbox(opts);
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
async function startPartners(opts: SandboxOptions, io: SandboxIo): Promise<{ close(): Promise<void> }> {
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

export async function runSandboxCommand(opts: SandboxOptions & { partners?: boolean }, io: SandboxIo): Promise<number> {
  const sandbox = await start(opts);
  io.stdout.write(`${sandbox.url}\n`);
  io.stderr.write(hint(sandbox.url, opts));
  const partners = opts.partners ? await startPartners(opts, io).catch(async (e) => {
    await sandbox.close();
    throw e;
  }) : undefined;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (s: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(s);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await Promise.all([sandbox.close(), partners?.close()]);
  io.stderr.write(`Sandbox stopped (${signal}).\n`);
  return 0;
}
