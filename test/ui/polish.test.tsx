/** Wizard QA W17 polish: q quits from the partner list; the config viewer offers r only on a file with a secret. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultsScreen } from '../../src/ui/screens/ResultsScreen.js';
import { livekitBoth } from '../plan/fixtures.js';
import { choose, press, renderUi, renderWizard, sandboxRig, waitForFrame, type SandboxRig } from './helpers.js';

let rig: SandboxRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('wizard polish', () => {
  it('q on the partner list quits, and its hint says so', async () => {
    rig = await sandboxRig();
    const w = renderWizard(rig.engine);
    const f = await waitForFrame(w.lastFrame, 'Which Voice AI partner');
    expect(f).toContain('q / Ctrl-C: quit');
    await press(w, 'q');
    expect(await w.exit).toBe(0);
    expect(w.left().farewell).toEqual(['Nothing changed at Exotel.']);
  });

  it('the config viewer offers "r: reveal secrets" only on a file that holds one', async () => {
    const i = livekitBoth();
    const pw = i.sipPassword!.reveal();
    const outputs = [
      { id: 'trunk', title: 'LiveKit outbound trunk', paste: 'LiveKit Cloud', file: 'trunk.json', content: `{"password": "${pw}"}\n`, secret: true, format: 'json' as const },
      { id: 'edge', title: 'Exotel edge', paste: 'the address', file: 'edge.txt', content: 'in.voip.exotel.com:443\n', secret: false, format: 'text' as const },
    ];
    const files = outputs.map((o) => ({ file: o.file, path: join(process.cwd(), '.exotrunk/out/livekit', o.file), mode: o.secret ? 0o600 : 0o644 }));
    const r = renderUi(<ResultsScreen inputs={i} outputs={outputs} files={files} targetLabel="SANDBOX" reveal={false} onReveal={() => {}} onFinish={() => {}} />);
    await choose(r, 'View a config');
    await choose(r, 'edge.txt');
    const plain = await waitForFrame(r.lastFrame, 'in.voip.exotel.com:443');
    expect(plain).not.toContain('reveal secrets');
    await press(r, '\u001B');
    await choose(r, 'trunk.json');
    const secret = await waitForFrame(r.lastFrame, '"password"');
    expect(secret).toContain('r: reveal secrets');
    expect(secret).not.toContain(pw);
  });
});
