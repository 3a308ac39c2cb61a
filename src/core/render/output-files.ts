/**
 * Writing rendered outputs to disk: atomic (a crash never leaves half a config), secret outputs readable by
 * the owner only.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { fsUserError } from '../journal/fs-errors.js';
import { Secret } from '../secret.js';
import type { RenderedOutput } from './render.js';

export interface WrittenFile {
  file: string;
  path: string;
  mode: number;
}

export async function writeOutputs(outputs: RenderedOutput[], dir: string): Promise<WrittenFile[]> {
  const names = new Set<string>();
  for (const o of outputs) {
    if (names.has(o.file)) throw new Error(`two outputs write the same file ${o.file}`);
    names.add(o.file);
  }
  // mkdir's mode only applies to folders it creates; an existing folder the user chose keeps its mode.
  // a full, read-only or locked-down disk is the user's to fix, said as the journal's errors are
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((e: unknown) => {
    throw fsUserError(e, join(dir, '.'), 'the folder of rendered configs');
  });
  const written: WrittenFile[] = [];
  for (const o of outputs) {
    const path = join(dir, o.file);
    const mode = o.secret ? 0o600 : 0o644;
    // write-file-atomic chmods the temp file before the rename, so the umask cannot widen a secret file.
    await writeFileAtomic(path, o.content, { mode }).catch((e: unknown) => {
      throw fsUserError(e, path, `the rendered config ${o.file}`);
    });
    written.push({ file: o.file, path, mode });
  }
  return written;
}

/** Replace every secret value in a text by the mask (longest first, so one secret inside another is covered). */
export function maskSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(Secret.mask);
  }
  return out;
}
