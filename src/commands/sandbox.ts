import { InputError } from '../core/errors.js';

const int = (v: unknown, name: string, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InputError(`--${name} "${String(v)}" is not valid: use a whole number ≥ ${min}.`);
  return n;
};

export default async function sandbox(_args: unknown[], o: Record<string, unknown>): Promise<number> {
  const { runSandboxCommand } = await import('../sandbox/command.js');
  return runSandboxCommand(
    {
      host: o.host as string,
      port: int(o.port, 'port', 0),
      apiKey: o.apiKey as string,
      apiToken: o.apiToken as string,
      latencyMs: int(o.latencyMs, 'latency-ms', 0),
      rateLimitPerMinute: int(o.rateLimit, 'rate-limit', 1),
      faults: o.faults as string | undefined,
      seed: int(o.seed, 'seed', 0),
      partners: o.partners === true,
    },
    { stdout: process.stdout, stderr: process.stderr },
  );
}
