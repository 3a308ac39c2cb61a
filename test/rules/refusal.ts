import { expect } from 'vitest';

/** A validator's answer is a refusal whose message says what is wrong (`why`) and shows what is valid (`valid`). */
export function expectRefusal(r: { ok: true } | { ok: false; message: string }, why: RegExp, valid: string): void {
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.message).toMatch(why);
    expect(r.message).toContain(valid);
  }
}
