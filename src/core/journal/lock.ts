/**
 * The state directory's lock, the way Terraform locks its state: one writing command at a time per journal.
 * The lock file (`exotrunk.lock`, 0600, next to state.json) names its holder: pid, host, command, start time.
 * A second writing command fails at once naming the holder, or waits up to --lock-timeout; a lock left by a
 * process that is gone (SIGKILL, power cut) is taken over, with a message. Read-only commands never take it.
 *
 * Why not proper-lockfile (4.1.2, the usual choice; checked 2026-11-29): its lock is an empty directory, so
 * it cannot say who holds it, and it decides staleness by mtime only. Measured here: after the holder was
 * SIGKILLed, the next lock waited 9,994 ms (its 10 s default; 2 s at the least), so a re-run right after a
 * crash would fail or stall naming nobody. It keeps that mtime fresh with a timer and treats a late refresh as
 * "compromised" (by default a thrown error), and it pulls in signal-exit 3, which installs its own SIGINT
 * handlers. Here the holder is checked by pid (and, on Linux, the process start time, so a reused pid is not
 * mistaken for the holder), which needs no timer at all; another host's lock is never guessed stale.
 *
 * Creation is atomic with its content: the holder record is written to a private temp file and hard-linked
 * to the lock path (link fails if the path exists). A takeover renames the stale file away first, so two
 * processes taking over at once cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { makeStateDir } from './state-dir.js';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors.js';
import { fsUserError } from './fs-errors.js';

export const LOCK_FILE = 'exotrunk.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** e.g. "exotrunk apply livekit" */
  command: string;
  startedAt: string;
  /** unique per acquisition */
  id: string;
  /** Linux: the process start time (clock ticks after boot), to tell a reused pid from the holder */
  procStart?: number;
}

export interface LockOptions {
  /** what the holder record says, e.g. "exotrunk apply livekit" */
  command: string;
  /** how long to wait for a held lock (0: fail at once, as Terraform's default -lock-timeout=0s) */
  timeoutMs?: number;
  /** one line for the person at the terminal (waiting, taking over a stale lock) */
  onNotice?: (line: string) => void;
}

/** Lock ids held by this process: a lock with our own pid but another id is only live if it is in here. */
const heldHere = new Set<string>();

export class StateLock {
  readonly path: string;
  #mine: LockHolder | undefined;
  #onExit = () => this.release();

  constructor(
    readonly dir: string,
    private readonly o: LockOptions,
  ) {
    this.path = join(dir, LOCK_FILE);
  }

  get held(): boolean {
    return !!this.#mine;
  }

  get command(): string {
    return this.o.command;
  }

  /** Take the lock, waiting up to timeoutMs for a live holder. Throws a UserError (exit 1) naming the holder. */
  async acquire(): Promise<void> {
    if (this.#mine) return;
    const timeoutMs = Math.max(0, this.o.timeoutMs ?? 0);
    const t0 = Date.now();
    let told = false;
    for (;;) {
      const holder = this.#tryOnce();
      if (!holder) return;
      const waited = Date.now() - t0;
      if (waited >= timeoutMs) throw lockedError(this, holder, timeoutMs);
      if (!told) {
        told = true;
        this.o.onNotice?.(`… waiting up to ${formatMs(timeoutMs)} for ${describe(holder)} to finish: it holds the lock on ${this.dir}.`);
      }
      await sleep(Math.min(200, timeoutMs - waited));
    }
  }

  /** Give the lock back (only ours: a lock someone took over after we were thought gone stays theirs). */
  release(): void {
    const mine = this.#mine;
    if (!mine) return;
    this.#mine = undefined;
    heldHere.delete(mine.id);
    process.off('exit', this.#onExit);
    try {
      if (readHolder(this.path)?.id === mine.id) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }

  /** One attempt: undefined when taken, else the live holder. */
  #tryOnce(): LockHolder | undefined {
    const me: LockHolder = { pid: process.pid, host: hostname(), command: this.o.command, startedAt: new Date().toISOString(), id: randomBytes(8).toString('hex'), procStart: procStart(process.pid) };
    for (let round = 0; round < 20; round++) {
      if (this.#create(me)) {
        this.#mine = me;
        heldHere.add(me.id);
        process.on('exit', this.#onExit);
        this.#sweepTemps();
        return undefined;
      }
      const holder = readHolder(this.path);
      if (holder === null) continue; // released in between: try again at once
      const stale = staleReason(holder, this.path);
      if (!stale) return holder ?? unknownHolder(this.path);
      if (this.#takeOver(holder)) this.o.onNotice?.(`! Took over the lock on ${this.dir} from ${holder ? describe(holder) : 'an unreadable lock file'}: ${stale}.`);
    }
    return readHolder(this.path) ?? unknownHolder(this.path);
  }

  /**
   * With the lock held, remove the temporary files (exotrunk.lock.<id>.tmp) a process killed between writing one
   * and linking it left behind: those whose process is gone, or unreadable for more than 10 s.
   */
  #sweepTemps(): void {
    const prefix = `${LOCK_FILE}.`;
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
    } catch {
      return;
    }
    for (const n of names) {
      const path = join(this.dir, n);
      if (staleReason(readHolder(path) ?? undefined, path)) {
        try {
          unlinkSync(path);
        } catch {
          // gone already
        }
      }
    }
  }

  /** Create the lock file with its content in one step; false when it exists. */
  #create(me: LockHolder): boolean {
    const text = JSON.stringify(me, null, 2) + '\n';
    try {
      makeStateDir(this.dir);
      const tmp = `${this.path}.${me.id}.tmp`;
      writeFileSync(tmp, text, { mode: 0o600 });
      try {
        linkSync(tmp, this.path);
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
        // a file system without hard links: exclusive create (the content follows a moment later)
        return this.#createExclusive(text);
      } finally {
        try {
          unlinkSync(tmp);
        } catch {
          // gone
        }
      }
    } catch (e) {
      throw fsUserError(e, this.path, "the state journal's lock file");
    }
  }

  #createExclusive(text: string): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return true;
  }

  /** Move the stale lock aside; true when the one moved was the stale one judged (not a fresh lock). */
  #takeOver(judged: LockHolder | undefined): boolean {
    const aside = `${this.path}.stale-${randomBytes(6).toString('hex')}`;
    try {
      renameSync(this.path, aside);
    } catch {
      return false; // someone else moved it first
    }
    const moved = readHolder(aside);
    const same = judged ? moved?.id === judged.id : !moved;
    if (!same) {
      // a fresh lock taken in between: put it back
      try {
        linkSync(aside, this.path);
      } catch {
        // a third process holds it now
      }
    }
    try {
      unlinkSync(aside);
    } catch {
      // gone
    }
    return same;
  }
}

/** The holder; undefined when the file exists but cannot be read as one; null when there is no file. */
export function readHolder(path: string): LockHolder | undefined | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return h && typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.id === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Why a holder is gone, or undefined while it may still run. */
function staleReason(h: LockHolder | undefined, path: string): string | undefined {
  if (!h) {
    // unreadable: just being written (exclusive-create fallback), or left half-written by a crash
    try {
      return Date.now() - statSync(path).mtimeMs > 10_000 ? 'its lock file was unreadable for more than 10 s' : undefined;
    } catch {
      return undefined;
    }
  }
  if (h.host !== hostname()) return undefined; // another machine's process cannot be checked from here
  if (h.pid === process.pid) return heldHere.has(h.id) ? undefined : 'it was an earlier process with this pid';
  if (!alive(h.pid)) return 'that process is no longer running';
  const start = procStart(h.pid);
  if (h.procStart !== undefined && start !== undefined && start !== h.procStart) return 'that process is no longer running (its pid now belongs to another program)';
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // a killed child its parent has not reaped yet is a zombie: gone for our purposes
  return procState(pid) !== 'Z';
}

function procFields(pid: number): string[] | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' '); // [0] is field 3 (state)
  } catch {
    return undefined;
  }
}

const procState = (pid: number) => procFields(pid)?.[0];

function procStart(pid: number): number | undefined {
  const v = procFields(pid)?.[19]; // field 22: starttime
  return v === undefined ? undefined : Number(v);
}

function unknownHolder(path: string): LockHolder {
  let startedAt = '';
  try {
    startedAt = statSync(path).mtime.toISOString();
  } catch {
    // gone
  }
  return { pid: 0, host: '?', command: 'another command (its lock file is unreadable)', startedAt, id: '' };
}

export function describe(h: LockHolder): string {
  const at = h.startedAt ? `, started ${h.startedAt.replace('T', ' ').slice(0, 19)} UTC` : '';
  return h.pid ? `${h.command} (pid ${h.pid} on ${h.host}${at})` : `${h.command}${at}`;
}

function lockedError(lock: StateLock, h: LockHolder, waitedMs: number): UserError {
  const here = h.host === hostname();
  return new UserError(
    waitedMs > 0
      ? `The state directory ${lock.dir} is still locked after waiting ${formatMs(waitedMs)}: ${describe(h)} holds it.`
      : `The state directory ${lock.dir} is locked: ${describe(h)} is writing its journal.`,
    {
      why: 'Two commands writing one journal at once would lose each other\'s records, so only one writing command runs per state directory (as Terraform locks its state).',
      fix: `Let it finish, then run this again; or wait for it with --lock-timeout 5m.${
        here && h.pid ? '' : ` If that command is not running any more${h.host === '?' ? '' : ` on ${h.host}`}, delete ${lock.path}.`
      } Read-only commands (verify, plan, render) do not need the lock.`,
    },
  );
}

export function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export { parseLockTimeout } from './duration.js';
