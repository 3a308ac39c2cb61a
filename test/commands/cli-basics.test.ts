/**
 * What users of a CLI expect, on the built binary: examples in every --help with the global flags in one
 * section, "did you mean" for a recipe id, tab completion that the shells themselves run, profiles, plan's
 * summary and exit codes, verify of a setup without a trunk, doctor with no network, the .gitignore.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, spawnCli, startSandboxProc, tempDir, TOKEN, why, type SandboxProc } from '../e2e/helpers.js';

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
};

describe('--help', () => {
  const cwd = tempDir();
  const commands = ['wizard', 'recipes show', 'plan', 'apply', 'verify', 'render', 'teardown', 'trunk create', 'numbers add', 'acl add', 'credentials rotate', 'destinations add', 'alias set', 'sandbox', 'probe', 'doctor', 'profile save', 'profile use', 'completion'];

  it.each(commands)('%s: examples, the global flags named once, at most 80 columns', async (c) => {
    const r = await cli([...c.split(' '), '--help'], { cwd, env: { COLUMNS: '80' } });
    expect(r.code, why(r)).toBe(0);
    expect(r.stdout).toMatch(/\nExamples:\n {2}(\S+=… )?exotrunk /);
    for (const l of r.stdout.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.stdout).not.toContain('(default: [])');
    if (!['sandbox', 'probe', 'completion'].includes(c)) {
      // not the twenty lines of global options again: one section naming them
      expect(r.stdout).not.toMatch(/^ {2}--account-sid <sid>/m);
      expect(r.stdout).toMatch(/Global flags \(exotrunk --help describes them\): --account-sid/);
    }
  });

  it('--lock-timeout is listed by the commands that take the lock only', async () => {
    for (const c of ['verify', 'plan', 'render', 'doctor', 'trunk show']) expect((await cli([...c.split(' '), '--help'], { cwd })).stdout, c).not.toContain('--lock-timeout');
    for (const c of ['apply', 'teardown', 'numbers add']) expect((await cli([...c.split(' '), '--help'], { cwd })).stdout, c).toContain('--lock-timeout');
  });

  it('the top-level help describes the global flags in their own section', async () => {
    const r = await cli(['--help'], { cwd });
    expect(r.stdout).toMatch(/Global flags:\n {2}--account-sid <sid>/);
    expect(r.stdout).toMatch(/completion <shell>/);
    for (const l of r.stdout.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
  });
});

describe('recipe ids', () => {
  it('a typo gets "did you mean", exit 2, in every command that takes a recipe', async () => {
    const cwd = tempDir();
    for (const args of [['plan', 'livekt'], ['apply', 'livekt'], ['verify', 'retel'], ['render', 'elevenlab'], ['recipes', 'show', 'own_pbx']]) {
      const r = await cli(args, { cwd });
      expect(r.code, why(r)).toBe(2);
      expect(r.stderr).toMatch(/Unknown recipe "\S+" \(did you mean (livekit|retell|elevenlabs|own-pbx)\?\)/);
    }
  });
});

describe('answers files the wizard saves', () => {
  it('carry the recipe id: accepted for that recipe, refused for another', async () => {
    const cwd = tempDir();
    const { answersYaml } = await import('../../src/ui/state/exports.js');
    const { loadRecipe } = await import('../../src/core/recipes/loader.js');
    const { collectAnswers } = await import('../../src/core/engine/answers.js');
    const { buildInputs } = await import('../../src/core/engine/inputs.js');
    const recipe = loadRecipe('livekit');
    const { answers } = collectAnswers(recipe, { set: { direction: 'both', did: '+918012345678', livekit_subdomain: 'abc123' } });
    writeFileSync(join(cwd, 'exotrunk-livekit-answers.yaml'), answersYaml(buildInputs(recipe, answers, {}), 'exotrunk-livekit-answers.yaml'));
    const ok = await cli(['plan', 'livekit', '--answers', 'exotrunk-livekit-answers.yaml'], { cwd });
    expect(ok.code, why(ok)).toBe(0);
    expect(ok.stdout).toContain('Apply it with: exotrunk apply livekit --answers exotrunk-livekit-answers.yaml');
    const other = await cli(['plan', 'retell', '--answers', 'exotrunk-livekit-answers.yaml'], { cwd });
    expect(other.code, why(other)).toBe(2);
    expect(other.stderr).toContain('The answers file exotrunk-livekit-answers.yaml is for livekit, not retell.');
  });
});

describe('completion', () => {
  const cwd = tempDir();
  const script = async (shell: string) => {
    const r = await cli(['completion', shell], { cwd });
    expect(r.code, why(r)).toBe(0);
    const file = join(cwd, `exotrunk.${shell}`);
    writeFileSync(file, r.stdout);
    return file;
  };

  it('bash: commands, subcommands, recipe ids and flag values complete', async () => {
    const file = await script('bash');
    const complete = (words: string[]) =>
      execFileSync('bash', ['-c', `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _exotrunk; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).trim();
    expect(complete(['exotrunk', 'pl'])).toBe('plan');
    expect(complete(['exotrunk', 'plan', 'liv'])).toBe('livekit');
    expect(complete(['exotrunk', 'numbers', 'a'])).toBe('add');
    expect(complete(['exotrunk', 'numbers', 'add', '--rec'])).toBe('--recipe');
    expect(complete(['exotrunk', 'numbers', 'add', '--recipe', 'own'])).toBe('own-pbx');
    expect(complete(['exotrunk', 'plan', 'livekit', '--format', 'c'])).toBe('curl');
    expect(complete(['exotrunk', 'completion', ''])).toContain('fish');
  });

  it.skipIf(!has('fish'))('fish: the shell itself completes from the script (apt-get install fish)', async () => {
    const file = await script('fish');
    execFileSync('fish', ['-n', file]);
    const complete = (line: string) => execFileSync('fish', ['-c', `source ${file}; complete -C '${line}'`], { encoding: 'utf8' });
    expect(complete('exotrunk pl')).toMatch(/^plan\t/m);
    expect(complete('exotrunk plan li')).toMatch(/^livekit\t/m);
    expect(complete('exotrunk numbers a')).toMatch(/^add\t/m);
    expect(complete('exotrunk profile ')).toMatch(/^use\t/m);
  });

  it.skipIf(!has('zsh'))('zsh: the script loads and completes through bashcompinit (apt-get install zsh)', async () => {
    const file = await script('zsh');
    execFileSync('zsh', ['-n', file]);
    // zsh filters by the typed prefix itself: the function offers what may follow
    const out = execFileSync('zsh', ['-c', `source ${file}; setopt ksharrays; COMP_WORDS=(exotrunk numbers ''); COMP_CWORD=2; _exotrunk; print -l -- \${COMPREPLY[@]}`], { encoding: 'utf8', env: { ...process.env, HOME: cwd } });
    expect(out.split('\n')).toEqual(expect.arrayContaining(['list', 'add', 'set-mode']));
  });

  it('an unknown shell is a usage error naming the ones there are', async () => {
    const r = await cli(['completion', 'tcsh'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh and fish');
  });
});

describe('plan, apply, verify, teardown on the embedded sandbox', () => {
  const cwd = tempDir();
  const lk = ['--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc123'];

  it('plan ends with the summary and the apply command; exit 0, or 3 with --detailed-exitcode', async () => {
    const r = await cli(['plan', 'livekit', ...lk], { cwd });
    expect(r.code, why(r)).toBe(0);
    expect(r.stdout).toMatch(/\nPlan: 4 to create, 1 to change\.\nApply it with: exotrunk apply livekit --set direction=both --set did=\+918012345678 --set livekit_subdomain=abc123\n/);
    expect((await cli(['plan', 'livekit', ...lk, '--detailed-exitcode'], { cwd })).code).toBe(3);
    const json = JSON.parse((await cli(['plan', 'livekit', ...lk, '--json'], { cwd })).stdout);
    expect(json.summary).toEqual({ create: 4, change: 1, delete: 0 });
  });

  it('apply leaves the one-screen summary with the real sid, and .exotrunk/.gitignore; then nothing is pending', async () => {
    const r = await cli(['apply', 'livekit', ...lk], { cwd });
    expect(r.code, why(r)).toBe(0);
    const sid = /Trunk\s+(trmum\w+) \(livekit\)/.exec(r.stdout)?.[1];
    expect(sid, r.stdout).toBeTruthy();
    expect(r.stdout).toContain(`"Dial whom" = sip:${sid} exactly`);
    expect(r.stdout).toMatch(/Check the trunk: exotrunk verify livekit/);
    expect(r.stdout).not.toContain('"auth_password"'); // the configs are in the files, not printed every run
    expect(readFileSync(join(cwd, '.exotrunk', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const again = await cli(['plan', 'livekit', '--detailed-exitcode'], { cwd });
    expect(again.code, why(again)).toBe(0);
    expect(again.stdout).toContain('Plan: nothing to change.');
  });

  it('a setup without a trunk (Rapida native): verify says there is nothing to check, exit 0', async () => {
    const rapida = ['--set', 'path=native', '--set', 'direction=inbound', '--set', 'did=+918012345670', '--set', 'rapida_assistant_id=12345'];
    const a = await cli(['apply', 'rapida', ...rapida], { cwd, env: { EXOTRUNK_RAPIDA_API_KEY: 'rpd-test-key-1234' } });
    expect(a.code, why(a)).toBe(0);
    expect(a.stdout).toContain('No Exotel trunk');
    expect(a.stdout.match(/render rapida prints/g)).toHaveLength(1); // said once
    expect(a.stderr).toContain('Plan for rapida (inbound) on SANDBOX: no Exotel trunk');
    expect(a.stderr).toContain('Nothing to send to Exotel: this path uses no trunk.');
    const v = await cli(['verify', 'rapida'], { cwd });
    expect(v.code, why(v)).toBe(0);
    expect(v.stdout).toContain('nothing to check at Exotel');
  });

  it('teardown speaks of credentials and trunks, not step ids, and lists what is left to undo', async () => {
    const r = await cli(['teardown', 'livekit', '--yes'], { cwd });
    expect(r.code, why(r)).toBe(0);
    expect(r.stderr).toMatch(/✓ Delete credential livekit_sip/);
    expect(r.stderr).toMatch(/✓ Delete trunk trmum/);
    expect(r.stderr).not.toContain('delete-credential:');
    expect(r.stdout).toMatch(/with credential livekit_sip\./);
    expect(r.stdout).toMatch(/Still to undo by hand:\n {2}• At LiveKit Cloud/);
  });
});

describe('--state in a folder exotrunk does not own', () => {
  it('--state ./x.json writes no .gitignore of * into the project root, and says once where the secrets are', async () => {
    const cwd = tempDir();
    const lk = ['--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc123', '--state', './x.json'];
    const r = await cli(['apply', 'livekit', ...lk], { cwd });
    expect(r.code, why(r)).toBe(0);
    expect(existsSync(join(cwd, '.gitignore'))).toBe(false);
    expect(r.stderr).toContain(`The state folder ${cwd} is not a folder of exotrunk's own (.exotrunk), so no .gitignore was written there`);
    const v = await cli(['verify', 'livekit', '--state', './x.json'], { cwd });
    expect(v.code, why(v)).toBe(0);
    expect(v.stderr).not.toContain('The state folder');
    expect(existsSync(join(cwd, '.gitignore'))).toBe(false);
  });
});

describe('hints carry the flags the command ran with', () => {
  it('--state and --sandbox are in every follow-up command; after teardown, apply reuses the answers', async () => {
    const cwd = tempDir();
    const ctx = ['--state', 'st/s.json', '--sandbox'];
    const rt = ['--set', 'direction=outbound', '--set', 'did=+918012345679', '--set', 'retell_agent_id=agent_sandbox'];
    const a = await cli(['apply', 'retell', ...rt, ...ctx], { cwd });
    expect(a.code, why(a)).toBe(0);
    expect(a.stdout).toContain('Check the trunk: exotrunk --state st/s.json --sandbox verify retell');
    expect(a.stdout).toContain('exotrunk --state st/s.json --sandbox render retell prints the configs');
    const p = await cli(['plan', 'retell', '--set', 'direction=both', '--state', 'st/s.json'], { cwd });
    expect(p.stdout).toContain('Apply it with: exotrunk --state st/s.json apply retell --set direction=both');
    const t = await cli(['teardown', 'retell', '--yes', ...ctx], { cwd });
    expect(t.code, why(t)).toBe(0);
    const v = await cli(['verify', 'retell', ...ctx], { cwd });
    expect(v.stderr).toContain('exotrunk --state st/s.json --sandbox apply retell to set it up again');
    // and that command works as printed: the torn-down run's answers are used again
    const again = await cli(['--state', 'st/s.json', '--sandbox', 'apply', 'retell'], { cwd });
    expect(again.code, why(again)).toBe(0);
    expect(again.stdout).toContain('Check the trunk: exotrunk --state st/s.json --sandbox verify retell');
  });

  it('an apply without --yes names the recipe to plan; a loopback base URL is LOCAL, never LIVE', async () => {
    const cwd = tempDir();
    const r = await cli(['apply', 'retell', '--set', 'direction=outbound', '--set', 'did=+918012345679', '--set', 'retell_agent_id=agent_x', '--account-sid', 'acme1', '--base-url', 'https://127.0.0.1:1', '--no-input'], { cwd, env: { EXOTEL_API_TOKEN: 'x' } });
    expect(r.code, why(r)).toBe(2);
    expect(r.stderr).toMatch(/exotrunk --account-sid acme1 --base-url https:\/\/127\.0\.0\.1:1 plan retell/);
    expect(r.stderr).toContain('Applying on the LOCAL server https://127.0.0.1:1 needs confirmation.');
    const v = await cli(['verify', 'retell', '--account-sid', 'acme1', '--base-url', 'https://127.0.0.1:1'], { cwd, env: { EXOTEL_API_TOKEN: 'x' } });
    expect(v.stderr).toContain('(LOCAL https://127.0.0.1:1)');
    expect(r.stderr + v.stderr).not.toContain('LIVE');
  });
});

describe('trunk delete of a journaled trunk', () => {
  it('is refused (exit 2) and points to teardown; the journal and the trunk stay', async () => {
    const cwd = tempDir();
    const a = await cli(['apply', 'livekit', '--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc123'], { cwd });
    expect(a.code, why(a)).toBe(0);
    const sid = JSON.parse(readFileSync(join(cwd, '.exotrunk', 'state.json'), 'utf8')).runs['sandbox/livekit'].trunkSid as string;
    const d = await cli(['trunk', 'delete', sid, '--yes'], { cwd });
    expect(d.code, why(d)).toBe(2);
    expect(d.stderr).toContain(`Trunk ${sid} is livekit's trunk in this state`);
    expect(d.stderr).toContain('exotrunk teardown livekit');
    const v = await cli(['verify', 'livekit'], { cwd });
    expect(v.code, why(v)).toBe(0);
  });
});

describe('a damaged secrets.json', () => {
  it('headless apply moves it aside itself, as the README says; then render refuses configs with an empty password', async () => {
    const cwd = tempDir();
    const pbx = ['--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'pbx_ips=44.248.146.11', '--set', 'pbx_host=pbx.example.com', '--set', 'also_digest=yes', '--set', 'mix_approved=yes'];
    const a = await cli(['apply', 'own-pbx', ...pbx], { cwd });
    expect(a.code, why(a)).toBe(0);
    writeFileSync(join(cwd, '.exotrunk', 'secrets.json'), 'null');
    const again = await cli(['apply', 'own-pbx'], { cwd });
    expect(again.code, why(again)).toBe(1);
    expect(again.stderr).toContain('It was moved aside to');
    expect(again.stderr).not.toContain('mv ');
    const r = await cli(['render', 'own-pbx'], { cwd, env: { EXOTRUNK_SIP_PASSWORD: undefined } });
    expect(r.code, why(r)).toBe(1);
    expect(r.stderr).toMatch(/The configs need the SIP password of credential \S+, and exotrunk does not have it/);
  });
});

describe('resource commands say what is wrong in their own terms', () => {
  it('an unknown credential id, a duplicate trunk name, an ACL range', async () => {
    const cwd = tempDir();
    const t = await cli(['trunk', 'create', 'res_words', '--json'], { cwd });
    expect(t.code, why(t)).toBe(0);
    const sid = JSON.parse(t.stdout).trunkSid as string;
    const del = await cli(['credentials', 'delete', '--trunk-sid', sid, '--id', '999999', '--yes'], { cwd });
    expect(del.code, why(del)).toBe(1);
    expect(del.stderr).toContain(`Trunk ${sid} has no credential with id 999999: nothing was deleted.`);
    expect(del.stderr).not.toContain('trunk name');
    const dup = await cli(['trunk', 'create', 'res_words'], { cwd });
    expect(dup.code, why(dup)).toBe(1);
    expect(dup.stderr).toContain('A trunk named res_words already exists in Exotel account');
    expect(dup.stderr).not.toContain('this state file');
    const acl = await cli(['acl', 'add', '10.0.0.0/8', '--trunk-sid', sid], { cwd });
    expect(acl.code, why(acl)).toBe(2);
    expect(acl.stderr).toContain('is an IP range, and Exotel whitelists single IPs only');
    expect(acl.stderr).not.toContain('this trunk will use SIP digest');
  });
});

describe('Ctrl-C before a command has its own handler', () => {
  it('a read-only command waiting on the network says so and exits 130', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as { port: number }).port;
      const run = spawnCli(['trunk', 'show', 'trmum1abcdefghijklmnopqrstuv'], { cwd: tempDir(), url: `http://127.0.0.1:${port}`, account: 'ctrlc1' });
      await new Promise<void>((r) => silent.once('connection', () => r()));
      run.child.kill('SIGINT');
      const r = await run.done;
      expect(r.code, why(r)).toBe(130);
      expect(r.stderr).toContain('Interrupted (Ctrl-C): nothing was changed.');
    } finally {
      silent.close();
    }
  });
});

describe('bad numbers and durations, everywhere', () => {
  const lk = ['--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc123'];
  it('EXOTEL_RATE_LIMIT=abc is exit 2 with the built-in sandbox too; sandbox --port 99999 names the range', async () => {
    const cwd = tempDir();
    const r = await cli(['plan', 'livekit', ...lk], { cwd, env: { EXOTEL_RATE_LIMIT: 'abc' } });
    expect(r.code, why(r)).toBe(2);
    expect(r.stderr).toContain('a whole number from 1 to 10000');
    const p = await cli(['sandbox', '--port', '99999'], { cwd });
    expect(p.code, why(p)).toBe(2);
    expect(p.stderr).toContain('use a whole number from 0 to 65535');
  });

  it('EXOTRUNK_LOCK_TIMEOUT is read by writing commands only, named when it is wrong; over 24h says so', async () => {
    const cwd = tempDir();
    const a = await cli(['apply', 'livekit', ...lk], { cwd });
    expect(a.code, why(a)).toBe(0);
    const v = await cli(['verify', 'livekit'], { cwd, env: { EXOTRUNK_LOCK_TIMEOUT: 'forever' } });
    expect(v.code, why(v)).toBe(0);
    const w = await cli(['apply', 'livekit'], { cwd, env: { EXOTRUNK_LOCK_TIMEOUT: 'forever' } });
    expect(w.code, why(w)).toBe(2);
    expect(w.stderr).toContain('EXOTRUNK_LOCK_TIMEOUT forever: not a duration.');
    const long = await cli(['apply', 'livekit', '--lock-timeout', '25h'], { cwd });
    expect(long.code, why(long)).toBe(2);
    expect(long.stderr).toContain('--lock-timeout 25h: over the 24h a command may wait.');
  });
});

describe('doctor without a network', () => {
  it('says there is no network instead of blaming the host name, and exits 1', async () => {
    const cwd = tempDir();
    const a = await cli(['apply', 'livekit', '--set', 'direction=both', '--set', 'did=+918012345678', '--set', 'livekit_subdomain=abc123'], { cwd });
    expect(a.code, why(a)).toBe(0);
    const args = ['doctor', 'livekit', '--edge', 'edge.exotrunk-test.invalid:5070;transport=tcp', '--partner', 'lk.exotrunk-test.invalid:5061;transport=tls', '--timeout-ms', '1000'];
    const off = await cli(args, { cwd, env: { EXOTRUNK_NETWORK_CHECK_HOST: 'offline-check.invalid' } });
    expect(off.code, why(off)).toBe(1);
    expect(off.stdout).toMatch(/No network: this machine resolves no public name/);
    expect(off.stdout).not.toMatch(/check the spelling|SIP 408/);
    // online, a name that does not resolve is blamed on itself, with advice for that host
    const on = await cli(args, { cwd, env: { EXOTRUNK_NETWORK_CHECK_HOST: 'localhost' } });
    expect(on.code, why(on)).toBe(1);
    expect(on.stdout).toMatch(/edge\.exotrunk-test\.invalid does not resolve/);
    expect(on.stdout).toMatch(/SIP edge Exotel assigned/);
    expect(on.stdout).toMatch(/lk\.exotrunk-test\.invalid does not resolve[\s\S]*partner dashboard/);
  });
});

describe('profiles', () => {
  let sb: SandboxProc;
  beforeAll(async () => {
    sb = await startSandboxProc();
  });
  afterAll(async () => sb?.stop());

  it('save checks the credentials first; list, show (never the token), use, delete', async () => {
    const cwd = tempDir();
    const env = { EXOTEL_BASE_URL: sb.url, EXOTEL_ACCOUNT_SID: 'prof1', EXOTEL_API_KEY: 'sandbox' };
    const bad = await cli(['profile', 'save', 'work'], { cwd, env: { ...env, EXOTEL_API_TOKEN: 'wrong-token' } });
    expect(bad.code, why(bad)).toBe(1);
    expect(bad.stderr).toMatch(/Exotel refused these credentials \(HTTP 401\)/);
    const saved = await cli(['profile', 'save', 'work'], { cwd, env: { ...env, EXOTEL_API_TOKEN: TOKEN } });
    expect(saved.code, why(saved)).toBe(0);
    expect(saved.stdout).toContain('Exotel accepted the credentials');
    const file = join(cwd, '.config', 'exotrunk', 'profiles.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await cli(['profile', 'save', 'other', '--no-check'], { cwd, env: { ...env, EXOTEL_API_TOKEN: 'x-token-123' } });
    const list = await cli(['profile', 'list'], { cwd });
    expect(list.stdout).toMatch(/^ {2}work {2,}prof1/m);
    const shown = await cli(['profile', 'show', 'work'], { cwd });
    expect(shown.stdout).toMatch(/account SID\s+prof1/);
    expect(shown.stdout).not.toContain(TOKEN);
    const used = await cli(['profile', 'use', 'work'], { cwd });
    expect(used.code, why(used)).toBe(0);
    expect((await cli(['profile', 'list'], { cwd })).stdout).toMatch(/^\* work/m);
    // the profile in use is what a plain command talks to
    const plan = await cli(['plan', 'livekit', '--set', 'direction=outbound', '--set', 'did=+918012345678', '--json'], { cwd, env: { EXOTEL_ACCOUNT_SID: undefined, EXOTEL_API_TOKEN: undefined, EXOTEL_BASE_URL: undefined } });
    expect(JSON.parse(plan.stdout).mode, why(plan)).toBe('live');
    expect((await cli(['profile', 'delete', 'other'], { cwd })).code).toBe(2); // needs --yes without a terminal
    expect((await cli(['profile', 'delete', 'other', '--yes'], { cwd })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('other');
    expect(existsSync(file)).toBe(true);
  });
});
