/**
 * Words both front ends share: counts with the right plural, so no screen says "1 hold" or "these 1 changes".
 * No Ink and no engine here: the wizard and the headless commands import it alike.
 */

/** "1 step", "3 steps"; irregular plurals given in full ("1 entry", "2 entries"). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The verb that agrees with a count: "1 holds", "2 hold". */
export const agree = (n: number, singular: string, plural: string) => (n === 1 ? singular : plural);

/** "a, b and c" */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Command groups whose sub-command is part of the command (`credentials rotate`, `profile save`). */
const GROUPS = new Set(['recipes', 'trunk', 'numbers', 'acl', 'credentials', 'destinations', 'alias', 'profile']);
const NBSP = '\u00a0';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The spaces inside each command of this program that a sentence names ("exotrunk apply livekit --answers a.yaml") become
 * no-break spaces, so a word wrap never splits the command; `unglue` turns them back after wrapping. A command
 * is the program's name, the verb (and a group's sub-command), one argument, and flags with their values:
 * "exotrunk verify retell checks the trunk" keeps "exotrunk verify retell" together and lets the prose wrap.
 */
export function glueCommands(text: string, cli: string): string {
  // a script run by path ("sh .exotrunk/out/livekit/livekit-commands.sh") stays whole too
  const withScripts = text.replace(/(^|\s)sh (\S+\.sh)\b/g, `$1sh${NBSP}$2`);
  if (!cli) return withScripts;
  return withScripts.replace(new RegExp(`(^|[\\s(\`'"])(${escapeRe(cli)})((?: [^\\s]+)+)`, 'g'), (_all, pre: string, name: string, rest: string) => {
    const words = rest.slice(1).split(' ');
    const taken: string[] = [];
    let positional = 0;
    const arg = /^[<\w+@][\w.+:@<>/=…-]*[.,;:)]?$/u;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const last = taken.at(-1);
      if (i === 0 || (i === 1 && GROUPS.has(taken[0]!))) {
        if (!/^[a-z][a-z-]*[.,;:]?$/.test(w)) break;
      } else if (w.startsWith('-')) {
        // a flag
      } else if (last?.startsWith('--') && !last.includes('=') && arg.test(w)) {
        // the flag's value
      } else if (positional < 1 && arg.test(w)) positional++;
      else break;
      taken.push(w);
      if (/[.,;:)]$/.test(w)) break; // the sentence goes on after the command
    }
    const glued = [name.replaceAll(' ', NBSP), ...taken].join(NBSP);
    const left = words.slice(taken.length).join(' ');
    return `${pre}${glued}${left ? ` ${glueCommands(left, cli)}` : ''}`;
  });
}

/** Undo glueCommands after wrapping. */
export const unglue = (text: string) => text.replaceAll(NBSP, ' ');

/**
 * Where a line's text starts after its mark (a step number, a bullet, a ✓, a padded label): the lines a word
 * wrap adds hang there. "  1. Paste…" → "  1. ", "  Trunk        trmum…" → the label and its padding.
 */
export const lineLead = (line: string): string => /^(\s*(?:\d+\.\s+|[•!✓✗-]\s+|[A-Z][A-Za-z ]{0,15}?\s{2,})?)/u.exec(line)?.[1] ?? '';
