import type { OptionValues } from 'commander';
import { flag } from './options.js';
import { describeWhen, questionsFor } from '../core/engine/index.js';
import type { When } from '../core/engine/types.js';
import { recipeArg } from './recipe-arg.js';
import { bold, dim, json, out } from './format.js';

export default async function recipeShow(args: unknown[], o: OptionValues): Promise<number> {
  const r = recipeArg(args[0]);
  const qs = questionsFor(r);
  const cond = (w: When | undefined) => (w ? `when ${describeWhen(w)}` : '');
  if (flag(o, 'json')) {
    json({ ...r, questions: qs });
    return 0;
  }
  out(`${r.title} (${r.id}): ${r.summary}`);
  out(`Directions: ${r.directions.join(', ')}. Facts checked ${r.facts_checked} against ${r.facts_source.replace(/\.$/, '')}.`);
  out(`Docs: ${r.docs.join(' ')}\n`);
  for (const q of qs) {
    const valid = q.pattern ? `${q.pattern.what}, e.g. ${q.pattern.example}` : q.validate ?? (q.kind === 'select' ? (q.choices ?? []).map((c) => c.value).join(' | ') : q.kind === 'confirm' ? 'yes | no' : 'any text');
    const facts = [`${q.kind}${q.optional ? ', optional' : ''}`, `valid: ${valid}`, q.default === undefined ? '' : `default: ${String(q.default)}`, q.env ? `env: ${q.env}` : '', q.when ? `asked ${cond(q.when)}` : ''].filter(Boolean);
    out(`${bold(q.id)}  ${q.prompt}`);
    out(dim(`    ${facts.join(' · ')}`));
  }
  out('\nSupply answers with --set id=value (repeatable), --answers FILE, or the env names shown. sip_username and sip_password are asked only when the rules pick digest; a missing sip_password is generated.');
  return 0;
}
