import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resolver } from '../../src/core/probe/dns.js';
import { probe } from '../../src/core/probe/probe.js';
import { parseTarget } from '../../src/core/probe/target.js';
import { answerOptions, close, freePort, listen } from './helpers.js';

const servers: ReturnType<typeof createServer>[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await Promise.all(servers.splice(0).map(close));
});

function server(onSocket: (s: Socket) => void) {
  const s = createServer((sock) => {
    sockets.push(sock);
    onSocket(sock);
  });
  servers.push(s);
  return s;
}

/** Names map to loopback only: no query leaves the machine. */
const fakeResolver = (table: Record<string, string[]>): Resolver => ({
  async resolve(host) {
    if (table[host]) return table[host];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  },
});

describe('probe stages and failures', () => {
  it('resolves a name through the given resolver, reports the addresses, and goes on to SIP', async () => {
    const port = await listen(server((s) => answerOptions(s, '200 OK', { provisional: true })));
    const resolver = fakeResolver({ 'edge.test.invalid': ['127.0.0.1', '::1', '127.0.0.1'] });
    const r = await probe(parseTarget(`sip:edge.test.invalid:${port};transport=tcp`), { resolver, attempts: 2, timeoutMs: 2000 });
    expect(r.addresses).toEqual(['127.0.0.1', '::1']);
    expect(r.address).toBe('127.0.0.1');
    expect(r.stages[0]).toMatchObject({ stage: 'dns', ok: true, detail: 'edge.test.invalid -> 127.0.0.1, ::1' });
    // The 100 Trying before each 200 is ignored: the final response is what counts.
    expect(r.sip).toMatchObject({ statusCode: 200, codes: [200, 200] });
  });

  it('fails at dns when the name does not exist', async () => {
    const r = await probe(parseTarget('sip:nope.test.invalid:5070;transport=tcp'), { resolver: fakeResolver({}), timeoutMs: 1000 });
    expect(r.answered).toBe(false);
    expect(r.failedStage).toBe('dns');
    expect(r.stages).toHaveLength(1);
    expect(r.stages[0].error).toContain('ENOTFOUND');
    expect(r.stages[0].likelyCause).toMatch(/does not resolve/);
  });

  it('fails at dns when the resolver never answers', async () => {
    const hang: Resolver = { resolve: () => new Promise(() => undefined) };
    const r = await probe(parseTarget('sip:slow.test.invalid:5070'), { resolver: hang, timeoutMs: 100 });
    expect(r.failedStage).toBe('dns');
    expect(r.stages[0].error).toMatch(/no DNS answer within 100 ms/);
    expect(r.stages[0].likelyCause).toMatch(/resolver/);
  });

  it('fails at connect with "refused" on a closed TCP port', async () => {
    const port = await freePort('tcp');
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=tcp`), { timeoutMs: 1000 });
    expect(r.failedStage).toBe('connect');
    expect(r.stages.at(-1)).toMatchObject({ stage: 'connect', ok: false });
    expect(r.stages.at(-1)!.error).toContain('ECONNREFUSED');
    expect(r.stages.at(-1)!.likelyCause).toMatch(/Connection refused: nothing listens on \d+\/tcp/);
  });

  it('times out at sip on a closed UDP port (silence, as through a firewall)', async () => {
    const port = await freePort('udp');
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=udp`), { attempts: 2, timeoutMs: 150 });
    expect(r.answered).toBe(false);
    expect(r.failedStage).toBe('sip');
    const sip = r.stages.at(-1)!;
    expect(sip.error).toMatch(/no final SIP response within 150 ms/);
    expect(sip.likelyCause).toMatch(/No answer over UDP/);
  });

  it('times out at sip when a TCP peer accepts and stays silent', async () => {
    const port = await listen(server(() => undefined));
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=tcp`), { attempts: 2, timeoutMs: 150 });
    expect(r.stages.map((s) => [s.stage, s.ok])).toEqual([['dns', true], ['connect', true], ['sip', false]]);
    expect(r.stages.at(-1)!.detail).toContain('OPTIONS x2 over tcp: no final response');
    expect(r.stages.at(-1)!.likelyCause).toMatch(/Connected, but no SIP answer/);
  });

  it('fails at sip when the peer hangs up without answering, without waiting for the timeout', async () => {
    const port = await listen(server((s) => s.once('data', () => s.end())));
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=tcp`), { attempts: 3, timeoutMs: 20_000 });
    expect(r.failedStage).toBe('sip');
    expect(r.stages.at(-1)!.error).toMatch(/closed the connection/);
    expect(r.stages.at(-1)!.likelyCause).toMatch(/closed the connection without a SIP answer/);
  });

  it('fails at sip when the peer answers something that is not SIP', async () => {
    const port = await listen(server((s) => s.once('data', () => s.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))));
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=tcp`), { attempts: 1, timeoutMs: 2000 });
    expect(r.failedStage).toBe('sip');
    expect(r.stages.at(-1)!.likelyCause).toMatch(/not SIP/);
  });

  it('reports a 4xx answer as answered, with the code, its meaning and the likely cause', async () => {
    const port = await listen(server((s) => answerOptions(s, '488 Not Acceptable Here')));
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=tcp`), { attempts: 1, timeoutMs: 2000 });
    expect(r.answered).toBe(true);
    expect(r.sip).toMatchObject({ statusCode: 488, reason: 'Not Acceptable Here' });
    expect(r.stages.at(-1)!.likelyCause).toMatch(/codec.*PCMA/s);
  });

  it('fails at tls when a TLS probe meets a plain SIP port', async () => {
    const port = await listen(server((s) => answerOptions(s, '200 OK')));
    const r = await probe(parseTarget(`127.0.0.1:${port};transport=tls`), { attempts: 1, timeoutMs: 300 });
    expect(r.failedStage).toBe('tls');
    expect(r.stages.at(-1)!.likelyCause).toMatch(/transport=tcp/);
  });
});
