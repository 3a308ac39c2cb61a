/**
 * What `--help` adds to commander's listing: examples for every command, the global flags in one section of
 * their own (listed in full by `exotrunk --help`, named in one line under each command), and the exit codes.
 * Kept to 80 columns: the top-level help is rendered at build time at that width.
 */
import { Help, type Command } from 'commander';

/** The flags every engine command takes; subcommand help names them in one line instead of repeating them. */
export const GLOBAL_FLAGS = ['--account-sid', '--region', '--base-url', '--api-token-file', '--profile', '--rate-limit', '--sandbox', '--state', '--json', '--yes', '--no-input', '--show-secrets', '--verbose'];

export const EXIT_CODES = 'Exit codes: 0 ok, 1 failed, 2 invalid input or usage, 3 drift (verify) or\npending changes (plan --detailed-exitcode), 130 interrupted.';

/** Examples per command path ("numbers add"), each a command and, on the next line, what it does. */
export const EXAMPLES: Record<string, [string, string][]> = {
  wizard: [
    ['exotrunk wizard', 'ask everything, sandbox unless credentials are set'],
    ['exotrunk wizard retell --set did=+918012345678', 'start at Retell, number given'],
  ],
  recipes: [['exotrunk recipes', 'the partners exotrunk knows']],
  'recipes list': [['exotrunk recipes list', 'id, directions and partner, one per line']],
  'recipes show': [['exotrunk recipes show livekit', 'every question id, its validator and default']],
  plan: [
    ['exotrunk plan livekit --set direction=both --set did=+918012345678 \\\n    --set livekit_subdomain=abc123', 'the calls apply would make, and why'],
    ['exotrunk plan livekit --answers answers.yaml --format curl > plan.sh', 'the same calls as a curl script'],
    ['exotrunk plan livekit --answers answers.yaml --detailed-exitcode', 'exit 3 when there is something to apply'],
  ],
  apply: [
    ['exotrunk apply retell --answers answers.yaml', 'create or repair the trunk, render the configs'],
    ['exotrunk apply retell --answers answers.yaml --yes --json', 'for CI: no question, one JSON document'],
    ['exotrunk apply retell --answers answers.yaml', 'with RETELL_API_KEY set: the number imported in Retell too'],
  ],
  verify: [
    ['exotrunk verify livekit', 'the trunk against the setup; exit 3 on drift'],
    ['exotrunk verify livekit', 'with LIVEKIT_* set: both sides, each against the other'],
    ['exotrunk verify --json', 'the only recipe applied here, as JSON'],
  ],
  render: [['exotrunk render livekit', 'the partner configs again, from the state']],
  teardown: [['exotrunk teardown livekit', 'the partner side (if made by its API), then the trunk (asks)']],
  'trunk create': [['exotrunk trunk create my_trunk', 'one trunk, nothing else']],
  'trunk delete': [['exotrunk trunk delete trmum1abc', 'delete a trunk by sid (one a recipe here set up: use teardown)']],
  'numbers list': [['exotrunk numbers list --recipe livekit', "the numbers on livekit's trunk"]],
  'numbers add': [
    ['exotrunk numbers add +918012345679 --recipe livekit', 'map one more number'],
    ['exotrunk numbers add --file numbers.csv --recipe livekit', 'many, at the rate limit, resumable'],
  ],
  'numbers set-mode': [['exotrunk numbers set-mode +918012345679 flow --recipe livekit', 'route it to a Flow']],
  'acl list': [['exotrunk acl list --recipe own-pbx', 'the whitelisted IPs']],
  'acl add': [['exotrunk acl add 44.248.146.11 --recipe own-pbx', 'whitelist one more IP (/32)']],
  'credentials list': [['exotrunk credentials list --recipe livekit', 'usernames, never passwords']],
  'credentials add': [['EXOTRUNK_SIP_PASSWORD=… exotrunk credentials add ops_sip --recipe livekit', 'one more credential']],
  'credentials delete': [['exotrunk credentials delete --id 123 --recipe livekit', 'delete one by id']],
  'credentials rotate': [['exotrunk credentials rotate livekit', 'new password, new configs, old one deleted']],
  'destinations list': [['exotrunk destinations list --recipe livekit', 'where inbound calls go']],
  'destinations add': [["exotrunk destinations add 'pbx.example.com:5061;transport=tls' \\\n    --recipe own-pbx", 'one more destination']],
  'alias set': [['exotrunk alias set +918012345678 --recipe livekit', 'caller ID for outbound calls']],
  sandbox: [['exotrunk sandbox --port 4010 --latency-ms 500', 'a local Exotel API; prints its base URL']],
  probe: [["exotrunk probe 'sip:in.voip.exotel.com:5070;transport=tcp'", 'DNS, TCP, SIP OPTIONS']],
  doctor: [
    ['exotrunk doctor livekit', 'verify, probe both SIP hosts, explain failures'],
    ['exotrunk doctor --sip-code 403', 'what a SIP 403 means here'],
  ],
  'profile save': [
    ['exotrunk profile save', 'ask for the credentials (on a terminal), check them, save'],
    ['EXOTEL_ACCOUNT_SID=… exotrunk profile save work --api-token-file -', 'from the environment and stdin'],
  ],
  'profile list': [['exotrunk profile list', 'saved profiles; * marks the one in use']],
  'profile show': [['exotrunk profile show work', 'SID, key, region, base URL; the token masked']],
  'profile use': [['exotrunk profile use work', 'use it when no other credentials are set']],
  'profile delete': [['exotrunk profile delete work', 'forget a profile (asks)']],
  completion: [
    ['exotrunk completion bash >> ~/.bashrc', 'tab completion in bash'],
    ['exotrunk completion zsh > "${fpath[1]}/_exotrunk"', 'in zsh'],
    ['exotrunk completion fish > ~/.config/fish/completions/exotrunk.fish', 'in fish'],
  ],
};

/** "Global flags: --account-sid, --region, …" in lines of at most 80 columns. */
const GLOBALS_LINE = `Global flags (exotrunk --help describes them): ${GLOBAL_FLAGS.join(', ')}`
  .split(' ')
  .reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1]!;
    if (last.length + word.length + 1 > 78) lines.push(`  ${word}`);
    else lines[lines.length - 1] = last ? `${last} ${word}` : word;
    return lines;
  }, [''])
  .join('\n');

export const pathOf = (cmd: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
};

function examplesText(path: string): string {
  const list = EXAMPLES[path];
  if (!list?.length) return '';
  return `\nExamples:\n${list.map(([c, what]) => `  ${c}\n      ${what}`).join('\n')}\n`;
}

/** Hide the global flags from every command's own list (the root keeps them, in a section of their own). */
/** Commands that never take the state directory's lock: --lock-timeout means nothing to them. */
const NEVER_LOCK = new Set(['verify', 'plan', 'render', 'doctor', 'recipes list', 'recipes show', 'trunk show', 'numbers list', 'acl list', 'credentials list', 'destinations list', 'profile list', 'profile show']);

export function helpConfig() {
  return {
    visibleOptions(this: Help, cmd: Command) {
      const all = Help.prototype.visibleOptions.call(this, cmd);
      if (!cmd.parent) return all;
      const readOnly = NEVER_LOCK.has(pathOf(cmd));
      return all.filter((o) => !GLOBAL_FLAGS.includes(o.long ?? '') && !(readOnly && o.long === '--lock-timeout'));
    },
  };
}

/** Add examples, the global-flags line and the exit codes to every command below the root. */
export function addHelpTexts(root: Command): void {
  const visit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      const path = pathOf(sub);
      const takesGlobals = sub.options.some((o) => o.long === '--state');
      const globals = takesGlobals ? `\n${GLOBALS_LINE}\n` : '';
      sub.addHelpText('after', `${examplesText(path)}${globals}${sub.commands.length ? '' : `\n${EXIT_CODES}`}`);
      visit(sub);
    }
  };
  visit(root);
}
