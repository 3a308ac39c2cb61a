/**
 * The line each way out leaves in the terminal: what was done, and the exact command to resume or continue.
 * One place, so the wizard and the headless commands word the same situation the same way.
 */
import type { Plan } from '../core/engine/types.js';
import { count, listOf } from './words.js';
import { cliName } from '../core/engine/light.js';

export const resumeCommand = (recipeId: string) => `${cliName()} apply ${recipeId}`;

/** Ctrl-C during apply, once the calls in flight have finished. */
export function interruptedApplyLines(recipeId: string, done: number, total: number): string[] {
  return [
    `Stopped: ${done} of ${count(total, 'step')} done; the state is saved after each one.`,
    `Resume with: ${resumeCommand(recipeId)} (it reads the trunk first and never creates a duplicate)`,
  ];
}

/** Ctrl-C during a teardown: what was deleted, and that the trunk (if still there) is finished by a re-run. */
export function interruptedTeardownLines(plan: Pick<Plan, 'recipeId' | 'trunkSid' | 'steps'>, progress: Record<string, { status: string }>): string[] {
  const gone = (kind: string) => plan.steps.filter((s) => s.kind === kind && (progress[s.id]?.status === 'done' || progress[s.id]?.status === 'exists'));
  const creds = gone('delete-credential').map((s) => (s.kind === 'delete-credential' ? s.payload.userName : ''));
  const trunkGone = gone('delete-trunk').length > 0;
  return [
    `Stopped: ${creds.length ? `deleted ${creds.length === 1 ? 'credential' : 'credentials'} ${listOf(creds)}; ` : ''}${trunkGone ? `trunk ${plan.trunkSid} was deleted.` : `trunk ${plan.trunkSid} was not deleted and the journal still names it.`}`,
    ...(trunkGone ? [] : [`Finish with: ${cliName()} teardown ${plan.recipeId}`]),
  ];
}

/**
 * Leaving before anything was applied (the plan, the review, a question). Nothing changed at Exotel; the
 * answers typed so far survive only if they were saved.
 */
export function nothingChangedLines(opts: { recipeId?: string; answersFile?: string; answered?: number } = {}): string[] {
  const { recipeId, answersFile, answered = 0 } = opts;
  if (!recipeId) return ['Nothing changed at Exotel.'];
  if (answersFile) return [`Nothing changed at Exotel. Your ${recipeId} answers are saved: ${resumeCommand(recipeId)} --answers ${answersFile}`];
  return [`Nothing changed at Exotel${answered ? `; the ${count(answered, 'answer')} given here ${answered === 1 ? 'was' : 'were'} not saved` : ''}. Start again with: ${cliName()} wizard ${recipeId}`];
}

/** Quitting from the error screen. */
export function stoppedAfterErrorLines(recipeId: string | undefined, sentNothing: boolean): string[] {
  if (sentNothing || !recipeId) return ['Stopped: nothing was sent to Exotel.'];
  return [`Stopped. The state is saved: ${resumeCommand(recipeId)} resumes where this run stopped.`];
}
