/**
 * Saved profiles: account SID, API key, region, base URL and the API token, in one 0600 file under the
 * user's config folder (env-paths). `default` is used when no other credentials are configured. Light on
 * purpose (write-file-atomic only when saving): the wizard's header reads the profile before its first frame.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import { InputError } from '../errors.js';
import type { Region } from '../exotel/types.js';
import { cliName } from '../cli-name.js';

export interface StoredProfile {
  accountSid: string;
  apiKey?: string;
  region?: Region;
  baseUrl?: string;
  apiToken?: string;
  /**
   * Partner API keys entered in the wizard (issue 17), under the names the partner's own tools read
   * (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, ELEVENLABS_API_KEY, RETELL_API_KEY): kept here, in this
   * 0600 file, and nowhere else (never the state journal or the secrets file).
   */
  partners?: Record<string, string>;
}

export const profilesPath = () => process.env.EXOTRUNK_PROFILES ?? join(envPaths('exotrunk', { suffix: '' }).config, 'profiles.json');
/** The name `profile use` chose, next to the profiles file (a file of its own: profiles.json stays name → profile). */
const currentPath = () => `${profilesPath()}.current`;

/** The profile used when no name is given: the one `profile use` chose, else `default`. */
export function currentProfileName(): string {
  try {
    const name = readFileSync(currentPath(), 'utf8').trim();
    if (name && readAll()[name]) return name;
  } catch {
    // none chosen
  }
  return 'default';
}

function readAll(): Record<string, StoredProfile> {
  const p = profilesPath();
  if (!existsSync(p)) return {};
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Record<string, StoredProfile>;
  } catch {
    throw new InputError(`The profiles file ${p} is not valid JSON.`, { fix: `Fix or delete it, then save the profile again (${cliName()} profile save).` });
  }
}

/** The named profile (error if missing), or `default` when present and no name was given. */
export function loadProfile(name?: string): StoredProfile | undefined {
  const all = readAll();
  if (name) {
    if (!all[name]) throw new InputError(`No profile named ${name}.`, { fix: Object.keys(all).length ? `Known: ${Object.keys(all).join(', ')}.` : `Save one with ${cliName()} profile save <name>.` });
    return all[name];
  }
  // Environment credentials win over the default profile.
  if (process.env.EXOTEL_ACCOUNT_SID || process.env.EXOTEL_API_TOKEN) return undefined;
  return all[currentProfileName()];
}

/** The profile `name`, or an error naming the ones there are. */
export function requireProfile(name: string): StoredProfile {
  const all = readAll();
  const p = all[name];
  if (!p) throw new InputError(`No profile named ${name}.`, { fix: Object.keys(all).length ? `Known: ${Object.keys(all).join(', ')}.` : `Save one with ${cliName()} profile save <name>.` });
  return p;
}

export async function useProfile(name: string): Promise<void> {
  requireProfile(name);
  const { default: writeFileAtomic } = await import('write-file-atomic');
  mkdirSync(dirname(profilesPath()), { recursive: true, mode: 0o700 });
  writeFileAtomic.sync(currentPath(), `${name}\n`, { mode: 0o600 });
}

export async function deleteProfile(name: string): Promise<void> {
  requireProfile(name);
  const { default: writeFileAtomic } = await import('write-file-atomic');
  const all = readAll();
  delete all[name];
  writeFileAtomic.sync(profilesPath(), JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
  if (currentProfileName() === 'default' && existsSync(currentPath())) rmSync(currentPath(), { force: true });
}

export async function saveProfile(name: string, p: StoredProfile): Promise<string> {
  const { default: writeFileAtomic } = await import('write-file-atomic'); // only when saving: not at start-up
  const all = readAll();
  // saving the Exotel credentials again keeps the partner keys the wizard kept there
  const kept = p.partners === undefined ? all[name]?.partners : undefined;
  all[name] = kept ? { ...p, partners: kept } : p;
  const path = profilesPath();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic.sync(path, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
  return path;
}

export const profileNames = () => Object.keys(readAll());

/** The partner API keys saved in a profile (none when the profile does not exist or has none). */
export function profilePartnerKeys(name: string): Record<string, string> {
  try {
    return { ...(readAll()[name]?.partners ?? {}) };
  } catch {
    return {}; // a damaged profiles file is reported where the Exotel credentials are read
  }
}

/**
 * Save partner API keys into an existing profile (the file stays 0600): `names` are the variables replaced (a
 * partner's whole set, so keys of two partners never mix), `keys` their new values.
 */
export async function savePartnerKeys(name: string, names: readonly string[], keys: Record<string, string>): Promise<string> {
  const p = requireProfile(name);
  const partners = Object.fromEntries(Object.entries(p.partners ?? {}).filter(([k]) => !names.includes(k)));
  for (const k of names) if (keys[k]) partners[k] = keys[k];
  return saveProfile(name, { ...p, partners });
}
