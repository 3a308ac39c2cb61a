/**
 * Handlebars in strict mode: a template that reads a variable the context lacks fails loudly, naming the
 * variable and the template, instead of pasting an empty string into someone's SIP config.
 */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { templatePath, templatesDir } from '../recipes/package-root.js';
import { evalWhen } from '../recipes/when.js';
import type { Output, Recipe } from '../recipes/schema.js';
import type { RenderContext } from './context.js';
import { helpers as baseHelpers } from './helpers.js';
import { transportHelpers } from './sip-transports.js';
import { MissingVariableError, strictData } from './strict-data.js';

const helpers: Record<string, Handlebars.HelperDelegate> = { ...baseHelpers, ...transportHelpers };
const hbs = Handlebars.create();
for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn);

const COMPILE_OPTIONS = {
  strict: true,
  noEscape: true,
  // Known helpers are called directly, never looked up on the data (where the strict proxy would object).
  knownHelpers: Object.fromEntries(Object.keys(helpers).map((name) => [name, true])),
};

export interface RenderedOutput {
  id: string;
  title: string;
  paste: string;
  file: string;
  format: Output['format'];
  secret: boolean;
  content: string;
}

/** A template that cannot render: a bug in the recipe or the engine, not something the user can fix. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

function run(compiled: HandlebarsTemplateDelegate, data: object, name: string): string {
  try {
    return compiled(strictData(data));
  } catch (e) {
    if (e instanceof MissingVariableError) throw new TemplateError(`template ${name}: variable "${e.variable}" is not defined`);
    const msg = (e as Error).message;
    // Handlebars says `"foo" not defined in [object Object] - 3:10`; keep the name and the position.
    const missing = /^"([^"]+)" not defined in .*? - (\d+:\d+)$/s.exec(msg);
    if (missing) throw new TemplateError(`template ${name}: variable "${missing[1]}" is not defined (at ${missing[2]})`);
    throw new TemplateError(`template ${name}: ${msg}`);
  }
}

function compile(template: string, name: string): HandlebarsTemplateDelegate {
  try {
    const compiled = hbs.compile(template, COMPILE_OPTIONS);
    // compile is lazy: force the parse now so syntax errors name the template.
    hbs.parse(template);
    return compiled;
  } catch (e) {
    throw new TemplateError(`template ${name} does not parse: ${(e as Error).message}`);
  }
}

/** Render a recipe's inline template (e.g. inbound_sip.host over the answers). */
/** Inline templates by their text: the engine renders the same few (a destination, a host) many times. */
const stringCache = new Map<string, HandlebarsTemplateDelegate>();

function compileInline(template: string, name: string): HandlebarsTemplateDelegate {
  let compiled = stringCache.get(template);
  if (!compiled) {
    compiled = compile(template, name);
    stringCache.set(template, compiled);
  }
  return compiled;
}

export function renderString(template: string, data: object, name = 'inline template'): string {
  return run(compileInline(template, name), data, name);
}

const fileCache = new Map<string, HandlebarsTemplateDelegate>();

function compiledFile(path: string): HandlebarsTemplateDelegate {
  let compiled = fileCache.get(path);
  if (!compiled) {
    compiled = compile(readFileSync(path, 'utf8'), path);
    fileCache.set(path, compiled);
  }
  return compiled;
}

/**
 * Render every output whose `when` holds. JSON outputs are parsed and pretty-printed (2 spaces), YAML outputs
 * parsed, so a template that produces broken syntax fails here and never reaches a user's clipboard.
 */
export function renderOutputs(recipe: Recipe, ctx: RenderContext, opts: { templatesDir?: string } = {}): RenderedOutput[] {
  const dir = opts.templatesDir ?? templatesDir();
  return recipe.outputs
    .filter((o) => evalWhen(o.when, ctx.direction, ctx.answers))
    .map((o) => {
      const path = templatePath(o.template, recipe.id, dir);
      if (!path) throw new TemplateError(`output ${o.id}: template path "${o.template}" leaves templates/`);
      const raw = run(compiledFile(path), ctx, `${recipe.id}/${o.template}`);
      const content = normalise(raw, o, recipe.id);
      // owner-only when it really holds one: Bolna's trunk body carries the password for outbound, not inbound
      const holdsSecret = Object.values(ctx.secrets).some((v) => !!v && content.includes(v));
      // where-to-paste text may name a host that depends on the answers (an ElevenLabs residency API host)
      const paste = o.paste.includes('{{') ? run(compileInline(o.paste, `${recipe.id}/${o.id} paste`), ctx, `${recipe.id}/${o.id} paste`) : o.paste;
      return { id: o.id, title: o.title, paste, file: o.file, format: o.format, secret: o.secret && holdsSecret, content };
    });
}

function normalise(raw: string, o: Output, recipeId: string): string {
  if (o.format === 'json') {
    try {
      return `${JSON.stringify(JSON.parse(raw), null, 2)}\n`;
    } catch (e) {
      // Only the position: the parser's message quotes the rendered text, which may hold a secret.
      throw new TemplateError(`output ${recipeId}/${o.id} (${o.template}) is not valid JSON${positionOf(e)}`);
    }
  }
  if (o.format === 'yaml') {
    try {
      parseYaml(raw);
    } catch (e) {
      // The first line names the place; the code frame below it would quote rendered text (maybe a secret).
      throw new TemplateError(`output ${recipeId}/${o.id} (${o.template}) is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return raw.endsWith('\n') ? raw : `${raw}\n`;
}

/** " at position N" from a JSON.parse error, without the excerpt of the input it quotes. */
function positionOf(e: unknown): string {
  const m = /position (\d+)/.exec((e as Error).message);
  return m ? ` (at character ${m[1]})` : '';
}
