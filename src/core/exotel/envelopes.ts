/**
 * zod schemas for Exotel's response envelopes (seed 000, exotel-facts.md "Response envelopes").
 * The envelope is parsed first with `data` left open; the resource inside is parsed only when the item
 * succeeded, so a failure envelope with `data: null` never trips the resource schema.
 * Everything the server may omit is optional.
 */
import { z } from 'zod';

// A CLI parses each schema a few times per run: zod's JIT (code generation on first use) costs more than it saves.
z.config({ jitless: true });

/** Exotel ids are numeric strings ("41512"); accept numbers too and normalise to string. */
export const idSchema = z.union([z.string(), z.number()]).transform(String);
const numberish = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

export const errorDataSchema = z
  .object({
    code: numberish.optional(),
    message: z.string().nullish(),
    description: z.string().nullish(),
  })
  .nullish();

/** One result: the whole `response` of a single call, or one element of a list / multi-status. */
export const itemEnvelopeSchema = z.object({
  code: numberish.optional(),
  status: z.string().optional(),
  error_data: errorDataSchema,
  data: z.unknown().optional(),
});
export type ItemEnvelope = z.infer<typeof itemEnvelopeSchema>;

const commonFields = {
  request_id: z.string().nullish(),
  method: z.string().nullish(),
  http_code: numberish.nullish(),
};

export const singleEnvelopeSchema = z.object({ ...commonFields, response: itemEnvelopeSchema });

export const listEnvelopeSchema = z.object({
  ...commonFields,
  metadata: z
    .object({
      page_size: numberish.nullish(),
      first_page_uri: z.string().nullish(),
      prev_page_uri: z.string().nullish(),
      next_page_uri: z.string().nullish(),
      total: numberish.nullish(),
    })
    .nullish(),
  response: z.array(itemEnvelopeSchema),
});

export const multiStatusEnvelopeSchema = z.object({
  ...commonFields,
  metadata: z
    .object({ total: numberish.nullish(), success: numberish.nullish(), failed: numberish.nullish() })
    .nullish(),
  response: z.array(itemEnvelopeSchema),
});

/** Either shape; used to read an error out of any answer (a list endpoint answers 404 with a single envelope). */
export const anyEnvelopeSchema = z.object({
  ...commonFields,
  response: z.union([itemEnvelopeSchema, z.array(itemEnvelopeSchema)]),
});

/** The envelope, not the HTTP status, decides: status "failure" or code >= 400 is a failure even with HTTP 200. */
export function itemFailed(item: ItemEnvelope): boolean {
  return item.status === 'failure' || (item.code !== undefined && item.code >= 400);
}

// ---- resources (snake_case wire format) ----

const ts = z.string().nullish();

/**
 * The trunk record of create / delete, and of `GET /trunks/{trunk_sid}`. Exotel publishes no response example
 * for that GET (seed 002 §2.1 "Verify (GET)" and the AgentStream repository's
 * docs/support/_exotel-trunk-api-snippets.md show only the call), so it is read as the create response's `data`
 * and leniently: only the sid is required; every setting may be missing, null, or a value not documented yet.
 */
const setting = z.union([z.string(), z.number(), z.boolean()]).transform(String).nullish();
export const trunkDataSchema = z.object({
  trunk_sid: z.string(),
  trunk_name: z.string().nullish(),
  domain_name: z.string().nullish(),
  status: z.string().nullish(),
  auth_type: z.string().nullish(),
  registration_enabled: setting,
  edge_preference: setting,
  nso_code: setting,
  secure_trunking: setting,
  date_created: ts,
  date_updated: ts,
});

export const numberDataSchema = z.object({
  id: idSchema,
  phone_number: z.string(),
  trunk_sid: z.string().nullish(),
  mode: z.enum(['pstn', 'flow']).nullish(),
  date_created: ts,
  date_updated: ts,
});

export const aclDataSchema = z.object({
  id: idSchema,
  ip: z.string(),
  mask: numberish.nullish(),
  trunk_sid: z.string().nullish(),
  friendly_name: z.string().nullish(),
});

/** seed 002 list / create shape */
export const credentialDataSchema = z.object({
  id: idSchema.nullish(),
  user_name: z.string(),
  friendly_name: z.string().nullish(),
  trunk_sid: z.string().nullish(),
});

/** seed 000 "Get Credentials" shape: a single object with the password in clear */
export const credentialPairSchema = z.object({
  username: z.string(),
  password: z.string().nullish(),
});

export const destinationDataSchema = z.object({
  id: idSchema,
  destination: z.string(),
  trunk_sid: z.string().nullish(),
  type: z.string().nullish(),
  priority: numberish.nullish(),
  weight: numberish.nullish(),
});

export const settingDataSchema = z.object({
  name: z.string(),
  value: z.union([z.string(), z.number()]).transform(String),
});
