/**
 * The one door, enforced: eslint.config.js lets the front ends (src/ui, src/commands) and the presentation
 * module (src/present) import from the core only its door (core/engine/index.js, light.js, types.js), and keeps
 * the core from importing any layer above it. These lint a few lines as if they were files of those folders, so
 * the rule cannot be loosened or dropped without a test failing.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: file });
  return r!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the door (eslint)', () => {
  it('a front end may import the door, and nothing else of the core (types and dynamic imports included)', async () => {
    expect(await problems('src/commands/x.ts', "import { openEngine } from '../core/engine/index.js';\nimport { cliName } from '../core/engine/light.js';\nimport type { Plan } from '../core/engine/types.js';\nexport const a = [openEngine, cliName] as unknown as Plan;\n")).toEqual([]);
    for (const line of ["import type { Plan } from '../core/plan/types.js';", "import { Engine } from '../core/engine/engine.js';", "import { createExotelClient } from '../core/exotel/client.js';", "export const f = () => import('../core/plan/curl.js');"]) {
      expect(await problems('src/commands/x.ts', `${line}\nexport {};\n`), line).toHaveLength(1);
    }
    expect(await problems('src/ui/screens/X.tsx', "import { validateAnswer } from '../../core/engine/questions.js';\nexport const v = validateAnswer;\n")).toHaveLength(1);
    expect(await problems('src/present/x.ts', "import { StateStore } from '../core/journal/state-store.js';\nexport const s = StateStore;\n")).toHaveLength(1);
  });

  it('the presentation module renders nothing itself and imports neither front end', async () => {
    expect(await problems('src/present/x.ts', "import { Text } from 'ink';\nexport const t = Text;\n")).toHaveLength(1);
    expect(await problems('src/present/x.ts', "import { out } from '../commands/format.js';\nexport const o = out;\n")).toHaveLength(1);
  });

  it('the core imports no layer above it', async () => {
    for (const line of ["import { count } from '../../present/words.js';", "import { run } from '../../commands/run.js';", "import { App } from '../../ui/app.js';", "import { startSandbox } from '../../sandbox/server.js';", "import { render } from 'ink';"]) {
      expect(await problems('src/core/plan/x.ts', `${line}\nexport {};\n`), line).toHaveLength(1);
    }
  });
});
