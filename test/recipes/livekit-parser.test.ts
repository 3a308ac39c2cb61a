/**
 * The LiveKit JSON goes through LiveKit's own protobuf JSON parser (@livekit/protocol), as `lk sip … create`
 * does: it rejects unknown fields and wrong enum values, so a renamed field fails here.
 */
import { CreateSIPDispatchRuleRequest, CreateSIPInboundTrunkRequest, CreateSIPOutboundTrunkRequest, SIPTransport } from '@livekit/protocol';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { fixtureContext } from '../helpers/render-fixture.js';
import { CASES } from './answer-sets.js';

const recipe = loadRecipe('livekit');
const parse = (s: string) => JSON.parse(s) as Record<string, any>;
const STRICT = { ignoreUnknownFields: false };

describe.each(CASES.filter((c) => c.recipe === 'livekit'))('livekit $direction', ({ direction, answers, auth }) => {
  const outputs = renderOutputs(recipe, fixtureContext(recipe, direction, answers, { auth }));
  const byId = (id: string) => outputs.find((o) => o.id === id);

  it('outbound trunk parses as CreateSIPOutboundTrunkRequest', () => {
    const o = byId('livekit-outbound-trunk');
    if (direction === 'inbound') return expect(o).toBeUndefined();
    const req = CreateSIPOutboundTrunkRequest.fromJson(parse(o!.content), STRICT);
    expect(req.trunk?.address).not.toMatch(/^sip:/);
    expect(req.trunk?.numbers).toEqual(['+918012345678']);
    expect(req.trunk?.destinationCountry).toBe('in');
    expect(req.trunk?.transport).toBe(direction === 'both' ? SIPTransport.SIP_TRANSPORT_TLS : SIPTransport.SIP_TRANSPORT_TCP);
    expect(req.trunk?.authUsername).not.toBe('');
  });

  it('inbound trunk parses as CreateSIPInboundTrunkRequest', () => {
    const o = byId('livekit-inbound-trunk');
    if (direction === 'outbound') return expect(o).toBeUndefined();
    const req = CreateSIPInboundTrunkRequest.fromJson(parse(o!.content), STRICT);
    expect(req.trunk?.allowedAddresses).toEqual(['35.154.174.161/32', '98.130.67.66/32', '129.154.231.198/32']);
    expect(req.trunk?.numbers).toEqual(['+918012345678', '08012345678', '8012345678']);
  });

  it('dispatch rule parses as CreateSIPDispatchRuleRequest', () => {
    const o = byId('livekit-dispatch-rule');
    if (direction === 'outbound') return expect(o).toBeUndefined();
    const req = CreateSIPDispatchRuleRequest.fromJson(parse(o!.content), STRICT);
    expect(req.dispatchRule?.rule?.rule.case).toBe('dispatchRuleIndividual');
    expect(req.dispatchRule?.trunkIds).toHaveLength(1);
    const agents = req.dispatchRule?.roomConfig?.agents.map((a) => a.agentName) ?? [];
    expect(agents).toEqual(answers.livekit_agent_name ? [answers.livekit_agent_name] : []);
  });
});

describe('the LiveKit parser is strict (so the tests above can fail)', () => {
  it('rejects an unknown field, an unwrapped trunk and a wrong enum', () => {
    const good = { trunk: { name: 'x', address: 'in.voip.exotel.com:5070', numbers: ['+918012345678'] } };
    expect(() => CreateSIPOutboundTrunkRequest.fromJson(good)).not.toThrow();
    expect(() => CreateSIPOutboundTrunkRequest.fromJson({ trunk: { ...good.trunk, authUser: 'u' } })).toThrow(/authUser/);
    expect(() => CreateSIPOutboundTrunkRequest.fromJson(good.trunk)).toThrow();
    expect(() => CreateSIPOutboundTrunkRequest.fromJson({ trunk: { ...good.trunk, transport: 'TCP' } })).toThrow();
    expect(() => CreateSIPInboundTrunkRequest.fromJson({ trunk: { allowedIps: [] } })).toThrow();
    expect(() => CreateSIPDispatchRuleRequest.fromJson({ dispatch_rule: { rule: { individual: {} } } })).toThrow();
  });
});
