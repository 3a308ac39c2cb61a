import { InputError } from '../core/errors.js';
import { probeCommand } from './probe.js';

export const intOpt = (v: unknown, name: string, min: number, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`--${name} "${String(v)}" is not valid: use a whole number from ${min} to ${max}.`);
  return n;
};

export default async function probeCli(args: unknown[], o: Record<string, unknown>): Promise<number> {
  return probeCommand(
    String(args[0]),
    {
      json: o.json === true,
      attempts: intOpt(o.attempts, 'attempts', 1, 20),
      timeoutMs: intOpt(o.timeoutMs, 'timeout-ms', 100, 60_000),
      insecure: o.insecure === true,
      servername: o.servername as string | undefined,
    },
    { stdout: process.stdout, stderr: process.stderr },
  );
}
