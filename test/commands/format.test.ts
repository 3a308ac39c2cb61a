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

describe('widths and wrapping', () => {
  const paint = (s: string) => `\u001b[32m${s}\u001b[0m`;

  it('measures coloured cells as the terminal shows them: a coloured table lines up like a plain one', async () => {
    const { table: t } = await import('../../src/commands/format.js');
    const rows = [
      [paint('✓'), 'number', '+918012345678'],
      [paint('✓'), 'alias', 'trunk_external_alias (from the journal; the API has no read)'],
    ];
    const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
    const coloured = t(['', 'resource', 'item'], rows, 60).split('\n').map(strip);
    const plain = t(['', 'resource', 'item'], rows.map((r) => r.map(strip)), 60).split('\n').map(strip);
    expect(coloured).toEqual(plain);
    expect(coloured[1]!.indexOf('number')).toBe(coloured[2]!.indexOf('alias'));
  });

  it('wraps at word boundaries and never splits a URI or a path', async () => {
    const { table: t, wrap } = await import('../../src/commands/format.js');
    const uri = 'sip:abc123.india.sip.livekit.cloud:5061;transport=tls';
    const path = '…/trunks/{trunk_sid}/phone-numbers';
    const out = t(['#', 'call', 'what'], [['1', `POST ${path}`, `Add destination ${uri} so inbound calls reach LiveKit`]], 50);
    expect(out).toContain(uri);
    expect(out).toContain(path);
    const prose = wrap(`Inbound calls leave Exotel toward ${uri} and reach the agent.`, 30, 2);
    expect(prose.split('\n')).toContain(`  ${uri}`);
    for (const l of prose.split('\n')) if (!l.includes(uri)) expect(l.length).toBeLessThanOrEqual(30);
  });

  it('piped output is not wrapped; COLUMNS is honoured', async () => {
    const { outputWidth, table: t, wrap } = await import('../../src/commands/format.js');
    expect(outputWidth({ isTTY: false }, {})).toBe(Infinity);
    expect(outputWidth({ isTTY: false }, { COLUMNS: '200' })).toBe(200);
    expect(outputWidth({ isTTY: true, columns: 100 }, {})).toBe(100);
    expect(outputWidth({ isTTY: true, columns: 100 }, { COLUMNS: '60' })).toBe(60);
    const long = 'word '.repeat(60).trim();
    expect(wrap(long, Infinity)).toBe(long);
    expect(t(['a', 'b'], [['x', long]], Infinity).split('\n')).toHaveLength(2);
  });
});
