import { describe, expect, it } from 'vitest';
import { explainSipCode, KNOWN_SIP_CODES, MEDIA_ISSUES, sipClass } from '../../src/core/probe/sip-codes.js';

describe('explainSipCode', () => {
  it.each([401, 403, 404, 407, 408, 480, 486, 487, 488, 500, 503, 603])('has a row for %i with causes and fixes', (code) => {
    const row = explainSipCode(code)!;
    expect(row.code).toBe(code);
    expect(row.meaning.length).toBeGreaterThan(5);
    expect(row.causes.length).toBeGreaterThan(0);
    expect(row.fixes.length).toBeGreaterThan(0);
  });

  it('carries the seed facts that matter', () => {
    expect(explainSipCode(401)!.causes.join(' ')).toMatch(/digest mismatch/i);
    expect(explainSipCode(403)!.causes.join(' ')).toContain('X-Exotel-ErrorCode: 4001');
    expect(explainSipCode(403)!.fixes.join(' ')).toMatch(/whitelist.*mask 32/);
    expect(explainSipCode(408)!.causes.join(' ')).toMatch(/firewall/i);
    expect([...explainSipCode(488)!.causes, ...explainSipCode(488)!.fixes].join(' ')).toMatch(/G\.711 A-law.*PCMA/);
  });

  it('returns undefined for codes it does not know', () => {
    expect(explainSipCode(499)).toBeUndefined();
    expect(explainSipCode(0)).toBeUndefined();
    expect(KNOWN_SIP_CODES).not.toContain(499);
  });

  it('lists media problems: no audio, one-way audio, SIP ALG, the RTP range', () => {
    const text = JSON.stringify(MEDIA_ISSUES);
    expect(MEDIA_ISSUES.map((m) => m.symptom)).toEqual(expect.arrayContaining(['No audio both ways', 'One-way audio']));
    expect(text).toContain('SIP ALG');
    expect(text).toContain('10000–40000');
    expect(text).toMatch(/NAT/);
  });

  it('names the class of any code', () => {
    expect([sipClass(183), sipClass(202), sipClass(302), sipClass(499), sipClass(599), sipClass(699)]).toEqual([
      'provisional', 'success', 'redirection', 'client error', 'server error', 'global failure',
    ]);
  });
});
