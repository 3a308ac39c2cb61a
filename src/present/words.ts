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
