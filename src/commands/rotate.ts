import { UserError } from '../core/errors.js';
import { Secret } from '../core/secret.js';
import { generatePassword, validators } from '../core/rules/validators.js';
import { withEngine, type Globals } from './context.js';
import { confirm, interactive } from './interactive.js';
import { err, green, json, out } from './format.js';
import { outputsText } from './show.js';
import { checkRecipeId } from './recipe-arg.js';

/**
 * credentials rotate <recipe>: create the new credential, re-render the partner config, wait until the
 * user says the partner is updated (or --yes), then delete the old credential. Calls keep working throughout.
 */
export default async function rotate(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  return withEngine(g, async (engine) => {
    const run = engine.requireRun(checkRecipeId(args[0]));
    const old = run.resources.credential;
    if (!run.trunkSid || !old) throw new UserError(`${run.recipeId} has no digest credential to rotate.`, { why: 'The rules chose IP whitelisting (ACL) for this recipe, or it was never applied.' });
    const recipe = engine.recipe(run.recipeId);
    const base = old.userName.replace(/_r\d+$/, '');
    const userName = `${base}_r${Date.now().toString(36).slice(-5)}`.slice(0, 64);
    const given = process.env.EXOTRUNK_SIP_PASSWORD;
    const pw = given || generatePassword(); // empty counts as not given
    const v = validators.sip_password(pw);
    if (!v.ok) throw new UserError(`EXOTRUNK_SIP_PASSWORD: ${v.message}`);
    // Journal the new name and keep the password (0600) before the call: a crash in between leaves a
    // credential exotrunk can still name and render, never one whose password is lost.
    const previousPassword = engine.previousSecrets(recipe.id).sip_password;
    engine.secrets.set(engine.target, recipe.id, { sip_password: pw });
    let created;
    try {
      created = await engine.client.createCredential(run.trunkSid, { userName, password: new Secret(pw), friendlyName: recipe.id.slice(0, 32) });
    } catch (e) {
      if (previousPassword) engine.secrets.set(engine.target, recipe.id, { sip_password: previousPassword });
      throw e;
    }
    if (created.outcome !== 'created') {
      if (previousPassword) engine.secrets.set(engine.target, recipe.id, { sip_password: previousPassword });
      throw new UserError(`A credential ${userName} already exists; run rotate again.`);
    }
    engine.store.update(engine.target, recipe.id, () => run, (r) => {
      r.answers = { ...r.answers, sip_username: userName };
      r.resources.credential = { id: created.data.id, userName };
    });
    err(green(`✓ New credential ${userName} (id ${created.data.id}) created; the old one (${old.userName}) still works.`));
    const inputs = engine.inputsFromState(engine.requireRun(recipe.id));
    const outputs = engine.render(inputs);
    const files = await engine.writeOutputs(recipe.id, outputs);
    if (!g.json) out(outputsText(outputs.filter((x) => x.secret), files, [pw], !!g.showSecrets));
    if (!g.yes) {
      if (!interactive(g)) {
        err(`Update the partner with the new credential, then delete the old one: exotrunk credentials delete --recipe ${recipe.id} --id ${old.id ?? '?'}`);
        if (g.json) json({ ok: true, newCredential: { id: created.data.id, userName }, oldCredential: old, deleted: false });
        return 3;
      }
      if (!(await confirm(`Paste the new credential into ${recipe.title}. Is the partner updated? Delete the old credential ${old.userName} now? [y/N] `))) {
        err(`Kept the old credential. Delete it later: exotrunk credentials delete --recipe ${recipe.id} --id ${old.id ?? '?'}`);
        return 3;
      }
    }
    if (old.id) await engine.client.deleteCredential(run.trunkSid, old.id);
    if (g.json) json({ ok: true, newCredential: { id: created.data.id, userName }, oldCredential: old, deleted: !!old.id });
    else out(green(`✓ Rotated: ${old.userName} deleted, ${userName} is live. Files: ${files.filter((f) => outputs.find((x) => x.file === f.file)?.secret).map((f) => f.path).join(', ')}`));
    return 0;
  });
}
