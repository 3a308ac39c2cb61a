/**
 * exotrunk completion bash|zsh|fish: a tab-completion script, generated from the command table itself (so it
 * never lists a command or flag that does not exist), with the recipe ids where a command takes a recipe.
 */
import type { Command } from 'commander';
import { InputError, loadCatalog } from '../core/engine/light.js';
import { out } from './format.js';
import { buildProgram } from './index.js';
import { pathOf } from './help-text.js';

interface Node {
  path: string;
  subcommands: { name: string; description: string }[];
  flags: { flag: string; description: string }[];
  /** takes a recipe id as its first argument */
  recipe: boolean;
}

function nodes(program: Command): Node[] {
  const list: Node[] = [];
  const visit = (cmd: Command) => {
    const args = cmd.registeredArguments;
    list.push({
      path: pathOf(cmd),
      subcommands: cmd.commands.map((c) => ({ name: c.name(), description: c.description() })),
      flags: cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f).map((flag) => ({ flag, description: o.description }))),
      recipe: args[0]?.name() === 'recipe',
    });
    cmd.commands.forEach(visit);
  };
  visit(program);
  return list;
}

/** Values a flag takes, completed after it. */
const VALUES = (recipes: string[]): Record<string, string[]> => ({ '--recipe': recipes, '--region': ['in', 'sg'], '--format': ['table', 'json', 'curl'], '--mode': ['pstn', 'flow'] });

function bash(list: Node[], recipes: string[]): string {
  const values = Object.entries(VALUES(recipes))
    .map(([flag, v]) => `    ${flag}) COMPREPLY=($(compgen -W '${v.join(' ')}' -- "$cur")); return ;;`)
    .join('\n');
  const cases = list
    .map((n) => {
      const words = [...n.subcommands.map((s) => s.name), ...(n.recipe ? recipes : []), ...(n.path === 'completion' ? ['bash', 'zsh', 'fish'] : []), ...n.flags.map((f) => f.flag), '--help'];
      return `    '${n.path}') words='${words.join(' ')}' ;;`;
    })
    .join('\n');
  const paths = list.map((n) => n.path).filter(Boolean);
  return `# exotrunk completion for bash (exotrunk completion bash >> ~/.bashrc)
_exotrunk() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path='' w i words=''
  case "\$prev" in
${values}
  esac
  # the command path so far: each word that extends a known command ("numbers" then "numbers add")
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case " ${paths.map((p) => `|${p}|`).join(' ')} " in
      *"|\${path:+\$path }\$w|"*) path="\${path:+\$path }\$w" ;;
    esac
  done
  case "\$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "\$words" -- "\$cur"))
}
complete -F _exotrunk exotrunk
`;
}

function zsh(list: Node[], recipes: string[]): string {
  // zsh runs the bash function through bashcompinit: one completion logic for both shells
  return `#compdef exotrunk
# exotrunk completion for zsh (exotrunk completion zsh > "\${fpath[1]}/_exotrunk", or source it from ~/.zshrc)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(list, recipes)}`;
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(list: Node[], recipes: string[]): string {
  const lines = ['# exotrunk completion for fish (exotrunk completion fish > ~/.config/fish/completions/exotrunk.fish)', 'complete -c exotrunk -f'];
  for (const n of list) {
    const words = n.path ? n.path.split(' ') : [];
    // fish: this node is current when its words were typed and none of its subcommands yet
    const seen = words.map((w) => `__fish_seen_subcommand_from ${w}`);
    const notYet = n.subcommands.length ? [`not __fish_seen_subcommand_from ${n.subcommands.map((s) => s.name).join(' ')}`] : [];
    const cond = words.length ? [...seen, ...notYet].join('; and ') : '__fish_use_subcommand';
    for (const s of n.subcommands) lines.push(`complete -c exotrunk -n ${fishQuote(cond)} -a ${s.name} -d ${fishQuote(s.description.slice(0, 60))}`);
    if (n.recipe) lines.push(`complete -c exotrunk -n ${fishQuote(cond)} -a ${fishQuote(recipes.join(' '))} -d recipe`);
    if (n.path === 'completion') lines.push(`complete -c exotrunk -n ${fishQuote(cond)} -a 'bash zsh fish'`);
    for (const f of n.flags) {
      const opt = f.flag.startsWith('--') ? `-l ${f.flag.slice(2)}` : `-s ${f.flag.slice(1)}`;
      const takes = VALUES(recipes)[f.flag];
      lines.push(`complete -c exotrunk -n ${fishQuote(cond)} ${opt}${takes ? ` -x -a ${fishQuote(takes.join(' '))}` : ''} -d ${fishQuote(f.description.slice(0, 60))}`);
    }
  }
  return lines.join('\n') + '\n';
}

export default async function completion(args: unknown[]): Promise<number> {
  const shell = String(args[0]);
  const make = { bash, zsh, fish }[shell];
  if (!make) throw new InputError(`No completion for "${shell}": bash, zsh and fish are supported.`, { fix: 'exotrunk completion bash (or zsh, or fish)' });
  out(make(nodes(buildProgram('0')), (await loadCatalog()).listRecipeIds()));
  return 0;
}
