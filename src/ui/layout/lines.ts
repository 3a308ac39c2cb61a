/**
 * Screens are drawn from lines we wrap ourselves, so the wizard knows how tall every frame is before Ink
 * draws it: a frame as tall as the terminal makes Ink clear the screen and the user's scrollback on every
 * redraw. Styling is plain ANSI (off under NO_COLOR), so a wrapped line keeps its colour.
 *
 * Prose wraps at word boundaries (wrap-ansi); a word longer than the line (a URI) keeps its own line and is
 * counted as the rows the terminal will give it. Code is never wrapped: see the config viewer.
 */
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { cliName } from '../../core/engine/light.js';
import { glueCommands, lineLead, unglue } from '../../present/words.js';

export type Tone = 'bold' | 'dim' | 'green' | 'yellow' | 'red' | 'cyan' | 'blue' | 'inverse';

const CODES: Record<Tone, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  cyan: [36, 39],
  blue: [34, 39],
  inverse: [7, 27],
};

export type Paint = (tone: Tone | Tone[] | undefined, text: string) => string;

/** A painter: ANSI when colour is on; under NO_COLOR no escape code at all, as for the Ink-styled text. */
export function painter(color: boolean): Paint {
  return (tone, text) => {
    if (!color) return text;
    const tones = tone === undefined ? [] : Array.isArray(tone) ? tone : [tone];
    let s = text;
    for (const t of tones) {
      const [on, off] = CODES[t];
      s = `\u001b[${on}m${s}\u001b[${off}m`;
    }
    return s;
  };
}

/** Display width, ANSI codes and wide characters counted as the terminal shows them. */
export const widthOf = (s: string) => stringWidth(s);

/**
 * Word-wrap `text` (it may carry ANSI) to `width` columns. `indent` goes before every line after the first
 * (a hanging indent under a bullet); `first` is put before the first line and counted in its width. A command
 * the text names (`exotrunk apply livekit --answers …`) is never split across lines. A word longer than the
 * room (a long URL) starts a line of its own and, with `cut` (the default, for screens Ink draws), goes on at
 * the same indent rather than at column 0; without it the word is left whole for the terminal to wrap (text left
 * in the scrollback, where a copy must give the URL back in one piece).
 */
export function wrapText(text: string, width: number, opts: { indent?: number; first?: string; cut?: boolean } = {}): string[] {
  const indent = opts.indent ?? 0;
  const first = opts.first ?? '';
  const cut = opts.cut ?? true;
  const room = Math.max(8, width - indent);
  const wrap = (t: string, w: number) => wrapAnsi(t, Math.max(8, w), { hard: false, trim: true, wordWrap: true }).split('\n');
  // a word wider than its line, cut into pieces that each keep the line's indent
  const pieces = (l: string, w: number) => (cut && widthOf(l) > Math.max(8, w) ? wrapAnsi(l, Math.max(8, w), { hard: true, trim: true, wordWrap: true }).split('\n') : [l]);
  const hang = (l: string) => ' '.repeat(indent) + l;
  const out: string[] = [];
  glueCommands(text, cliName())
    .split('\n')
    .forEach((para, p) => {
      if (p > 0) {
        out.push(...wrap(para, room).flatMap((l) => pieces(l, room)).map(hang));
        return;
      }
      // the first line has `first` in front of it (its own width); the rest hang at `indent`
      const [head = '', ...rest] = wrap(para, width - widthOf(first));
      const [top = '', ...more] = pieces(head, width - widthOf(first));
      out.push(first + top, ...more.map(hang));
      if (rest.length) out.push(...wrap(rest.join(' '), room).flatMap((l) => pieces(l, room)).map(hang));
    });
  return out.map(unglue);
}

/**
 * A line left in the terminal once the wizard has gone: wrapped at words to the terminal's width, the lines
 * after the first hanging under its text (after a step number, a bullet, a label); a command is kept whole and a
 * word longer than the width (a URL, a path) is left whole for the terminal, so a copy gives it back in one piece.
 */
export function wrapLeft(line: string, width: number): string[] {
  if (!Number.isFinite(width) || width < 20 || widthOf(line) <= width) return [line];
  const lead = lineLead(line);
  if (!/\s/.test(line.slice(lead.length).trim())) return [line]; // a label and one long value (a URI): not prose
  return wrapText(line.slice(lead.length), width, { first: lead, indent: lead.length || 2, cut: false });
}

/** Rows a line takes in a box `width` columns wide (a line longer than the box wraps in the terminal). */
export const rowsOfLine = (line: string, width: number) => Math.max(1, Math.ceil(widthOf(line) / Math.max(1, width)));

/** Cut a line to `width` columns with an ellipsis. */
export function truncate(line: string, width: number): string {
  if (widthOf(line) <= width) return line;
  let out = '';
  for (const ch of line) {
    if (widthOf(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
