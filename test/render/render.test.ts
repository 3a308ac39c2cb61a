import { mkdtempSync, mkdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Recipe } from '../../src/core/recipes/schema.js';
import { renderOutputs, renderString, TemplateError } from '../../src/core/render/render.js';
import { maskSecrets, writeOutputs } from '../../src/core/render/output-files.js';
import { fixtureContext, FIXTURE } from '../helpers/render-fixture.js';
import { testRecipe } from '../helpers/recipe-fixture.js';

function tempTemplates(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-tpl-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const baseRecipe = (outputs: unknown[]): Recipe =>
  testRecipe({
    facts_checked: '2026-11-22',
    inbound_sip: { host: 'sip.demo.example', transports: ['tls', 'tcp'], ports: { tls: 5061, tcp: 5060 } },
    defaults: { trunk_name: 'demo_trunk' },
    outputs,
  });

describe('renderString', () => {
  it('renders answers with helpers', () => {
    expect(renderString('{{sipUri host}}', { host: 'sip:a.example' })).toBe('sip:a.example');
    expect(renderString('{{sipUri host}}', { host: 'a.example' })).toBe('sip:a.example');
  });

  it('throws on a missing variable, naming it and the template', () => {
    expect(() => renderString('x {{answers.nope}}', { answers: {} }, 'demo/x.txt')).toThrow(TemplateError);
    expect(() => renderString('x {{answers.nope}}', { answers: {} }, 'demo/x.txt')).toThrow(/demo\/x\.txt.*"nope"/);
  });

  it('throws on a missing variable inside an #if too', () => {
    expect(() => renderString('{{#if missing}}y{{/if}}', {}, 't')).toThrow(/missing/);
  });

  it('does not HTML-escape', () => {
    expect(renderString('{{v}}', { v: 'a&b<c>"' })).toBe('a&b<c>"');
  });

  it('names a template with a syntax error', () => {
    expect(() => renderString('{{#if x}}', { x: 1 }, 'broken.txt')).toThrow(/broken\.txt/);
  });
});

describe('renderOutputs', () => {
  const tplDir = tempTemplates({
    'demo/out.json': '{"edge": {{json exotel.edge.hostport}}, "did": {{json exotel.did}} }',
    'demo/in.txt': 'dial {{exotel.connect_value}}',
    'demo/bad.json': '{"edge": {{exotel.edge.hostport}} }',
    'demo/badsecret.json': '{"password": {{secrets.sip_password}} }',
    'demo/typo.txt': '{{exotel.edge.hots}}',
    'common/shared.txt': 'common {{recipe.id}}',
  });

  it('renders outputs whose when holds, pretty-prints JSON, resolves common/ paths', () => {
    const recipe = baseRecipe([
      { id: 'out', template: 'out.json', title: 'O', paste: 'p', file: 'out.json', format: 'json', when: { direction: ['outbound', 'both'] } },
      { id: 'in', template: 'in.txt', title: 'I', paste: 'p', file: 'in.txt', format: 'text', when: { direction: ['inbound', 'both'] } },
      { id: 'shared', template: 'common/shared.txt', title: 'S', paste: 'p', file: 'shared.txt', format: 'text' },
    ]);
    const outbound = renderOutputs(recipe, fixtureContext(recipe, 'outbound', { edge_transport: 'tls' }), { templatesDir: tplDir });
    expect(outbound.map((o) => o.id)).toEqual(['out', 'shared']);
    expect(outbound[0].content).toBe(`{\n  "edge": "in.voip.exotel.com:443",\n  "did": "${FIXTURE.did}"\n}\n`);
    expect(outbound[1].content).toBe('common demo\n');
    const inbound = renderOutputs(recipe, fixtureContext(recipe, 'inbound', {}), { templatesDir: tplDir });
    expect(inbound.map((o) => o.id)).toEqual(['in', 'shared']);
    expect(inbound[0].content).toBe(`dial sip:${FIXTURE.trunkSid}\n`);
  });

  it('fails on a JSON output that does not parse, naming the output', () => {
    const recipe = baseRecipe([{ id: 'bad', template: 'bad.json', title: 'B', paste: 'p', file: 'b.json', format: 'json' }]);
    expect(() => renderOutputs(recipe, fixtureContext(recipe, 'outbound', {}), { templatesDir: tplDir })).toThrow(/demo\/bad.*not valid JSON/);
  });

  it('a JSON error never quotes the rendered text (it may hold the SIP password)', () => {
    const recipe = baseRecipe([{ id: 'bs', template: 'badsecret.json', title: 'B', paste: 'p', file: 'b.json', format: 'json', secret: true }]);
    const ctx = fixtureContext(recipe, 'outbound', {});
    let message = '';
    try {
      renderOutputs(recipe, ctx, { templatesDir: tplDir });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/demo\/bs.*not valid JSON/);
    expect(message).not.toContain(ctx.secrets.sip_password.slice(0, 8)); // the parser quotes ~10 characters
  });

  it('fails on a typo in a template, naming variable and file', () => {
    const recipe = baseRecipe([{ id: 'typo', template: 'typo.txt', title: 'T', paste: 'p', file: 't.txt', format: 'text' }]);
    expect(() => renderOutputs(recipe, fixtureContext(recipe, 'outbound', {}), { templatesDir: tplDir })).toThrow(/demo\/typo\.txt.*"hots"/);
  });
});

describe('writeOutputs', () => {
  it('writes atomically with 0600 for secrets and 0644 otherwise, in a 0700 folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'exotrunk-out-')), 'nested');
    const out = { id: 'x', title: 'x', paste: 'p', format: 'text' as const, content: 'hello\n' };
    const written = await writeOutputs(
      [
        { ...out, file: 'public.txt', secret: false },
        { ...out, file: 'secret.txt', secret: true },
      ],
      dir,
    );
    expect(written.map((w) => [w.file, w.mode])).toEqual([
      ['public.txt', 0o644],
      ['secret.txt', 0o600],
    ]);
    expect(statSync(join(dir, 'public.txt')).mode & 0o777).toBe(0o644);
    expect(statSync(join(dir, 'secret.txt')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, 'secret.txt'), 'utf8')).toBe('hello\n');
  });

  it('refuses two outputs writing one file', async () => {
    const out = { id: 'x', title: 'x', paste: 'p', format: 'text' as const, content: '', secret: false, file: 'a.txt' };
    await expect(writeOutputs([out, out], mkdtempSync(join(tmpdir(), 'exotrunk-out-')))).rejects.toThrow(/a\.txt/);
  });
});

describe('maskSecrets', () => {
  it('replaces every occurrence, longest secret first', () => {
    expect(maskSecrets('p=abcdef q=abc r=abcdef', ['abc', 'abcdef', ''])).toBe('p=•••••••• q=•••••••• r=••••••••');
  });
});
