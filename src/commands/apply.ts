import { cliName, InputError } from '../core/engine/light.js';
import { collectAnswers } from '../core/engine/index.js';
import type { Engine, Inputs, Plan } from '../core/engine/types.js';
import { resultsLines, resultsModel } from '../present/results.js';
import { targetLabel } from '../present/target.js';
import { count } from '../present/words.js';
import { answerSources, collectOrFail } from './answers-input.js';
import type { OptionValues } from 'commander';
import { openEngine, startWriting } from './context.js';
import { answerFlagsOf, globalsOf, type Globals } from './options.js';
import { confirm, interactive } from './interactive.js';
import { bold, dim, err, json, out, red } from './format.js';
import { liveStatus } from './progress.js';
import { interruptedLines } from '../present/exits.js';
import { progressOf } from '../present/steps.js';
import { recipeArg } from './recipe-arg.js';
import { eventLine, planText, resultsText } from './show.js';
import { interrupted } from './interrupt.js';

/** exotrunk apply <recipe>: plan, confirm (live), execute with progress, render, print what to paste. */
export default async function apply(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const a = answerFlagsOf(o);
  const recipe = recipeArg(args[0]);
  const resume = resumeCommand(recipe.id);
  let opened = await openEngine(g);
  const { engine } = opened;
  try {
    // without a terminal nothing is asked: lock first, so a damaged secrets file is moved aside (as teardown does)
    if (!interactive(g)) opened = await startWriting(opened, resume);
    const first = collectAnswers(recipe, answerSources(engine, recipe, a));
    if ((first.missing.length || first.invalid.length) && interactive(g)) {
      // On a terminal, ask for what is missing: the wizard, with everything already known filled in (it takes
      // the journal's lock only while it writes).
      const { runWizard } = await import('../ui/run-wizard.js');
      return await runWizard({ engine, recipeId: recipe.id, trunkSid: a.trunkSid, preset: answerSources(engine, recipe, a), showSecrets: g.showSecrets });
    }
    // Lock the state directory, then read the journal again: the plan starts from what is there now.
    if (interactive(g)) opened = await startWriting(opened, resume);
    const { answers } = collectOrFail(recipe, answerSources(engine, recipe, a));
    const inputs = engine.inputs(recipe, answers, { trunkSid: a.trunkSid });
    const { plan } = await engine.plan(inputs);
    if (!g.json) err(planText(plan, targetLabel(engine).label, inputs));
    if (plan.steps.length && !(await approved(engine, plan, g))) return 1; // declined: nothing changed, not a usage error
    return await execute(engine, plan, inputs, g);
  } finally {
    await opened.close();
  }
}

/** The command that resumes this run (with the context flags: --state, --sandbox, …). */
export function resumeCommand(recipeId: string): string {
  return `${cliName()} apply ${recipeId}`;
}

async function approved(engine: Engine, plan: Plan, g: Globals): Promise<boolean> {
  if (g.yes) return true;
  if (plan.confirm?.length) {
    // e.g. an adopted trunk named otherwise than the answers say: a mistyped sid, even in the sandbox
    if (!interactive(g)) throw new InputError(plan.confirm.join(' '), { fix: `Check the sid, then pass --yes to go ahead, or leave --trunk-sid out to create a trunk.` });
    const ok = await confirm(bold(`\nGo ahead with this trunk? [y/N] `));
    if (!ok) err('Nothing was changed.');
    return ok;
  }
  if (engine.mode === 'sandbox') return true;
  if (!interactive(g)) {
    throw new InputError(`Applying ${targetLabel(engine).where} needs confirmation.`, { fix: `Review the plan above (or ${cliName()} plan ${plan.recipeId} with the same answers), then pass --yes.` });
  }
  const ok = await confirm(bold(`\nMake ${plan.steps.length === 1 ? 'this call' : `these ${count(plan.steps.length, 'call')}`} ${targetLabel(engine).where}? [y/N] `));
  if (!ok) err('Nothing was changed.');
  return ok;
}

export async function execute(engine: Engine, plan: Plan, inputs: Inputs, g: Globals): Promise<number> {
  const titles = new Map(plan.steps.map((s) => [s.id, s.title]));
  // Ctrl-C (commands/interrupt.ts): no step starts after it, the calls in flight finish and are journaled.
  // On a terminal, what is in flight shows on one status line under the finished steps.
  const status = liveStatus();
  const inFlight = new Set<string>();
  let result;
  try {
    result = await engine.apply(plan, inputs, {
      signal: interrupted,
      onEvent: (e) => {
        if (e.type === 'started') inFlight.add(e.stepId);
        else if (e.type !== 'retrying') inFlight.delete(e.stepId);
        if (e.type !== 'started') status.log(eventLine(e, plan));
        status.set([...inFlight].map((id) => titles.get(id) ?? id));
      },
    });
  } finally {
    status.stop();
  }
  if (interrupted.aborted) {
    err(interruptedLines(plan, progressOf(result.events), resumeCommand(inputs.recipe.id)).join('\n'));
    if (g.json) json({ ok: false, interrupted: true, trunkSid: result.trunkSid, events: result.events });
    return 130;
  }
  if (!result.ok) {
    err(red(`\n${count(result.failed.length, 'step')} failed. Fix the cause, then run ${cliName()} apply ${inputs.recipe.id} again: finished steps are not repeated.`));
    if (g.json) json({ ok: false, trunkSid: result.trunkSid, failed: result.failed, events: result.events });
    return 1;
  }
  const { outputs, files, run } = await engine.finish(inputs);
  if (g.json) {
    json({
      ok: true,
      mode: engine.mode,
      recipe: inputs.recipe.id,
      direction: inputs.direction,
      trunkSid: result.trunkSid,
      resources: run?.resources,
      // the partner side made through its API (issue 17): where, and the ids of what is there
      ...(run?.partner ? { partner: run.partner } : {}),
      decisions: plan.decisions,
      warnings: [...(plan.confirm ?? []), ...plan.warnings],
      outputs: outputs.map((x) => ({ id: x.id, title: x.title, paste: x.paste, file: files.find((f) => f.file === x.file)?.path, secret: x.secret, content: g.showSecrets || !x.secret ? x.content : undefined })),
      next: `${cliName()} verify ${inputs.recipe.id}`,
    });
    return 0;
  }
  // the same summary the wizard leaves: what exists, the next steps with the real sid, the files; the configs
  // themselves are in those files (exotrunk render prints them, with where each one goes)
  out(`\n${resultsText(resultsLines(resultsModel(inputs, outputs, files, run, targetLabel(engine).label)))}`);

  // a setup without a trunk says it in its summary already
  if (outputs.length && !inputs.skipTrunk) out(dim(`${cliName()} render ${inputs.recipe.id} prints the configs, with where each one goes.`));
  if (engine.mode === 'sandbox') out(dim('This was the sandbox: nothing was created at Exotel.'));
  return 0;
}
