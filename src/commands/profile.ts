import { InputError } from '../core/errors.js';
import { readTokenFile, type Globals } from './context.js';
import { json, out } from './format.js';
import { profileNames, saveProfile } from './profiles.js';
import { cliName } from '../core/cli-name.js';

/** exotrunk profile save [name]: account SID / key / region from flags or env, the token from env or --api-token-file. */
export async function profileSave(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  const name = String(args[0] ?? 'default');
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(name)) throw new InputError(`Profile name "${name}" is not valid: use 1-32 letters, digits, _ or -.`);
  const accountSid = g.accountSid ?? process.env.EXOTEL_ACCOUNT_SID;
  const token = g.apiTokenFile ? readTokenFile(g.apiTokenFile).reveal() : process.env.EXOTEL_API_TOKEN;
  if (!accountSid || !token) throw new InputError('A profile needs the account SID and the API token.', { fix: 'Set EXOTEL_ACCOUNT_SID (or --account-sid) and EXOTEL_API_TOKEN (or --api-token-file FILE, or - for stdin).' });
  const region = (g.region ?? process.env.EXOTEL_REGION ?? 'in') as 'in' | 'sg';
  const path = await saveProfile(name, { accountSid, apiKey: process.env.EXOTEL_API_KEY ?? accountSid, region, baseUrl: g.baseUrl ?? process.env.EXOTEL_BASE_URL, apiToken: token });
  if (g.json) json({ ok: true, profile: name, path });
  else out(`✓ Profile ${name} saved to ${path} (mode 0600). ${name === 'default' ? 'exotrunk uses it when no other credentials are set.' : `Use it with --profile ${name}.`}`);
  return 0;
}

export async function profileList(_args: unknown[], o: Record<string, unknown>): Promise<number> {
  const names = profileNames();
  if (o.json) json(names);
  else out(names.length ? names.join('\n') : `No saved profiles. Save one with ${cliName()} profile save.`);
  return 0;
}
