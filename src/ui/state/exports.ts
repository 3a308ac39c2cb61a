/**
 * The plan screen's exports: a curl script (no literal secret: it reads them from the environment) and an
 * answers file of the non-secret answers, for headless runs later.
 */
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { stringify } from 'yaml';
import { questionsFor } from '../../core/engine/questions.js';
import type { Inputs, Plan } from '../../core/engine/types.js';
import { cliName } from '../../core/cli-name.js';

export const CURL_FILE = 'exotrunk-plan.sh';
export const ANSWERS_FILE = 'exotrunk-answers.yaml';

export async function exportCurl(plan: Plan, baseUrl: string, dir: string): Promise<string> {
  // Imported when asked for: the module is small, but the first frame should not wait on it.
  const { planToCurl } = await import('../../core/plan/curl.js');
  const path = join(dir, CURL_FILE);
  await writeFileAtomic(path, planToCurl(plan, baseUrl), { mode: 0o755 });
  return `Wrote ${path}: the plan as curl calls (reads EXOTEL_* and EXOTRUNK_SIP_PASSWORD from the environment).`;
}

/** Non-secret answers only: a secret never goes into a file the user may commit. */
export function answersYaml(inputs: Inputs): string {
  const secretIds = new Set(questionsFor(inputs.recipe).filter((q) => q.kind === 'secret').map((q) => q.id));
  const values = Object.fromEntries(Object.entries(inputs.answers.values).filter(([k]) => !secretIds.has(k)));
  return `# exotrunk answers for ${inputs.recipe.id}; run: ${cliName()} apply ${inputs.recipe.id} --answers ${ANSWERS_FILE}\n# Secrets are not stored here: set them in the environment (e.g. EXOTRUNK_SIP_PASSWORD).\n${stringify(values)}`;
}

export async function exportAnswers(inputs: Inputs, dir: string): Promise<string> {
  const path = join(dir, ANSWERS_FILE);
  await writeFileAtomic(path, answersYaml(inputs), { mode: 0o644 });
  return `Wrote ${path}: ${cliName()} apply ${inputs.recipe.id} --answers ${path}`;
}
