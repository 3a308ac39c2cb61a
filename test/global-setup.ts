/**
 * Prints the fast-check seed of the run (see test/helpers/fc-seed.ts).
 *
 * Suite-wide: no request from exotrunk's client is refused by the sandbox for a validation reason the
 * client should have caught first (see src/sandbox/reject-log.ts). Workers and the CLI processes the tests
 * spawn inherit the environment variable, so in-process and separate sandboxes all report here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FC_SEED, fcSeed } from './helpers/fc-seed.js';

export default function setup(): () => void {
  // One fast-check seed for the whole run (test/helpers/fc-seed.ts), printed so a red run can be replayed.
  const seed = fcSeed();
  process.env.FC_SEED = String(seed);
  process.stderr.write(`fast-check seed ${seed}${seed === DEFAULT_FC_SEED ? ' (the fixed default)' : ''}; replay with FC_SEED=${seed}, explore with FC_SEED=random\n`);
  // No test may reach a real partner through a developer's shell: the partner side is opted in by these
  // variables (issue 17), so tests set them explicitly, pointing at the stand-ins.
  for (const k of ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'ELEVENLABS_API_KEY', 'EXOTRUNK_ELEVENLABS_BASE_URL', 'RETELL_API_KEY', 'RETELL_BASE_URL', 'EXOTRUNK_PARTNER_API']) delete process.env[k];
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-rejects-'));
  const file = join(dir, 'rejected.jsonl');
  writeFileSync(file, '');
  process.env.EXOTRUNK_SANDBOX_REJECT_LOG = file;
  // test/helpers/consumers.ts: a program that accepted a file in one worker need not read it again in another
  process.env.EXOTRUNK_CONSUMER_CACHE = dir;
  return () => {
    const lines = readFileSync(file, 'utf8').trim();
    rmSync(dir, { recursive: true, force: true });
    if (lines) {
      // A throw here is only logged by vitest; the exit code is what CI reads.
      process.stderr.write(`\nFAIL: the sandbox refused requests from exotrunk's client for a validation reason the client should have caught:\n${lines}\n`);
      process.exitCode = 1;
    }
  };
}
