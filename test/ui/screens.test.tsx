import { describe, expect, it, vi } from 'vitest';
import { emptyAnswers } from '../../src/core/engine/answers.js';
import { questionsFor } from '../../src/core/engine/questions.js';
import type { Inputs, Plan } from '../../src/core/engine/types.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { Secret } from '../../src/core/secret.js';
import { ApplyScreen } from '../../src/ui/screens/ApplyScreen.js';
import { ErrorScreen } from '../../src/ui/screens/ErrorScreen.js';
import { PlanScreen } from '../../src/ui/screens/PlanScreen.js';
import { QuestionScreen } from '../../src/ui/screens/QuestionScreen.js';
import { ResultsScreen } from '../../src/ui/screens/ResultsScreen.js';
import { ENTER, ESC } from './keys.js';
import { press, renderUi, waitForFrame } from './helpers.js';

const recipe = loadRecipe('livekit');
const q = (id: string) => questionsFor(recipe).find((x) => x.id === id)!;
const flow = { recipe, answers: emptyAnswers(), asked: [], suggested: {} };
const plan: Plan = {
  recipeId: 'livekit',
  direction: 'outbound',
  trunkName: 'livekit',
  steps: [
    { id: 'trunk', kind: 'create-trunk', title: 'Create trunk livekit', reason: 'Everything hangs off the trunk.', dependsOn: [], request: { method: 'POST', path: '/v2/accounts/a/trunks' } },
    { id: 'credential', kind: 'create-credential', title: 'Create SIP digest credential', reason: 'Digest auth.', dependsOn: ['trunk'], request: { method: 'POST', path: '/v2/accounts/a/trunks/{trunk_sid}/credentials' } },
  ],
  inSync: [],
  manual: [],
  decisions: [],
  warnings: [],
};

describe('QuestionScreen', () => {
  it('validates as the user types and says what is valid', async () => {
    const onAnswer = vi.fn();
    const r = renderUi(<QuestionScreen flow={flow} question={q('did')} onAnswer={onAnswer} onBack={() => {}} />);
    await waitForFrame(r.lastFrame, 'E.164');
    await press(r, '12');
    const f = await waitForFrame(r.lastFrame, '› 12');
    expect(f.split('\n').slice(-3).join('\n')).toMatch(/\+|E\.164/);
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('Enter on an empty line takes the default; Esc goes back', async () => {
    const onAnswer = vi.fn();
    const onBack = vi.fn();
    const r = renderUi(<QuestionScreen flow={flow} question={q('trunk_name')} onAnswer={onAnswer} onBack={onBack} />);
    await waitForFrame(r.lastFrame, 'default: livekit');
    await press(r, ENTER);
    expect(onAnswer).toHaveBeenCalledWith('livekit');
    await press(r, ESC);
    expect(onBack).toHaveBeenCalled();
  });

  it('offers to generate the SIP password and masks a typed one', async () => {
    const onAnswer = vi.fn();
    const r = renderUi(<QuestionScreen flow={flow} question={q('sip_password')} onAnswer={onAnswer} onBack={() => {}} />);
    await waitForFrame(r.lastFrame, 'Generate a strong password');
    await press(r, ENTER);
    const [value, source] = onAnswer.mock.calls[0] as [string, string];
    expect(source).toBe('generated');
    expect(value.length).toBeGreaterThanOrEqual(16);
  });
});

describe('PlanScreen', () => {
  it('lists every call with its reason; LIVE says so plainly', async () => {
    const r = renderUi(<PlanScreen plan={plan} mode="live" label="LIVE acme (in)" onChoose={() => {}} />);
    const f = await waitForFrame(r.lastFrame, 'Plan for livekit');
    expect(f).toMatch(/1\.\s+Create trunk livekit POST …\/trunks/);
    expect(f).toContain('Everything hangs off the trunk.');
    expect(f).toMatch(/2\.\s+Create SIP digest credential/);
    expect(f).toMatch(/^\s{4}Everything hangs off the trunk\./m); // the reason sits indented under its step
    expect(f).toContain('real Exotel account acme (in)');
  });
});

describe('ApplyScreen', () => {
  it('shows finished steps with durations, running ones with a spinner and retry notices', async () => {
    const progress = { trunk: { status: 'done' as const, ms: 12, detail: 'trmum1' }, credential: { status: 'running' as const, notice: 'rate limited, retrying in 2.0 s (attempt 2 of 5)' } };
    const r = renderUi(<ApplyScreen plan={plan} progress={progress} finished={['trunk']} interrupted={false} />);
    const f = await waitForFrame(r.lastFrame, 'retrying in 2.0 s');
    expect(f).toContain('✓ Create trunk livekit trmum1 12 ms');
    expect(f).toContain('* Create SIP digest credential');
    expect(f).toContain('1/2 steps');
  });
});

describe('ErrorScreen', () => {
  it('shows what happened, the likely cause and what to do, then the choices', async () => {
    const onChoose = vi.fn();
    const r = renderUi(<ErrorScreen error={{ what: 'Step trunk failed', cause: 'wrong token', fix: 'copy it again' }} canEdit onChoose={onChoose} />);
    const f = await waitForFrame(r.lastFrame, 'Likely cause: wrong token');
    expect(f).toContain('What to do: copy it again');
    expect(f).toContain('Edit the answers');
    await press(r, ENTER);
    expect(onChoose).toHaveBeenCalledWith('retry');
  });

  it('answers the rules refused: no retry (it would fail the same way), and quitting sent nothing', async () => {
    const r = renderUi(<ErrorScreen error={{ what: '52.1.2.0/24 is an IP range' }} canEdit refusedAnswers onChoose={() => {}} />);
    const f = await waitForFrame(r.lastFrame, 'Edit the answers');
    expect(f).not.toContain('Retry');
    expect(f).toContain('Quit (nothing was sent to Exotel)');
  });
});

describe('ResultsScreen', () => {
  it('masks secrets in the configs until r is pressed', async () => {
    const inputs = { recipe, direction: 'outbound', sipPassword: new Secret('S3cretPassw0rd!xyz'), answers: { values: {}, secrets: {}, sources: {} } } as unknown as Inputs;
    const outputs = [{ id: 'o', title: 'The config', paste: 'Into the dashboard', file: 'o.json', format: 'json' as const, secret: true, content: '{"p":"S3cretPassw0rd!xyz"}\n' }];
    const onReveal = vi.fn();
    const r = renderUi(<ResultsScreen inputs={inputs} outputs={outputs} files={[]} reveal={false} onReveal={onReveal} onDone={() => {}} />);
    const f = await waitForFrame(r.lastFrame, 'The config');
    expect(f).toContain('Paste: Into the dashboard');
    expect(f).not.toContain('S3cretPassw0rd!xyz');
    expect(f).toContain(Secret.mask);
    await press(r, 'r');
    expect(onReveal).toHaveBeenCalled();
    r.rerender(<ResultsScreen inputs={inputs} outputs={outputs} files={[]} reveal onReveal={onReveal} onDone={() => {}} />);
    expect(await waitForFrame(r.lastFrame, 'S3cretPassw0rd!xyz')).toContain('exotrunk verify livekit');
  });
});
