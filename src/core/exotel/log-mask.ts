/**
 * Masking for the verbose log. Two layers: JSON keys that hold secrets are masked structurally, then every
 * known secret value is redacted from the final text (src/core/secret.ts `redact`) as the last line of defence.
 */
import { redact, Secret } from '../secret.js';

const SECRET_KEY = /pass(word)?|token|secret|authorization/i;

export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined ? Secret.mask : maskJson(v);
    }
    return out;
  }
  return value;
}

/** Body text for a log line: masked JSON when it parses, else the raw text (truncated); always redacted. */
export function maskBody(text: string, secrets: Iterable<Secret | string | undefined>, max = 4000): string {
  let shown: string;
  try {
    shown = JSON.stringify(maskJson(JSON.parse(text)));
  } catch {
    shown = text;
  }
  if (shown.length > max) shown = `${shown.slice(0, max)}… (${shown.length - max} more chars)`;
  return redact(shown, secrets);
}
