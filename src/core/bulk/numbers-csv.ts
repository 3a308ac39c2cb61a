/**
 * The bulk numbers file: `number,mode` per line (a header line is optional). The whole file is validated
 * before anything is sent; every bad row is reported with its line number.
 */
import { validators } from '../rules/validators.js';
import type { NumberMode } from '../exotel/types.js';

export interface NumberRow {
  line: number;
  phoneNumber: string;
  mode: NumberMode;
}

/** A cell longer than this is not a number or a mode: it is reported by its length, not echoed whole. */
const MAX_CELL = 64;
const clip = (s: string) => (s.length > MAX_CELL ? `${s.slice(0, 24)}… (${s.length.toLocaleString('en')} characters)` : s);

export function parseNumbersCsv(text: string, defaultMode: NumberMode = 'pstn'): { rows: NumberRow[]; errors: string[] } {
  const rows: NumberRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  // read as UTF-8, a UTF-16 file (Excel's "Unicode text", PowerShell's default) has a NUL beside every character
  if (text.includes('\u0000')) {
    return { rows, errors: ['the file is UTF-16 (every character comes with a NUL byte), not text exotrunk can read: save it as UTF-8 ("CSV UTF-8" in Excel; iconv -f UTF-16 -t UTF-8 in a shell) and run again'] };
  }
  text = text.replace(/^\uFEFF/, ''); // a UTF-8 byte-order mark
  const lines = text.split(/\r\n|\r|\n/); // Windows, Unix and old-Mac (CR only) line ends
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    const cells = text.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    // a header: the first line, with no digit in it (number,mode / phone,mode / DID,Mode …)
    if (i === 0 && !/\d/.test(text)) return;
    if (cells.length > 2) {
      errors.push(`line ${line}: ${cells.length} columns; expected number,mode`);
      return;
    }
    if ((cells[0] ?? '').length > MAX_CELL) {
      errors.push(`line ${line}: the number cell is too long: "${clip(cells[0])}"; an E.164 number is + and at most 15 digits, e.g. +918012345678`);
      return;
    }
    const num = validators.e164(cells[0] ?? '');
    if (!num.ok) {
      errors.push(`line ${line}: ${num.message}`);
      return;
    }
    const modeText = (cells[1] ?? '').toLowerCase() || defaultMode;
    if (modeText !== 'pstn' && modeText !== 'flow') {
      errors.push(`line ${line}: mode "${clip(cells[1])}" is not valid: use pstn (Connect / outbound) or flow (Voicebot / StreamKit), or leave it empty for ${defaultMode}`);
      return;
    }
    const dup = seen.get(num.value);
    if (dup) {
      errors.push(`line ${line}: ${num.value} is also on line ${dup}`);
      return;
    }
    seen.set(num.value, line);
    rows.push({ line, phoneNumber: num.value, mode: modeText });
  });
  if (!rows.length && !errors.length) errors.push('the file has no numbers: one number per line, e.g. +918012345678,pstn');
  return { rows, errors };
}
