/**
 * The one condition evaluator: questions, outputs, checklist items and resources all use it.
 */
import type { Direction, When } from './schema.js';

type AnswerValue = string | boolean | string[] | undefined;
type Expected = string | boolean | (string | boolean)[];

/**
 * True when every listed part holds (`any`: at least one of its conditions; `answered`: each of those answers is
 * filled in). An answer condition with a list means "any of these". A list answer
 * (kind: list) matches when it contains the expected value. A missing answer counts as `false` for a
 * boolean condition (an unasked confirm question is a "no") and never matches a string.
 */
export function evalWhen(when: When | undefined, direction: Direction, answers: Record<string, unknown>): boolean {
  if (!when) return true;
  if (when.direction && !when.direction.includes(direction)) return false;
  if (when.any && !when.any.some((w) => evalWhen(w, direction, answers))) return false;
  if (when.answered && !when.answered.every((key) => filledIn(answers[key]))) return false;
  for (const [key, expected] of Object.entries(when.answers ?? {})) {
    if (!matches(answers[key] as AnswerValue, expected as Expected)) return false;
  }
  return true;
}

function matches(actual: AnswerValue, expected: Expected): boolean {
  if (Array.isArray(expected)) return expected.some((e) => matchOne(actual, e));
  return matchOne(actual, expected);
}

function matchOne(actual: AnswerValue, expected: string | boolean): boolean {
  if (actual === undefined || actual === null) return expected === false;
  if (Array.isArray(actual)) return actual.some((a) => same(a, expected));
  return same(actual, expected);
}

/** An answer that says something: non-empty text (after trimming), a non-empty list, or yes. */
function filledIn(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'string') return v.trim() !== '' && v !== 'false';
  return v === true;
}

/** Answers from flags or env arrive as strings: "true" equals true. */
const same = (a: string | boolean, b: string | boolean): boolean => String(a) === String(b);

/** A condition in words, for `exotrunk recipes <id>`: "direction outbound or both, and edge_transport = tls". */
export function describeWhen(when: When): string {
  const parts: string[] = [];
  if (when.direction) parts.push(`direction ${when.direction.join(' or ')}`);
  for (const [key, expected] of Object.entries(when.answers ?? {})) {
    parts.push(`${key} = ${Array.isArray(expected) ? expected.map(String).join(' or ') : String(expected)}`);
  }
  for (const key of when.answered ?? []) parts.push(`${key} is filled in`);
  if (when.any) parts.push(`(${when.any.map(describeWhen).join('; or ')})`);
  return parts.join(', and ');
}
