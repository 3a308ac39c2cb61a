/**
 * The Exotel-edge note (templates/common/exotel-edge.txt) tells the user to probe the edge. The line must be a
 * command that runs as printed: `exotrunk probe` takes one required target, so the edge has to be in it.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { parseTarget } from '../../src/core/probe/target.js';
import { renderRecipe } from './partner-golden.js';

describe('exotel-edge.txt', () => {
  const probe = buildProgram('0.0.0').commands.find((c) => c.name() === 'probe')!;

  it.each([
    ['own-pbx', { pbx_ips: ['52.66.10.20'], pbx_host: 'pbx.example.in', edge_host: 'edge.mum.in.exotel.com', edge_transport: 'tls' }, 'edge.mum.in.exotel.com', 443, 'tls'],
    ['vocallabs', { vocallabs_websocket_url: 'wss://b.example.com/m', vocallabs_webhook_url: 'https://a.example.com/h', edge_transport: 'tcp' }, 'in.voip.exotel.com', 5070, 'tcp'],
  ] as [string, Record<string, string | string[]>, string, number, string][])('%s: the probe line names the edge and parses as the probe command reads it', (id, answers, host, port, transport) => {
    const text = renderRecipe(id, 'outbound', answers).byId('exotel-edge').content;
    const line = /^\s*exotrunk probe (.*)$/m.exec(text);
    expect(line, text).not.toBeNull();
    const args = [...line![1].matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
    const required = probe.registeredArguments.filter((a) => a.required).length;
    expect(args).toHaveLength(required);
    expect(parseTarget(args[0]!)).toMatchObject({ host, port, transport });
  });
});
