/**
 * The command table. Only commander is loaded here; each action lazy-imports its implementation, so
 * `--help` never loads Ink, React or Handlebars.
 */
import { Command, Option } from 'commander';
import { nearNames } from './did-you-mean.js';
import { addHelpTexts, EXIT_CODES, helpConfig } from './help-text.js';
import { collect, intArg } from './option-parsers.js';

type Action = (args: unknown[], opts: Record<string, unknown>) => Promise<number>;

function globals(cmd: Command): Command {
  return cmd
    .optionsGroup('Global flags:')
    .option('--account-sid <sid>', 'Exotel account SID (env EXOTEL_ACCOUNT_SID)')
    .addOption(new Option('--region <region>', 'Exotel API region (env EXOTEL_REGION)').choices(['in', 'sg']))
    .option('--base-url <url>', 'explicit API base URL (https, or http on loopback) (env EXOTEL_BASE_URL)')
    .option('--api-token-file <file>', 'read the API token from a file, or - for stdin (else env EXOTEL_API_TOKEN or the profile)')
    .option('--profile <name>', 'use a saved profile (exotrunk profile save)')
    // The bound is the sandbox command's (it shares the flag); the engine refuses more than Exotel's plausible 10,000.
    .option('--rate-limit <n>', 'API requests per minute for this account (env EXOTEL_RATE_LIMIT, default 200)', intArg('--rate-limit', 1, 10_000_000))
    .option('--sandbox', 'use the built-in Exotel sandbox even when credentials are configured')
    .option('--state <file>', 'state journal', '.exotrunk/state.json')
    .option('--lock-timeout <duration>', 'wait this long (30s, 5m) for another command writing the same state (env EXOTRUNK_LOCK_TIMEOUT; default 0: fail at once)')
    .option('--json', 'one JSON document on stdout; progress on stderr')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--no-input', 'never prompt; fail listing what is missing')
    .option('--show-secrets', 'print secrets in rendered configs instead of masking them')
    .option('--verbose', 'log every API request and response (secrets masked) to stderr')
    .option('--no-partner-api', 'leave LiveKit, ElevenLabs and Retell alone even with their API keys set: configs to paste (env EXOTRUNK_PARTNER_API=off)')
    .optionsGroup('Options:');
}

function answerOpts(cmd: Command, adopt = true): Command {
  cmd
    .option('--answers <file>', 'answers file (YAML or JSON) keyed by question id')
    .option('--set <key=value>', 'one answer; repeat for more (never for a secret)', collect);
  return adopt ? cmd.option('--trunk-sid <sid>', 'adopt an existing trunk instead of creating one') : cmd;
}

const NO_CONTEXT = new Set(['sandbox', 'probe', 'completion']);

/** Wire a command to a lazily imported implementation; the action receives positional args and merged options. */
function lazy(load: () => Promise<{ default: Action }>) {
  return async (...params: unknown[]) => {
    const cmd = params[params.length - 1] as Command;
    const args = params.slice(0, -2);
    const { run } = await import('./run.js');
    // every command a hint names carries the flags that chose the state and the account (not for the commands
    // that take no global flags: the sandbox's own --rate-limit is not the client's)
    if (!NO_CONTEXT.has(cmd.name())) {
      const [{ setContextFlags }, { contextFlags, globalsOf }] = await Promise.all([import('../core/engine/light.js'), import('./options.js')]);
      setContextFlags(contextFlags(globalsOf(cmd.optsWithGlobals())));
    }
    const code = await run(async () => (await load()).default(args, cmd.optsWithGlobals()), cmd.optsWithGlobals());
    process.exitCode = code;
  };
}

/** "unknown command 'verfy' (did you mean verify?)" */
function unknownCommand(word: string, program: Command): string {
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  const near = nearNames(word, names);
  return `error: unknown command '${word}'${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`;
}

export function buildProgram(version: string): Command {
  // Every usage error exits 2 (the documented code for invalid input or usage). Set before any sub-command
  // is made: commander copies it into each one when it is created.
  const root = new Command('exotrunk').exitOverride().configureHelp(helpConfig());
  const program = globals(root)
    .description('Connect Exotel SIP trunking to Voice AI platforms: a wizard, and a headless CLI on the same engine.\nWithout Exotel credentials everything runs against a built-in sandbox.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `
${EXIT_CODES}

Examples:
  exotrunk                              the wizard (sandbox if no credentials)
  exotrunk recipes                      the partners exotrunk knows
  exotrunk plan livekit --set direction=both --set did=+918012345678 \\
      --set livekit_subdomain=abc123    the calls apply would make
  exotrunk apply retell --answers exotrunk-retell-answers.yaml --yes
  exotrunk verify retell                drift table; exit 3 on drift
  exotrunk probe 'sip:in.voip.exotel.com:5070;transport=tcp'
  exotrunk completion bash >> ~/.bashrc
Every command's --help has examples.`)
    .usage('[options] [command]')
    .argument('[command]')
    .action(async (...params: unknown[]) => {
      // The root runs the wizard; a word here is a command commander did not know.
      if (typeof params[0] === 'string') program.error(unknownCommand(params[0], program), { code: 'commander.unknownCommand', exitCode: 2 });
      return lazy(() => import('./wizard.js'))(...params.slice(1));
    });
  program.enablePositionalOptions(false);

  addSetupCommands(program);
  addResourceCommands(program);
  addToolCommands(program);
  addProfileCommands(program);

  // Set last, so the sub-commands keep commander's default: at the root, a typo with arguments ("aply livekit") reaches the
  // unknown-command message with its suggestion instead of "too many arguments".
  program.allowExcessArguments(true);
  addHelpTexts(program);
  return program;
}

/** The wizard and the commands of a setup: recipes, plan, apply, verify, render, teardown. */
function addSetupCommands(program: Command): void {
  answerOpts(globals(program.command('wizard [recipe]').description('the interactive wizard (the default on a terminal); answers given here are not asked again')), false)
    .action(lazy(() => import('./wizard.js')));

  const recipes = program.command('recipes').description('list recipes, or show one with every question');
  globals(recipes.command('list [recipe]', { isDefault: true }).description('list the partner recipes (with an id: the same as recipes show)')).action(lazy(() => import('./recipes.js')));
  globals(recipes.command('show <recipe>').description('every question id, its validator and default')).action(lazy(() => import('./recipe-show.js')));

  answerOpts(globals(program.command('plan <recipe>').description('show the API calls apply would make (reads the live trunk when known)')))
    .addOption(new Option('--format <format>', 'table, json, or a curl script').choices(['table', 'json', 'curl']).default('table'))
    .option('--detailed-exitcode', 'exit 3 when there are changes to apply (0: nothing to do), as Terraform')
    .action(lazy(() => import('./plan.js')));
  answerOpts(globals(program.command('apply <recipe>').alias('run').description('create or repair the trunk (and the LiveKit, ElevenLabs or Retell side when its API keys are set), then render the partner configs')))
    .action(lazy(() => import('./apply.js')));
  globals(program.command('verify [recipe]').description('compare the live trunk (and the partner side, through its API) with the recipe; exit 3 on drift')).action(lazy(() => import('./verify.js')));
  answerOpts(globals(program.command('render <recipe>').description('render the partner configs again (from the state, plus any answers given)')))
    .action(lazy(() => import('./render.js')));
  globals(program.command('teardown [recipe]').description("delete the partner side (when made through its API), the recipe's credentials, then its trunk")).action(lazy(() => import('./teardown.js')));
}

/** One-off calls on a trunk's resources. */
function addResourceCommands(program: Command): void {
  const trunk = program.command('trunk').description('one-off trunk calls');
  globals(trunk.command('create <name>').description('create a trunk')).action(lazy(() => import('./resources.js').then((m) => ({ default: m.trunkCreate }))));
  globals(trunk.command('show [trunk-sid]').description('read a trunk: name, status, domain, auth type and settings (or --recipe / --trunk-sid)'))
    .option('--trunk-sid <sid>', 'the trunk (default: from the state of --recipe)')
    .option('--recipe <id>', "take the trunk from this recipe's state")
    .action(lazy(() => import('./resources.js').then((m) => ({ default: m.trunkShow }))));
  globals(trunk.command('delete <trunk-sid>').description('delete a trunk (exit 1 when Exotel does not know it)')).action(lazy(() => import('./resources.js').then((m) => ({ default: m.trunkDelete }))));

  const numbers = program.command('numbers').description('phone numbers (ExoPhones) on a trunk');
  const sidOpt = (c: Command) => c.option('--trunk-sid <sid>', 'the trunk (default: from the state of --recipe)').option('--recipe <id>', 'take the trunk from this recipe\'s state');
  sidOpt(globals(numbers.command('list').description('every number on the trunk, all pages'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.numbersList }))));
  sidOpt(globals(numbers.command('add [number]').description('map one number, or many with --file numbers.csv (columns: number, mode)')))
    .addOption(new Option('--mode <mode>', 'routing mode').choices(['pstn', 'flow']))
    .option('--file <csv>', 'CSV of numbers to map in bulk (validated first; resumable)')
    .action(lazy(() => import('./numbers-add.js')));
  sidOpt(globals(numbers.command('set-mode <number> <mode>').description('change a number\'s mode (pstn or flow)'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.numbersSetMode }))));

  const acl = program.command('acl').description('whitelisted IPs (ACL) on a trunk');
  sidOpt(globals(acl.command('list').description('the ACL entries'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.aclList }))));
  sidOpt(globals(acl.command('add <ip>').description('whitelist one public IPv4 (mask 32; ranges are refused)'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.aclAdd }))));

  const creds = program.command('credentials').description('SIP digest credentials on a trunk');
  sidOpt(globals(creds.command('list').description('the credentials (never their passwords)'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.credentialsList }))));
  sidOpt(globals(creds.command('add <username>').description('create a credential (password from EXOTRUNK_SIP_PASSWORD, else generated)')))
    .option('--friendly-name <name>', 'up to 32 characters')
    .action(lazy(() => import('./resources.js').then((m) => ({ default: m.credentialsAdd }))));
  sidOpt(globals(creds.command('delete').description('delete a credential by id')))
    .requiredOption('--id <id>', 'the credential id (credentials list)')
    .action(lazy(() => import('./resources.js').then((m) => ({ default: m.credentialsDelete }))));
  globals(creds.command('rotate <recipe>').description('new credential, re-rendered config, confirm the partner is updated, delete the old one'))
    .action(lazy(() => import('./rotate.js')));

  const dests = program.command('destinations').description('destination URIs (where inbound calls go)');
  sidOpt(globals(dests.command('list').description('the destination URIs'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.destinationsList }))));
  sidOpt(globals(dests.command('add <uri>').description('add host:port;transport=tls|tcp (udp only for a partner that needs it; an IP must be whitelisted first)'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.destinationsAdd }))));

  const alias = program.command('alias').description('caller ID alias (trunk_external_alias)');
  sidOpt(globals(alias.command('set <number>').description('set trunk_external_alias to an E.164 number'))).action(lazy(() => import('./resources.js').then((m) => ({ default: m.aliasSet }))));
}

/** The local sandbox, the SIP probe and doctor. */
function addToolCommands(program: Command): void {
  program
    .command('sandbox')
    .description('serve the Exotel trunk API locally; the first stdout line is the base URL')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free one)', intArg('--port', 0, 65_535), 0)
    .option('--api-key <key>', 'API key to accept', 'sandbox')
    .option('--api-token <token>', 'API token to accept (a test value, not a real secret)', 'sandbox')
    .option('--latency-ms <ms>', 'delay every answer', intArg('--latency-ms', 0, 600_000), 0)
    .option('--rate-limit <n>', 'requests per minute per account', intArg('--rate-limit', 1, 10_000_000), 200)
    .option('--faults <spec>', 'inject faults, e.g. 500:0.05,429:0.05,reset:0.03,lost:0.02')
    .option('--seed <n>', 'seed for the faults', intArg('--seed', 0, 2 ** 31 - 1))
    .option('--partners', 'also serve LiveKit, ElevenLabs and Retell API stand-ins; their variables follow the URL on stdout')
    .option('--auto-credentials [shape]', "give each new trunk Exotel's own credential (username = trunk sid): pair (default) or list")
    .option('--tls', 'serve HTTPS with a self-signed certificate for 127.0.0.1 (made with openssl); stdout line 2 is its file')
    .option('--tls-dir <dir>', 'with --tls: where to write cert.pem and key.pem (default: a temporary folder removed on exit)')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .addHelpText('after', `
The first stdout line is the base URL (https://… with --tls or --tls-cert); with
--tls the second is the certificate file to trust (curl --cacert FILE, or
NODE_EXTRA_CA_CERTS=FILE for exotrunk); with --partners, NAME=value lines follow
that point the partners' SDKs at the stand-ins.
Bad options exit 2 before anything listens.`)
    .action(lazy(() => import('./sandbox.js')));

  program
    .command('probe <target>')
    .description("check the SIP path: DNS, TCP/TLS, SIP OPTIONS (e.g. 'sip:in.voip.exotel.com:5070;transport=tcp')")
    .option('--attempts <n>', 'OPTIONS attempts', intArg('--attempts', 1, 20), 3)
    .option('--timeout-ms <ms>', 'timeout of each stage', intArg('--timeout-ms', 100, 60_000), 3000)
    .option('--insecure', 'do not verify the TLS certificate (still reported)')
    .option('--servername <name>', 'TLS SNI name')
    .option('--json', 'one JSON document on stdout')
    .addHelpText('after', '\nExit codes: 0 the target answered, 1 it did not, 2 invalid target.')
    .action(lazy(() => import('./probe-cli.js')));

  globals(program.command('doctor [recipe]').description('verify + probe the Exotel edge and the partner host, with what each failure means'))
    .option('--sip-code <code>', 'explain one SIP response code without probing')
    .option('--edge <target>', 'probe this Exotel edge instead of the one in the recipe (host:port;transport=…)')
    .option('--partner <target>', 'probe this partner SIP host instead of the destination URI')
    .option('--timeout-ms <ms>', 'timeout of each probe stage', intArg('--timeout-ms', 100, 60_000), 3000)
    .action(lazy(() => import('./doctor.js')));
}

/** Saved Exotel credentials, and shell completion. */
function addProfileCommands(program: Command): void {
  const profile = program.command('profile').description('saved Exotel credentials (0600, in your config folder)');
  globals(profile.command('save [name]').description('save the account SID, API key, region and token (asked on a terminal; else from the environment or --api-token-file), after one read at Exotel checks them'))
    .option('--no-check', 'save without checking the credentials at Exotel')
    .action(lazy(() => import('./profile.js').then((m) => ({ default: m.profileSave }))));
  globals(profile.command('list').description('saved profiles (* the one in use)')).action(lazy(() => import('./profile.js').then((m) => ({ default: m.profileList }))));
  globals(profile.command('show [name]').description('a profile: SID, key, region, base URL (never the token)')).action(lazy(() => import('./profile.js').then((m) => ({ default: m.profileShow }))));
  globals(profile.command('use <name>').description('use this profile when no other credentials are set')).action(lazy(() => import('./profile.js').then((m) => ({ default: m.profileUse }))));
  globals(profile.command('delete <name>').description('forget a saved profile')).action(lazy(() => import('./profile.js').then((m) => ({ default: m.profileDelete }))));

  program
    .command('completion <shell>')
    .description('print a tab-completion script for bash, zsh or fish')
    .action(lazy(() => import('./completion.js')));
}

export async function main(argv: string[], version: string): Promise<number> {
  const program = buildProgram(version);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const id = (e as { code?: string }).code;
    if (id === 'commander.helpDisplayed' || id === 'commander.version' || id === 'commander.help') return 0;
    // unknown command or option, missing argument: commander has said what on stderr; --json also gets it
    // as the one document on stdout
    if (argv.includes('--json')) {
      const { cliName } = await import('../core/engine/light.js');
      const message = String((e as Error).message ?? e).replace(/^error: /, '');
      process.stdout.write(JSON.stringify({ ok: false, exitCode: 2, error: { message, fix: `Run ${cliName()} <command> --help for its usage.` } }, null, 2) + '\n');
    }
    return 2;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
