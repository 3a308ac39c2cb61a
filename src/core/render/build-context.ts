/**
 * Builds the RenderContext every template sees from the engine's decisions (auth, destination, ACL): one
 * implementation of "what does a template get". Callers come through src/core/engine/render-context.ts.
 */
import { cliName } from '../cli-name.js';
import { COMMON_QUESTIONS } from '../recipes/common-questions.js';
import type { Direction, Question, Recipe } from '../recipes/schema.js';
import { isSecret, type Secret } from '../secret.js';
import type { RenderContext } from './context.js';
import { edgeInfo, EXOTEL_MEDIA_CIDRS, EXOTEL_RTP_PORTS, EXOTEL_SIGNALLING_IPS, EXOTEL_SIP_PORTS, TRUNK_SID_PLACEHOLDER } from '../exotel/network.js';
import { bareSipUri, DEFAULT_SIP_PORTS, withSip } from '../sip-uri.js';

type AnswerValue = string | boolean | string[];

export interface BuildContextInput {
  recipe: Recipe;
  direction: Direction;
  /** answers by question id; secret questions may hold a Secret or a plain string (moved to ctx.secrets) */
  answers: Record<string, AnswerValue | Secret | undefined>;
  account: { sid: string; region: string };
  /** undefined until the trunk exists: templates then show "<trunk_sid>" */
  trunkSid?: string;
  auth: 'digest' | 'acl' | 'both' | 'none';
  /** the destination as sent to Exotel ("" when none): the engine's Inputs.destination */
  destinationUri: string;
  /** the trunk's ACL IPs: the rules' AuthPlan.aclIps */
  aclIps: string[];
  numberMode?: 'pstn' | 'flow';
  /** how a command line in a config names exotrunk; default: as this process was launched (cliName) */
  cli?: string;
}

export const allQuestions = (recipe: Recipe): Question[] => [...COMMON_QUESTIONS, ...recipe.questions];

/**
 * Every question id gets a value, so strict templates fail only on real typos: an unanswered question takes
 * the recipe default, then the question default, then "" / false / [] by kind.
 */
export function completeAnswers(
  recipe: Recipe,
  answers: Record<string, AnswerValue | Secret | undefined>,
): { plain: Record<string, AnswerValue>; secrets: Record<string, string> } {
  const plain: Record<string, AnswerValue> = {};
  const secrets: Record<string, string> = {};
  for (const q of allQuestions(recipe)) {
    const given = answers[q.id];
    if (q.kind === 'secret') {
      secrets[q.id] = given === undefined ? '' : isSecret(given) ? given.reveal() : String(given);
      continue;
    }
    if (given !== undefined && !isSecret(given)) plain[q.id] = given;
    else plain[q.id] = recipe.defaults[q.id] ?? q.default ?? (q.kind === 'confirm' ? false : q.kind === 'list' ? [] : '');
  }
  // Answers to keys no question declares (e.g. engine-derived values) pass through unchanged.
  for (const [k, v] of Object.entries(answers)) {
    if (!(k in plain) && !(k in secrets) && v !== undefined && !isSecret(v)) plain[k] = v;
  }
  // Engine-added answers (src/core/engine/questions.ts) get the engine's defaults when absent.
  const transports = recipe.inbound_sip?.transports ?? [];
  const inboundTransport = transports.includes(plain.inbound_transport as never) ? String(plain.inbound_transport) : (transports[0] ?? 'tls');
  const engineDefaults: Record<string, AnswerValue> = {
    inbound_transport: inboundTransport,
    inbound_port: String(recipe.inbound_sip?.ports[inboundTransport as 'tls'] ?? DEFAULT_SIP_PORTS[inboundTransport as 'tls']),
    set_alias: false,
    also_digest: false,
    mix_approved: false,
  };
  for (const [k, v] of Object.entries(engineDefaults)) plain[k] ??= v;
  return { plain, secrets };
}

export function buildRenderContext(input: BuildContextInput): RenderContext {
  const { recipe, direction } = input;
  const { plain, secrets } = completeAnswers(recipe, input.answers);
  plain.direction = direction;
  const trunkSid = input.trunkSid || TRUNK_SID_PLACEHOLDER;
  const destination = bareSipUri(input.destinationUri);
  const withDigest = input.auth === 'digest' || input.auth === 'both';
  return {
    cli: input.cli ?? cliName(),
    recipe: { id: recipe.id, title: recipe.title, facts_checked: recipe.facts_checked, facts_source: recipe.facts_source },
    direction,
    outbound: direction === 'outbound' || direction === 'both',
    inbound: direction === 'inbound' || direction === 'both',
    answers: plain,
    secrets: { ...secrets, sip_password: withDigest ? (secrets.sip_password ?? '') : '' },
    exotel: {
      account_sid: input.account.sid,
      region: input.account.region,
      trunk_name: String(plain.trunk_name ?? ''),
      trunk_sid: trunkSid,
      trunk_sid_known: Boolean(input.trunkSid),
      domain_name: `${input.account.sid}.pstn.exotel.com`,
      did: String(plain.did ?? ''),
      number_mode: input.numberMode ?? recipe.resources.number_mode,
      connect_value: withSip(trunkSid),
      auth: input.auth,
      sip_username: withDigest ? String(plain.sip_username ?? '') : '',
      edge: edgeInfo(String(plain.edge_host ?? ''), String(plain.edge_transport ?? 'tcp')),
      destination_uri: destination,
      acl_ips: [...input.aclIps],
      signalling_ips: [...EXOTEL_SIGNALLING_IPS],
      media_cidrs: [...EXOTEL_MEDIA_CIDRS],
      rtp_ports: { ...EXOTEL_RTP_PORTS },
      sip_ports: { ...EXOTEL_SIP_PORTS },
    },
  };
}
