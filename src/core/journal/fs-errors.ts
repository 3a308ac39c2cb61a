/**
 * A disk or file-system error is the user's to fix, not a bug: say which file could not be written, why, and
 * what to do about it.
 */
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

const FIX: Record<string, (dir: string) => string> = {
  EROFS: (dir) => `${dir} is on a read-only file system: run the command where it can write, or pass --state FILE on a writable disk.`,
  ENOSPC: () => 'The disk is full: free some space, then run the same command again (it resumes from the journal).',
  EDQUOT: () => 'Your disk quota is used up: free some space, then run the same command again (it resumes from the journal).',
  EACCES: (dir) => `This user may not write there: check the owner and permissions of ${dir} (ls -ld ${dir}).`,
  EPERM: (dir) => `This user may not write there: check the owner and permissions of ${dir} (ls -ld ${dir}).`,
  ENOTDIR: (dir) => `A file stands where the folder ${dir} should be: move it aside, or pass --state FILE elsewhere.`,
  EISDIR: () => 'A folder stands where the file should be: move it aside, or pass --state FILE elsewhere.',
  EMFILE: () => 'Too many files are open: close some programs, then run the same command again.',
  EIO: () => 'The disk reported an input/output error: check it, then run the same command again.',
};

export const FS_ERROR_CODES = new Set(Object.keys(FIX));

/** The user error for `e` when it is a file-system error; `e` itself otherwise. */
export function fsUserError(e: unknown, path: string, what: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code || !FS_ERROR_CODES.has(code) || e instanceof UserError) return e;
  const dir = dirname(path);
  return new UserError(`Cannot write ${what} at ${path}: ${code} (${plain(e as Error)}).`, {
    fix: FIX[code](dir),
  });
}

/** "no space left on device", without the syscall and path Node repeats. */
function plain(e: Error): string {
  const m = /^[A-Z]+: ([^,]+)/.exec(e.message);
  return m ? m[1] : e.message;
}
