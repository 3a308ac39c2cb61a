/**
 * `exotrunk sandbox`: run the local Exotel stand-in until SIGINT / SIGTERM. The base URL is the first line
 * on stdout (scripts read it); everything meant for a person goes to stderr.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UserError } from '../core/errors.js';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './server.js';
import { cliName } from '../core/cli-name.js';

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
    `    EXOTEL_BASE_URL=${url} EXOTEL_API_KEY=${key} EXOTEL_API_TOKEN=${token} EXOTEL_ACCOUNT_SID=sandbox ${cliName()} …`,
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

export async function runSandboxCommand(opts: SandboxOptions, io: SandboxIo): Promise<number> {
  const sandbox = await start(opts);
  io.stdout.write(`${sandbox.url}\n`);
  io.stderr.write(hint(sandbox.url, opts));
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (s: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(s);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await sandbox.close();
  io.stderr.write(`Sandbox stopped (${signal}).\n`);
  return 0;
}
