/**
 * The plan screen's exports: a curl script (no literal secret: it reads them from the environment) and an
 * answers file of the non-secret answers, for headless runs later. Named per recipe, so saving ElevenLabs'
 * answers never replaces LiveKit's; an existing file is only replaced once the user says so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { stringify } from 'yaml';
import { cliName } from '../../core/engine/light.js';
import { questionsFor } from '../../core/engine/index.js';
import type { Inputs, Plan } from '../../core/engine/types.js';
import { relPath } from '../../present/results.js';

export const exportFiles = (recipeId: string) => ({ curl: `exotrunk-${recipeId}-plan.sh`, answers: `exotrunk-${recipeId}-answers.yaml` });

/** What an export did: written (with the line to show), or not, because the file exists and may not be replaced. */
export type ExportResult = { written: true; path: string; text: string } | { written: false; path: string };

/** `script`: the plan as curl calls (the engine's curlScript), made only when the file is to be written. */
export async function exportCurl(plan: Plan, script: () => Promise<string>, dir: string, overwrite = false): Promise<ExportResult> {
  const path = join(dir, exportFiles(plan.recipeId).curl);
  if (!overwrite && existsSync(path)) return { written: false, path };
  await writeFileAtomic(path, await script(), { mode: 0o755 });
  return { written: true, path, text: `Wrote ${relPath(path)}: the plan as curl calls (reads EXOTEL_* and EXOTRUNK_SIP_PASSWORD from the environment).` };
}

/**
 * Non-secret answers only: a secret never goes into a file the user may commit. The recipe id is a key of its
 * own, so `exotrunk apply --answers` can tell a file meant for another partner.
 */
export function answersYaml(inputs: Inputs, file: string): string {
  const secretIds = new Set(questionsFor(inputs.recipe).filter((q) => q.kind === 'secret').map((q) => q.id));
  const values = Object.fromEntries(Object.entries(inputs.answers.values).filter(([k]) => !secretIds.has(k)));
  return `# exotrunk answers for ${inputs.recipe.id}; run: ${cliName()} apply ${inputs.recipe.id} --answers ${file}\n# Secrets are not stored here: set them in the environment (e.g. EXOTRUNK_SIP_PASSWORD).\n${stringify({ recipe: inputs.recipe.id, ...values })}`;
}

export async function exportAnswers(inputs: Inputs, dir: string, overwrite = false): Promise<ExportResult> {
  const name = exportFiles(inputs.recipe.id).answers;
  const path = join(dir, name);
  if (!overwrite && existsSync(path)) return { written: false, path };
  await writeFileAtomic(path, answersYaml(inputs, name), { mode: 0o644 });
  return { written: true, path, text: `Wrote ${relPath(path)}: ${cliName()} apply ${inputs.recipe.id} --answers ${name}` };
}
