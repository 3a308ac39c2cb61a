import { loadRecipe } from '../core/recipes/loader.js';
import { questionsFor } from '../core/engine/questions.js';
import { json, out, table } from './format.js';

export default async function recipeShow(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const r = loadRecipe(String(args[0]));
  const qs = questionsFor(r);
  const cond = (w: unknown) => (w ? JSON.stringify(w).replace(/"/g, '') : '');
  if (o.json) {
    json({ ...r, questions: qs });
    return 0;
  }
  out(`${r.title} (${r.id}): ${r.summary}`);
  out(`Directions: ${r.directions.join(', ')}. Facts checked ${r.facts_checked} against ${r.facts_source}.`);
  out(`Docs: ${r.docs.join(' ')}\n`);
  out(
    table(
      ['question id', 'kind', 'validator', 'default', 'env / when / prompt'],
      qs.map((q) => [
        q.id,
        q.kind + (q.optional ? '?' : ''),
        q.validate ?? (q.kind === 'select' ? (q.choices ?? []).map((c) => c.value).join('|') : ''),
        q.default === undefined ? '' : String(q.default),
        [q.env, q.when ? `when ${cond(q.when)}` : '', q.prompt].filter(Boolean).join('; '),
      ]),
    ),
  );
  out('\nSupply answers with --set id=value (repeatable), --answers FILE, or the env names shown. sip_username and sip_password are asked only when the rules pick digest; a missing sip_password is generated.');
  return 0;
}
