/**
 * Handlebars' `strict: true` only checks plain `{{a.b}}` lookups: helper and block parameters
 * (`{{#if a.typo}}`, `{{json a.typo}}`) still read a missing field as undefined and render "" or "null".
 * Wrapping the data in a proxy that throws on a missing field makes every lookup strict.
 */

/** Reads that libraries make on purpose and that must stay undefined (JSON.stringify, await, inspection). */
const PROBES = new Set(['toJSON', 'then', 'constructor', 'inspect', 'nodeType', 'length']);

export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`variable "${variable}" is not defined`);
    this.name = 'MissingVariableError';
  }
}

const isPlain = (v: unknown): v is object => {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

export function strictData<T>(value: T, path = ''): T {
  if (!isPlain(value)) return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      if (typeof key === 'symbol') return Reflect.get(target, key, receiver);
      if (key in target || PROBES.has(key)) {
        return strictData(Reflect.get(target, key, receiver), path ? `${path}.${key}` : key);
      }
      throw new MissingVariableError(path ? `${path}.${key}` : key);
    },
  }) as T;
}
