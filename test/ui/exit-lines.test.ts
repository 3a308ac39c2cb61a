/** Quit after an error (wizard QA W7): what failed, the likely cause and the fix stay in the terminal. */
import { describe, expect, it } from 'vitest';
import { exitLines } from '../../src/ui/state/exit-lines.js';
import type { WizardState } from '../../src/ui/state/wizard-reducer.js';
import { livekitBoth } from '../plan/fixtures.js';

describe('the lines left after an error', () => {
  it('keep the reason and the fix above the way on', () => {
    const inputs = livekitBoth();
    const flow = { recipe: inputs.recipe, answers: inputs.answers, asked: [], suggested: {} };
    const error = { what: 'Create trunk livekit failed: Exotel answered HTTP 401 Unauthorized.', cause: 'The API key or token is wrong.', fix: 'Check them in the dashboard under API Settings.' };
    const s = { tag: 'error', error, retry: 'plan', flow, inputs, plan: { steps: [] } } as unknown as WizardState;
    const lines = exitLines(s, 'SANDBOX');
    expect(lines[0]).toBe('✗ Create trunk livekit failed: Exotel answered HTTP 401 Unauthorized.');
    expect(lines).toContain('  Likely cause: The API key or token is wrong.');
    expect(lines).toContain('  What to do: Check them in the dashboard under API Settings.');
    expect(lines.at(-1)).toMatch(/^Stopped\. The state is saved: exotrunk apply livekit resumes where this run stopped\.$/);
  });
});
