/**
 * The recipe schema: a partner recipe is data (recipes/<id>.yaml), validated here.
 * Templates in recipes (strings containing {{…}}) are Handlebars over the answers, rendered by the engine.
 */
import { z } from 'zod';

export const DIRECTIONS = ['outbound', 'inbound', 'both'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Names of the field validators in src/core/rules/validators.ts; a recipe may only use these. */
export const VALIDATOR_NAMES = [
  'nonempty',
  'trunk_name',
  'e164',
  'e164_list',
  'ipv4_public',
  'ipv4_public_list',
  'fqdn',
  'host', // fqdn or public ipv4
  'hostport', // host[:port]
  'port',
  'transport',
  'friendly_name',
  'sip_username',
  'sip_password',
  'subdomain', // one DNS label
  'daily_domain', // a Daily domain: acme, acme.daily.co or https://acme.daily.co/… → acme
  'url', // https URL
  'wss_url', // wss:// WebSocket URL (media streams) on a public host name or IP
  'identifier', // [A-Za-z0-9_.:-]+ (agent ids, assistant ids, trunk ids)
] as const;
export type ValidatorName = (typeof VALIDATOR_NAMES)[number];

const answerValue = z.union([z.string(), z.boolean(), z.array(z.string())]);

/** A condition: all listed parts must hold; `any` holds when at least one of its conditions does. */
export interface When {
  direction?: Direction[];
  /** answer id -> value (or any of values) */
  answers?: Record<string, string | boolean | string[] | (string | boolean)[]>;
  /** e.g. "a TLS leg in either direction": [{edge_transport: tls}, {inbound_transport: tls}] */
  any?: When[];
  /** question ids that must be filled in (a non-empty text or list, a yes): "only once the id is known" */
  answered?: string[];
}
export const WhenSchema: z.ZodType<When> = z.lazy(() =>
  z
    .object({
      direction: z.array(z.enum(DIRECTIONS)).min(1).optional(),
      answers: z.record(z.string(), z.union([answerValue, z.array(z.union([z.string(), z.boolean()]))])).optional(),
      any: z.array(WhenSchema).min(1).optional(),
      answered: z.array(z.string()).min(1).optional(),
    })
    .strict(),
);

export const QuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    prompt: z.string().min(1),
    help: z.string().optional(),
    kind: z.enum(['text', 'secret', 'select', 'list', 'confirm']),
    default: z.union([z.string(), z.boolean(), z.array(z.string())]).optional(),
    choices: z.array(z.object({ value: z.string(), label: z.string() }).strict()).optional(),
    validate: z.enum(VALIDATOR_NAMES).optional(),
    optional: z.boolean().default(false),
    when: WhenSchema.optional(),
    env: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional(),
    /**
     * A partner's own id format, checked as the answer is typed (after `validate`): e.g. Retell agent ids
     * start with agent_. `what` names the thing ("a Retell agent id"), `example` shows a valid one.
     */
    pattern: z.object({ regex: z.string().min(1), what: z.string().min(1), example: z.string().min(1) }).strict().optional(),
    /** asked before every other question, the direction included (a choice that decides which others apply) */
    first: z.boolean().optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.kind === 'select' && !q.choices?.length) ctx.addIssue({ code: 'custom', message: 'a select question needs choices' });
    if (q.pattern) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(q.pattern.regex, 'u');
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['pattern', 'regex'], message: `not a regular expression: ${(e as Error).message}` });
      }
      if (re && !re.test(q.pattern.example)) ctx.addIssue({ code: 'custom', path: ['pattern', 'example'], message: 'the example does not match the pattern' });
    }
  });
export type Question = z.infer<typeof QuestionSchema>;

export const EgressSchema = z
  .object({
    /** static: a few fixed IPs (ACL possible); cidr: published ranges (never ACL); dynamic: no fixed egress */
    kind: z.enum(['static', 'cidr', 'dynamic', 'user']),
    ips: z.array(z.string()).default([]),
    cidrs: z.array(z.string()).default([]),
    note: z.string().optional(),
  })
  .strict();

export const InboundSipSchema = z
  .object({
    /** template over answers, e.g. "{{livekit_subdomain}}.india.sip.livekit.cloud" */
    host: z.string().min(1),
    transports: z.array(z.enum(['tls', 'tcp', 'udp'])).min(1),
    ports: z.object({ tls: z.number().int().optional(), tcp: z.number().int().optional(), udp: z.number().int().optional() }).strict(),
    note: z.string().optional(),
  })
  .strict();

const Toggle = z.object({ when: WhenSchema.optional() }).strict();

export const ResourcesSchema = z
  .object({
    /** no trunk at all (e.g. Rapida native path) when this condition holds */
    skip_all_when: WhenSchema.optional(),
    /** number mode: pstn (Connect / outbound) or flow (Voicebot / StreamKit) */
    number_mode: z.enum(['pstn', 'flow']).default('pstn'),
    /** outbound auth policy: auto lets the rules decide from the egress; acl_and_digest needs confirmation */
    outbound_auth: z.enum(['auto', 'digest', 'acl']).default('auto'),
    /** may the user add digest on top of ACL (customer PBX/SBC with stable IPs)? */
    allow_mixed_auth: z.boolean().default(false),
    /** destination URI template "host:port;transport=…", default from inbound_sip; when: defaults to inbound directions */
    destination: z.object({ uri: z.string().optional(), when: WhenSchema.optional() }).strict().optional(),
    /** set trunk_external_alias to the DID */
    alias: Toggle.optional(),
    /** extra ACL IPs template (comma list), e.g. a PBX's static IPs */
    acl_ips: z.string().optional(),
    /** credentials even for inbound-only (e.g. StreamKit) */
    credentials: Toggle.optional(),
  })
  .strict();

export const OutputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    template: z.string().min(1), // path under templates/<recipe id>/ or templates/common/ ("common/…")
    title: z.string().min(1),
    paste: z.string().min(1), // where exactly to paste it
    file: z.string().regex(/^[A-Za-z0-9._-]+$/),
    format: z.enum(['json', 'yaml', 'text', 'shell', 'ini', 'markdown']),
    secret: z.boolean().default(false),
    when: WhenSchema.optional(),
    /**
     * The id of another output of the same recipe that does the same job: the user follows one of the two, never
     * both (ufw instead of iptables, the API body instead of the dashboard form, a JSON file pasted by hand instead
     * of the script that sends it). The primary output names no `alternative_of`; alternatives name the primary,
     * so a group is one primary and its alternatives. Each output's `paste` says which one to use ("Use ONE
     * of: …"); a front end may group them by this field.
     */
    alternative_of: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  })
  .strict();
export type Output = z.infer<typeof OutputSchema>;

export const RecipeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    title: z.string().min(1),
    /** where the partner list shows it: lower first; recipes without one follow, by id */
    order: z.number().int().min(0).optional(),
    /**
     * The partner's short name for running text ("LiveKit Cloud", not the title "LiveKit Cloud (SIP trunk)"), so
     * a sentence that adds its own parentheses does not nest them. Read it through partnerName().
     */
    partner: z.string().min(1).max(40).optional(),
    summary: z.string().min(1).max(80),
    docs: z.array(z.string().url()).min(1),
    facts_checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    facts_source: z.string().min(1),
    directions: z.array(z.enum(DIRECTIONS)).min(1),
    default_direction: z.enum(DIRECTIONS).optional(),
    egress: EgressSchema,
    inbound_sip: InboundSipSchema.optional(),
    /** defaults for the common questions (trunk_name, edge_transport, …) */
    defaults: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
    questions: z.array(QuestionSchema).default([]),
    resources: ResourcesSchema.default({ number_mode: 'pstn', outbound_auth: 'auto', allow_mixed_auth: false }),
    outputs: z.array(OutputSchema).default([]),
    /** paste_only: a step of pasting the partner side by hand, left out when exotrunk set it up through the partner's API */
    checklist: z.array(z.object({ text: z.string().min(1), when: WhenSchema.optional(), paste_only: z.boolean().optional() }).strict()).default([]),
    troubleshooting: z.array(z.object({ symptom: z.string().min(1), check: z.string().min(1), sip_code: z.number().int().optional() }).strict()).default([]),
  })
  .strict();
export type Recipe = z.infer<typeof RecipeSchema>;

/** The partner's short name for running text: `partner:`, else the title without a trailing "(…)". */
export function partnerName(recipe: Pick<Recipe, 'title' | 'partner'>): string {
  return recipe.partner ?? (recipe.title.replace(/\s*\([^()]*\)$/u, '') || recipe.title);
}
