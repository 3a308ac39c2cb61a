/**
 * The command that continues what this one did, with the flags that chose the answers (never a secret: those
 * are not taken from flags); the context flags (--state, --sandbox, --profile, …) come with cliName().
 * Printed by `plan` ("Apply it with: …").
 */
import { cliName } from '../core/engine/light.js';
import type { AnswerFlags } from './options.js';

/** A word as a shell reads it: bare when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.,:/=+@%^-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function commandFor(verb: string, recipeId: string, a: AnswerFlags): string {
  const words = [cliName(), verb, recipeId];
  for (const s of a.set) words.push('--set', shellWord(s));
  if (a.answers !== undefined) words.push('--answers', shellWord(a.answers));
  if (a.trunkSid !== undefined) words.push('--trunk-sid', shellWord(a.trunkSid));
  return words.join(' ');
}
