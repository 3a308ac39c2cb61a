/**
 * Retell's phone-number request bodies as published, for the stand-in: Retell's OpenAPI as rendered at
 * https://docs.retellai.com/api-references/import-phone-number (checked 2026-11-29: required phone_number
 * (minLength 1) and termination_uri; transport "TLS", "TCP" or "UDP"; agent weights must add up to 1) and
 * PATCH /update-phone-number/{phone_number}, with the same fields as retell-sdk 5.66.1's PhoneNumberImportParams / PhoneNumberUpdateParams (test/partners
 * checks at compile time that the key sets are equal, so an SDK release that adds or renames a field fails
 * the build). Unknown keys are refused (.strict()): stricter than Retell, whose API is not documented to
 * refuse them, so that a misspelt field fails the test that sent it.
 */
import { z } from 'zod';

const agent = z
  .object({
    agent_id: z.string().min(1),
    weight: z.number().gt(0).lte(1),
    agent_version: z.union([z.string(), z.number()]).optional(),
  })
  .strict();

/** "Total weights must add up to 1" */
const agents = z
  .array(agent)
  .nullable()
  .optional()
  .refine((list) => !list || list.length === 0 || Math.abs(list.reduce((s, a) => s + a.weight, 0) - 1) < 1e-9, { message: 'Total weights must add up to 1' });

const transport = z.enum(['TLS', 'TCP', 'UDP']).nullable().optional();
const countries = z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code')).nullable().optional();

export const RetellImportBody = z
  .object({
    phone_number: z.string().min(1),
    termination_uri: z.string().min(1),
    allowed_inbound_country_list: countries,
    allowed_outbound_country_list: countries,
    ignore_e164_validation: z.boolean().optional(),
    inbound_agents: agents,
    inbound_webhook_url: z.string().nullable().optional(),
    nickname: z.string().optional(),
    outbound_agents: agents,
    sip_trunk_auth_password: z.string().optional(),
    sip_trunk_auth_username: z.string().optional(),
    transport,
  })
  .strict();

export const RetellUpdateBody = z
  .object({
    allowed_inbound_country_list: countries,
    allowed_outbound_country_list: countries,
    auth_password: z.string().optional(),
    auth_username: z.string().optional(),
    fallback_number: z.string().nullable().optional(),
    inbound_agents: agents,
    inbound_sms_agents: agents,
    inbound_sms_webhook_url: z.string().nullable().optional(),
    inbound_webhook_url: z.string().nullable().optional(),
    nickname: z.string().nullable().optional(),
    outbound_agents: agents,
    outbound_sms_agents: agents,
    termination_uri: z.string().optional(),
    transport,
  })
  .strict();

export type RetellImport = z.infer<typeof RetellImportBody>;
export type RetellUpdate = z.infer<typeof RetellUpdateBody>;
