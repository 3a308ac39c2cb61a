/**
 * What a new user follows after apply, across all recipes (a QA walk of the wizard found each of these):
 * - a command printed in a config names the program as the user launched it ({{cli}}), never a bare "exotrunk";
 * - a troubleshooting row that says to probe gives the whole command, with a target `exotrunk probe` accepts;
 * - checklist items are things to do, not statements;
 * - outputs that do the same job (iptables / ufw / AWS, dashboard form / API body, JSON by hand / the script)
 *   say so: `alternative_of` marks them, and both sides' paste text says "Use ONE of" and names the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { parseTarget } from '../../src/core/probe/target.js';
import { listRecipes, loadRecipe, templatesDir } from '../../src/core/recipes/loader.js';
import type { Direction } from '../../src/core/recipes/schema.js';
import { renderOutputs } from '../../src/core/render/render.js';
import { fixtureContext } from '../helpers/render-fixture.js';

type Answers = Record<string, string | boolean | string[]>;

/** Answers that render every recipe's outputs (several per recipe where a choice changes the files). */
const ANSWERS: Record<string, Answers[]> = {
  bolna: [{ bolna_agent_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a' }, { bolna_agent_id: '3c90c3cc-0d44-4b50-8888-8dd25736052a', bolna_api: 'legacy' }],
  elevenlabs: [{ el_agent_id: 'agent_3701k3ttaq12ewp8b7qv5rfyszkz' }],
  livekit: [{ livekit_subdomain: 'abc123xyz' }],
  nlpearl: [{ nlpearl_sip_domain: 'sip.nlpearl.example.com' }],
  'own-pbx': [{ pbx_ips: ['44.248.146.11'], pbx_host: 'pbx.example.in' }],
  'pipecat-daily': [
    { partner_egress_ips: ['44.248.146.13'], daily_domain: 'examplecorp', daily_webhook_url: 'https://hooks.example.com/daily' },
    { partner_egress_ips: ['44.248.146.13'], inbound_mode: 'sbc', sbc_host: 'sbc.example.in' },
  ],
  rapida: [
    { path: 'sip', rapida_assistant_id: '2227823180112723968' },
    { path: 'native', rapida_assistant_id: '2227823180112723968', rapida_api_key: 'rpd-fixture-key-000' },
  ],
  retell: [{ retell_agent_id: 'agent_3f2a9c' }],
  'smallest-ai': [{}, { smallest_origination: 'sip.smallest.example.com:5060' }],
  streamkit: [{ streamkit_server_ips: ['44.248.146.12'], voicebot_url: 'wss://bot.example.com/voicebot' }],
  vocallabs: [{ vocallabs_websocket_url: 'wss://ws.example.com/stream', vocallabs_webhook_url: 'https://hooks.example.com/exotel', vocallabs_sip_host: 'sip.vocallabs.example.com:5060' }],
};

const recipes = listRecipes();
const program = buildProgram('0.0.0');
const COMMANDS = new Set(program.commands.flatMap((c) => [c.name(), ...c.aliases()]));
/** "exotrunk apply", "exotrunk probe", … not preceded by a path or a dot (.exotrunk/out is a folder, not a command). */
const commandMention = /(?<![-/.\w])exotrunk ([a-z][a-z-]*)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

function renders(cli: string) {
  return recipes.flatMap((recipe) =>
    recipe.directions.flatMap((direction: Direction) =>
      ANSWERS[recipe.id]!.map((answers) => ({ recipe, direction, outputs: renderOutputs(recipe, { ...fixtureContext(recipe, direction, answers), cli }) })),
    ),
  );
}

describe('commands in rendered configs', () => {
  it('every recipe has answers here (a new recipe must be added)', () => {
    expect(Object.keys(ANSWERS).sort()).toEqual(recipes.map((r) => r.id).sort());
  });

  it('templates never hard-code "exotrunk <command>": they use {{cli}}', () => {
    const wrong = files(templatesDir()).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(commandMention)].filter((m) => COMMANDS.has(m[1]!)).map((m) => `${file.slice(templatesDir().length + 1)}: ${m[0]}`),
    );
    expect(wrong).toEqual([]);
  });

  it('rendered for `npx exotrunk`, every command in every output and its paste line reads npx exotrunk …, and there are some', () => {
    let seen = 0;
    const wrong: string[] = [];
    for (const { recipe, direction, outputs } of renders('npx exotrunk')) {
      for (const o of outputs) {
        // the file, and the line that says where it goes (paste text is a template too)
        for (const [where, text] of [[o.file, o.content], [`${o.file} (paste)`, o.paste]] as const) {
          for (const m of text.matchAll(commandMention)) {
            if (!COMMANDS.has(m[1]!)) continue;
            seen++;
            if (text.slice(Math.max(0, m.index! - 4), m.index) !== 'npx ') wrong.push(`${recipe.id} ${direction} ${where}: ${m[0]}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(seen).toBeGreaterThan(10);
  });
});

describe('probe commands in troubleshooting and checklists', () => {
  const probe = program.commands.find((c) => c.name() === 'probe')!;
  /** What the results screen fills in (fillKnown) from the answers; doctor shows the row as written. */
  const SAMPLE: Record<string, string> = { subdomain: 'abc123', edge_host: 'in.voip.exotel.com' };
  const texts = recipes.flatMap((r) => [...r.troubleshooting.map((t) => ({ id: r.id, text: t.check })), ...r.checklist.map((c) => ({ id: r.id, text: c.text }))]);

  it('none says "run exotrunk probe on that host" without naming the target', () => {
    expect(texts.filter((t) => /probe (on|that)\b/.test(t.text)).map((t) => t.id)).toEqual([]);
  });

  it('each one is a whole command: one quoted target that the probe command parses', () => {
    const lines = texts.flatMap((t) => [...t.text.matchAll(/exotrunk probe ('[^']*'|\S+)/g)].map((m) => ({ id: t.id, arg: m[1]! })));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const { id, arg } of lines) {
      expect(arg, `${id}: the target must be quoted (it holds a ";")`).toMatch(/^'sip:[^']+'$/);
      const target = arg.slice(1, -1).replace(/<([a-z_]+)>/g, (whole, key: string) => SAMPLE[key] ?? whole);
      expect(target, `${id}: a placeholder the results screen cannot fill`).not.toMatch(/[<>]/);
      expect(() => parseTarget(target), `${id}: ${target}`).not.toThrow();
      expect(probe.registeredArguments.filter((a) => a.required)).toHaveLength(1);
    }
  });

  it('LiveKit and ElevenLabs name their own SIP hosts with port and transport', () => {
    const check = (id: string, symptom: RegExp) => loadRecipe(id).troubleshooting.find((t) => symptom.test(t.symptom))!.check;
    expect(check('livekit', /Inbound calls time out/)).toContain("exotrunk probe 'sip:<subdomain>.india.sip.livekit.cloud:5061;transport=tls'");
    expect(check('elevenlabs', /time out/)).toContain("exotrunk probe 'sip:sip.rtc.elevenlabs.io:5061;transport=tls'");
    expect(parseTarget('sip:abc123.india.sip.livekit.cloud:5061;transport=tls')).toMatchObject({ host: 'abc123.india.sip.livekit.cloud', port: 5061, transport: 'tls' });
  });
});

describe('checklists', () => {
  /** The verbs a next step may start with (after an optional "Partner: " prefix). */
  const TODO = new Set([
    'ask', 'assign', 'build', 'call', 'check', 'configure', 'confirm', 'create', 'dial', 'enable', 'get', 'give', 'if', 'import', 'install', 'keep', 'make',
    'map', 'open', 'place', 'route', 'run', 'save', 'set', 'store', 'turn', 'use',
  ]);

  it('every item of every recipe is a thing to do, not a statement', () => {
    const statements = recipes.flatMap((r) =>
      r.checklist
        .map((c) => c.text)
        .filter((text) => {
          // "Exotel: App Bazaar → create a Flow …": the partner, then where to click, then the verb
          const first = text.replace(/^[A-Z][\w ]*: /u, '').replace(/^(?:[A-Z]\w*(?: [A-Z]\w*)* → )+/u, '').split(/[\s,]/u)[0]!.toLowerCase();
          return !TODO.has(first);
        })
        .map((text) => `${r.id}: ${text}`),
    );
    expect(statements).toEqual([]);
  });

  it('the ones QA quoted are gone', () => {
    const all = recipes.flatMap((r) => r.checklist.map((c) => c.text)).join('\n');
    expect(all).not.toMatch(/The number is mapped in flow mode/);
    expect(all).not.toMatch(/Path A needs no Exotel trunk/);
  });
});

describe('alternatives', () => {
  it('each alternative and its primary say "Use ONE of" and name each other\'s file', () => {
    const seen: string[] = [];
    for (const { recipe, direction, outputs } of renders('exotrunk')) {
      for (const o of outputs) {
        const def = recipe.outputs.find((d) => d.id === o.id)!;
        if (!def.alternative_of) continue;
        const primary = outputs.find((p) => p.id === def.alternative_of);
        if (!primary) continue;
        seen.push(`${recipe.id}:${o.id}`);
        for (const [a, b] of [[o, primary], [primary, o]] as const) {
          expect(a.paste, `${recipe.id} ${direction} ${a.file}`).toContain('Use ONE of');
          // the script's own paste speaks of "the JSON files beside it", the three files it sends
          const names = a.paste.includes(b.file) || (a.id === 'livekit-commands' && a.paste.includes('the JSON files'));
          expect(names, `${recipe.id} ${direction}: ${a.file}'s paste names ${b.file}: ${a.paste}`).toBe(true);
        }
      }
    }
    expect(new Set(seen)).toEqual(
      new Set([
        'elevenlabs:elevenlabs-phone-number',
        'livekit:livekit-outbound-trunk',
        'livekit:livekit-inbound-trunk',
        'livekit:livekit-dispatch-rule',
        'own-pbx:freepbx-trunk',
        'own-pbx:firewall-ufw',
        'own-pbx:firewall-aws-sg',
        'pipecat-daily:firewall-ufw',
        'pipecat-daily:firewall-aws-sg',
        'retell:retell-import-phone-number',
        'streamkit:firewall-ufw',
        'streamkit:firewall-aws-sg',
      ]),
    );
  });
});
