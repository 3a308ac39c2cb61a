import type { OptionValues } from 'commander';
import { probeCommand } from './probe.js';
import { flag, num, text } from './options.js';

/** `exotrunk probe <target>`: the flags (--attempts and --timeout-ms already parsed by the table) as typed options. */
export default async function probeCli(args: unknown[], o: OptionValues): Promise<number> {
  return probeCommand(
    String(args[0]),
    { json: flag(o, 'json'), attempts: num(o, 'attempts'), timeoutMs: num(o, 'timeoutMs'), insecure: flag(o, 'insecure'), servername: text(o, 'servername') },
    { stdout: process.stdout, stderr: process.stderr },
  );
}
