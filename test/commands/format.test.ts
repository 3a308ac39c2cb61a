import { describe, expect, it } from 'vitest';
import { table } from '../../src/commands/format.js';

describe('table', () => {
  it('a long first column wraps too, so the last one is not squeezed to a sliver (non-TTY, 80 columns)', () => {
    const symptom = 'Outbound INVITE answered 403 with X-Exotel-ErrorCode 4001 while the PBX sends from a new NAT address';
    const check = 'The PBX public source IP is not on the trunk ACL, or digest is enabled and the credentials differ.';
    const lines = table(['symptom', 'check'], [[symptom, check]], 80).split('\n');
    for (const l of lines) expect(l.replace(/\x1b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(80);
    const body = lines.slice(1);
    // the check column starts at the same place on every line and is at least 40 characters wide
    const start = body[0].indexOf('The PBX');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThanOrEqual(34);
    expect(body.map((l) => l.slice(start)).join(' ').replace(/\s+/g, ' ').trim()).toBe(check);
    expect(body.map((l) => l.slice(0, start).trim()).join(' ')).toBe(symptom);
  });

  it('short first columns keep their width', () => {
    const t = table(['#', 'call'], [['1', 'POST …/trunks']], 80).split('\n');
    expect(t[1]).toBe('1  POST …/trunks');
  });
});
