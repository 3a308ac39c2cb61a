/**
 * User-facing text cites public sources: recipes, templates, the README and every string literal under src/
 * (messages, prompts, help) never name the project's internal documents ("seed 002", "the fact sheet",
 * exotel-facts.md) or its internal rule numbers ("(rule 3)"). Code comments are not scanned: no user sees them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/core/recipes/package-root.js';

const ROOT = packageRoot();

/** Names of internal documents and rule numbers, in any text a user can see. */
const INTERNAL = [
  /\bseed\s*(?:doc(?:ument)?\s*)?0\d\d\b/i,
  /\bseed (?:guide|document|reference|FAQ|example)s?\b/i,
  /\bthe seeds?\b/i,
  /\bseed's\b/i,
  /\bfact[- ]sheets?\b/i,
  /\b(?:exotel|partner)-facts\b/i,
  /\(rules? \d+(?:\s*[-–,]\s*\d+)*\)/i,
  /\brules? \d+(?:\s*[-–]\s*\d+)?'?s?\b/i,
];
/** Recipes and templates are all user-facing data: no "seed" at all (they have no PRNG to seed). */
const DATA_ONLY = [/\bseeds?\b/i, /§\s*\d/];

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(name) ? [p] : [];
  });
}

function hits(text: string, patterns: RegExp[]): string[] {
  return text.split('\n').flatMap((line, i) => (patterns.some((re) => re.test(line)) ? [`${i + 1}: ${line.trim()}`] : []));
}

/** Every string literal and template-literal chunk of a TypeScript file (comments skipped by the scanner). */
export function stringLiterals(source: string, jsx: boolean): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, source);
  const out: string[] = [];
  const templateDepth: number[] = [];
  let braces = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    switch (kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.JsxText:
        out.push(scanner.getTokenValue());
        if (kind === ts.SyntaxKind.TemplateHead) templateDepth.push(braces);
        break;
      case ts.SyntaxKind.OpenBraceToken:
        braces++;
        break;
      case ts.SyntaxKind.CloseBraceToken:
        if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
          // the `}` that closes a ${…}: rescan it as the template's middle or tail
          const next = scanner.reScanTemplateToken(false);
          out.push(scanner.getTokenValue());
          if (next === ts.SyntaxKind.TemplateTail) templateDepth.pop();
        } else braces--;
        break;
      default:
    }
  }
  return out;
}

describe('user-facing text names public sources only', () => {
  it.each(files(join(ROOT, 'recipes'), /\.ya?ml$/).map((p) => [relative(ROOT, p), p]))('%s', (_name, p) => {
    expect(hits(readFileSync(p, 'utf8'), [...INTERNAL, ...DATA_ONLY])).toEqual([]);
  });

  it.each(files(join(ROOT, 'templates'), /./).map((p) => [relative(ROOT, p), p]))('%s', (_name, p) => {
    expect(hits(readFileSync(p, 'utf8'), [...INTERNAL, ...DATA_ONLY])).toEqual([]);
  });

  it('README.md', () => {
    expect(hits(readFileSync(join(ROOT, 'README.md'), 'utf8'), INTERNAL)).toEqual([]);
  });

  it('string literals under src/ (messages, prompts, help texts)', () => {
    const found = files(join(ROOT, 'src'), /\.tsx?$/).flatMap((p) =>
      stringLiterals(readFileSync(p, 'utf8'), p.endsWith('.tsx')).flatMap((s) => hits(s, INTERNAL).map((h) => `${relative(ROOT, p)}: ${h}`)),
    );
    expect(found).toEqual([]);
  });

  it('the scanner sees strings and template chunks but not comments', () => {
    const src = "// seed 002 in a comment\nconst a = 'see seed 002';\nconst b = `x ${f({ k: 1 })} (rule 3) ${y}`;\n/* the fact sheet */";
    const strs = stringLiterals(src, false);
    expect(strs).toContain('see seed 002');
    expect(strs.some((s) => s.includes('(rule 3)'))).toBe(true);
    expect(strs.join('|')).not.toMatch(/comment|fact sheet/);
    expect(hits('Supply --seed N for the faults', INTERNAL)).toEqual([]);
    expect(hits('as seed 002 §14 says', INTERNAL)).not.toEqual([]);
  });
});
