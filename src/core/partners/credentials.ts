/**
 * Partner API credentials from the environment, under the names the partners' own tools read (LiveKit's lk CLI
 * and server SDKs: LIVEKIT_URL / LIVEKIT_API_KEY / LIVEKIT_API_SECRET; @elevenlabs/elevenlabs-js:
 * ELEVENLABS_API_KEY; retell-sdk: RETELL_API_KEY and RETELL_BASE_URL). Opt-in: with none of a partner's names
 * set, that partner is not configured and its configs are rendered to paste, as before.
 *
 * Every check runs before any request. Messages name the variable and what is valid, never the value.
 * Key shapes (checked 2026-11-29):
 *  - LiveKit Cloud keys are "API" plus letters and digits, secrets 32+ letters and digits (the keys a
 *    project's Settings → API keys page issues); a self-hosted server accepts any key, e.g. `--dev` uses
 *    devkey / secret, so the shapes are enforced only for *.livekit.cloud.
 *  - ElevenLabs keys are "sk_" plus 48 hex digits (older accounts: 32 hex digits without a prefix).
 *  - Retell keys are "key_" plus letters and digits (Retell dashboard → API Keys).
 */
import { isLoopbackHost } from '../exotel/base-url.js';
import { InputError } from '../errors.js';
import { Secret } from '../secret.js';
import { PARTNER_TITLES, type PartnerId } from './types.js';

export interface LiveKitCredentials {
  partner: 'livekit';
  /** https:// (or http:// on loopback) form of LIVEKIT_URL, as the SDK's Twirp client wants it */
  url: string;
  apiKey: string;
  apiSecret: Secret;
}

export interface ElevenLabsCredentials {
  partner: 'elevenlabs';
  /** default https://api.elevenlabs.io; a data-residency host or a local stand-in via EXOTRUNK_ELEVENLABS_BASE_URL */
  baseUrl: string;
  apiKey: Secret;
}

export interface RetellCredentials {
  partner: 'retell';
  /** default https://api.retellai.com; RETELL_BASE_URL overrides it, as in retell-sdk */
  baseUrl: string;
  apiKey: Secret;
}

export type PartnerCredentials = LiveKitCredentials | ElevenLabsCredentials | RetellCredentials;

/** The environment variables each partner reads, in the order they are reported. */
export const PARTNER_ENV: Record<PartnerId, readonly string[]> = {
  livekit: ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'],
  elevenlabs: ['ELEVENLABS_API_KEY', 'EXOTRUNK_ELEVENLABS_BASE_URL'],
  retell: ['RETELL_API_KEY', 'RETELL_BASE_URL'],
};

/** The documented ElevenLabs API hosts (@elevenlabs/elevenlabs-js ElevenLabsEnvironment, 2.73.0). */
export const ELEVENLABS_HOSTS = [
  'https://api.elevenlabs.io',
  'https://api.us.elevenlabs.io',
  'https://api.eu.residency.elevenlabs.io',
  'https://api.in.residency.elevenlabs.io',
  'https://api.sg.residency.elevenlabs.io',
] as const;

type Env = Record<string, string | undefined>;

const present = (env: Env, name: string): boolean => (env[name] ?? '').trim() !== '';

/** Is any of this partner's credential variables set? (Base URL variables alone do not count.) */
export function partnerConfigured(partner: PartnerId, env: Env = process.env): boolean {
  const keys = partner === 'livekit' ? PARTNER_ENV.livekit : [PARTNER_ENV[partner][0]];
  return keys.some((k) => present(env, k));
}

/**
 * A base URL the API key may be sent to: https, or http / ws only to a loopback host (a local stand-in).
 * Returns the https form without a trailing slash, or a problem sentence.
 */
export function checkPartnerUrl(name: string, raw: string, example: string): { url?: string; problem?: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { problem: `${name} is not a URL: use ${example}.` };
  }
  if (url.username || url.password) return { problem: `${name} must not contain "user:password@": the key travels in a header, not the URL.` };
  const loopback = isLoopbackHost(url.hostname);
  const scheme = url.protocol.replace(':', '');
  if (scheme === 'wss') url.protocol = 'https:';
  else if (scheme === 'ws' && loopback) url.protocol = 'http:';
  else if (scheme === 'http' && !loopback) {
    return { problem: `${name} uses http:// toward ${url.hostname}: the key would cross the network unencrypted; use https:// (plain http only for a local stand-in on 127.0.0.1, ::1 or localhost).` };
  } else if (scheme !== 'https' && scheme !== 'http') {
    return { problem: `${name} uses ${scheme}://: use ${example}.` };
  }
  if (url.search || url.hash) return { problem: `${name} must not have a query or fragment: use ${example}.` };
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** whitespace or quotes inside a key: the usual paste accident */
function pasteProblem(name: string, value: string): string | undefined {
  if (/\s/.test(value)) return `${name} contains a space or line break: paste the key alone.`;
  if (/["'`]/.test(value)) return `${name} contains a quote character: paste the key without quotes.`;
  return undefined;
}

function readLiveKit(env: Env): { creds?: LiveKitCredentials; problems: string[] } {
  const problems: string[] = [];
  const missing = PARTNER_ENV.livekit.filter((k) => !present(env, k));
  for (const k of missing) problems.push(`${k} is not set (LiveKit Cloud → Settings → API keys; the same variables lk and the server SDKs read).`);
  if (missing.length) return { problems };
  const { url, problem } = checkPartnerUrl('LIVEKIT_URL', env.LIVEKIT_URL!, 'wss://<project>.livekit.cloud');
  if (problem) problems.push(problem);
  const key = env.LIVEKIT_API_KEY!.trim();
  const secret = env.LIVEKIT_API_SECRET!.trim();
  for (const [name, v] of [['LIVEKIT_API_KEY', key], ['LIVEKIT_API_SECRET', secret]] as const) {
    const p = pasteProblem(name, v);
    if (p) problems.push(p);
  }
  const cloud = url !== undefined && new URL(url).hostname.endsWith('.livekit.cloud');
  if (cloud && !/^API[A-Za-z0-9]{8,}$/.test(key)) {
    problems.push(`LIVEKIT_API_KEY does not look like a LiveKit Cloud key: those are "API" followed by letters and digits (${key.length} characters given).`);
  }
  if (cloud && !/^[A-Za-z0-9]{32,}$/.test(secret)) {
    problems.push(`LIVEKIT_API_SECRET does not look like a LiveKit Cloud secret: those are 32 or more letters and digits (${secret.length} characters given).`);
  }
  if (problems.length) return { problems };
  return { creds: { partner: 'livekit', url: url!, apiKey: key, apiSecret: new Secret(secret) }, problems };
}

/**
 * One API key and an optional base URL, as ElevenLabs and Retell take them: the key present, pasted whole and in
 * the partner's shape; the URL https (or loopback).
 */
function readKeyAndUrl(env: Env, k: { name: string; where: string; shape: (key: string) => boolean; shapeText: string }, u: { name: string; fallback: string; valid: string }): { key: string; baseUrl: string; problems: string[] } {
  const problems: string[] = [];
  if (!present(env, k.name)) return { key: '', baseUrl: '', problems: [`${k.name} is not set (${k.where}).`] };
  const key = env[k.name]!.trim();
  const paste = pasteProblem(k.name, key);
  if (paste) problems.push(paste);
  else if (!k.shape(key)) problems.push(`${k.name} does not look like ${k.shapeText} (${key.length} characters given).`);
  let baseUrl = u.fallback;
  if (present(env, u.name)) {
    const r = checkPartnerUrl(u.name, env[u.name]!, u.valid);
    if (r.problem) problems.push(r.problem);
    else baseUrl = r.url!;
  }
  return { key, baseUrl, problems };
}

function readElevenLabs(env: Env): { creds?: ElevenLabsCredentials; problems: string[] } {
  const { key, baseUrl, problems } = readKeyAndUrl(
    env,
    { name: 'ELEVENLABS_API_KEY', where: 'ElevenLabs → Developers → API keys', shape: (t) => /^sk_[A-Za-z0-9]{32,}$/.test(t) || /^[0-9a-f]{32}$/.test(t), shapeText: 'an ElevenLabs key: those are "sk_" followed by 48 hex digits, or 32 hex digits for older keys' },
    { name: 'EXOTRUNK_ELEVENLABS_BASE_URL', fallback: ELEVENLABS_HOSTS[0], valid: `one of ${ELEVENLABS_HOSTS.join(', ')}` },
  );
  if (problems.length) return { problems };
  return { creds: { partner: 'elevenlabs', baseUrl, apiKey: new Secret(key) }, problems };
}

function readRetell(env: Env): { creds?: RetellCredentials; problems: string[] } {
  const { key, baseUrl, problems } = readKeyAndUrl(
    env,
    { name: 'RETELL_API_KEY', where: 'Retell dashboard → API Keys', shape: (t) => /^key_[A-Za-z0-9]{16,}$/.test(t), shapeText: 'a Retell key: those are "key_" followed by letters and digits' },
    { name: 'RETELL_BASE_URL', fallback: 'https://api.retellai.com', valid: 'https://api.retellai.com' },
  );
  if (problems.length) return { problems };
  return { creds: { partner: 'retell', baseUrl, apiKey: new Secret(key) }, problems };
}

export type CredentialsResult<P extends PartnerId> =
  | { status: 'absent' }
  | { status: 'ok'; creds: Extract<PartnerCredentials, { partner: P }> }
  | { status: 'invalid'; problems: string[] };

/** Read and check one partner's credentials. Never throws; `absent` means the partner side is not opted in. */
export function readPartnerCredentials<P extends PartnerId>(partner: P, env: Env = process.env): CredentialsResult<P> {
  if (!partnerConfigured(partner, env)) return { status: 'absent' };
  const r = partner === 'livekit' ? readLiveKit(env) : partner === 'elevenlabs' ? readElevenLabs(env) : readRetell(env);
  if (r.creds) return { status: 'ok', creds: r.creds as Extract<PartnerCredentials, { partner: P }> };
  return { status: 'invalid', problems: r.problems };
}

/** The same as readPartnerCredentials, as a thrown InputError (exit 2) for the invalid case. */
export function requirePartnerCredentials<P extends PartnerId>(partner: P, env: Env = process.env): Extract<PartnerCredentials, { partner: P }> | undefined {
  const r = readPartnerCredentials(partner, env);
  if (r.status === 'absent') return undefined;
  if (r.status === 'ok') return r.creds;
  throw new InputError(`The ${PARTNER_TITLES[partner]} API credentials are not usable; nothing was sent to Exotel or ${PARTNER_TITLES[partner]}.`, {
    why: r.problems.join(' '),
    fix: `Fix ${PARTNER_ENV[partner].join(' / ')}, or unset them to get ${PARTNER_TITLES[partner]} configs to paste instead.`,
    details: r.problems,
  });
}

/** The India data residency API host (ElevenLabs data residency docs, checked 2026-11-29). */
export const ELEVENLABS_INDIA_HOST = 'https://api.in.residency.elevenlabs.io';

/**
 * ElevenLabs credentials for the workspace the recipe's el_environment answer names. An India data residency
 * workspace is its own environment, with its own API host and keys, so the answer picks the host when
 * EXOTRUNK_ELEVENLABS_BASE_URL is not set; when it is set it must not contradict the answer (a local stand-in
 * on loopback excepted). Throws InputError: nothing has been sent yet.
 */
export function elevenlabsForEnvironment(creds: ElevenLabsCredentials, environment: string, env: Env = process.env): ElevenLabsCredentials {
  const india = environment === 'in';
  if (!present(env, 'EXOTRUNK_ELEVENLABS_BASE_URL')) return india ? { ...creds, baseUrl: ELEVENLABS_INDIA_HOST } : creds;
  const host = new URL(creds.baseUrl).hostname;
  if (isLoopbackHost(host)) return creds;
  const indiaHost = new URL(ELEVENLABS_INDIA_HOST).hostname;
  if (india !== (host === indiaHost)) {
    throw new InputError(`EXOTRUNK_ELEVENLABS_BASE_URL (${host}) does not match the workspace answer el_environment=${environment || 'global'}; nothing was sent to Exotel or ElevenLabs.`, {
      why: 'An India data residency workspace is a separate ElevenLabs environment: its keys, agents and numbers exist only on its own API host, and a key from elevenlabs.io does not work there (ElevenLabs data residency docs).',
      fix: india ? `Unset EXOTRUNK_ELEVENLABS_BASE_URL (the India host ${ELEVENLABS_INDIA_HOST} is then used), or answer el_environment=global.` : `Answer el_environment=in for an India workspace, or unset EXOTRUNK_ELEVENLABS_BASE_URL.`,
    });
  }
  return creds;
}

/** Every secret value in a set of credentials, for redaction. */
export function credentialSecrets(creds: PartnerCredentials): Secret[] {
  return creds.partner === 'livekit' ? [creds.apiSecret] : [creds.apiKey];
}
