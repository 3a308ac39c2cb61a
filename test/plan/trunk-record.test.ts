/**
 * The secure-trunking note: while Exotel has not enabled TLS on a trunk, the fallback it names must be the TCP port
 * of the leg that is TLS. QA saw inbound-only ElevenLabs (TLS from Exotel to ElevenLabs on 5061) told to use
 * "TCP (port 5070)", which is Exotel's own edge port; ElevenLabs takes TCP on 5060.
 */
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { secureTrunkingNote, tlsLegs } from '../../src/core/plan/trunk-record.js';
import { fixtureInputs } from '../helpers/render-fixture.js';

const EL = { el_label: 'Exotel India', el_agent_id: 'agent_01jz8k2m3n' };
const legsOf = (id: string, direction: 'outbound' | 'inbound' | 'both', answers: Record<string, string>) => tlsLegs(fixtureInputs(loadRecipe(id), direction, answers));

describe('secureTrunkingNote', () => {
  it('inbound-only ElevenLabs over TLS: falls back to TCP 5060 toward ElevenLabs, never to the edge port 5070', () => {
    const legs = legsOf('elevenlabs', 'inbound', { ...EL, inbound_transport: 'tls' });
    expect(legs).toEqual({ edge: false, destination: true, destinationTcpPort: 5060 });
    const note = secureTrunkingNote(undefined, legs)!;
    expect(note).toContain('until then use TCP from Exotel to the partner (port 5060, transport=tcp in the destination URI)');
    expect(note).not.toContain('5070');
  });

  it('outbound over TLS: falls back to TCP 5070 toward the Exotel edge', () => {
    const legs = legsOf('elevenlabs', 'outbound', { ...EL, edge_transport: 'tls' });
    expect(legs).toMatchObject({ edge: true, destination: false });
    const note = secureTrunkingNote({ trunkSid: 'trmum1', secureTrunking: 'disabled' } as never, legs, 'trmum1')!;
    expect(note).toContain('trunk trmum1 reports secure_trunking: disabled');
    expect(note).toContain('until then use TCP toward the Exotel edge (port 5070) if calls fail');
    expect(note).not.toContain('5060');
  });

  it('both legs over TLS: names each fallback with its leg', () => {
    const note = secureTrunkingNote(undefined, legsOf('livekit', 'both', { livekit_subdomain: 'abc123', edge_transport: 'tls', inbound_transport: 'tls' }))!;
    expect(note).toContain('TCP toward the Exotel edge (port 5070) for calls out, and TCP from Exotel to the partner (port 5060, transport=tcp in the destination URI) for calls in');
  });

  it('a partner whose TCP port the recipe does not name: says so instead of guessing', () => {
    expect(secureTrunkingNote(undefined, { edge: false, destination: true })).toContain("the partner's TCP port");
  });

  it('no TLS leg, or secure trunking already enabled: no note', () => {
    expect(secureTrunkingNote(undefined, legsOf('elevenlabs', 'inbound', { ...EL, inbound_transport: 'tcp' }))).toBeUndefined();
    expect(secureTrunkingNote({ secureTrunking: 'enabled' } as never, { edge: true, destination: true })).toBeUndefined();
    expect(secureTrunkingNote(undefined, false)).toBeUndefined();
  });

  it('a caller that passes only "TLS somewhere" gets the port of each side, never 5070 alone', () => {
    const note = secureTrunkingNote(undefined, true)!;
    expect(note).toContain("until then use TCP on the TLS legs (Exotel's edge: port 5070; the partner: its TCP port) if calls fail");
  });
});
