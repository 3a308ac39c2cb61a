/**
 * The stand-ins' definitions checked against the partners' own: Retell's zod schema has exactly the fields
 * of retell-sdk's params types (a compile-time check: npm test runs tsc), and what the ElevenLabs and LiveKit
 * stand-ins answer parses strictly with the SDK's response serializers / @livekit/protocol, so a stand-in can
 * never teach exotrunk a response shape the partner does not have.
 */
import * as eleven from '@elevenlabs/elevenlabs-js/serialization/index.js';
import { ListSIPDispatchRuleResponse, ListSIPInboundTrunkResponse, ListSIPOutboundTrunkResponse } from '@livekit/protocol';
import type { PhoneNumberImportParams, PhoneNumberUpdateParams } from 'retell-sdk/resources/phone-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetellImport, RetellUpdate } from '../../src/sandbox/partners/retell-schema.js';
import { RetellImportBody, RetellUpdateBody } from '../../src/sandbox/partners/retell-schema.js';
import { startPartnerStandIns, type PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { applyPartner, clientFor, inputsFor } from './helpers.js';

// keyof A and keyof B are the same set, or this does not compile
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : never) : never;
const importKeys: SameKeys<RetellImport, PhoneNumberImportParams> = true;
const updateKeys: SameKeys<RetellUpdate, PhoneNumberUpdateParams> = true;
const agentKeys: SameKeys<NonNullable<RetellImport['inbound_agents']>[number], PhoneNumberImportParams.InboundAgent> = true;

const STRICT = { unrecognizedObjectKeys: 'fail', allowUnrecognizedEnumValues: false, allowUnrecognizedUnionMembers: false } as const;

let s: PartnerStandIns;
beforeAll(async () => {
  s = await startPartnerStandIns({ seed: 2 });
  for (const p of ['livekit', 'elevenlabs', 'retell'] as const) await applyPartner(await clientFor(p, s), inputsFor(p));
});
afterAll(async () => s.close());

describe('Retell schema against retell-sdk', () => {
  it('has the SDK\'s key sets (checked by tsc) and its required fields', () => {
    expect([importKeys, updateKeys, agentKeys]).toEqual([true, true, true]);
    expect(RetellImportBody.safeParse({ phone_number: '+918012345678' }).success).toBe(false);
    expect(RetellImportBody.safeParse({ phone_number: '+918012345678', termination_uri: 'x' }).success).toBe(true);
    expect(RetellUpdateBody.safeParse({}).success).toBe(true);
  });
});

describe('stand-in answers parse with the partners\' own definitions', () => {
  it('ElevenLabs: list, list v2 and get answers pass the SDK\'s response serializers in strict mode', async () => {
    const h = { 'xi-api-key': s.elevenlabs.apiKey };
    const list = await (await fetch(`${s.elevenlabs.url}/v1/convai/phone-numbers`, { headers: h })).json();
    const r1 = eleven.conversationalAi.phoneNumbers.list.Response.parse(list, STRICT);
    expect(r1.ok ? [] : r1.errors).toEqual([]);
    const page = await (await fetch(`${s.elevenlabs.url}/v1/convai/v2/phone-numbers?page_size=10`, { headers: h })).json();
    const r2 = eleven.GetPhoneNumbersPageResponseModel.parse(page, STRICT);
    expect(r2.ok ? [] : r2.errors).toEqual([]);
    const one = await (await fetch(`${s.elevenlabs.url}/v1/convai/phone-numbers/${(list as { phone_number_id: string }[])[0].phone_number_id}`, { headers: h })).json();
    const r3 = eleven.conversationalAi.PhoneNumbersGetResponse.parse(one, STRICT);
    expect(r3.ok ? [] : r3.errors).toEqual([]);
  });

  it('LiveKit: list answers decode with @livekit/protocol with unknown fields refused', async () => {
    const { AccessToken } = await import('livekit-server-sdk');
    const at = new AccessToken(s.livekit.apiKey, s.livekit.apiSecret);
    at.addSIPGrant({ admin: true });
    const token = await at.toJwt();
    const call = async (m: string) =>
      (await fetch(`${s.livekit.url}/twirp/livekit.SIP/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' })).json();
    expect(ListSIPOutboundTrunkResponse.fromJson(await call('ListSIPOutboundTrunk')).items).toHaveLength(1);
    expect(ListSIPInboundTrunkResponse.fromJson(await call('ListSIPInboundTrunk')).items).toHaveLength(1);
    expect(ListSIPDispatchRuleResponse.fromJson(await call('ListSIPDispatchRule')).items).toHaveLength(1);
  });
});
