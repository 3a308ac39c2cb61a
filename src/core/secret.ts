import { inspect } from 'node:util';

const MASK = '••••••••';

/**
 * A secret is a type, not a string: it prints as a mask everywhere (String(), JSON, util.inspect,
 * template literals) and only `reveal()` hands out the value, at the one place that must send it.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  get length(): number {
    return this.#value.length;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
  static mask = MASK;
}

export const isSecret = (v: unknown): v is Secret => v instanceof Secret;

/** Replace every occurrence of the given secret values in a text by the mask. */
export function redact(text: string, secrets: Iterable<Secret | string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    const v = s instanceof Secret ? s.reveal() : s;
    if (v && v.length >= 4) out = out.split(v).join(MASK);
  }
  return out;
}
