import { describe, expect, it } from 'vitest';
import { emptyAnswers } from '../../src/core/engine/answers.js';
import type { ApplyResult, Inputs, Plan } from '../../src/core/engine/types.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { initialState, wizardReducer, type Flow, type WizardState } from '../../src/ui/state/wizard-reducer.js';

const recipe = loadRecipe('livekit');
const pick = (): WizardState => wizardReducer({ tag: 'pick-recipe' }, { type: 'pick', recipe, preset: emptyAnswers(), suggested: {} });
const q = (s: WizardState) => (s.tag === 'question' ? s.question.id : s.tag);

const plan: Plan = {
  purpose: 'setup',
  recipeId: 'livekit',
  accountSid: 'a',
  direction: 'outbound',
  trunkName: 'livekit',
  steps: [
    { id: 'trunk', kind: 'create-trunk', title: 'Create trunk livekit', reason: 'first', dependsOn: [], side: 'exotel', effect: 'create', payload: { trunkName: 'livekit' } },
    { id: 'credential', kind: 'create-credential', title: 'Create credential', reason: 'digest', dependsOn: ['trunk'], side: 'exotel', effect: 'create', payload: { userName: 'livekit_sip', friendlyName: 'livekit' } },
  ],
  inSync: [],
  manual: [],
  decisions: [],
  warnings: [],
};
const flow: Flow = { recipe, answers: emptyAnswers(), asked: ['direction'], suggested: {} };
const inputs = { recipe } as Inputs;
const planState: WizardState = { tag: 'plan', flow, inputs, plan };

describe('wizardReducer', () => {
  it('starts in the mode choice only when live credentials can be entered', () => {
    expect(initialState(true).tag).toBe('mode');
    expect(initialState(false)).toMatchObject({ tag: 'busy', task: 'start' });
  });

  it('offers the runs menu when the journal knows runs, else the partner list', () => {
    expect(wizardReducer(initialState(false), { type: 'start', runs: [] }).tag).toBe('pick-recipe');
    expect(wizardReducer(initialState(false), { type: 'start', runs: [{ recipeId: 'x' } as never] }).tag).toBe('runs');
  });

  it('asks the direction first, then walks the questions; Esc drops the previous answer', () => {
    let s = pick();
    expect(q(s)).toBe('direction');
    s = wizardReducer(s, { type: 'answer', value: 'outbound' });
    expect(q(s)).toBe('trunk_name');
    s = wizardReducer(s, { type: 'answer', value: 'lk1' });
    expect(q(s)).toBe('did');
    s = wizardReducer(s, { type: 'back' });
    expect(q(s)).toBe('trunk_name');
    expect(s.tag === 'question' && s.flow.answers.values.trunk_name).toBeUndefined();
    s = wizardReducer(wizardReducer(s, { type: 'back' }), { type: 'back' });
    expect(s.tag).toBe('pick-recipe');
  });

  it('keeps the screen and says what is valid when an answer is invalid', () => {
    let s = wizardReducer(pick(), { type: 'answer', value: 'outbound' });
    s = wizardReducer(s, { type: 'answer', value: 'lk1' });
    s = wizardReducer(s, { type: 'answer', value: '12345' });
    expect(q(s)).toBe('did');
    expect(s.tag === 'question' && s.error).toMatch(/E\.164|\+/);
  });

  it('lands on the review of every answer when all are answered, then in busy/inputs', () => {
    let s = pick();
    const answers: Record<string, string | boolean> = { direction: 'outbound', trunk_name: 'lk1', did: '+918012345678', edge_host: 'in.voip.exotel.com', edge_transport: 'tcp', set_alias: true, partner_egress_ips: '', sip_username: 'lk_sip', sip_password: 'Abcdefgh12345678xyz' };
    for (let i = 0; i < 20 && s.tag === 'question'; i++) {
      const id = s.question.id;
      expect(id in answers, `unexpected question ${id}`).toBe(true);
      s = wizardReducer(s, { type: 'answer', value: answers[id] });
      expect(s.tag === 'question' && s.error).toBeFalsy();
    }
    expect(s.tag).toBe('review');
    s = wizardReducer(s, { type: 'review-done' });
    expect(s).toMatchObject({ tag: 'busy', task: 'inputs' });
    expect(s.tag === 'busy' && Object.keys(s.flow!.answers.secrets)).toEqual(['sip_password']);
    expect(s.tag === 'busy' && s.flow!.answers.values.sip_password).toBeUndefined();
  });

  it('tracks apply events: running, retry notices, finished in the order they end', () => {
    let s = wizardReducer(planState, { type: 'apply-started' });
    s = wizardReducer(s, { type: 'apply-event', event: { type: 'started', stepId: 'trunk', at: 0 } });
    // the engine's first retry is attempt 2 (the first try is 1), as the transport sends it
    s = wizardReducer(s, { type: 'apply-event', event: { type: 'retrying', stepId: 'trunk', attempt: 2, maxAttempts: 5, delayMs: 2000, reason: 'rate limited' } });
    expect(s.tag === 'applying' && s.progress.trunk).toMatchObject({ status: 'running', notice: 'rate limited, retrying in 2.0 s (attempt 2 of 5)' });
    s = wizardReducer(s, { type: 'apply-event', event: { type: 'done', stepId: 'trunk', ms: 5, detail: 'trmum1' } });
    s = wizardReducer(s, { type: 'apply-event', event: { type: 'exists', stepId: 'credential', ms: 3, detail: 'id 1' } });
    expect(s.tag === 'applying' && s.finished).toEqual(['trunk', 'credential']);
    expect(s.tag === 'applying' && s.progress.credential.status).toBe('exists');
  });

  it('goes to the error screen on a failed step, with cause and fix; edit goes back to the last question', () => {
    let s = wizardReducer(planState, { type: 'apply-started' });
    const result: ApplyResult = { ok: false, events: [], failed: [{ stepId: 'credential', message: 'HTTP 401', cause: 'wrong token', fix: 'copy it again' }] };
    s = wizardReducer(s, { type: 'applied', result });
    expect(s).toMatchObject({ tag: 'error', retry: 'plan', error: { cause: 'wrong token', fix: 'copy it again' } });
    expect(s.tag === 'error' && s.error.what).toContain('credential');
    expect(q(wizardReducer(s, { type: 'back' }))).toBe('direction');
  });

  it('an interrupted apply waits for the calls in flight, then exits 130 leaving how to resume; Ctrl-C elsewhere exits 130', () => {
    let s = wizardReducer(planState, { type: 'apply-started' });
    s = wizardReducer(s, { type: 'apply-event', event: { type: 'done', stepId: 'trunk', ms: 5, detail: 'trmum1' } });
    s = wizardReducer(s, { type: 'interrupt' });
    expect(s).toMatchObject({ tag: 'applying', interrupted: true });
    s = wizardReducer(s, { type: 'applied', result: { ok: false, events: [], failed: [] } });
    expect(s).toEqual({
      tag: 'exit',
      code: 130,
      farewell: ['Stopped: 1 of 2 steps done; the state is saved after each one.', 'Resume with: exotrunk apply livekit (it reads the trunk first and never creates a duplicate)'],
    });
    expect(wizardReducer({ tag: 'pick-recipe' }, { type: 'interrupt', farewell: ['Nothing changed at Exotel.'] })).toEqual({ tag: 'exit', code: 130, farewell: ['Nothing changed at Exotel.'] });
    // on a finished screen Ctrl-C is just the way out, and leaves the summary it is given
    expect(wizardReducer({ tag: 'verified', reports: [{ recipeId: 'x', trunkSid: 't', inSync: true, items: [], checked: [], ms: 1 }] }, { type: 'interrupt', farewell: ['bye'] })).toEqual({ tag: 'exit', code: 0, farewell: ['bye'] });
  });

  it('a teardown is a plan on the same screens: Ctrl-C stops before the next deletion and says what was deleted', () => {
    const down: Plan = {
      ...plan,
      purpose: 'teardown',
      trunkSid: 'trmum1',
      steps: [
        { id: 'delete-credential:livekit_sip', kind: 'delete-credential', side: 'exotel', effect: 'delete', title: 'Delete credential livekit_sip', reason: 'first', dependsOn: [], payload: { credentialId: '7', userName: 'livekit_sip' } },
        { id: 'delete-trunk:trmum1', kind: 'delete-trunk', side: 'exotel', effect: 'delete', title: 'Delete trunk trmum1', reason: 'then', dependsOn: ['delete-credential:livekit_sip'], payload: { trunkSid: 'trmum1' } },
      ],
    };
    const start = (): WizardState => wizardReducer({ ...planState, plan: down }, { type: 'apply-started' });
    let s = wizardReducer(start(), { type: 'apply-event', event: { type: 'done', stepId: 'delete-credential:livekit_sip', ms: 5, detail: 'id 7' } });
    s = wizardReducer(s, { type: 'interrupt' });
    expect(s).toMatchObject({ tag: 'applying', interrupted: true });
    s = wizardReducer(s, { type: 'applied', result: { ok: false, events: [], failed: [] } });
    expect(s).toEqual({ tag: 'exit', code: 130, farewell: ['Stopped: 1 of 2 steps done (Delete credential livekit_sip); the state is saved after each one.', 'Finish with: exotrunk teardown livekit'] });
    // Ctrl-C after the last deletion went out: it is all done, and the wizard says so as it stops
    s = wizardReducer(wizardReducer(start(), { type: 'interrupt' }), { type: 'torn-down', recipeId: 'livekit', trunkSid: 'trmum1', deleted: ['livekit_sip'], partner: 'LiveKit Cloud', direction: 'outbound' });
    expect(s).toMatchObject({ tag: 'exit', code: 130 });
    expect(s.tag === 'exit' && s.farewell).toEqual(['✓ livekit torn down: trunk trmum1 deleted, with credential livekit_sip. Numbers mapped to it are free again.', 'Still to undo by hand:', '  • At LiveKit Cloud: remove the SIP trunk, number import or dial-out settings that used this Exotel trunk.', 'Stopped after the teardown finished (Ctrl-C).']);
    // without Ctrl-C, the torn-down screen; a failed deletion is an error whose retry is the teardown
    expect(wizardReducer(start(), { type: 'torn-down', recipeId: 'livekit', trunkSid: 'trmum1', deleted: [], partner: 'LiveKit Cloud' })).toMatchObject({ tag: 'torn-down' });
    const failed = wizardReducer(start(), { type: 'applied', result: { ok: false, events: [], failed: [{ stepId: 'delete-trunk:trmum1', message: 'HTTP 500' }] } });
    expect(failed).toMatchObject({ tag: 'error', retry: 'teardown', error: { what: 'Delete trunk trmum1 failed: HTTP 500' } });
  });

  it('a successful apply renders next; reveal toggles on the results only', () => {
    let s = wizardReducer(planState, { type: 'apply-started' });
    s = wizardReducer(s, { type: 'applied', result: { ok: true, events: [], failed: [] } });
    expect(s).toMatchObject({ tag: 'busy', task: 'render' });
    s = wizardReducer(s, { type: 'rendered', flow, inputs, outputs: [], files: [] });
    expect(s.tag === 'results' && s.reveal).toBe(false);
    expect(wizardReducer(s, { type: 'toggle-reveal' })).toMatchObject({ reveal: true });
    expect(wizardReducer({ tag: 'pick-recipe' }, { type: 'toggle-reveal' })).toEqual({ tag: 'pick-recipe' });
  });

  it('a flow rebuilt from the journal has no questions to go back to: Esc returns to the menu of runs', () => {
    const s = wizardReducer({ tag: 'runs', runs: [] }, { type: 'flow-from-state', flow: { ...flow, asked: [], fromState: true }, inputs });
    expect(s).toMatchObject({ tag: 'busy', label: 'Reading the trunk and planning' });
    const p = wizardReducer(s, { type: 'planned', flow: { ...flow, asked: [], fromState: true }, inputs, plan });
    expect(wizardReducer(p, { type: 'back' })).toMatchObject({ tag: 'busy', task: 'start' });
  });

  it('Esc on the partner list goes back to the runs menu, or to the sandbox-or-live choice', () => {
    expect(wizardReducer({ tag: 'pick-recipe' }, { type: 'leave-pick', runs: [], offerLive: true })).toEqual({ tag: 'mode' });
    expect(wizardReducer({ tag: 'pick-recipe' }, { type: 'leave-pick', runs: [], offerLive: false })).toEqual({ tag: 'pick-recipe' });
    const run = { recipeId: 'livekit' } as never;
    expect(wizardReducer({ tag: 'pick-recipe' }, { type: 'leave-pick', runs: [run], offerLive: true })).toEqual({ tag: 'runs', runs: [run] });
  });

  it('Esc from the plan goes to the authentication screen it was made from', () => {
    const p = wizardReducer({ tag: 'auth', flow, inputs }, { type: 'planned', flow, inputs, plan });
    expect(wizardReducer(p, { type: 'back' })).toMatchObject({ tag: 'auth', inputs });
  });
});

describe('Esc keeps what was answered', () => {
  it('the answer left behind becomes the default of its question, a secret becomes "keep"', async () => {
    const { loadRecipe } = await import('../../src/core/recipes/loader.js');
    const { questionsFor } = await import('../../src/core/engine/questions.js');
    const { emptyAnswers, withAnswer } = await import('../../src/core/engine/answers.js');
    const recipe = loadRecipe('livekit');
    const q = (id: string) => questionsFor(recipe).find((x) => x.id === id)!;
    let answers = withAnswer(emptyAnswers(), q('trunk_name'), 'lk_test', 'prompt');
    answers = withAnswer(answers, q('sip_password'), 'Typed-Pass-123456789', 'prompt');
    const flow = { recipe, answers, asked: ['trunk_name', 'sip_password'], suggested: {} };
    const s1 = wizardReducer({ tag: 'question', flow, question: q('did') }, { type: 'back' });
    const f1 = (s1 as { flow: typeof flow & { kept?: Record<string, string> } }).flow;
    expect(f1.asked).toEqual(['trunk_name']);
    expect(f1.kept).toEqual({ sip_password: 'Typed-Pass-123456789' });
    expect(f1.answers.secrets.sip_password).toBeUndefined();
    const s2 = wizardReducer(s1, { type: 'back' });
    expect(s2).toMatchObject({ tag: 'question', flow: { asked: [], suggested: { trunk_name: 'lk_test' }, kept: { sip_password: 'Typed-Pass-123456789' } } });
  });
});
