/**
 * The partner side through its API (issue 17), offered where the answers are asked: the question, where the
 * keys were found (by variable name, never a value), the choices, and the prompts for typing keys. The wizard
 * lays it out; the words are here so the headless commands and the README can say the same.
 */
import type { PartnerOffer } from '../core/engine/types.js';
import { cliName } from '../core/engine/light.js';
import { listOf } from './words.js';

/** What the partner's API makes, per partner: the question names it. */
const MAKES: Record<PartnerOffer['partner'], { question: string; what: string }> = {
  livekit: { question: 'Also create the LiveKit trunks?', what: 'the outbound and inbound trunks and a dispatch rule, through LiveKit\'s API' },
  elevenlabs: { question: 'Also import the number into ElevenLabs?', what: 'the number with its SIP trunk settings, assigned to the agent, through ElevenLabs\' API' },
  retell: { question: 'Also import the number into Retell?', what: 'the number with its termination URI and digest credential, bound to the agent, through Retell\'s API' },
};

/** Where each key is found in the partner's dashboard, for the prompts. */
const FIELD_HELP: Record<string, string> = {
  LIVEKIT_URL: 'LiveKit project URL, wss://<project>.livekit.cloud (LiveKit Cloud → Settings)',
  LIVEKIT_API_KEY: 'LiveKit API key (Settings → API keys), hidden',
  LIVEKIT_API_SECRET: 'LiveKit API secret (shown once, when the key is made), hidden',
  ELEVENLABS_API_KEY: 'ElevenLabs API key (Developers → API keys), hidden',
  RETELL_API_KEY: 'Retell API key (dashboard → API Keys), hidden',
};

export type OfferChoice = 'yes' | 'no' | 'enter';

export interface OfferView {
  /** "Also create the LiveKit trunks?" */
  question: string;
  /** what that makes there, in one line */
  what: string;
  /** where the keys were found: "LIVEKIT_API_KEY found (environment): project abc.livekit.cloud" */
  found?: string;
  /** what is wrong with the keys found */
  problems: string[];
  /** a caution before "yes" (real partner keys with the sandbox Exotel) */
  warning?: string;
  /** the choices, the default first */
  choices: { label: string; value: OfferChoice }[];
  /** how the review names the decision */
  reviewLabel: string;
}

const SOURCE = { typed: 'typed in this session', env: 'in the environment', profile: 'saved in profile' } as const;

export function offerView(o: PartnerOffer): OfferView {
  const m = MAKES[o.partner];
  const P = o.title;
  const usable = !!o.source && !o.problems.length;
  const where = o.source === 'profile' ? `${SOURCE.profile} ${o.profile}` : o.source ? SOURCE[o.source] : '';
  const key = o.found.find((k) => k !== 'LIVEKIT_URL') ?? o.found[0];
  const found = o.source
    ? `${o.source === 'typed' ? `The ${P} keys ${where}` : `${key} found ${where}`}${o.host ? `: ${o.partner === 'livekit' ? 'project' : 'API'} ${o.host}` : ''}.`
    : `${P}'s API keys are not set (${listOf(o.fields.map((f) => f.name))}): enter them to set up the ${P} side too, or skip and paste the config as before.`;
  const yes = { label: `Yes: set it up through ${P}'s API (nothing to paste at ${P})`, value: 'yes' as const };
  const no = { label: `No: render the ${P} config to paste`, value: 'no' as const };
  const enter = { label: usable ? `Enter other ${P} keys` : `Enter the ${P} API keys (hidden as you type)`, value: 'enter' as const };
  const warning = usable && o.realPartnerFromSandbox ? `The Exotel side is the SANDBOX, but these keys reach ${P} itself (${o.host}): what is made there would point at a trunk that exists only in the sandbox.` : undefined;
  const choices = usable ? (warning ? [no, yes, enter] : [yes, no, enter]) : [no, enter];
  return { question: m.question, what: `${P}: ${m.what}.`, found, problems: o.problems, warning, choices, reviewLabel: `${P} API` };
}

/** The review's row for the decision: "Yes (LIVEKIT_API_KEY in the environment)" or "No: config to paste". */
export function offerAnswer(o: PartnerOffer, use: boolean): string {
  if (!use) return 'No: config to paste';
  return o.source === 'typed' ? 'Yes (keys typed here)' : o.source === 'profile' ? `Yes (keys in profile ${o.profile})` : 'Yes (keys in the environment)';
}

/** The prompt for one key variable. */
export function keyPrompt(name: string): string {
  return FIELD_HELP[name] ?? name;
}

/** Where typed keys go: the 0600 profile in use, or this session only. */
export function keepQuestion(o: PartnerOffer, profilesFile: string): { question?: string; note?: string } {
  if (!o.profile) return { note: `No saved profile is in use, so the ${o.title} keys are used for this session only (${cliName()} profile save makes one; they can then be kept there).` };
  return { question: `Keep the ${o.title} keys in profile ${o.profile} (${profilesFile}, readable only by you) once ${o.title} accepts them?` };
}
