/**
 * Plain-text output for the headless commands: tables and prose that fit the terminal, colour only on a TTY.
 *
 * Widths are measured with string-width (ANSI codes and wide characters counted as the terminal shows them)
 * and prose is wrapped with wrap-ansi at word boundaries: a word longer than its column (a URI, a path) is
 * kept whole on a line of its own, never cut. Piped output is not wrapped at all, unless COLUMNS asks for it.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

const useColor = () => !!process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColor() ? `\u001b[${code}m${s}\u001b[0m` : s);
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const yellow = paint('33');

/**
 * How wide output to this stream may be: COLUMNS when set (the user's word), else the terminal's width, else
 * no limit (a pipe or a file: wrapping there only breaks lines that grep and copy-paste want whole).
 */
export function outputWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  if (stream.isTTY && stream.columns) return stream.columns;
  return Infinity;
}

/** Display width: what the terminal shows, without colour codes. */
export const width = (s: string) => stringWidth(s);

/** Pad to a display width (ANSI-aware). */
export const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - stringWidth(s)));

/**
 * Wrap prose at word boundaries to `max` columns. Each paragraph keeps its leading spaces on its first line;
 * the lines after it start `indent` spaces in. A word longer than the room (a URI, a path) stays whole. With no
 * limit the text comes back as it is.
 */
export function wrap(text: string, max: number = outputWidth(), indent = 0): string {
  if (!Number.isFinite(max)) return text;
  const lines = (t: string, w: number) => wrapAnsi(t, Math.max(10, w), { hard: false, trim: true, wordWrap: true }).split('\n');
  return text
    .split('\n')
    .map((para) => {
      const lead = /^\s*/.exec(para)?.[0] ?? '';
      const [first = '', ...rest] = lines(para.slice(lead.length), max - lead.length);
      const more = rest.length ? lines(rest.join(' '), max - indent).map((l) => ' '.repeat(indent) + l) : [];
      return [lead + first, ...more].join('\n');
    })
    .join('\n');
}

/** Cell text broken into lines of at most `w` columns at spaces; a longer word is a line of its own. */
function cellLines(s: string, w: number): string[] {
  if (!Number.isFinite(w)) return s.split('\n');
  return s.split('\n').flatMap((para) => wrapAnsi(para, w, { hard: false, trim: true, wordWrap: true }).split('\n'));
}

/**
 * A table with a header row, within `max` columns: the last column takes what the others leave, and a first
 * column of long text (a symptom, a title) is capped at 40 % of the width and wraps too, so no column is
 * squeezed to a sliver. With no limit (piped), every cell stays on one line.
 */
export function table(head: string[], rows: string[][], max: number = Math.min(outputWidth(), 160)): string {
  const cols = head.length;
  const natural = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map((l) => stringWidth(l))))));
  const widths = [...natural];
  if (Number.isFinite(max)) {
    const cap = Math.max(10, Math.floor((max - 2 * (cols - 1)) * 0.4));
    for (let i = 0; i < cols - 1; i++) widths[i] = Math.min(widths[i], Math.max(cap, stringWidth(head[i])));
    const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
    widths[cols - 1] = Math.max(12, Math.min(widths[cols - 1], max - fixed));
  }
  const fmt = (r: string[]) => {
    const cells = r.map((c, i) => cellLines(c ?? '', widths[i]));
    const height = Math.max(...cells.map((c) => c.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) lines.push(cells.map((c, i) => (i === cols - 1 ? c[k] ?? '' : padEnd(c[k] ?? '', widths[i]))).join('  ').trimEnd());
    return lines.join('\n');
  };
  return [bold(fmt(head)), ...rows.map(fmt)].join('\n');
}

export const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
export const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');
export const json = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + '\n');
