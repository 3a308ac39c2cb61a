import { failureLines, type ShownError } from '../../present/failure.js';
import type { Paint } from '../layout/lines.js';
import { wrapText } from '../layout/lines.js';

/** What happened, the likely cause, what to do, as the headless commands say it: lines wrapped to the screen. */
export function errorLines(error: ShownError, width: number, paint: Paint): string[] {
  return failureLines(error).flatMap((l, i) => wrapText(i === 0 ? paint(['bold', 'red'], l.text) : l.text, width, { indent: l.indent }));
}
