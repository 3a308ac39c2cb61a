/**
 * What the user takes away from the wizard, on screens drawn by Ink: frames that fit 80×24, the review with
 * edit, the runs menu for a setup without a trunk, "verify all", live credentials checked at once, the line
 * left on each way out, and keys typed while the wizard starts.
 */
import { Text, useStdin } from 'ink';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLiveEngine } from '../../src/core/engine/open.js';
import { captureEarlyKeys } from '../../src/ui/components/early-keys.js';
import { Select } from '../../src/ui/components/Select.js';
import { CTRL_C, DOWN, ENTER, ESC } from './keys.js';
import { answerQuestions } from './drive.js';
import { choose, fromRunMenu, press, quitWizard, renderUi, renderWizard, sandboxRig, tick, UI, waitForFrame, type SandboxRig } from './helpers.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const SMALL = { ...UI, size: { columns: 80, rows: 24 } };
/** the frame is at most one row shorter than the terminal, and no line is wider than it */
function fits(frame: string, rows = 24, columns = 80) {
  const lines = frame.split('\n');
  expect(lines.length, frame).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect([...l].length, l).toBeLessThanOrEqual(columns - 1);
}

const PBX = { direction: 'both', did: '+918012340001', pbx_ips: '44.248.146.11, 44.248.146.12', pbx_host: '44.248.146.11' };

describe('at 80×24 every screen fits', () => {
  it('own PBX, both directions: questions, review, auth, a plan taller than the screen, apply, results, a config', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { recipeId: 'own-pbx', ui: SMALL });
    await answerQuestions(w, rig.engine.recipe('own-pbx'), PBX, 'Review: ');
    fits(w.lastFrame()!);
    await choose(w, 'Continue: check these answers');
    fits(await waitForFrame(w.lastFrame, 'Authentication:'));
    await press(w, ENTER);
    const plan = await waitForFrame(w.lastFrame, 'Apply in the SANDBOX');
    fits(plan);
    expect(plan).toMatch(/↓ \d+ more lines \(PgDn\)/); // the plan scrolls inside the screen
    await press(w, '\u001B[6~'); // PgDn
    const down = await waitForFrame(w.lastFrame, /↑ \d+ more lines/);
    fits(down);
    expect(down).toMatch(/Plan: \d+ to create/);
    await choose(w, 'Apply in the SANDBOX');
    const results = await waitForFrame(w.lastFrame, 'View a config');
    fits(results);
    expect(results).toMatch(/Trunk\s+trmum/);
    expect(results).toMatch(/Whitelisted\s+44\.248\.146\.11\/32, 44\.248\.146\.12\/32/);
    await choose(w, 'View a config');
    await choose(w, 'firewall-iptables.sh');
    const view = await waitForFrame(w.lastFrame, 'Paste:');
    fits(view);
    // a shell line wider than the screen is cut with », not wrapped into a broken command
    expect(view).not.toMatch(/^"\$@" -j ACCEPT; }$/m);
    expect(view).toMatch(/^allow\(\) \{ iptables .*»$/m);
    await press(w, 'q');
    await press(w, ESC);
    await choose(w, 'Finish');
    expect(await w.exit).toBe(0);
  });
});

describe('review before the plan', () => {
  it('lists every answer; Enter on one changes it and comes back; Esc keeps it as it was', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await answerQuestions(w, rig.engine.recipe('livekit'), { direction: 'outbound', did: '+918012345678' }, 'Review: ');
    const review = w.lastFrame()!;
    expect(review).toMatch(/Exotel phone number.*\+918012345678/);
    expect(review).toMatch(/SIP digest password\s+•+ \(generated\)/);
    await choose(w, 'Exotel phone number');
    const q = await waitForFrame(w.lastFrame, 'Changing one answer');
    expect(q).toContain('+918012345678'); // offered as the default
    await press(w, ...'+918012345699'.split(''));
    await press(w, ENTER);
    const after = await waitForFrame(w.lastFrame, 'Review: ');
    expect(after).toMatch(/Exotel phone number.*\+918012345699/);
    // Esc on a question opened from the review: the answer stays what it was
    await choose(w, 'Trunk name');
    await waitForFrame(w.lastFrame, 'Changing one answer');
    await press(w, ESC);
    expect(await waitForFrame(w.lastFrame, 'Review: ')).toMatch(/Trunk name\s+livekit/);
    await choose(w, 'Continue: check these answers');
    await waitForFrame(w.lastFrame, 'Authentication:');
    await press(w, ESC); // from the auth decision, back to the review
    await waitForFrame(w.lastFrame, 'Review: ');
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
    expect(w.left().farewell.join('\n')).toMatch(/^Nothing changed at Exotel; the \d+ answers given here were not saved\. Start again with: exotrunk wizard livekit$/);
  });
});

describe('the runs menu', () => {
  const RAPIDA = { path: 'native', direction: 'inbound', did: '+918012345670', rapida_assistant_id: '12345', rapida_api_key: 'rpd-test-key-1234' };

  it('a setup without a trunk is journaled, offers re-render (not verify), and "verify" elsewhere lists the checks', async () => {
    rig = await sandboxRig();
    let w = renderWizard(rig.engine, { recipeId: 'rapida' });
    await answerQuestions(w, rig.engine.recipe('rapida'), RAPIDA);
    await press(w, ENTER);
    await choose(w, 'Nothing to create: continue to the configs');
    const done = await waitForFrame(w.lastFrame, 'View a config');
    expect(done).toContain('No Exotel trunk');
    await quitWizard(w);
    expect(w.left().farewell.join('\n')).toContain('Nothing to check at Exotel: this setup uses no trunk. exotrunk render rapida');
    expect(rig.engine.run('rapida')?.appliedAt).toBeTruthy();

    w = renderWizard(rig.engine, { recipeId: 'livekit' });
    await answerQuestions(w, rig.engine.recipe('livekit'), { direction: 'outbound', did: '+918012345671' });
    await press(w, ENTER);
    await choose(w, 'Apply in the SANDBOX');
    await waitForFrame(w.lastFrame, 'View a config');
    await quitWizard(w);

    w = renderWizard(rig.engine);
    const menu = await waitForFrame(w.lastFrame, 'Already set up here (2 partners)');
    expect(menu).toMatch(/❯ Set up a new partner/);
    expect(menu).toContain('rapida (inbound), no Exotel trunk');
    await choose(w, 'rapida (inbound), no Exotel trunk');
    const sub = await waitForFrame(w.lastFrame, 'Re-render the rapida configs');
    expect(sub).not.toContain('Verify rapida');
    await choose(w, 'Re-render the rapida configs');
    await waitForFrame(w.lastFrame, 'View a config');
    await quitWizard(w);

    w = await fromRunMenu(rig.engine, 'livekit (outbound), trunk', 'Verify livekit');
    const verified = await waitForFrame(w.lastFrame, 'matches the setup');
    expect(verified).toMatch(/✓ number\s+\+918012345671/);
    expect(verified).toMatch(/✓ credential\s+livekit_sip/);
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Already set up here');
    await press(w, 'q');
    expect(await w.exit).toBe(0);
    expect(w.left().farewell).toEqual(['Nothing changed at Exotel.']);
  });
});

describe('live credentials', () => {
  it('are checked with one read when entered: a refusal is said on the form, with the SID kept; the key defaults to the SID', async () => {
    rig = await sandboxRig();
    const openLive = vi.fn((c: Parameters<typeof openLiveEngine>[0]) => openLiveEngine({ ...c, saveProfile: false }, { statePath: `${rig!.dir}/live-state.json`, baseUrl: rig!.sandbox.url }));
    const w = renderWizard(rig.engine, { openLive });
    await waitForFrame(w.lastFrame, 'No Exotel credentials are configured');
    await choose(w, 'Use my Exotel account (LIVE)');
    await waitForFrame(w.lastFrame, 'Exotel account SID');
    await press(w, ...'acme9'.split(''), ENTER);
    const key = await waitForFrame(w.lastFrame, 'API key:');
    expect(key).toContain('Enter on an empty line takes the account SID');
    await press(w, ENTER); // the SID as the key: the sandbox wants "sandbox", so Exotel refuses
    await waitForFrame(w.lastFrame, 'API token');
    await press(w, ...'sandbox'.split(''), ENTER);
    await choose(w, 'India');
    await choose(w, 'No, use them for this session only');
    const refused = await waitForFrame(w.lastFrame, 'Exotel refused these credentials');
    expect(refused).toContain('HTTP 401');
    expect(refused).toContain('Enter on an empty line takes acme9'); // the SID typed before is offered again
    expect(openLive.mock.calls[0]![0].apiKey).toBe('acme9');
    // again, with the right key
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'API key:');
    await press(w, ...'sandbox'.split(''), ENTER);
    await waitForFrame(w.lastFrame, 'API token');
    await press(w, ...'sandbox'.split(''), ENTER);
    await choose(w, 'India');
    await choose(w, 'No, use them for this session only');
    const ok = await waitForFrame(w.lastFrame, 'Which Voice AI partner');
    // a loopback base URL is this machine, not the real Exotel
    expect(ok).toMatch(/LOCAL http:\/\/127\.0\.0\.1:\d+ a server on this machine \(account acme9\)/);
    expect(ok).not.toContain('real Exotel account');
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
  });
});

describe('ways out', () => {
  it('q on the first screen leaves "Nothing changed"; Ctrl-C at a question says the answers were not saved', async () => {
    rig = await sandboxRig();
    let w = renderWizard(rig.engine, { openLive: async () => rig!.engine });
    await waitForFrame(w.lastFrame, 'q / Esc: quit');
    await press(w, 'q');
    expect(await w.exit).toBe(0);
    expect(w.left().farewell).toEqual(['Nothing changed at Exotel.']);
    w.unmount();

    w = renderWizard(rig.engine, { recipeId: 'retell' });
    await waitForFrame(w.lastFrame, 'Question 1 of');
    await press(w, ENTER);
    await waitForFrame(w.lastFrame, 'Question 2 of');
    await press(w, CTRL_C);
    expect(await w.exit).toBe(130);
    expect(w.left().farewell).toEqual(['Nothing changed at Exotel; the 1 answer given here was not saved. Start again with: exotrunk wizard retell']);
  });
});

describe('keys typed while the wizard starts', () => {
  function Booting({ onPick }: { onPick: (v: string) => void }) {
    const { internal_eventEmitter, setRawMode } = useStdin();
    useState(() => captureEarlyKeys(internal_eventEmitter));
    const [ready, setReady] = useState(false);
    useEffect(() => {
      setRawMode(true);
      const t = setTimeout(() => setReady(true), 200);
      return () => clearTimeout(t);
    }, []);
    if (!ready) return <Text>Starting…</Text>;
    return (
      <Select
        items={[
          { label: 'first', value: 'first' },
          { label: 'second', value: 'second' },
          { label: 'third', value: 'third' },
        ]}
        onSelect={(i) => onPick(i.value)}
      />
    );
  }

  it('reach the first menu once it is on screen, up to the first Enter', async () => {
    const onPick = vi.fn();
    const r = renderUi(<Booting onPick={onPick} />);
    await waitForFrame(r.lastFrame, 'Starting…');
    await tick(20);
    r.stdin.write(DOWN);
    r.stdin.write(ENTER);
    r.stdin.write(DOWN); // after the first Enter: dropped, never sent on to a later screen
    expect(onPick).not.toHaveBeenCalled();
    await waitForFrame(r.lastFrame, 'third');
    await tick(50);
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick).toHaveBeenCalledWith('second');
  });
});

