/**
 * Every rendered file goes to the program that will read it, exactly as exotrunk prints it:
 *   - shell scripts: `sh -n` and `shellcheck -s sh` (Debian shellcheck);
 *   - iptables scripts: run twice in a fresh network namespace (`unshare --net`), then the loaded INPUT chain
 *     is compared with the rules the script names: every rule loads, and a re-run adds nothing;
 *   - ufw scripts: each `ufw …` line the script runs is parsed by ufw itself (`ufw --dry-run`, no change made);
 *   - AWS paste lines (an output's `paste` that starts with `aws `): Debian aws-cli with dummy credentials
 *     against a dead loopback endpoint, run in a folder holding the rendered file: the line must get as far as
 *     connecting (parameters parsed and validated against the EC2 model), never fail on its parameters;
 *   - Asterisk pjsip.conf: src-free checker in ./pjsip-check.ts (Debian 12 ships no Asterisk).
 * .ci/run installs awscli, shellcheck, iptables and ufw. Namespaces need root: without it the iptables and
 * ufw steps are skipped with a message saying so; the other consumers are required.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RenderedOutput } from '../../src/core/render/render.js';
import { checkPjsip } from './pjsip-check.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const done = new Set<string>();

/**
 * Run a check once per test run: the same program already accepted the same input in this worker or in another
 * (global-setup.ts gives the run a cache folder; it is deleted when the run ends, so nothing carries over).
 */
function once(kind: string, input: string, check: () => void): void {
  const key = `${kind}\0${input}`;
  if (done.has(key)) return;
  const dir = process.env.EXOTRUNK_CONSUMER_CACHE;
  const marker = dir ? join(dir, `consumer-${createHash('sha256').update(key).digest('hex')}`) : undefined;
  if (marker && existsSync(marker)) return;
  check();
  done.add(key);
  if (marker) writeFileSync(marker, kind);
}

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function need(cmd: string, pkg: string): void {
  if (!have(cmd)) throw new Error(`${cmd} is not installed: the consumer tests need the Debian package ${pkg} (.ci/run installs it)`);
}

function inTmp<T>(files: Record<string, string>, fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-consumer-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: opts.cwd, env: opts.env ?? process.env, timeout: 60_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export function checkShell(file: string, content: string): void {
  need('shellcheck', 'shellcheck');
  inTmp({ [file]: content }, (dir) => {
    const syntax = run('sh', ['-n', join(dir, file)]);
    expect(syntax.status, `sh -n ${file}:\n${syntax.out}`).toBe(0);
    const lint = run('shellcheck', ['-s', 'sh', join(dir, file)]);
    expect(lint.status, `shellcheck ${file}:\n${lint.out}`).toBe(0);
  });
}

/** The `iptables` / `ufw` argument lists a script would run, in order (the command itself replaced by a recorder). */
function recordedCalls(file: string, content: string, command: 'iptables' | 'ufw'): string[][] {
  return inTmp({ [file]: content }, (dir) => {
    const log = join(dir, 'calls');
    // -C (check) fails so the script goes on to -A, as on an empty chain
    const shim = `${command}() { [ "$1" = "-C" ] && return 1; printf '%s\\037' "$@" >> "${log}"; printf '\\n' >> "${log}"; }`;
    const r = run('sh', ['-c', `${shim}; . "$1"`, 'sh', join(dir, file)]);
    expect(r.status, `${file} under a ${command} recorder:\n${r.out}`).toBe(0);
    const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
    return text.split('\n').filter(Boolean).map((line) => line.split('\x1f').filter((_, i, a) => i < a.length - 1));
  });
}

export function checkIptables(file: string, content: string): void {
  if (!isRoot || !have('unshare')) {
    console.warn(`skipped: loading ${file} into a network namespace needs root and unshare`);
    return;
  }
  need('iptables', 'iptables');
  const wanted = recordedCalls(file, content, 'iptables').filter((a) => a[0] === '-A');
  expect(wanted.length, `${file} adds no rule`).toBeGreaterThan(0);
  inTmp({ [file]: content }, (dir) => {
    const path = join(dir, file);
    // a fresh, empty namespace: run the script twice (it must be re-runnable), then list what is loaded
    const r = run('unshare', ['--net', 'sh', '-c', 'sh "$1" && sh "$1" && iptables -S INPUT', 'sh', path]);
    expect(r.status, `${file} in a network namespace:\n${r.out}`).toBe(0);
    const loaded = r.out.split('\n').filter((l) => l.startsWith('-A INPUT'));
    expect(loaded.length, `${file}: iptables loaded ${loaded.length} rules for ${wanted.length} in the script (a re-run must add none)`).toBe(wanted.length);
  });
}

export function checkUfw(file: string, content: string): void {
  if (!isRoot) {
    console.warn(`skipped: ufw --dry-run for ${file} needs root`);
    return;
  }
  need('ufw', 'ufw');
  const calls = recordedCalls(file, content, 'ufw');
  expect(calls.length, `${file} runs no ufw command`).toBeGreaterThan(0);
  for (const args of calls) {
    once('ufw', JSON.stringify(args), () => {
      const r = run('ufw', ['--dry-run', ...args]);
      expect(r.status, `ufw --dry-run ${args.join(' ')}:\n${r.out}`).toBe(0);
    });
  }
}

const DEAD_ENDPOINT = 'http://127.0.0.1:9';
/** Debian's aws-cli when installed (the one .ci/run installs); any other `aws` on PATH otherwise. */
const awsPath = () => (existsSync('/usr/bin/aws') ? '/usr/bin' : undefined);

export function checkAwsPasteLine(paste: string, files: Record<string, string>): void {
  need('aws', 'awscli');
  const line = paste.trim();
  expect(line, 'an AWS paste line is one command').not.toMatch(/\n/);
  const filled = line.replace(/<sg-[^>]*>/g, 'sg-0123456789abcdef0');
  expect(filled, `placeholders left in: ${line}`).not.toMatch(/[<>]/);
  inTmp(files, (dir) => {
    const env: NodeJS.ProcessEnv = {
      PATH: [awsPath(), process.env.PATH].filter(Boolean).join(':'),
      HOME: dir,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_DEFAULT_REGION: 'ap-south-1',
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      AWS_RETRY_MODE: 'standard',
      AWS_PAGER: '',
    };
    // exactly the printed command, plus where to (not) send it
    const r = run('sh', ['-c', `${filled} --endpoint-url ${DEAD_ENDPOINT} --cli-connect-timeout 2 --cli-read-timeout 2`], { cwd: dir, env });
    expect(r.out, `aws-cli refused the parameters of: ${line}`).not.toMatch(/Error parsing parameter|Parameter validation failed|Invalid type|Unknown options|usage: aws|Unable to load paramfile|expecting/i);
    expect(r.out, `aws-cli should have parsed everything and failed only at the dead endpoint: ${line}\n${r.out}`).toMatch(/Could not connect to the endpoint URL/);
  });
}

/** Run each output past the program that reads it. Identical input is checked once per test run. */
export function expectConsumersAccept(outputs: RenderedOutput[]): void {
  const byFile = Object.fromEntries(outputs.map((o) => [o.file, o.content]));
  for (const o of outputs) {
    if (o.format === 'shell') {
      once('shell', o.content, () => checkShell(o.file, o.content));
      if (/\biptables\b/.test(o.content)) once('iptables', o.content, () => checkIptables(o.file, o.content));
      if (/^ufw /m.test(o.content)) checkUfw(o.file, o.content);
    }
    if (/^aws /.test(o.paste.trim())) once('aws', `${o.paste}\0${JSON.stringify(byFile)}`, () => checkAwsPasteLine(o.paste, byFile));
    if (o.format === 'ini' && /^type=endpoint$/m.test(o.content)) checkPjsip(o.content);
  }
}

/** For the consumer self-tests: is this machine able to run the namespace checks? */
export const canUseNamespaces = (): boolean => isRoot && have('unshare') && execFileSync('sh', ['-c', 'command -v iptables || true'], { encoding: 'utf8' }).trim() !== '';
