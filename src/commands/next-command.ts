/**
 * The command that continues what this one did, with the flags that chose the answers and the state (never a
 * secret: those are not taken from flags). Printed by `plan` ("Apply it with: …").
 */
import { DEFAULT_STATE, type AnswerFlags, type Globals } from './options.js';

/** A word as a shell reads it: bare when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.,:/=+@%^-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function commandFor(verb: string, recipeId: string, g: Pick<Globals, 'state' | 'profile' | 'sandbox'>, a: AnswerFlags): string {
  const words = ['exotrunk', verb, recipeId];
  for (const s of a.set) words.push('--set', shellWord(s));
  if (a.answers !== undefined) words.push('--answers', shellWord(a.answers));
  if (a.trunkSid !== undefined) words.push('--trunk-sid', shellWord(a.trunkSid));
  if (g.state !== DEFAULT_STATE) words.push('--state', shellWord(g.state));
  if (g.profile !== undefined) words.push('--profile', shellWord(g.profile));
  if (g.sandbox) words.push('--sandbox');
  return words.join(' ');
}
