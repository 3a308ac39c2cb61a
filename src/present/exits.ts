/**
 * The line each way out leaves in the terminal: what was done, and the exact command to resume or continue.
 * One place, so the wizard and the headless commands word the same situation the same way.
 */
import type { Plan } from '../core/engine/types.js';
import type { StepProgress } from './steps.js';
import { count, listOf } from './words.js';
import { cliName } from '../core/engine/light.js';

export const resumeCommand = (recipeId: string) => `${cliName()} apply ${recipeId}`;

/** The command that finishes a plan's run: apply again, or tear down again. */
export const finishCommand = (plan: Pick<Plan, 'purpose' | 'recipeId'>) => (plan.purpose === 'teardown' ? `${cliName()} teardown ${plan.recipeId}` : resumeCommand(plan.recipeId));

/**
 * Ctrl-C while a plan runs, once the calls in flight have finished: how far it got (for a teardown, what was
 * deleted), and the command that finishes it. `resume` names --state when it is not the default.
 */
export function interruptedLines(plan: Pick<Plan, 'purpose' | 'recipeId' | 'steps'>, progress: Record<string, StepProgress>, resume = finishCommand(plan)): string[] {
  const done = plan.steps.filter((s) => progress[s.id]?.status === 'done' || progress[s.id]?.status === 'exists');
  const what = plan.purpose === 'teardown' && done.length ? ` (${listOf(done.map((s) => s.title))})` : '';
  return [
    `Stopped: ${done.length} of ${count(plan.steps.length, 'step')} done${what}; the state is saved after each one.`,
    plan.purpose === 'teardown' ? `Finish with: ${resume}` : `Resume with: ${resume} (it reads the trunk first and never creates a duplicate)`,
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

/** Credentials typed in the wizard for this session only (not saved): what a later command needs to reach them. */
export interface SessionAccount {
  accountSid: string;
  apiKey: string;
  region: 'in' | 'sg' | 'custom';
}

/**
 * After a LIVE session whose credentials were not saved, the commands the wizard leaves behind would reach the
 * sandbox from a shell without credentials: say what reaches the same account. Added only when a line names one.
 */
export function sessionAccountLines(lines: string[], a: SessionAccount | undefined): string[] {
  if (!a || !lines.some((l) => l.includes(`${cliName()} `))) return lines;
  const vars = [`EXOTEL_ACCOUNT_SID=${a.accountSid}`, ...(a.apiKey !== a.accountSid ? [`EXOTEL_API_KEY=${a.apiKey}`] : []), ...(a.region === 'sg' ? ['EXOTEL_REGION=sg'] : []), ...(a.region === 'custom' ? ['EXOTEL_BASE_URL (as now)'] : [])];
  return [
    ...lines,
    `The credentials were for this session only: these commands reach account ${a.accountSid} with ${vars.join(' ')} and EXOTEL_API_TOKEN set in the shell, or after ${cliName()} profile save; without them they use the SANDBOX.`,
  ];
}

/** The first screen, in the sandbox: runs this folder's journal holds for a LIVE account, which need its credentials. */
export function otherTargetLines(all: { recipeId: string; target: string; accountSid: string; region: string; appliedAt?: string }[]): string[] {
  const runs = all.filter((r) => r.target !== 'sandbox');
  if (!runs.length) return [];
  const what = runs.map((r) => `${r.recipeId} (LIVE ${r.accountSid} (${r.region})${r.appliedAt ? '' : ', unfinished'})`);
  const unfinished = runs.some((r) => !r.appliedAt);
  return [
    `This folder's state holds ${count(runs.length, 'run')} for a LIVE account: ${listOf(what)}. Use that account (below) to ${unfinished ? 'finish, ' : ''}verify or tear ${runs.length === 1 ? 'it' : 'them'} down; the sandbox cannot see ${runs.length === 1 ? 'it' : 'them'}.`,
  ];
}
