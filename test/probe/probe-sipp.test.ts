import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, type ProbeResult } from '../../src/core/probe/probe.js';
import { parseTarget } from '../../src/core/probe/target.js';
import { sippPath, startSipp, type Sipp } from './helpers.js';

/** sipp binds a moment after spawn: ask with short single attempts until it answers. */
async function whenReady(sipp: Sipp, transport: 'udp' | 'tcp'): Promise<void> {
  const deadline = Date.now() + 8000;
  let last: ProbeResult | undefined;
  while (Date.now() < deadline) {
    if (sipp.child.exitCode !== null) throw new Error(`sipp exited early (${sipp.child.exitCode})\n${sipp.log()}`);
    last = await probe(parseTarget(`127.0.0.1:${sipp.port};transport=${transport}`), { attempts: 1, timeoutMs: 300 });
    if (last.answered) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sipp never answered: ${JSON.stringify(last?.stages)}\n${sipp.log()}`);
}

describe('probe against sipp', () => {
  // CI installs sipp: its absence is a failure with a clear message, not a skip.
  it('finds sipp', () => {
    expect(() => sippPath()).not.toThrow();
  });

  const peers: Record<string, Sipp> = {};
  beforeAll(async () => {
    sippPath();
    const wanted = [['ok-udp', 'uas-options-200.xml', 'udp'], ['ok-tcp', 'uas-options-200.xml', 'tcp'], ['forbid-tcp', 'uas-options-403.xml', 'tcp'], ['forbid-udp', 'uas-options-403.xml', 'udp']] as const;
    await Promise.all(
      wanted.map(async ([name, scenario, transport]) => {
        peers[name] = await startSipp(scenario, transport);
        await whenReady(peers[name], transport);
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(peers).map((p) => p.stop()));
  });

  it.each(['udp', 'tcp'] as const)('gets 200 OK over %s with rtt min <= median <= max', async (transport) => {
    const peer = peers[`ok-${transport}`];
    const r = await probe(parseTarget(`sip:127.0.0.1:${peer.port};transport=${transport}`), { attempts: 3, timeoutMs: 2000 });
    expect(r.answered, JSON.stringify(r.stages)).toBe(true);
    expect(r.failedStage).toBeUndefined();
    expect(r.sip).toMatchObject({ statusCode: 200, reason: 'OK', attempts: 3, answered: 3, codes: [200, 200, 200], server: 'sipp-uas-fixture' });
    expect(r.sip!.rtt.min).toBeLessThanOrEqual(r.sip!.rtt.median);
    expect(r.sip!.rtt.median).toBeLessThanOrEqual(r.sip!.rtt.max);
    expect(r.stages.map((s) => s.stage)).toEqual(transport === 'tcp' ? ['dns', 'connect', 'sip'] : ['dns', 'sip']);
    expect(r.stages.every((s) => s.ok)).toBe(true);
  });

  it.each(['udp', 'tcp'] as const)('counts a 403 over %s as answered and explains it with X-Exotel-ErrorCode 4001', async (transport) => {
    const peer = peers[`forbid-${transport}`];
    const r = await probe(parseTarget(`127.0.0.1:${peer.port};transport=${transport}`), { attempts: 2, timeoutMs: 2000 });
    expect(r.answered).toBe(true);
    expect(r.sip).toMatchObject({ statusCode: 403, reason: 'Forbidden', exotelErrorCode: '4001', answered: 2 });
    const sip = r.stages.find((s) => s.stage === 'sip')!;
    expect(sip.ok).toBe(true);
    expect(sip.detail).toContain('403 Forbidden (X-Exotel-ErrorCode 4001)');
    expect(sip.likelyCause).toMatch(/whitelisted.*4001/s);
  });
});
