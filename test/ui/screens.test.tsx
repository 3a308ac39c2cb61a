import { useState } from 'react';
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
import { targetLabel } from '../../src/present/target.js';
import { DOWN, ENTER, ESC } from './keys.js';
import { press, renderUi, waitForFrame } from './helpers.js';

const recipe = loadRecipe('livekit');
const q = (id: string) => questionsFor(recipe).find((x) => x.id === id)!;
const flow = { recipe, answers: emptyAnswers(), asked: [], suggested: {} };
const plan: Plan = {
  purpose: 'setup',
  recipeId: 'livekit',
  accountSid: 'a',
  direction: 'outbound',
  trunkName: 'livekit',
  steps: [
    { id: 'trunk', kind: 'create-trunk', title: 'Create trunk livekit', reason: 'Everything hangs off the trunk.', dependsOn: [], side: 'exotel', effect: 'create', payload: { trunkName: 'livekit' } },
    { id: 'credential', kind: 'create-credential', title: 'Create SIP digest credential', reason: 'Digest auth.', dependsOn: ['trunk'], side: 'exotel', effect: 'create', payload: { userName: 'livekit_sip', friendlyName: 'livekit' } },
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
    expect(r.lastFrame()).not.toMatch(/country code/);
    await press(r, '02247790801');
    // the message the validator gives for this very input, under the field, before Enter
    const f = await waitForFrame(r.lastFrame, '› 02247790801');
    const below = f.slice(f.indexOf('› 02247790801'));
    expect(below).toMatch(/has no country code: add it, as in \+912247790801/);
    expect(onAnswer).not.toHaveBeenCalled();
    // the fix is offered with one key: Tab puts it in the field and the message goes
    expect(below).toContain('Tab: use +912247790801');
    await press(r, '\t');
    expect(await waitForFrame(r.lastFrame, '› +912247790801')).not.toMatch(/country code/);
    await press(r, ENTER);
    expect(onAnswer).toHaveBeenCalledWith('+912247790801');
  });

  it('says where the user is: question n of m, for the questions that apply so far', async () => {
    const r = renderUi(<QuestionScreen flow={flow} question={q('direction')} onAnswer={() => {}} onBack={() => {}} />);
    expect(await waitForFrame(r.lastFrame, /Question 1 of (about )?\d+ · LiveKit/)).toBeTruthy();
  });

  it('a refused password is said once, not twice', async () => {
    const onAnswer = vi.fn();
    const r = renderUi(<QuestionScreen flow={flow} question={q('sip_password')} error="The password has 3 characters: use 12 to 128" onAnswer={onAnswer} onBack={() => {}} />);
    await waitForFrame(r.lastFrame, 'Generate a strong password');
    await press(r, DOWN, ENTER);
    await waitForFrame(r.lastFrame, (f) => !f.includes('Generate a strong password'));
    await press(r, 'abc');
    const f = await waitForFrame(r.lastFrame, '› ***');
    expect(f.match(/has 3 characters/g)).toHaveLength(1);
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

const files = { curl: 'exotrunk-livekit-plan.sh', answers: 'exotrunk-livekit-answers.yaml' };
const live = targetLabel({ mode: 'live', label: 'LIVE acme (in)', client: { accountSid: 'acme', baseUrl: 'https://api.in.exotel.com' } });

describe('PlanScreen', () => {
  it('lists every call with its method, path and reason; ends with a summary; LIVE says so plainly', async () => {
    const r = renderUi(<PlanScreen plan={plan} target={live} files={files} onChoose={() => {}} onConfirm={() => {}} />);
    const f = await waitForFrame(r.lastFrame, 'Plan for livekit');
    expect(f).toMatch(/1\.\s+Create trunk livekit\n\s{4}POST …\/trunks: Everything hangs off the trunk\./);
    expect(f).toMatch(/2\.\s+Create SIP digest credential\n\s{4}POST …\/trunks\/\{trunk_sid\}\/credentials: Digest auth\./);
    expect(f).toContain('Plan: 2 to create.');
    expect(f).toContain('Apply: make these 2 changes in your real Exotel account acme (in)');
    expect(f).toContain('./exotrunk-livekit-answers.yaml');
  });

  it('a loopback base URL is LOCAL, not "your real Exotel account"', async () => {
    const local = targetLabel({ mode: 'live', label: 'LIVE acme (custom)', client: { accountSid: 'acme', baseUrl: 'http://127.0.0.1:4010' } });
    const r = renderUi(<PlanScreen plan={plan} target={local} files={files} onChoose={() => {}} onConfirm={() => {}} />);
    const f = await waitForFrame(r.lastFrame, 'Apply');
    expect(f).toContain('Apply: make these 2 changes on the LOCAL server http://127.0.0.1:4010');
    expect(f).not.toContain('real Exotel account');
  });

  it('an empty plan offers no curl export', async () => {
    const r = renderUi(<PlanScreen plan={{ ...plan, steps: [] }} target={live} files={files} onChoose={() => {}} onConfirm={() => {}} />);
    const f = await waitForFrame(r.lastFrame, 'Nothing to create');
    expect(f).not.toContain('curl');
  });

  it('asks before an export overwrites a file', async () => {
    const onConfirm = vi.fn();
    const r = renderUi(<PlanScreen plan={plan} target={live} files={files} confirm="answers" onChoose={() => {}} onConfirm={onConfirm} />);
    const f = await waitForFrame(r.lastFrame, 'exists. Overwrite it?');
    expect(f).toContain('./exotrunk-livekit-answers.yaml exists');
    expect(f).toMatch(/❯ No, keep the file as it is/);
    await press(r, DOWN, ENTER);
    expect(onConfirm).toHaveBeenCalledWith('answers', true);
  });
});

describe('ApplyScreen', () => {
  it('shows finished steps with durations, running ones with a spinner and retry notices', async () => {
    const progress = { trunk: { status: 'done' as const, ms: 12, detail: 'trmum1' }, credential: { status: 'running' as const, notice: 'rate limited, retrying in 2.0 s (attempt 2 of 5)' } };
    const r = renderUi(<ApplyScreen plan={plan} progress={progress} finished={['trunk']} interrupted={false} />);
    const f = await waitForFrame(r.lastFrame, 'retrying in 2.0 s');
    expect(f).toMatch(/✓ Create trunk livekit\W+trmum1\W+12 ms/);
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
  it('masks secrets in the config viewer until r is pressed', async () => {
    const inputs = { recipe, direction: 'outbound', skipTrunk: false, sipPassword: new Secret('S3cretPassw0rd!xyz'), answers: { values: {}, secrets: {}, sources: {} } } as unknown as Inputs;
    const outputs = [{ id: 'o', title: 'The config', paste: 'Into the dashboard', file: 'o.json', format: 'json' as const, secret: true, content: '{"p":"S3cretPassw0rd!xyz"}\n' }];
    const onReveal = vi.fn();
    function Harness() {
      const [reveal, setReveal] = useState(false);
      return (
        <ResultsScreen
          inputs={inputs}
          outputs={outputs}
          files={[]}
          targetLabel="SANDBOX"
          reveal={reveal}
          onReveal={() => {
            onReveal();
            setReveal((v) => !v);
          }}
          onFinish={() => {}}
        />
      );
    }
    const r = renderUi(<Harness />);
    await waitForFrame(r.lastFrame, 'View a config');
    expect(r.lastFrame()).not.toContain('S3cretPassw0rd!xyz');
    await press(r, ENTER); // View a config
    await waitForFrame(r.lastFrame, 'Which config?');
    await press(r, ENTER); // the first one
    const f = await waitForFrame(r.lastFrame, 'Paste: Into the dashboard');
    expect(f).not.toContain('S3cretPassw0rd!xyz');
    expect(f).toContain(Secret.mask);
    await press(r, 'r');
    expect(onReveal).toHaveBeenCalled();
    expect(await waitForFrame(r.lastFrame, 'S3cretPassw0rd!xyz')).toContain('r: mask secrets');
  });
});
