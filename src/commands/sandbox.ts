/**
 * `exotrunk sandbox`: every flag is checked here, before the server starts (exit 2 with the fix on bad input).
 * One small parser per group of flags, so a new group (e.g. partner stand-ins) is one more function in `parse`.
 */
import { InputError } from '../core/engine/light.js';
import type { OptionValues } from 'commander';
import type { SandboxCommandOptions } from '../sandbox/command.js';
import { flag, text, wholeNumber } from './options.js';

type Raw = OptionValues;

/** A numeric flag: the command table parsed it already; given here directly (tests), it is parsed the same way. */
const int = (v: unknown, name: string, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  const r = wholeNumber(v, min, max);
  if (!r.ok) throw new InputError(`--${name} ${r.message}`);
  return r.value;
};

function core(o: Raw): Partial<SandboxCommandOptions> {
  return {
    host: text(o, 'host'),
    port: int(o.port, 'port', 0, 65_535),
    apiKey: text(o, 'apiKey'),
    apiToken: text(o, 'apiToken'),
    latencyMs: int(o.latencyMs, 'latency-ms', 0, 600_000),
    rateLimitPerMinute: int(o.rateLimit, 'rate-limit', 1, 10_000_000),
    faults: text(o, 'faults'),
    seed: int(o.seed, 'seed', 0, 2 ** 31 - 1),
    partners: flag(o, 'partners'),
  };
}

async function credentials(o: Raw): Promise<Partial<SandboxCommandOptions>> {
  const v = o.autoCredentials;
  if (v === undefined || v === false) return {};
  const { AUTO_CREDENTIAL_SHAPES } = await import('../sandbox/routes/context.js');
  const shape = v === true ? 'pair' : String(v);
  if (!(AUTO_CREDENTIAL_SHAPES as readonly string[]).includes(shape)) {
    throw new InputError(`--auto-credentials "${shape}" is not valid: use pair (the default: GET returns {username, password}) or list (a list item without the password).`);
  }
  return { autoCredentials: shape as SandboxCommandOptions['autoCredentials'] };
}

async function tls(o: Raw): Promise<Partial<SandboxCommandOptions>> {
  const cert = text(o, 'tlsCert');
  const key = text(o, 'tlsKey');
  const dir = text(o, 'tlsDir');
  if (!o.tls && cert === undefined && key === undefined) {
    if (dir !== undefined) throw new InputError('--tls-dir is where --tls puts the certificate it makes: add --tls.');
    return {};
  }
  if (o.tls && (cert !== undefined || key !== undefined)) {
    throw new InputError('--tls makes its own certificate; --tls-cert / --tls-key serve yours: use one or the other.');
  }
  const { generateSelfSigned, loadTlsFiles } = await import('../sandbox/tls.js');
  if (o.tls) return { tlsFiles: generateSelfSigned(dir) };
  if (!cert || !key) {
    throw new InputError(`--${cert ? 'tls-key' : 'tls-cert'} is missing: HTTPS needs both the certificate and its key.`, {
      fix: 'Pass --tls-cert FILE --tls-key FILE (PEM), or --tls alone for a self-signed certificate for 127.0.0.1.',
    });
  }
  if (dir !== undefined) throw new InputError('--tls-dir applies to --tls only: your own --tls-cert / --tls-key stay where they are.');
  return { tlsFiles: loadTlsFiles(cert, key) };
}

/** Cheap checks first, so a bad --port is reported before a certificate is made. */
export async function parse(o: Raw): Promise<SandboxCommandOptions> {
  const base = core(o);
  const creds = await credentials(o);
  return { ...base, ...creds, ...(await tls(o)) };
}

export default async function sandbox(_args: unknown[], o: Raw): Promise<number> {
  const opts = await parse(o);
  const { runSandboxCommand } = await import('../sandbox/command.js');
  return runSandboxCommand(opts, { stdout: process.stdout, stderr: process.stderr });
}
