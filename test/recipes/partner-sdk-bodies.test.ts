/**
 * ElevenLabs and Retell bodies checked against the platforms' official SDKs.
 *
 * ElevenLabs: @elevenlabs/elevenlabs-js ships its wire (snake_case) serialization schemas; we parse the
 * rendered JSON with them and `unrecognizedObjectKeys: "fail"`, so an unknown or misspelt field, a wrong
 * enum value or a missing required field fails at run time.
 *
 * Retell: retell-sdk ships only TypeScript types (PhoneNumberImportParams). `RETELL_IMPORT_KEYS` below is a
 * Record over exactly the type's keys: it stops compiling (npm test runs tsc) when the SDK adds, renames or
 * removes a field, and the run-time check then refuses any rendered key outside that list (and checks the
 * required fields and the uppercase transport enum the type documents).
 */
import * as eleven from '@elevenlabs/elevenlabs-js/serialization/index.js';
import type { PhoneNumberImportParams } from 'retell-sdk/resources/phone-number';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { fixtureContext } from '../helpers/render-fixture.js';
import { CASES } from './answer-sets.js';

const STRICT = { unrecognizedObjectKeys: 'fail', allowUnrecognizedEnumValues: false, allowUnrecognizedUnionMembers: false } as const;

const RETELL_IMPORT_KEYS: Record<keyof PhoneNumberImportParams, true> = {
  phone_number: true,
  termination_uri: true,
  allowed_inbound_country_list: true,
  allowed_outbound_country_list: true,
  ignore_e164_validation: true,
  inbound_agents: true,
  inbound_webhook_url: true,
  nickname: true,
  outbound_agents: true,
  sip_trunk_auth_password: true,
  sip_trunk_auth_username: true,
  transport: true,
};
const RETELL_AGENT_KEYS: Record<keyof PhoneNumberImportParams.InboundAgent & keyof PhoneNumberImportParams.OutboundAgent, true> = {
  agent_id: true,
  weight: true,
  agent_version: true,
};

function checkRetellBody(body: Record<string, unknown>): string[] {
  const problems = Object.keys(body).filter((k) => !(k in RETELL_IMPORT_KEYS)).map((k) => `unknown field ${k}`);
  for (const list of ['inbound_agents', 'outbound_agents']) {
    for (const agent of (body[list] as Record<string, unknown>[] | undefined) ?? []) {
      problems.push(...Object.keys(agent).filter((k) => !(k in RETELL_AGENT_KEYS)).map((k) => `unknown field ${list}[].${k}`));
    }
  }
  if (typeof body.phone_number !== 'string' || typeof body.termination_uri !== 'string') problems.push('missing a required field');
  if (body.transport !== undefined && !['TLS', 'TCP', 'UDP'].includes(String(body.transport))) problems.push('transport must be TLS, TCP or UDP');
  return problems;
}

describe.each(CASES.filter((c) => c.recipe === 'elevenlabs'))('elevenlabs $direction', ({ direction, answers, auth }) => {
  const recipe = loadRecipe('elevenlabs');
  const outputs = renderOutputs(recipe, fixtureContext(recipe, direction, answers, { auth }));

  it('phone-number body parses with the SDK create-phone-number schema', () => {
    const body = JSON.parse(outputs.find((o) => o.id === 'elevenlabs-phone-number')!.content);
    const r = eleven.conversationalAi.PhoneNumbersCreateRequestBody.parse(body, STRICT);
    expect(r.ok ? [] : r.errors).toEqual([]);
    expect(body.provider).toBe('sip_trunk');
    if (direction === 'inbound') expect(body).not.toHaveProperty('outbound_trunk_config');
    else expect(body.outbound_trunk_config.address).toMatch(/^in\.voip\.exotel\.com:(5070|443)$/);
    expect(body).not.toHaveProperty('supports_inbound');
    expect(body).not.toHaveProperty('supports_outbound');
  });

  it('outbound-call body parses with the SDK outbound-call schema', () => {
    const o = outputs.find((x) => x.id === 'elevenlabs-outbound-call');
    if (direction === 'inbound') return expect(o).toBeUndefined();
    const r = eleven.conversationalAi.BodyHandleAnOutboundCallViaSipTrunkV1ConvaiSipTrunkOutboundCallPost.parse(JSON.parse(o!.content), STRICT);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});

describe('the ElevenLabs schema is strict (so the tests above can fail)', () => {
  it('rejects a camelCase field and a wrong transport', () => {
    const good = { provider: 'sip_trunk', phone_number: '+918012345678', label: 'x', outbound_trunk_config: { address: 'a:5070', transport: 'tcp' } };
    const parse = (b: unknown) => eleven.conversationalAi.PhoneNumbersCreateRequestBody.parse(b, STRICT).ok;
    expect(parse(good)).toBe(true);
    expect(parse({ ...good, phoneNumber: '+918012345678' })).toBe(false);
    expect(parse({ ...good, outbound_trunk_config: { address: 'a:5070', transport: 'TCP' } })).toBe(false);
  });
});

describe.each(CASES.filter((c) => c.recipe === 'retell'))('retell $direction', ({ direction, answers, auth }) => {
  const recipe = loadRecipe('retell');
  const outputs = renderOutputs(recipe, fixtureContext(recipe, direction, answers, { auth }));

  it('import body uses only PhoneNumberImportParams fields, never the deprecated *_agent_id', () => {
    const body = JSON.parse(outputs.find((o) => o.id === 'retell-import-phone-number')!.content);
    expect(checkRetellBody(body)).toEqual([]);
    expect(body.transport).toBe(direction === 'both' ? 'TLS' : 'TCP');
    expect(body).not.toHaveProperty('inbound_agent_id');
    expect(body).not.toHaveProperty('outbound_agent_id');
    expect(Boolean(body.inbound_agents)).toBe(direction !== 'outbound');
    expect(Boolean(body.outbound_agents)).toBe(direction !== 'inbound');
  });
});

describe('the Retell check is strict (so the test above can fail)', () => {
  it('rejects the deprecated inbound_agent_id and a lowercase transport', () => {
    expect(checkRetellBody({ phone_number: '+91', termination_uri: 'x', inbound_agent_id: 'a' })).toEqual(['unknown field inbound_agent_id']);
    expect(checkRetellBody({ phone_number: '+91', termination_uri: 'x', transport: 'tcp' })).toHaveLength(1);
  });
});
