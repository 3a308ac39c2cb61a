import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectAnswers } from '../../src/core/engine/answers.js';
import { questionsFor } from '../../src/core/engine/questions.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// Rapida has no SDK or parser that installs here, so this schema encodes its API reference "Create an outbound
// phone call" (POST https://assistant-01.in.rapida.ai/v1/talk/create-phone-call,
// https://doc.rapida.ai/api-reference/rest/calls/create-an-outbound-phone-call, checked 2026-11-29) and the
// request message of its open-source server (github.com/rapidaai/voice-ai protos CreatePhoneCallRequest,
// commit 5443a66, January 2026). assistantId is a uint64 sent as a string.
const RapidaCreatePhoneCall = z
  .object({
    assistant: z.object({ assistantId: z.string().regex(/^\d{1,19}$/), version: z.string().optional() }).strict(),
    toNumber: z.string().min(1),
    fromNumber: z.string().regex(/^\+\d{8,15}$/).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    args: z.record(z.string(), z.unknown()).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const API_KEY = 'rpd-fixture-key-000';

describe('rapida recipe', () => {
  it('path A (native): Flow URL with the key only in a secret output, no trunk outputs', () => {
    const r = renderRecipe('rapida', 'both', { path: 'native', rapida_assistant_id: '2227823180112723968', rapida_api_key: API_KEY }, { auth: 'none' });
    const flow = r.byId('rapida-flow-url');
    expect(flow.secret).toBe(true);
    expect(flow.content.trim()).toBe(
      `https://websocket-01.in.rapida.ai/v1/talk/exotel/call/2227823180112723968?x-api-key=${API_KEY}`,
    );
    const ids = r.outputs.map((o) => o.id);
    expect(ids).not.toContain('connect-applet');
    expect(ids).not.toContain('rapida-destination');
    expect(RapidaCreatePhoneCall.parse(r.json('rapida-call')).fromNumber).toBe('+918012345678');
    expect(r.recipe.resources.skip_all_when).toEqual({ answers: { path: 'native' } });
    expectSecretsOnlyInSecretOutputs(r.outputs, [API_KEY]);
    expectGolden('rapida', 'both-native', r.outputs);
  });

  it('path B inbound over UDP: destination toward sip-01 with the Exotel transport warning', () => {
    const r = renderRecipe('rapida', 'inbound', { path: 'sip', rapida_assistant_id: '42', rapida_transport: 'udp' }, { auth: 'none' });
    const dest = r.byId('rapida-destination').content;
    expect(dest).toContain('sip-01.in.rapida.ai:5060;transport=udp');
    expect(dest).toMatch(/WARNING: transport=udp\. Exotel's SIP trunking API reference documents only tcp and tls/);
    expect(r.byId('connect-applet').content).toContain('sip-01.in.rapida.ai:5060;transport=udp');
    expectGolden('rapida', 'inbound-sip-udp', r.outputs);
  });

  it('path B both over TCP: Rapida SIP trunk credential is the Exotel edge plus digest', () => {
    const r = renderRecipe('rapida', 'both', { path: 'sip', rapida_assistant_id: '42', rapida_transport: 'tcp' });
    const trunk = r.byId('rapida-sip-trunk');
    expect(trunk.secret).toBe(true);
    expect(trunk.content).toContain('| SIP URI | `in.voip.exotel.com:5070` (transport tcp) |');
    expect(r.byId('rapida-destination').content).not.toContain('WARNING');
    RapidaCreatePhoneCall.parse(r.json('rapida-call'));
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('rapida', 'both-sip-tcp', r.outputs);
  });

  it('outbound path B', () => {
    const r = renderRecipe('rapida', 'outbound', { path: 'sip', rapida_assistant_id: '42' });
    expectGolden('rapida', 'outbound-sip', r.outputs);
  });

  it("outbound call: Rapida's own URL, and the other URL in Exotel's guide is named as a conflict", () => {
    const r = renderRecipe('rapida', 'outbound', { path: 'sip', rapida_assistant_id: '42' });
    const paste = r.byId('rapida-call').paste;
    expect(paste).toMatch(/^Body of POST https:\/\/assistant-01\.in\.rapida\.ai\/v1\/talk\/create-phone-call with header "x-api-key/);
    expect(paste).toContain("Exotel's Rapida guide names POST https://api.rapida.ai/v1/talk/call instead");
  });

  it('the path is asked first, and the native path asks nothing about a trunk', () => {
    const recipe = loadRecipe('rapida');
    expect(questionsFor(recipe)[0]!.id).toBe('path');
    const native = collectAnswers(recipe, { set: { path: 'native', direction: 'inbound' }, env: {} }, { generateSecrets: false });
    expect(native.missing.map((q) => q.id).sort()).toEqual(['did', 'rapida_api_key', 'rapida_assistant_id']);
    const asked = Object.keys(native.answers.values);
    for (const trunkQuestion of ['trunk_name', 'edge_host', 'edge_transport', 'partner_egress_ips', 'inbound_transport', 'set_alias', 'sip_username']) {
      expect(asked, trunkQuestion).not.toContain(trunkQuestion);
    }
    const sip = collectAnswers(recipe, { set: { path: 'sip', direction: 'both' }, env: {} }, { generateSecrets: false });
    expect(sip.answers.values).toHaveProperty('trunk_name');
    expect(sip.answers.values).toHaveProperty('sip_username');
  });

  it('the direction comes right after the path, and its choices fit path A (no trunk) as well as path B', () => {
    const recipe = loadRecipe('rapida');
    const qs = questionsFor(recipe);
    expect(qs.slice(0, 2).map((q) => q.id)).toEqual(['path', 'direction']);
    expect(qs.filter((q) => q.id === 'direction')).toHaveLength(1); // the common one, with its "on one trunk", is replaced
    const direction = qs[1]!;
    expect(direction.choices!.map((c) => c.value)).toEqual(['outbound', 'inbound', 'both']);
    expect(direction.choices!.map((c) => c.label).join('\n')).not.toMatch(/trunk/i);
    expect(direction).toMatchObject({ default: 'inbound', env: 'EXOTRUNK_DIRECTION' });
    // each direction still works on both paths, from flags or the environment as before
    for (const path of ['native', 'sip']) {
      for (const d of ['outbound', 'inbound', 'both']) {
        const r = collectAnswers(recipe, { set: { path }, env: { EXOTRUNK_DIRECTION: d } }, { generateSecrets: false });
        expect(r.invalid, `${path} ${d}`).toEqual([]);
        expect(r.answers.values.direction).toBe(d);
      }
    }
  });

  it('the checklist has no statement about path A; its note is in rapida-native.md', () => {
    const r = renderRecipe('rapida', 'inbound', { path: 'native', rapida_assistant_id: '42', rapida_api_key: API_KEY });
    expect(r.recipe.checklist.map((c) => c.text).join('\n')).not.toMatch(/needs no Exotel trunk/);
    expect(r.byId('rapida-native').content).toContain('Nothing is created on an Exotel trunk for this path');
  });

  it('refuses an assistant id that is not a number, as it is typed', () => {
    expect(() => fixtureInputs(loadRecipe('rapida'), 'inbound', { path: 'sip', rapida_assistant_id: 'asst_42' })).toThrow(/not a Rapida assistant id: it looks like 2227823180112723968/);
  });

  it('the schema rejects a wrong field', () => {
    const good = renderRecipe('rapida', 'outbound', { path: 'sip', rapida_assistant_id: '42' }).json('rapida-call') as Record<string, unknown>;
    expect(RapidaCreatePhoneCall.safeParse({ ...good, to_number: '+91' }).success).toBe(false);
    expect(RapidaCreatePhoneCall.safeParse({ ...good, assistant: { assistant_id: '42' } }).success).toBe(false);
  });
});
