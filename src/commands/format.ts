/** Plain-text output for the headless commands: tables that fit 80 columns, and colour only on a TTY. */

const useColor = () => !!process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColor() ? `\u001b[${code}m${s}\u001b[0m` : s);
export const bold = paint('1');
export const dim = paint('2');
export const green = paint('32');
export const red = paint('31');
export const yellow = paint('33');

/**
 * A table with a header row, within `width`: the last column takes what the others leave, and a first column
 * of long text (a symptom, a title) is capped at 40 % of the width and wraps too, so no column is squeezed
 * to a sliver.
 */
export function table(head: string[], rows: string[][], width = Math.max(60, Math.min(process.stdout.columns || 80, 120))): string {
  const cols = head.length;
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cap = Math.max(10, Math.floor((width - 2 * (cols - 1)) * 0.4));
  for (let i = 0; i < cols - 1; i++) widths[i] = Math.min(widths[i], Math.max(cap, head[i].length));
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  widths[cols - 1] = Math.max(12, Math.min(widths[cols - 1], width - fixed));
  const wrap = (s: string, w: number): string[] => {
    const out: string[] = [];
    for (const para of s.split('\n')) {
      let line = '';
      for (const word of para.split(' ')) {
        if ((line + ' ' + word).trim().length > w && line) {
          out.push(line);
          line = word;
        } else line = (line ? line + ' ' : '') + word;
        while (line.length > w) {
          out.push(line.slice(0, w));
          line = line.slice(w);
        }
      }
      out.push(line);
    }
    return out;
  };
  const fmt = (r: string[]) => {
    const cells = r.map((c, i) => wrap(c ?? '', widths[i]));
    const height = Math.max(...cells.map((c) => c.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) lines.push(cells.map((c, i) => (i === cols - 1 ? c[k] ?? '' : (c[k] ?? '').padEnd(widths[i]))).join('  ').trimEnd());
    return lines.join('\n');
  };
  return [bold(fmt(head)), ...rows.map(fmt)].join('\n');
}

export const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
export const err = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');
export const json = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + '\n');
