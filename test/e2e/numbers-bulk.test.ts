/**
 * Bulk numbers: `numbers add --file numbers.csv --trunk-sid …` validates the whole file first (exit 2, every
 * bad line with its number, nothing sent), maps 120 numbers (more than two pages of 50), and a re-run finds
 * them all in place. Sandbox and client both at --rate-limit 600: the client never draws a 429.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli, sandboxPerFile, startSandboxProc, tempDir, trunksOf, why, type SandboxProc } from './helpers.js';

const STATE = ['--state', '.exotrunk/state.json'];
const ACCOUNT = 'bulk';
const COUNT = 120;
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(['--rate-limit', '600']), (x) => (sb = x));

const numberAt = (i: number) => `+9180${String(20000000 + i)}`;

it('validates first, maps 120 numbers across pages, re-runs idempotently, draws no 429', async () => {
  const cwd = tempDir();
  const o = { cwd, url: sb.url, account: ACCOUNT, timeoutMs: 60_000 };
  const rate = ['--rate-limit', '600'];
  const created = await cli(['trunk', 'create', 'e2e_bulk', ...STATE, '--json', ...rate], o);
  expect(created.code, why(created)).toBe(0);
  const sid = JSON.parse(created.stdout).trunkSid as string;
  const sent = (await sb.requests()).length;

  // a file with bad rows: every bad line reported with its line number, nothing sent
  const bad = join(cwd, 'bad.csv');
  writeFileSync(bad, ['number,mode', numberAt(0), '+91123', `${numberAt(1)},voice`, numberAt(0), 'a,b,c', `${numberAt(2)},flow`, ''].join('\n'));
  const refused = await cli(['numbers', 'add', '--file', bad, '--trunk-sid', sid, ...STATE, ...rate], o);
  expect(refused.code, why(refused)).toBe(2);
  expect(refused.stderr).toContain('4 bad rows; nothing was sent');
  for (const line of [3, 4, 5, 6]) expect(refused.stderr).toMatch(new RegExp(`line ${line}: `));
  expect(refused.stderr).not.toMatch(/line [127]: /);
  expect((await sb.requests()).length).toBe(sent);

  // 120 good numbers, some in flow mode
  const good = join(cwd, 'numbers.csv');
  writeFileSync(good, ['number,mode', ...Array.from({ length: COUNT }, (_, i) => `${numberAt(i)},${i % 10 === 0 ? 'flow' : 'pstn'}`), ''].join('\n'));
  const mapped = await cli(['numbers', 'add', '--file', good, '--trunk-sid', sid, ...STATE, '--json', ...rate], o);
  expect(mapped.code, why(mapped)).toBe(0);
  const m = JSON.parse(mapped.stdout);
  expect(m).toMatchObject({ ok: true, total: COUNT, verified: COUNT, mapped: COUNT, alreadyMapped: 0, failed: [], missingAfter: [] });

  const [trunk] = trunksOf(await sb.state(), ACCOUNT);
  expect(trunk.numbers).toHaveLength(COUNT);
  expect(new Set(trunk.numbers.map((n: any) => n.phone_number)).size).toBe(COUNT);
  expect(trunk.numbers.filter((n: any) => n.mode === 'flow')).toHaveLength(COUNT / 10);

  // every page read: the list has all 120, and the client followed the pages past the first
  const listed = await cli(['numbers', 'list', '--trunk-sid', sid, ...STATE, '--json', ...rate], o);
  expect(listed.code, why(listed)).toBe(0);
  expect(JSON.parse(listed.stdout)).toHaveLength(COUNT);
  const pages = (await sb.requests()).filter((q) => q.method === 'GET' && q.path.endsWith(`/trunks/${sid}/phone-numbers`));
  expect(pages.some((q) => Number(q.query.offset ?? 0) > 0)).toBe(true);

  // the same file again: all already there, nothing new at Exotel
  const again = await cli(['numbers', 'add', '--file', good, '--trunk-sid', sid, ...STATE, '--json', ...rate], o);
  expect(again.code, why(again)).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, total: COUNT, verified: COUNT, mapped: 0, alreadyMapped: COUNT });
  expect(trunksOf(await sb.state(), ACCOUNT)[0].numbers).toHaveLength(COUNT);

  const log = await sb.requests();
  expect(log.filter((q) => q.status === 429)).toEqual([]);
  expect(log.filter((q) => q.method === 'POST' && q.path.endsWith('/phone-numbers'))).toHaveLength(COUNT);
}, 120_000);
