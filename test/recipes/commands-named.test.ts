/**
 * Recipes, templates, messages and the README tell the user what to run ("exotrunk acl list --recipe own-pbx").
 * Every such command, its sub-command and its long options must exist: a troubleshooting row once sent people
 * to a made-up `exotrunk status`. Code names the program with cliName() and templates with {{cli}} (how the user
 * launched it), so those count as "exotrunk" here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';

const ROOT = join(__dirname, '..', '..');
/** Words that follow "exotrunk" in prose ("exotrunk adds it"), not command names. */
const PROSE = new Set([
  'adds', 'again', 'answers', 'as', 'asked', 'asks', 'at', 'can', 'cannot', 'created', 'creates', 'does', 'follows', 'from', 'generated',
  'generates', 'hit', 'if', 'in', 'knows', 'looks', 'never', 'prints', 'reads', 'resumes', 'runs', 'sends', 'uses', 'validates',
  'version', 'whitelists', 'would', 'writes', 'has', 'journals', 'last', 'made', 'must', 'sent', 'set',
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const program = buildProgram('0.0.0');
const find = (parent: Command, name: string) => parent.commands.find((c) => c.name() === name || c.aliases().includes(name));
/** Runs without a sub-command: its own action, or a default sub-command ("exotrunk recipes" lists). */
const hasAction = (c: Command) => {
  const internals = c as unknown as { _actionHandler?: unknown; _defaultCommandName?: string };
  return !!internals._actionHandler || !!internals._defaultCommandName;
};
const longOptions = (c: Command): string[] => {
  const own = c.options.map((o) => o.long).filter((l): l is string => !!l);
  return c.parent ? [...own, ...longOptions(c.parent)] : own;
};

describe('commands named in recipes, templates, messages and the README', () => {
  const sources = [...files(join(ROOT, 'recipes')), ...files(join(ROOT, 'templates')), ...files(join(ROOT, 'src')), join(ROOT, 'README.md')];
  const mentions = sources.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?<![-/.\w])(?:exotrunk|\$?\{cliName\(\)\}|\{\{cli\}\}) ([a-z][a-z-]*)((?: [^\s"'`)]+)*)/g)].map((m) => ({ file: file.slice(ROOT.length + 1), word: m[1]!, rest: m[2]!.trim().split(' ').map((w) => w.replace(/[.,;:]+$/, '')).filter(Boolean) })),
  );

  it('finds the mentions (so the check below can fail)', () => {
    expect(mentions.filter((m) => !PROSE.has(m.word)).length).toBeGreaterThan(3);
  });

  it('every one is a real command, sub-command and option', () => {
    const wrong: string[] = [];
    for (const m of mentions) {
      if (PROSE.has(m.word)) continue;
      let cmd = find(program, m.word);
      if (!cmd) {
        wrong.push(`${m.file}: exotrunk ${m.word} is not a command`);
        continue;
      }
      const [sub] = m.rest;
      if (cmd.commands.length && sub && !sub.startsWith('-')) {
        const inner = find(cmd, sub);
        // "exotrunk recipes lists …" is prose after a command that runs on its own; "exotrunk acl lsit" is not
        if (inner) cmd = inner;
        else if (!hasAction(cmd)) wrong.push(`${m.file}: exotrunk ${m.word} ${sub} is not a command`);
      }
      for (const opt of m.rest.filter((w) => w.startsWith('--'))) {
        if (opt !== '--help' && !longOptions(cmd).includes(opt.replace(/=.*/, ''))) wrong.push(`${m.file}: exotrunk ${m.word} has no option ${opt}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
