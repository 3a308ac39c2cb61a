/**
 * One seed for every fast-check property, so a red run replays exactly: FC_SEED=<n> replays or explores
 * another; FC_SEED=random draws one (test/global-setup.ts draws it once for the whole run and prints it).
 * Every property test file imports test/rules/arbitraries.ts, which imports this.
 */
import fc from 'fast-check';

/** The default: fixed, so CI and a newcomer's first `npm test` run the same cases. */
export const DEFAULT_FC_SEED = 20261129;

export function fcSeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FC_SEED?.trim();
  if (!raw) return DEFAULT_FC_SEED;
  if (raw === 'random') return (Math.random() * 2 ** 31) | 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(raw)}`);
  return n;
}

fc.configureGlobal({ seed: fcSeed() });
