import { cliName, UserError } from '../core/engine/light.js';
import { collectAnswers } from '../core/engine/index.js';
import { recipeArg } from './recipe-arg.js';
import { answerSources, collectOrFail } from './answers-input.js';
import type { OptionValues } from 'commander';
import { withEngine } from './context.js';
import { answerFlagsOf, globalsOf } from './options.js';
import { err, json, out } from './format.js';
import { checklistText, outputsText } from './show.js';

/** exotrunk render <recipe>: the partner configs again, from the state plus any answers given. */
export default async function render(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const a = answerFlagsOf(o);
  const recipe = recipeArg(args[0]);
  return withEngine(g, async (engine) => {
    const sources = answerSources(engine, recipe, a);
    // Rendering never creates anything, so a missing password is not generated: the configs say so instead.
    const pre = collectAnswers(recipe, sources, { generateSecrets: false });
    const incomplete = pre.missing.some((q) => q.id !== 'sip_password') || pre.invalid.length;
    // answers missing because the run is journaled for another target (a LIVE account, the sandbox): say so
    if (incomplete && !engine.run(recipe.id) && engine.elsewhere(recipe.id).length) engine.requireRun(recipe.id);
    const { answers } = incomplete ? collectOrFail(recipe, sources) : pre;
    const inputs = engine.inputs(recipe, answers, { trunkSid: a.trunkSid });
    if (!inputs.skipTrunk && !engine.run(recipe.id)?.trunkSid) err(`Note: ${recipe.id} has not been applied here, so the configs show <trunk_sid> where the trunk sid goes.`);
    const run = engine.run(recipe.id);
    const credential = run && !run.tornDownAt ? run.resources.credential : null;
    if (inputs.auth.digest && !inputs.sipPassword && credential) {
      // the credential exists at Exotel: configs with an empty password would never authenticate
      throw new UserError(`The configs need the SIP password of credential ${credential.userName}, and exotrunk does not have it (the secrets file lost it, or was moved aside): nothing was written.`, {
        why: 'Exotel never returns a password, so it cannot be read back.',
        fix: `Give it (EXOTRUNK_SIP_PASSWORD or an answers file) and render again, or make a new one: ${cliName()} credentials rotate ${recipe.id}.`,
      });
    }
    if (inputs.auth.digest && !inputs.sipPassword) err(`Note: no SIP password is known (it was not generated here): the configs leave it empty. Use EXOTRUNK_SIP_PASSWORD or ${cliName()} credentials rotate.`);
    const { outputs, files } = await engine.finish(inputs, { journal: false }); // read-only: the journal is not written
    const secrets = Object.values(inputs.answers.secrets).map((s) => s.reveal());
    if (g.json) json(outputs.map((x) => ({ id: x.id, title: x.title, paste: x.paste, file: files.find((f) => f.file === x.file)?.path, secret: x.secret, content: g.showSecrets || !x.secret ? x.content : undefined })));
    else {
      out(outputsText(outputs, files, secrets, !!g.showSecrets));
      out(checklistText(inputs));
    }
    return 0;
  });
}
