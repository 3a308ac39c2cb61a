import type { ShownError } from '../state/wizard-reducer.js';
import type { Paint } from '../layout/lines.js';
import { wrapText } from '../layout/lines.js';

/** What happened, the likely cause, what to do: as lines wrapped to the screen. */
export function errorLines(error: ShownError, width: number, paint: Paint): string[] {
  return [
    ...wrapText(paint(['bold', 'red'], `✗ ${error.what}`), width, { indent: 2 }),
    ...(error.details ?? []).flatMap((d) => wrapText(d, width, { first: '  ', indent: 4 })),
    ...(error.cause ? wrapText(`Likely cause: ${error.cause}`, width, { indent: 2 }) : []),
    ...(error.fix ? wrapText(`What to do: ${error.fix}`, width, { indent: 2 }) : []),
  ];
}
