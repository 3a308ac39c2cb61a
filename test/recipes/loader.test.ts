import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { evalWhen, formatPath, listRecipeIds, listRecipes, loadRecipe, packageRoot } from '../../src/core/recipes/loader.js';
import { describeWhen } from '../../src/core/recipes/when.js';
import { partnerName } from '../../src/core/recipes/schema.js';

const VALID = `id: demo
title: Demo
summary: demo partner
docs: [https://example.com/docs]
facts_checked: '2026-11-22'
facts_source: test
directions: [outbound, inbound, both]
egress: { kind: dynamic }
inbound_sip:
  host: '{{demo_sub}}.sip.example.com'
  transports: [tls]
  ports: { tls: 5061 }
questions:
  - { id: demo_sub, prompt: Subdomain, kind: text, validate: subdomain }
  - { id: demo_flag, prompt: Flag, kind: confirm, when: { direction: [inbound] } }
outputs:
  - { id: out, template: out.txt, title: Out, paste: here, file: out.txt, format: text }
`;

function tempRoot(recipes: Record<string, string>, templates: Record<string, string> = { 'demo/out.txt': 'x' }) {
  const root = mkdtempSync(join(tmpdir(), 'exotrunk-recipes-'));
  const dir = join(root, 'recipes');
  const tpl = join(root, 'templates');
  mkdirSync(dir);
  for (const [id, text] of Object.entries(recipes)) writeFileSync(join(dir, `${id}.yaml`), text);
  for (const [path, text] of Object.entries(templates)) {
    mkdirSync(join(tpl, path, '..'), { recursive: true });
    writeFileSync(join(tpl, path), text);
  }
  return { dir, tpl };
}

function loadError(text: string, templates?: Record<string, string>): InputError {
  const { dir, tpl } = tempRoot({ demo: text }, templates);
  try {
    loadRecipe('demo', dir, tpl);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('loadRecipe did not throw');
}

describe('loadRecipe', () => {
  it('loads a valid recipe', () => {
    const { dir, tpl } = tempRoot({ demo: VALID });
    expect(loadRecipe('demo', dir, tpl).questions.map((q) => q.id)).toEqual(['demo_sub', 'demo_flag']);
  });

  it('names the file, the path and the rule of a schema error', () => {
    const e = loadError(VALID.replace('validate: subdomain', 'validate: nope'));
    expect(e.message).toMatch(/demo\.yaml/);
    expect(e.message).toMatch(/questions\[0\]\.validate \(line 14\)/);
    expect(e.details?.[0]).toMatch(/Invalid option/i);
  });

  it('names an unknown key', () => {
    const e = loadError(VALID.replace('egress: { kind: dynamic }', 'egress: { kind: dynamic, colour: red }'));
    expect(e.message).toMatch(/egress.*colour/);
  });

  it('reports YAML syntax errors with the file', () => {
    expect(loadError('id: demo\n  title: : x\n').message).toMatch(/demo\.yaml is not valid YAML/);
  });

  it('refuses duplicate question ids', () => {
    const e = loadError(VALID.replace('id: demo_flag', 'id: demo_sub'));
    expect(e.message).toMatch(/questions\[1\]\.id.*duplicate question id "demo_sub"/);
  });

  it('refuses an unknown answer in a when', () => {
    const e = loadError(VALID.replace('when: { direction: [inbound] }', 'when: { answers: { demo_typo: true } }'));
    expect(e.message).toMatch(/questions\[1\]\.when\.answers\.demo_typo.*unknown question id/);
  });

  it('refuses an unknown variable in inbound_sip.host', () => {
    const e = loadError(VALID.replace('{{demo_sub}}', '{{demo_subb}}'));
    expect(e.message).toMatch(/inbound_sip\.host.*"demo_subb"/);
  });

  it('accepts helpers and common keys in templates', () => {
    const { dir, tpl } = tempRoot({ demo: VALID.replace('{{demo_sub}}', '{{lower demo_sub}}-{{trunk_name}}') });
    expect(() => loadRecipe('demo', dir, tpl)).not.toThrow();
  });

  it('refuses a missing template file', () => {
    const e = loadError(VALID, {});
    expect(e.message).toMatch(/outputs\[0\]\.template.*not found/);
  });

  it('refuses a trunk_name default longer than 16', () => {
    const e = loadError(VALID + 'defaults: { trunk_name: ElevenLabs_Outbound_Trunk }\n');
    expect(e.message).toMatch(/defaults\.trunk_name/);
  });

  describe('alternative_of (outputs the user follows one of)', () => {
    const TWO = `${VALID}  - { id: alt, template: out.txt, title: Alt, paste: there, file: alt.txt, format: text, alternative_of: out }\n`;

    it('accepts an output naming another as its primary', () => {
      const { dir, tpl } = tempRoot({ demo: TWO });
      expect(loadRecipe('demo', dir, tpl).outputs.map((o) => o.alternative_of)).toEqual([undefined, 'out']);
    });

    it.each([
      ['an unknown output', TWO.replace('alternative_of: out', 'alternative_of: nope'), /outputs\[1\]\.alternative_of.*no output "nope".*known: out, alt/],
      ['itself', TWO.replace('alternative_of: out', 'alternative_of: alt'), /outputs\[1\]\.alternative_of.*cannot be an alternative of itself/],
      [
        'an output that is itself an alternative',
        `${TWO}  - { id: third, template: out.txt, title: T, paste: p, file: t.txt, format: text, alternative_of: alt }\n`,
        /outputs\[2\]\.alternative_of.*"alt" is itself an alternative of "out"/,
      ],
    ])('refuses one naming %s', (_name, text, why) => {
      expect(loadError(text).message).toMatch(why);
    });
  });

  it('partner: a short name for running text; without one, the title loses its trailing "(…)"', () => {
    const { dir, tpl } = tempRoot({ demo: VALID.replace('title: Demo', 'title: Demo Cloud (SIP trunk)\npartner: Demo') });
    expect(partnerName(loadRecipe('demo', dir, tpl))).toBe('Demo');
    expect(partnerName({ title: 'LiveKit Cloud (SIP trunk)' })).toBe('LiveKit Cloud');
    expect(partnerName({ title: 'Pipecat via Daily SIP' })).toBe('Pipecat via Daily SIP');
  });

  it('every shipped recipe names its partner without parentheses', () => {
    for (const r of listRecipes()) {
      expect(r.partner, r.id).toBeDefined();
      expect(partnerName(r), r.id).not.toMatch(/[()]/);
    }
  });

  it('lists the known ids for an unknown one', () => {
    const { dir, tpl } = tempRoot({ demo: VALID });
    expect(() => loadRecipe('nope', dir, tpl)).toThrow(InputError);
    try {
      loadRecipe('nope', dir, tpl);
    } catch (e) {
      expect((e as InputError).why).toMatch(/demo/);
    }
  });
});

describe('listRecipes', () => {
  it("sorts by each recipe's order: field, then by id (no list in the code to edit for a new partner)", () => {
    const order: Record<string, number | undefined> = { zeta: undefined, 'own-pbx': 110, alpha: undefined, livekit: 20, elevenlabs: 10 };
    const recipes = Object.fromEntries(Object.entries(order).map(([id, n]) => [id, VALID.replace('id: demo', `id: ${id}${n === undefined ? '' : `\norder: ${n}`}`)]));
    const templates = Object.fromEntries(Object.keys(order).map((id) => [`${id}/out.txt`, 'x']));
    const { dir, tpl } = tempRoot(recipes, templates);
    expect(listRecipes(dir, tpl).map((r) => r.id)).toEqual(['elevenlabs', 'livekit', 'own-pbx', 'alpha', 'zeta']);
    expect(listRecipeIds(dir)).toEqual(['alpha', 'elevenlabs', 'livekit', 'own-pbx', 'zeta']);
    // the shipped recipes keep the picker's order
    expect(listRecipes().map((r) => r.id)).toEqual(['elevenlabs', 'livekit', 'retell', 'bolna', 'pipecat-daily', 'rapida', 'smallest-ai', 'vocallabs', 'nlpearl', 'streamkit', 'own-pbx']);
  });

  it("when: answered holds once every named answer is filled in; a name no question has is refused", () => {
    const when = { answered: ['demo_sub'] };
    expect(evalWhen(when, 'both', {})).toBe(false);
    expect(evalWhen(when, 'both', { demo_sub: '  ' })).toBe(false);
    expect(evalWhen(when, 'both', { demo_sub: 'abc' })).toBe(true);
    expect(evalWhen({ answered: ['l'] }, 'both', { l: [] })).toBe(false);
    expect(evalWhen({ answered: ['l'] }, 'both', { l: ['1.2.3.4'] })).toBe(true);
    expect(evalWhen({ answered: ['c'] }, 'both', { c: false })).toBe(false);
    expect(describeWhen({ direction: ['inbound'], answered: ['demo_sub'] })).toBe('direction inbound, and demo_sub is filled in');
    const e = loadError(VALID.replace("when: { direction: [inbound] }", 'when: { answered: [nope] }'));
    expect(e.message).toMatch(/questions\[1\]\.when\.answered\[0\]/);
    expect(e.message).toMatch(/unknown question id "nope"/);
  });

  it('loads the shipped recipes of this task', () => {
    for (const id of ['elevenlabs', 'livekit', 'retell', 'own-pbx']) expect(loadRecipe(id).id).toBe(id);
  });
});

describe('packageRoot', () => {
  it('finds exotrunk from src/', () => {
    expect(packageRoot()).toMatch(/\S/);
    expect(loadRecipe('livekit').facts_checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('formatPath', () => {
  it('formats zod paths', () => {
    expect(formatPath(['questions', 2, 'validate'])).toBe('questions[2].validate');
    expect(formatPath([])).toBe('(top level)');
  });
});

describe('evalWhen', () => {
  it('holds without a condition', () => expect(evalWhen(undefined, 'inbound', {})).toBe(true));
  it('checks the direction', () => {
    expect(evalWhen({ direction: ['inbound', 'both'] }, 'both', {})).toBe(true);
    expect(evalWhen({ direction: ['inbound', 'both'] }, 'outbound', {})).toBe(false);
  });
  it('checks answers, any-of lists, list answers and string booleans', () => {
    expect(evalWhen({ answers: { mode: 'sip' } }, 'both', { mode: 'sip' })).toBe(true);
    expect(evalWhen({ answers: { mode: ['a', 'b'] } }, 'both', { mode: 'b' })).toBe(true);
    expect(evalWhen({ answers: { mode: ['a', 'b'] } }, 'both', { mode: 'c' })).toBe(false);
    expect(evalWhen({ answers: { ips: '1.2.3.4' } }, 'both', { ips: ['5.6.7.8', '1.2.3.4'] })).toBe(true);
    expect(evalWhen({ answers: { flag: true } }, 'both', { flag: 'true' })).toBe(true);
  });
  it('treats a missing answer as false, never as a string', () => {
    expect(evalWhen({ answers: { flag: false } }, 'both', {})).toBe(true);
    expect(evalWhen({ answers: { flag: true } }, 'both', {})).toBe(false);
    expect(evalWhen({ answers: { mode: 'x' } }, 'both', {})).toBe(false);
  });
  it('needs every part to hold', () => {
    expect(evalWhen({ direction: ['inbound'], answers: { a: 'x' } }, 'inbound', { a: 'y' })).toBe(false);
  });
});
