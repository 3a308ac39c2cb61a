/**
 * Fault injection for the sandbox: a spec like "500:0.05,503:0.05,429:0.05,reset:0.03,lost:0.02,slow:0.01"
 * gives each fault kind a probability per request. One seeded draw per request picks at most one fault,
 * so the same seed and the same request order give the same faults (tests rely on it).
 */
import { InputError } from '../core/errors.js';

export const FAULT_KINDS = ['500', '503', '429', 'reset', 'lost', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** probability (0..1) of each fault kind per request; kinds left out never happen */
export type FaultSpec = Partial<Record<FaultKind, number>>;

const FAULT_HELP = `expected "kind:probability" pairs separated by commas, kinds ${FAULT_KINDS.join(', ')}; e.g. "500:0.05,reset:0.02"`;

function isFaultKind(s: string): s is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(s);
}

export function parseFaultSpec(spec: string): FaultSpec {
  const text = spec.trim();
  if (text === '' || text === 'none') return {};
  const out: FaultSpec = {};
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = /^([A-Za-z0-9]+)\s*:\s*([0-9]*\.?[0-9]+)$/.exec(part);
    if (!m) throw new InputError(`Bad fault spec part "${part}"`, { why: FAULT_HELP, fix: 'Fix --faults' });
    const kind = m[1].toLowerCase();
    if (!isFaultKind(kind)) {
      throw new InputError(`Unknown fault kind "${m[1]}"`, { why: FAULT_HELP, fix: 'Fix --faults' });
    }
    if (kind in out) throw new InputError(`Fault kind "${kind}" given twice`, { why: FAULT_HELP, fix: 'Fix --faults' });
    const p = Number(m[2]);
    if (!(p >= 0 && p <= 1)) {
      throw new InputError(`Fault probability for "${kind}" must be between 0 and 1, got ${m[2]}`, { why: FAULT_HELP });
    }
    out[kind] = p;
  }
  checkFaultSpec(out);
  return out;
}

/** Validates a spec given as an object (same rules as the string form). */
export function checkFaultSpec(spec: FaultSpec): FaultSpec {
  let sum = 0;
  for (const [kind, p] of Object.entries(spec)) {
    if (!isFaultKind(kind)) throw new InputError(`Unknown fault kind "${kind}"`, { why: FAULT_HELP });
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new InputError(`Fault probability for "${kind}" must be between 0 and 1`, { why: FAULT_HELP });
    }
    sum += p;
  }
  // One draw picks one fault, so the probabilities share the unit interval.
  if (sum > 1 + 1e-9) {
    throw new InputError(`Fault probabilities add up to ${sum}, more than 1`, { why: FAULT_HELP });
  }
  return spec;
}

/** mulberry32: tiny, fast and good enough for test fault injection; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPicker {
  private random: () => number;
  constructor(
    private spec: FaultSpec,
    private readonly seed: number,
  ) {
    this.random = seededRandom(seed);
  }
  setSpec(spec: FaultSpec): void {
    this.spec = spec;
  }
  /** restart the sequence from the seed */
  reseed(): void {
    this.random = seededRandom(this.seed);
  }
  /** the fault for the next request, or undefined; draws only when some fault is configured */
  next(): FaultKind | undefined {
    const kinds = FAULT_KINDS.filter((k) => (this.spec[k] ?? 0) > 0);
    if (kinds.length === 0) return undefined;
    const r = this.random();
    let acc = 0;
    for (const k of kinds) {
      acc += this.spec[k] ?? 0;
      if (r < acc) return k;
    }
    return undefined;
  }
}
