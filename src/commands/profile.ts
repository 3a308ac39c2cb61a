/**
 * exotrunk profile save | list | show | use | delete: saved Exotel credentials. `save` asks for what the flags and
 * the environment leave out when run on a terminal, and checks the credentials with one read at Exotel before it
 * writes anything (as `gh auth login` does).
 */
import type { OptionValues } from 'commander';
import { checkAccountSid, checkCredentials, cliName, currentProfileName, deleteProfile, InputError, liveBaseUrl, profileNames, profilesPath, requireProfile, saveProfile, Secret, useProfile } from '../core/engine/index.js';
import { readTokenFile } from './context.js';
import { bold, err, green, json, out } from './format.js';
import { ask, askSecret, confirm, interactive } from './interactive.js';
import { flag, globalsOf } from './options.js';

const NAME = /^[A-Za-z0-9_-]{1,32}$/;
const checkName = (name: string) => {
  if (!NAME.test(name)) throw new InputError(`Profile name "${name}" is not valid: use 1-32 letters, digits, _ or -.`);
  return name;
};

export async function profileSave(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const check = flag(o, 'check', true);
  const name = checkName(String(args[0] ?? 'default'));
  const tty = interactive(g);
  let accountSid = g.accountSid ?? process.env.EXOTEL_ACCOUNT_SID;
  let apiKey = process.env.EXOTEL_API_KEY;
  let token = g.apiTokenFile ? readTokenFile(g.apiTokenFile).reveal() : process.env.EXOTEL_API_TOKEN;
  const envRegion = process.env.EXOTEL_REGION?.trim() || undefined;
  if (envRegion !== undefined && envRegion !== 'in' && envRegion !== 'sg') throw new InputError(`EXOTEL_REGION "${envRegion}" is not valid: use in (India) or sg (Singapore).`);
  let region: 'in' | 'sg' | undefined = g.region ?? envRegion;
  if (tty && (!accountSid || !token)) {
    err(bold(`Saving profile ${name}: the credentials are on the Exotel dashboard, under API Settings.`));
    accountSid ||= await ask('Account SID: ');
    apiKey ||= (await ask(`API key (Enter: the account SID): `)) || undefined;
    token ||= await askSecret('API token (not shown as you type): ');
    region ||= /^s/i.test(await ask('Region, in (India, api.in.exotel.com) or sg (Singapore, api.exotel.com) [in]: ')) ? 'sg' : 'in';
  }
  if (!accountSid || !token) throw new InputError('A profile needs the account SID and the API token.', { fix: 'Set EXOTEL_ACCOUNT_SID (or --account-sid) and EXOTEL_API_TOKEN (or --api-token-file FILE, or - for stdin), or run it on a terminal to be asked.' });
  accountSid = checkAccountSid(accountSid, g.accountSid ? '--account-sid' : process.env.EXOTEL_ACCOUNT_SID ? 'EXOTEL_ACCOUNT_SID' : 'the Account SID answer');
  const r = region ?? 'in';
  const { baseUrl, explicit } = liveBaseUrl(r, g.baseUrl);
  if (check) {
    if (!g.json) err(`Checking the credentials with one read at ${baseUrl} …`);
    await checkCredentials({ accountSid, apiKey: apiKey || accountSid, apiToken: new Secret(token), baseUrl });
  }
  const path = await saveProfile(name, { accountSid, apiKey: apiKey || accountSid, region: r, baseUrl: explicit ? baseUrl : undefined, apiToken: token });
  const current = currentProfileName() === name;
  if (g.json) json({ ok: true, profile: name, path, checked: check, current });
  else out(green(`✓ Profile ${name} saved to ${path} (mode 0600)${check ? '; Exotel accepted the credentials' : ''}. `) + (current ? 'exotrunk uses it when no other credentials are set.' : `Use it with --profile ${name}, or make it the one in use: ${cliName()} profile use ${name}`));
  return 0;
}

export async function profileList(_args: unknown[], o: OptionValues): Promise<number> {
  const names = profileNames();
  const current = currentProfileName();
  if (flag(o, 'json')) json({ current: names.includes(current) ? current : null, profiles: names.map((n) => ({ name: n, current: n === current, accountSid: requireProfile(n).accountSid, region: requireProfile(n).region ?? 'in' })) });
  else if (!names.length) out(`No saved profiles. Save one with: ${cliName()} profile save`);
  else out(names.map((n) => `${n === current ? '*' : ' '} ${n.padEnd(16)} ${requireProfile(n).accountSid} (${requireProfile(n).baseUrl ?? requireProfile(n).region ?? 'in'})`).join('\n'));
  return 0;
}

export async function profileShow(args: unknown[], o: OptionValues): Promise<number> {
  const name = args[0] ? checkName(String(args[0])) : currentProfileName();
  const p = requireProfile(name);
  const shown = { name, current: name === currentProfileName(), accountSid: p.accountSid, apiKey: p.apiKey ?? p.accountSid, region: p.region ?? 'in', baseUrl: p.baseUrl ?? null, token: p.apiToken ? 'saved (never shown)' : 'none' };
  if (flag(o, 'json')) json(shown);
  else {
    out(`${bold(`Profile ${name}`)}${shown.current ? ' (in use when no other credentials are set)' : ''}`);
    out(`  account SID  ${shown.accountSid}\n  API key      ${shown.apiKey}\n  region       ${shown.region}${shown.baseUrl ? `\n  base URL     ${shown.baseUrl}` : ''}\n  API token    ${p.apiToken ? Secret.mask : '(none)'}\n  file         ${profilesPath()}`);
  }
  return 0;
}

export async function profileUse(args: unknown[], o: OptionValues): Promise<number> {
  const name = checkName(String(args[0]));
  await useProfile(name);
  if (flag(o, 'json')) json({ ok: true, current: name });
  else out(green(`✓ Profile ${name} is now the one in use when no other credentials are set`) + ' (EXOTEL_* variables and --profile still win).');
  return 0;
}

export async function profileDelete(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const name = checkName(String(args[0]));
  requireProfile(name);
  if (!g.yes) {
    if (!interactive(g)) throw new InputError(`Deleting profile ${name} needs confirmation.`, { fix: 'Pass --yes, or run it on a terminal.' });
    if (!(await confirm(`Delete the saved profile ${name} (its token goes too)? [y/N] `))) {
      err('Nothing was deleted.');
      return 1;
    }
  }
  await deleteProfile(name);
  if (g.json) json({ ok: true, deleted: name });
  else out(green(`✓ Profile ${name} deleted.`));
  return 0;
}
