import { statSync } from 'node:fs';

/**
 * Which version of a file is on disk: inode, size and mtime in ns (an atomic rename makes a new inode), or
 * 'none'. A reader compares stamps to know whether another process wrote the file since it last read it.
 */
export function fileStamp(path: string): string {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return 'none';
  }
}
