/**
 * Rotating a recipe's SIP digest credential without ever leaving two live ones behind. Exotel cannot change a
 * credential's password, so a rotation creates a new credential, the partner is updated, then the old one is
 * deleted. Crash-safe: the new name and its password are journaled (state.json `rotation`, secrets.json
 * `sip_password_next`) before the create call; a re-run looks the new credential up by that name and adopts
 * it, or sends the same create again, and never picks another name while one is pending.
 */
import { InputError, UserError } from '../errors.js';
import { OutcomeUnknownError } from '../exotel/errors.js';
import { isNotFound } from '../exotel/error-table.js';
import { generatePassword, validators } from '../rules/validators.js';
import { Secret } from '../secret.js';
import type { RunState } from '../journal/state-store.js';
import type { Engine } from './engine.js';
import { isExotelOwnCredential } from '../exotel/client.js';
import { cliName } from '../cli-name.js';

export interface Rotation {
  recipeId: string;
  trunkSid: string;
  created: { id?: string; userName: string };
  old: { id?: string; userName: string };
  /** 'new': made now; 'resumed': an interrupted rotation's credential, found or made now; 'pending-delete': made earlier, the old one still to delete */
  how: 'new' | 'resumed' | 'pending-delete';
  startedAt: string;
}

const NEXT = 'sip_password_next';
const SUFFIX = /_r[0-9a-z]{5}$/;

/** base_rXXXXX, within 64 characters and different from every name on the trunk. */
export function nextUserName(current: string, taken: Set<string>, now = Date.now()): string {
  const base = current.replace(SUFFIX, '');
  for (let i = 0; ; i++) {
    const suffix = `_r${(now + i * 7919).toString(36).slice(-5).padStart(5, '0')}`;
    const name = base.slice(0, 64 - suffix.length) + suffix;
    if (name !== current && !taken.has(name)) return name;
  }
}

/**
 * Step 1: the new credential exists at Exotel and is the journal's current one. The old one still works.
 * `given`: EXOTRUNK_SIP_PASSWORD, else a password is generated.
 */
export async function startRotation(engine: Engine, recipeId: string, given?: string): Promise<Rotation> {
  let run = engine.requireRun(recipeId);
  const sid = run.trunkSid;
  if (!sid || (!run.resources.credential && !run.rotation)) {
    throw new UserError(`${run.recipeId} has no digest credential to rotate.`, {
      why: sid ? 'Its setup authenticates by IP whitelisting (ACL) only, so there is no SIP password to change.' : 'It has no trunk yet.',
      fix: sid ? `See ${cliName()} recipes show ${run.recipeId} for how it authenticates.` : `Run ${cliName()} apply ${run.recipeId} first.`,
    });
  }
  const current = run.resources.credential;
  if (!run.rotation && current && isExotelOwnCredential(current, sid)) {
    throw new UserError(`${run.recipeId}'s partner configs use the credential Exotel generated with trunk ${sid}, which is never rotated or deleted from here.`, {
      fix: `To move to a credential of this setup's own (which can be rotated later): ${cliName()} apply ${run.recipeId} --set sip_credential=recipe, then paste the re-rendered config.`,
    });
  }
  const client = engine.client;
  const creds = await client.listCredentials(sid);
  const journal = (change: (r: RunState) => void) => (run = engine.store.update(engine.target, recipeId, () => run, change));

  if (run.rotation?.phase === 'created') {
    const rot = run.rotation;
    finishSecrets(engine, recipeId);
    if (rot.oldId && creds.some((c) => c.id === rot.oldId)) {
      return { recipeId, trunkSid: sid, created: run.resources.credential!, old: { id: rot.oldId, userName: rot.oldUserName }, how: 'pending-delete', startedAt: rot.startedAt };
    }
    journal((r) => delete r.rotation); // the old one is gone already (deleted by hand): that rotation is done
  }

  let how: Rotation['how'] = 'resumed';
  if (!run.rotation) {
    how = 'new';
    const current = run.resources.credential!;
    const password = given || generatePassword(); // empty counts as not given
    const v = validators.sip_password(password);
    if (!v.ok) throw new InputError(`EXOTRUNK_SIP_PASSWORD: ${v.message}`);
    // a rotation to the same password changes nothing that matters: whoever had the old one still gets in
    if (given && given === engine.previousSecrets(recipeId).sip_password) {
      throw new InputError(`EXOTRUNK_SIP_PASSWORD is the password ${current.userName} has now, so this rotation would not change it.`, {
        fix: `Give a new password in EXOTRUNK_SIP_PASSWORD, or unset it and ${cliName()} credentials rotate ${recipeId} generates one.`,
      });
    }
    const userName = nextUserName(current.userName, new Set(creds.map((c) => c.userName)));
    // the intent, before the call: a crash from here on leaves a name to look up and its password
    engine.secrets.set(engine.target, recipeId, { [NEXT]: password });
    journal((r) => void (r.rotation = { userName, oldId: current.id, oldUserName: current.userName, phase: 'creating', startedAt: new Date().toISOString() }));
  } else if (given && given !== engine.previousSecrets(recipeId)[NEXT]) {
    throw new InputError(`A rotation of ${recipeId} to ${run.rotation.userName} was interrupted, with another password than the one given now.`, {
      why: 'Finishing it with a different password could leave Exotel and the partner configs disagreeing.',
      fix: `Leave EXOTRUNK_SIP_PASSWORD out to finish that rotation (${cliName()} credentials rotate ${recipeId}), then rotate again with the new password.`,
    });
  }
  const rot = run.rotation!;
  const password = engine.previousSecrets(recipeId)[NEXT];
  const find = async () => (await client.listCredentials(sid)).find((c) => c.userName === rot.userName);
  let found = how === 'resumed' ? creds.find((c) => c.userName === rot.userName) : undefined;
  if (!password && !found) {
    journal((r) => delete r.rotation);
    throw new UserError(`The password of the interrupted rotation to ${rot.userName} is not in the secrets file, and that credential was never created.`, { fix: `Run ${cliName()} credentials rotate ${recipeId} again: it starts a new rotation.` });
  }
  if (!password) {
    throw new UserError(`The credential ${rot.userName} was created by an interrupted rotation, but its password is no longer in the secrets file.`, {
      why: 'Exotel never returns a password, so the partner configs cannot be rendered with it.',
      fix: `Delete it (${cliName()} credentials delete --recipe ${recipeId} --id ${found!.id ?? '<id>'}) and rotate again.`,
    });
  }
  if (!found) {
    try {
      const r = await client.createCredential(sid, { userName: rot.userName, password: new Secret(password), friendlyName: recipeId.slice(0, 32) });
      found = r.outcome === 'created' ? r.data : await find();
      if (!found) throw new UserError(`Exotel says a credential ${rot.userName} already exists, but it is not on trunk ${sid}.`, { fix: 'Check the trunk in the Exotel dashboard (Exotrunk Management).' });
    } catch (e) {
      if (!(e instanceof OutcomeUnknownError)) throw e;
      found = await find();
      if (!found) {
        throw new UserError(`Creating credential ${rot.userName}: the connection dropped before Exotel answered, so it is unknown whether it was made.`, {
          why: 'A create whose answer is lost may or may not have been applied.',
          fix: `Run ${cliName()} credentials rotate ${recipeId} again: it looks ${rot.userName} up by name first and sends the create again only if it is not there, so no second credential is made.`,
        });
      }
    }
  }
  // adopt: the new credential is the journal's current one, its password the secrets file's
  const created = { id: found.id, userName: rot.userName };
  engine.secrets.set(engine.target, recipeId, { sip_password: password });
  journal((r) => {
    r.answers = { ...r.answers, sip_username: rot.userName };
    r.resources.credential = created;
    r.rotation = { ...rot, phase: 'created' };
  });
  finishSecrets(engine, recipeId);
  return { recipeId, trunkSid: sid, created, old: { id: rot.oldId, userName: rot.oldUserName }, how, startedAt: rot.startedAt };
}

/** Step 2, once the partner uses the new credential: delete the old one and close the rotation. */
export async function finishRotation(engine: Engine, r: Rotation): Promise<boolean> {
  let deleted = false;
  if (r.old.id) {
    try {
      await engine.client.deleteCredential(r.trunkSid, r.old.id);
      deleted = true;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  engine.store.update(engine.target, r.recipeId, () => engine.requireRun(r.recipeId), (run) => delete run.rotation);
  return deleted;
}

function finishSecrets(engine: Engine, recipeId: string): void {
  const s = engine.previousSecrets(recipeId);
  if (s[NEXT] !== undefined) {
    // a crash between journaling the new credential and this line: its password becomes the current one
    if (s.sip_password !== s[NEXT]) engine.secrets.set(engine.target, recipeId, { sip_password: s[NEXT] });
    engine.secrets.unset(engine.target, recipeId, [NEXT]);
  }
}
