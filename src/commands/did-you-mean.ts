/** "did you mean …?" for a mistyped command or recipe id: the known names within a small edit distance. */

export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** Names close to `word`: within a third of their length (at least 1), or starting with it; closest first. */
export function nearNames(word: string, names: string[]): string[] {
  const w = word.toLowerCase();
  return names
    .map((n) => ({ n, d: editDistance(w, n.toLowerCase()) }))
    .filter(({ n, d }) => d <= Math.max(1, Math.floor(n.length / 3)) || (w.length >= 3 && n.toLowerCase().startsWith(w)))
    .sort((a, b) => a.d - b.d)
    .map(({ n }) => n);
}

export const didYouMean = (word: string, names: string[]) => {
  const near = nearNames(word, names);
  return near.length ? ` (did you mean ${near.join(' or ')}?)` : '';
};
