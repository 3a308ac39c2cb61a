/**
 * The wizard and the headless commands say the same things about the same run: the same events, verify
 * report, plan, results, teardown and failure go to both front ends (the Ink screens and the text the commands
 * print), and every sentence of one appears, word for word, in the other. Colour, layout, wrapping and the
 * wizard's glyphs aside: both are reduced to their words before they are compared.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplyEvent, Inputs, Plan, RunState, VerifyReport } from '../../src/core/engine/types.js';
import { UserError } from '../../src/core/errors.js';
import { eventLine, planText, reportText } from '../../src/commands/show.js';
import { report } from '../../src/commands/run.js';
import { ApplyScreen } from '../../src/ui/screens/ApplyScreen.js';
import { VerifyScreen } from '../../src/ui/screens/VerifyScreen.js';
import { PlanScreen } from '../../src/ui/screens/PlanScreen.js';
import { ResultsScreen } from '../../src/ui/screens/ResultsScreen.js';
import { TornDownScreen } from '../../src/ui/screens/TeardownScreens.js';
import { ErrorScreen } from '../../src/ui/screens/ErrorScreen.js';
import { toShownError } from '../../src/ui/state/shown-error.js';
import { progressOf } from '../../src/present/steps.js';
import { resultsLines, resultsModel } from '../../src/present/results.js';
import { tornDownLines, type TornDown } from '../../src/present/teardown.js';
import { targetLabel } from '../../src/present/target.js';
import { DID, inputs } from '../plan/fixtures.js';
import { renderUi } from '../ui/helpers.js';
import { planSteps } from '../../src/core/plan/planner.js';
import { desiredState } from '../../src/core/plan/desired.js';

/** Words only: no ANSI, no box glyphs the wizard draws around them, no layout. */
const words = (s: string) =>
  s
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/[❯•·…↻*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const frameOf = async (el: React.ReactElement) => {
  const r = renderUi(el, { columns: 400, rows: 80 });
  await new Promise((res) => setTimeout(res, 30));
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f;
};
/** Every line of `a` (as words, its leading mark aside) appears in `b` (as words). */
function sameWords(a: string[], b: string) {
  const wb = words(b);
  for (const line of a.map((l) => words(l).replace(/^[!✓✗-] /, '')).filter(Boolean)) expect(wb, `"${line}" is said by one front end but not the other`).toContain(line);
}

const SID = 'trmum1aaaaaaaaaaaaaaaaaaaaaa';
let prevColumns: string | undefined;
beforeEach(() => {
  prevColumns = process.env.COLUMNS;
  delete process.env.COLUMNS; // headless text unwrapped (as piped), the wizard's laid out wide
});
afterEach(() => {
  if (prevColumns === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = prevColumns;
});

function livekit(): { i: Inputs; plan: Plan } {
  const i = inputs('livekit', { direction: 'both', did: DID, livekit_subdomain: 'abc123' });
  return { i, plan: planSteps(i, desiredState(i), null, { accountSid: 'acct1' }) };
}

describe('the same words in the wizard and headless', () => {
  it('plan steps as they run: done, already there, retrying, failed, skipped', async () => {
    const { plan } = livekit();
    const [trunk, number, credential, destination, alias] = plan.steps.map((s) => s.id);
    const events: ApplyEvent[] = [
      { type: 'started', stepId: trunk!, at: 0 },
      { type: 'done', stepId: trunk!, ms: 12, detail: SID },
      { type: 'started', stepId: number!, at: 0 },
      { type: 'exists', stepId: number!, ms: 9, detail: 'id 41512, mode pstn' },
      { type: 'started', stepId: credential!, at: 0 },
      { type: 'retrying', stepId: credential!, attempt: 2, maxAttempts: 5, delayMs: 2000, reason: 'HTTP 429 (rate limit)' },
      { type: 'failed', stepId: credential!, ms: 2100, message: 'HTTP 500', cause: 'Exotel had an internal error.', fix: 'Run the same command again.' },
      { type: 'skipped', stepId: alias!, reason: `needs ${number}` },
    ];
    const progress = progressOf(events);
    const wizard = (await frameOf(<ApplyScreen plan={plan} progress={progress} finished={[trunk!, number!, credential!, alias!]} interrupted={false} />)).split('\n');
    // the last word on each finished step, headless, is what the wizard shows for it (cut at the terminal's width)
    for (const id of [trunk, number, credential, alias]) {
      const last = [...events].reverse().find((e) => e.stepId === id && e.type !== 'started' && e.type !== 'retrying')!;
      const headless = words(eventLine(last, plan).split('\n')[0]!);
      const title = plan.steps.find((s) => s.id === id)!.title;
      const shown = words(wizard.find((l) => l.includes(title))!.replace(/…$/, ''));
      expect(shown.length).toBeGreaterThan(title.length);
      expect(headless.startsWith(shown), `wizard "${shown}" / headless "${headless}"`).toBe(true);
    }
    // a retry notice reads the same on the step that is still running (the line cut at the terminal's width)
    const running = progressOf(events.slice(0, 6));
    const line = (await frameOf(<ApplyScreen plan={plan} progress={running} finished={[trunk!, number!]} interrupted={false} />)).split('\n').find((l) => l.includes('retrying'))!;
    const notice = words(eventLine(events[5]!, plan)).replace(/^\S+ /, '');
    expect(notice.startsWith(words(line.replace(/…$/, '')).replace(/^\S+ /, ''))).toBe(true);
    expect(destination).toBeDefined();
  });

  it('a verify report, in sync and drifted', async () => {
    const base: VerifyReport = {
      recipeId: 'livekit', trunkSid: SID, inSync: true, ms: 113,
      checked: [{ resource: 'trunk', key: `${SID} exists`, ok: true }, { resource: 'number', key: DID, ok: true }],
      items: [],
    };
    const drifted: VerifyReport = {
      ...base,
      inSync: false,
      checked: [...base.checked, { resource: 'destination', key: 'sip:abc123.sip.livekit.cloud:5061;transport=tls', ok: false }],
      items: [
        { kind: 'missing', resource: 'destination', key: 'sip:abc123.sip.livekit.cloud:5061;transport=tls', repair: 'apply', how: 'exotrunk apply livekit' },
        { kind: 'unexpected', resource: 'acl', key: '3.3.3.3/32', repair: 'dashboard', how: 'Exotel dashboard → the trunk → Whitelisted IPs (the API has no delete)' },
      ],
      notes: ['Trunk carries a credential Exotel generated.'],
    };
    for (const r of [base, drifted]) {
      const headless = reportText(r);
      const wizard = await frameOf(<VerifyScreen reports={[r]} onDone={() => {}} />);
      sameWords(wizard.split('\n').filter((l) => !/Enter|PgUp/.test(l)), headless);
      sameWords(headless.split('\n').filter((l) => !/resource\s+item|detail and repair/.test(l)), wizard);
    }
  });

  it('a plan: every call with its reason, what is in place, the dashboard steps, the summary', async () => {
    const { plan } = livekit();
    const headless = planText(plan, 'SANDBOX');
    const wizard = await frameOf(<PlanScreen plan={plan} target={targetLabel({ mode: 'sandbox', label: 'SANDBOX' })} files={{ curl: 'a.sh', answers: 'a.yaml' }} onChoose={() => {}} onConfirm={() => {}} />);
    // the headline differs only by the target, which the wizard's header shows instead
    sameWords(wizard.split('\n').filter((l) => /^\d+\.|^ {4}\S/.test(l)), headless);
    for (const s of plan.steps) expect(words(wizard)).toContain(words(s.reason));
  });

  it('the results of a finished run', async () => {
    const { i } = livekit();
    const run = { trunkSid: SID, trunkName: 'livekit', resources: { numbers: { [DID]: { id: '1', mode: 'pstn' } }, acl: {}, credential: { id: '7', userName: 'livekit_sip' }, destinations: { 'sip:abc123.sip.livekit.cloud:5061;transport=tls': '9' }, alias: DID } } as unknown as RunState;
    const outputs = [{ id: 'trunk', title: 'LiveKit outbound trunk', paste: 'LiveKit Cloud → Telephony → SIP trunks', file: 'livekit/trunk.json', content: '{}', secret: true, format: 'json' as const }];
    const files = [{ file: 'livekit/trunk.json', path: join(process.cwd(), '.exotrunk/out/livekit/trunk.json'), mode: 0o600 }];
    const headless = resultsLines(resultsModel(i, outputs, files, run, 'SANDBOX')).join('\n');
    const wizard = await frameOf(<ResultsScreen inputs={i} outputs={outputs} files={files} run={run} targetLabel="SANDBOX" reveal={false} onReveal={() => {}} onFinish={() => {}} />);
    sameWords(headless.split('\n'), wizard);
  });

  it('a teardown, with and without a trunk', async () => {
    for (const t of [
      { recipeId: 'livekit', trunkSid: SID, deleted: ['livekit_sip'], partner: 'LiveKit Cloud (SIP trunk)', direction: 'both', removedConfigs: '/tmp/x/out/livekit' },
      { recipeId: 'rapida', trunkSid: '', deleted: [], partner: 'Rapida AI' },
    ] satisfies TornDown[]) {
      const wizard = await frameOf(<TornDownScreen t={t} onDone={() => {}} />);
      sameWords(tornDownLines(t), wizard);
    }
  });

  it('a failure: what happened, the likely cause, what to do', async () => {
    const e = new UserError('Trunk trmum1x does not exist in Exotel account acme1: nothing was changed.', { why: 'Exotel answers "not found" for a mistyped sid.', fix: 'Copy the sid from the dashboard.' });
    const wizard = await frameOf(<ErrorScreen error={toShownError(e)} canEdit={false} onChoose={() => {}} />);
    const write = process.stderr.write.bind(process.stderr);
    let headless = '';
    process.stderr.write = ((s: string) => ((headless += s), true)) as typeof process.stderr.write;
    try {
      expect(report(e, false, false)).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    sameWords(headless.split('\n'), wizard);
  });
});
