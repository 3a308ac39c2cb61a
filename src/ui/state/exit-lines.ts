/**
 * The line the wizard leaves in the terminal when it is left from a screen (Quit, q, Ctrl-C): what was done,
 * and the exact command to resume or continue. Printed after Ink has gone, so it stays in the scrollback and
 * is never wrapped in the middle of a command.
 */
import { nothingChangedLines, stoppedAfterErrorLines } from '../../present/exits.js';
import { failureLines } from '../../present/failure.js';
import { resultsLines, resultsModel } from '../../present/results.js';
import { tornDownLines } from '../../present/teardown.js';
import { verifySummaryLine } from '../../present/verify.js';
import type { WizardState } from './wizard-reducer.js';
import { cliName } from '../../core/engine/light.js';

export function exitLines(s: WizardState, targetLabel: string): string[] {
  switch (s.tag) {
    case 'mode':
    case 'credentials':
    case 'pick-recipe':
    case 'runs':
      return ['Nothing changed at Exotel.'];
    case 'question':
    case 'partner-api':
    case 'review':
    case 'auth':
      return s.flow.fromState ? ['Nothing changed at Exotel.'] : nothingChangedLines({ recipeId: s.flow.recipe.id, answered: s.flow.asked.length });
    case 'plan':
      if (s.plan.purpose === 'teardown') return ['Nothing was deleted.'];
      return s.flow.fromState ? ['Nothing changed at Exotel.'] : nothingChangedLines({ recipeId: s.flow.recipe.id, answersFile: s.answersFile, answered: s.flow.asked.length });
    case 'busy':
      if (s.work === 'verify') return ['Stopped: verify only reads, so nothing changed.'];
      if (s.work === 'render' && s.inputs) {
        const id = s.inputs.recipe.id;
        return [`${id} is set up at Exotel; its configs were not written. ${cliName()} render ${id} writes them.`];
      }
      if (s.flow && !s.flow.fromState) return nothingChangedLines({ recipeId: s.flow.recipe.id, answered: s.flow.asked.length });
      return ['Nothing changed at Exotel.'];
    case 'applying':
      return []; // Ctrl-C while applying waits for the calls in flight, then says what was done (the reducer)
    case 'results':
      return resultsLines(resultsModel(s.inputs, s.outputs, s.files, s.run, targetLabel));
    case 'verified':
      return s.reports.map((r) => verifySummaryLine(r, `${cliName()} apply ${r.recipeId}`));
    case 'torn-down':
      return tornDownLines(s);
    case 'error':
      // what failed, why and the fix stay in the terminal above the way on (they were on the screen just left)
      return [...failureLines(s.error).map((l) => l.text), ...leftAfterError(s)];
    case 'exit':
      return s.farewell ?? [];
  }
}

/** Quitting from the error screen: what was left done or undone, and the command that goes on. */
function leftAfterError(s: Extract<WizardState, { tag: 'error' }>): string[] {
  if (s.retry === 'teardown') return [`Stopped: the teardown did not finish. ${cliName()} teardown <recipe> finishes it; ${cliName()} verify shows what is left.`];
  if (s.retry === 'verify' || s.retry === 'start') return ['Nothing changed at Exotel.'];
  if (s.retry === 'render' && s.inputs) return [`${s.inputs.recipe.id} is set up at Exotel; its configs were not written. ${cliName()} render ${s.inputs.recipe.id} writes them.`];
  return stoppedAfterErrorLines(s.flow?.recipe.id, s.retry === 'inputs' || !s.plan);
}
