/**
 * Writing the rendered configs: a full or unwritable disk is the user's to fix (said like the journal's errors,
 * exit 1), never "exotrunk hit a bug".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { failureOf } from '../../src/core/plan/failure.js';
import type { RenderedOutput } from '../../src/core/render/render.js';

const full = vi.hoisted(() => ({ on: false }));
vi.mock('write-file-atomic', async (orig) => {
  const real = ((await orig()) as { default: (...a: unknown[]) => Promise<void> }).default;
  return {
    default: (...a: unknown[]) => {
      if (!full.on) return real(...a);
      const e = Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
      return Promise.reject(e);
    },
  };
});
const { writeOutputs } = await import('../../src/core/render/output-files.js');

const out: RenderedOutput = { id: 'edge', title: 'Edge', file: 'exotel-edge.txt', content: 'x\n', secret: false, paste: 'here', format: 'text' } as unknown as RenderedOutput;

describe('writeOutputs on a disk that refuses', () => {
  it('ENOSPC: "Cannot write the rendered config … the disk is full", a user error', async () => {
    full.on = true;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'exotrunk-out-'));
      const e = await writeOutputs([out], dir).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(UserError);
      expect((e as Error).message).toBe(`Cannot write the rendered config exotel-edge.txt at ${join(dir, 'exotel-edge.txt')}: ENOSPC (no space left on device).`);
      const f = failureOf(e);
      expect(f.fix).toContain('The disk is full: free some space');
      expect(f.message).not.toContain('hit a bug');
    } finally {
      full.on = false;
    }
  });

  it('a file where the folder should be (ENOTDIR): a user error naming it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'exotrunk-out-'));
    writeFileSync(join(root, 'out'), '');
    const e = await writeOutputs([out], join(root, 'out', 'livekit')).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(/^Cannot write the folder of rendered configs at .*out\/livekit: ENOTDIR/);
  });
});
