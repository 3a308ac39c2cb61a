/**
 * The bulk numbers file's encoding: a UTF-16 file is named as such (not "characters other than digits" on every
 * line), and a UTF-8 byte-order mark is read through.
 */
import { describe, expect, it } from 'vitest';
import { parseNumbersCsv } from '../../src/core/bulk/numbers-csv.js';

const CSV = 'number,mode\r\n+918012345678,pstn\r\n+918012345679,flow\r\n';

describe('parseNumbersCsv and the file encoding', () => {
  it('UTF-16 (LE with its BOM, as Excel and PowerShell write it; and BE) says: save it as UTF-8', () => {
    for (const buf of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]), Buffer.from(CSV, 'utf16le').swap16()]) {
      const r = parseNumbersCsv(buf.toString('utf8'));
      expect(r.rows).toEqual([]);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/^the file is UTF-16 .*save it as UTF-8/);
    }
  });

  it('a UTF-8 BOM before the first number is not part of it', () => {
    const r = parseNumbersCsv('\uFEFF+918012345678,pstn\n');
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.phoneNumber)).toEqual(['+918012345678']);
  });
});
