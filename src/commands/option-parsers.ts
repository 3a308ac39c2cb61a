/**
 * What commander calls while it parses the command line: the one parser for numeric flags, and --set's
 * collector. A bad value is a usage error (exit 2) that names the flag, before anything runs.
 */
import { InvalidArgumentError } from 'commander';
import { wholeNumber } from './options.js';

/** The one parser for numeric flags: `.option('--attempts <n>', '…', intArg('--attempts', 1, 20), 3)`. */
export const intArg = (flag: string, min: number, max: number) => (raw: string): number => {
  const r = wholeNumber(raw, min, max);
  if (!r.ok) throw new InvalidArgumentError(`${flag} ${r.message}`);
  return r.value;
};

/** Repeated `--set key=value`, collected in order. */
export const collect = (v: string, acc?: string[]): string[] => [...(acc ?? []), v];
