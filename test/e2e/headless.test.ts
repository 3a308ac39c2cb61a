/**
 * The headless life cycle of the built binary against a sandbox process: plan → apply → verify → drift made
 * behind exotrunk's back → verify (exit 3) → apply repairs → render → teardown; then every other recipe in
 * each direction it supports.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cli, duplicatesIn, pool, sandboxPerFile, SIP_PASSWORD, startSandboxProc, tempDir, TOKEN, trunksOf, why, type SandboxProc } from './helpers.js';
import { RECIPES, setFlags, type Direction } from './recipe-answers.js';

const STATE = ['--state', '.exotrunk/state.json'];
const DID = '+918012345678';
let sb: SandboxProc;
sandboxPerFile(() => startSandboxProc(), (x) => (sb = x));

const lifecycles: [string, Direction][] = (['livekit', 'retell'] as const).flatMap((r) => (['outbound', 'inbound', 'both'] as const).map((d) => [r, d] as [string, Direction]));

describe.concurrent('plan, apply, verify, drift, repair, render, teardown', () => {
  it.each(lifecycles)('%s %s', async (recipe, direction) => {
    const cwd = tempDir();
    const account = `hl_${recipe}_${direction}`;
    const o = { cwd, url: sb.url, account };
    const sets = setFlags(recipe, direction, `e2e_${direction}`);
    const requestsOf = async () => (await sb.requests()).filter((r) => r.path.startsWith(`/v2/accounts/${account}/`));

    // plan: exit 0 once planned (3 with --detailed-exitcode when there are steps); --json is one document and
    // nothing else on stdout; curl passes bash -n
    const full = direction === 'both'; // the table, curl and render checks once per recipe keep the suite fast
    if (full) {
      const table = await cli(['plan', recipe, ...STATE, ...sets], o);
      expect(table.code, why(table)).toBe(0);
      expect(table.stdout).toMatch(/POST …\/trunks/);
      expect(table.stdout).toMatch(/^Plan: \d+ to create(, \d+ to change)?\.$/m);
      expect(table.stdout).toMatch(new RegExp(`^Apply it with: exotrunk apply ${recipe} .*--set`, 'm'));
    }
    const planJson = await cli(['plan', recipe, ...STATE, ...sets, '--json', '--detailed-exitcode'], o);
    expect(planJson.code, why(planJson)).toBe(3);
    const plan = JSON.parse(planJson.stdout);
    expect(plan.steps[0].kind).toBe('create-trunk');
    expect(plan.steps.map((s: any) => s.kind)).toContain('map-number');
    if (full) {
      const curl = await cli(['plan', recipe, ...STATE, ...sets, '--format', 'curl'], o);
      expect(curl.code, why(curl)).toBe(0);
      const script = join(cwd, 'plan.sh');
      writeFileSync(script, curl.stdout);
      execFileSync('bash', ['-n', script]); // throws on a syntax error
      expect(curl.stdout).not.toContain(TOKEN);
      expect(curl.stdout).not.toContain(SIP_PASSWORD);
    }
    expect(await requestsOf()).toEqual([]); // a plan with no trunk yet reads nothing

    // apply (with --verbose: the HTTP log must not leak either; the afterAll scan checks)
    const applied = await cli(['apply', recipe, ...STATE, ...sets, '--yes', '--verbose'], o);
    expect(applied.code, why(applied)).toBe(0);
    expect(applied.stderr).toContain('[http]');
    const journal = JSON.parse(readFileSync(join(cwd, '.exotrunk/state.json'), 'utf8'));
    const run = journal.runs[`live:${account}/${recipe}`];
    expect(run.trunkSid).toMatch(/^[a-z0-9]+$/);
    expect(run.outputs.length).toBeGreaterThan(0);
    for (const f of run.outputs) {
      expect(f.startsWith(join(cwd, '.exotrunk/out', recipe) + '/')).toBe(true);
      expect(existsSync(f)).toBe(true);
      // a file holding the SIP password is 0600 (the afterAll scan checks the converse for every file)
      if (readFileSync(f, 'utf8').includes(SIP_PASSWORD)) expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    const digest = direction !== 'inbound';
    if (digest) expect(run.outputs.some((f: string) => readFileSync(f, 'utf8').includes(SIP_PASSWORD))).toBe(true);

    // the sandbox holds exactly what the journal says, once
    const trunks = trunksOf(await sb.state(), account);
    expect(trunks).toHaveLength(1);
    const [t] = trunks;
    expect(t.trunk.trunk_sid).toBe(run.trunkSid);
    expect(t.trunk.trunk_name).toBe(`e2e_${direction}`);
    expect(t.numbers.map((n: any) => [n.phone_number, n.mode])).toEqual([[DID, 'pstn']]);
    expect(t.credentials.map((c: any) => c.user_name)).toEqual(digest ? ['e2e_user'] : []);
    if (digest) expect(t.credentials[0].password).toBe(SIP_PASSWORD);
    expect(t.acl).toEqual([]);
    expect(t.destinations.map((d: any) => d.destination)).toEqual(Object.keys(run.resources.destinations));
    expect(t.destinations).toHaveLength(direction === 'outbound' ? 0 : 1);
    expect(t.settings.map((s: any) => [s.name, s.value])).toEqual(digest ? [['trunk_external_alias', DID]] : []);

    expect((await cli(['verify', recipe, ...STATE], o)).code).toBe(0);

    // drift behind exotrunk's back, as a user with curl would: number mode changed, credential deleted
    const sid = run.trunkSid;
    const num = t.numbers[0];
    const put = await sb.api('PUT', `/trunks/${sid}/phone-numbers/${num.id}`, { phone_number: DID, mode: 'flow' }, account);
    expect(put.response.status).toBe('success');
    if (digest) {
      const del = await sb.api('DELETE', `/trunks/${sid}/credentials?id=${t.credentials[0].id}`, undefined, account);
      expect(del.response.status).toBe('success');
    }
    const drift = await cli(['verify', recipe, ...STATE, '--json'], o);
    expect(drift.code, why(drift)).toBe(3);
    const report = JSON.parse(drift.stdout);
    expect(report.inSync).toBe(false);
    expect(report.items).toContainEqual(expect.objectContaining({ resource: 'number', key: DID, kind: 'different' }));
    if (digest) expect(report.items).toContainEqual(expect.objectContaining({ resource: 'credential', key: 'e2e_user', kind: 'missing' }));

    // apply repairs it (answers come from the journal), verify is clean, nothing doubled
    const repaired = await cli(['apply', recipe, ...STATE, '--yes'], o);
    expect(repaired.code, why(repaired)).toBe(0);
    expect((await cli(['verify', recipe, ...STATE], o)).code).toBe(0);
    const after = await sb.state();
    expect(duplicatesIn(after, account)).toEqual([]);
    const [t2] = trunksOf(after, account);
    expect(t2.numbers.map((n: any) => n.mode)).toEqual(['pstn']);
    if (digest) expect(t2.credentials.map((c: any) => [c.user_name, c.password])).toEqual([['e2e_user', SIP_PASSWORD]]);

    if (full) {
      // render: masked by default, revealed only on request
      const rendered = await cli(['render', recipe, ...STATE], o);
      expect(rendered.code, why(rendered)).toBe(0);
      const shown = await cli(['render', recipe, ...STATE, '--json', '--show-secrets'], o);
      expect(shown.code, why(shown)).toBe(0);
      const outputs = JSON.parse(shown.stdout);
      expect(outputs.every((x: any) => typeof x.content === 'string' && existsSync(x.file))).toBe(true);
      if (digest) expect(shown.stdout).toContain(SIP_PASSWORD);
    }

    // teardown: the trunk is gone from the sandbox
    const down = await cli(['teardown', recipe, ...STATE, '--yes'], o);
    expect(down.code, why(down)).toBe(0);
    const gone = await sb.state();
    expect(trunksOf(gone, account)).toEqual([]);
    expect(gone.accounts[account].deleted.trunks.map((x: any) => x.trunk.trunk_sid)).toEqual([sid]);
  }, 150_000);
});

/** Every other recipe in every direction it supports (from recipes/<id>.yaml): apply then verify, nothing doubled. */
const matrix: [string, Direction][] = RECIPES.filter((r) => r !== 'livekit' && r !== 'retell').flatMap((recipe) => {
  const { directions } = parseYaml(readFileSync(join('recipes', `${recipe}.yaml`), 'utf8')) as { directions: Direction[] };
  return directions.map((d) => [recipe, d] as [string, Direction]);
});

describe('every recipe, every direction it supports', () => {
  it('applies and verifies each (headless, --set answers)', async () => {
    expect(matrix.length).toBeGreaterThanOrEqual(RECIPES.length - 2);
    const failures = await pool(matrix, 2, async ([recipe, direction]) => {
      const cwd = tempDir();
      const account = `mx_${recipe}_${direction}`.replace(/-/g, '_');
      const o = { cwd, url: sb.url, account };
      const sets = setFlags(recipe, direction, 'e2e_mx');
      const applied = await cli(['apply', recipe, ...STATE, ...sets, '--yes', '--json'], o);
      if (applied.code !== 0) return `${recipe} ${direction} apply: ${why(applied)}`;
      const doc = JSON.parse(applied.stdout);
      if (doc.ok !== true) return `${recipe} ${direction}: apply --json ok=${doc.ok}`;
      const verified = await cli(['verify', recipe, ...STATE], o);
      if (verified.code !== 0) return `${recipe} ${direction} verify: ${why(verified)}`;
      const dups = duplicatesIn(await sb.state(), account);
      if (dups.length) return `${recipe} ${direction}: duplicates ${dups.join(', ')}`;
      return undefined;
    });
    expect(failures.filter(Boolean)).toEqual([]);
  }, 170_000);
});
