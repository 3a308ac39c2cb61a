/**
 * The command that continues what this one did, with the flags that chose the answers and the state (never a
 * secret: those are not taken from flags). Printed by `plan` ("Apply it with: …").
 */

/** A word as a shell reads it: bare when safe, else in single quotes. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.,:/=+@%^-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function commandFor(verb: string, recipeId: string, o: Record<string, unknown>): string {
  const words = ['exotrunk', verb, recipeId];
  for (const s of (o.set as string[] | undefined) ?? []) words.push('--set', shellWord(s));
  if (typeof o.answers === 'string') words.push('--answers', shellWord(o.answers));
  if (typeof o.trunkSid === 'string') words.push('--trunk-sid', shellWord(o.trunkSid));
  if (typeof o.state === 'string' && o.state !== '.exotrunk/state.json') words.push('--state', shellWord(o.state));
  if (typeof o.profile === 'string') words.push('--profile', shellWord(o.profile));
  if (o.sandbox === true) words.push('--sandbox');
  return words.join(' ');
}
