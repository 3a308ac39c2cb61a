import type { OptionValues } from 'commander';
import { flag } from './options.js';
import { cliName, loadCatalog } from '../core/engine/light.js';
import { json, out, table } from './format.js';

export default async function recipes(args: unknown[], o: OptionValues): Promise<number> {
  // "exotrunk recipes livekit" means the one recipe
  if (args[0]) return (await import('./recipe-show.js')).default(args, o);
  const all = (await loadCatalog()).listRecipes();
  if (flag(o, 'json')) {
    json(all.map((r) => ({ id: r.id, title: r.title, summary: r.summary, directions: r.directions, facts_checked: r.facts_checked })));
    return 0;
  }
  out(table(['id', 'directions', 'partner'], all.map((r) => [r.id, r.directions.join(','), `${r.title}: ${r.summary}`])));
  out(`\n${cliName()} recipes show <id> lists its questions; ${cliName()} plan <id> shows the API calls.`);
  return 0;
}
