/** The sandbox-or-live choice, the live credentials screen, and the line input in a real-terminal style. */
import { Text } from 'ink';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LineInput } from '../../src/ui/components/LineInput.js';
import { CredentialsScreen, type LiveCredentials } from '../../src/ui/screens/CredentialsScreen.js';
import { ModeScreen } from '../../src/ui/screens/ModeScreen.js';
import { BACKSPACE, DOWN, ENTER, ESC } from './keys.js';
import { press, renderUi, tick, waitForFrame } from './helpers.js';

describe('ModeScreen', () => {
  it('offers the sandbox first and live credentials second', async () => {
    const onSandbox = vi.fn();
    const onLive = vi.fn();
    const r = renderUi(<ModeScreen onSandbox={onSandbox} onLive={onLive} />);
    const f = await waitForFrame(r.lastFrame, 'No Exotel credentials');
    expect(f).toMatch(/❯ Continue in the SANDBOX/);
    await press(r, DOWN, ENTER);
    expect(onLive).toHaveBeenCalledOnce();
    expect(onSandbox).not.toHaveBeenCalled();
  });
});

describe('CredentialsScreen', () => {
  it('asks SID, key, token (masked, never shown), region and whether to save; Esc goes back', async () => {
    let done: LiveCredentials | undefined;
    const onCancel = vi.fn();
    const r = renderUi(<CredentialsScreen onDone={(c) => (done = c)} onCancel={onCancel} />);
    await waitForFrame(r.lastFrame, 'Exotel account SID');
    await press(r, 'acme1', ENTER);
    await waitForFrame(r.lastFrame, 'API key:');
    await press(r, 'key_live_1', ENTER);
    await waitForFrame(r.lastFrame, 'API token (hidden)');
    await press(r, 'TOKEN-live-secret-9f');
    const typing = await waitForFrame(r.lastFrame, '*'.repeat(19));
    expect(typing).not.toContain('TOKEN-live-secret-9f');
    await press(r, ENTER);
    await waitForFrame(r.lastFrame, 'Region of the account');
    expect(r.lastFrame()).not.toContain('TOKEN-live-secret-9f');
    await press(r, DOWN, ENTER); // Singapore
    await waitForFrame(r.lastFrame, 'Save these as a profile');
    await press(r, DOWN, ENTER); // this session only
    await tick();
    expect(done).toMatchObject({ accountSid: 'acme1', apiKey: 'key_live_1', region: 'sg', saveProfile: false });
    expect(done!.apiToken.reveal()).toBe('TOKEN-live-secret-9f');
    expect(JSON.stringify(done)).not.toContain('TOKEN-live-secret-9f');

    // the account SID is checked as the headless commands check it, before any request
    const bad = renderUi(<CredentialsScreen onDone={() => {}} onCancel={onCancel} />);
    await waitForFrame(bad.lastFrame, 'Exotel account SID');
    await press(bad, '../x', ENTER);
    const refused = await waitForFrame(bad.lastFrame, 'has a "."');
    expect(refused).toContain('letters, digits, _ or -');
    expect(refused).not.toContain('API key:');

    // Esc steps back one field, keeping what was typed; from the first field it leaves for the sandbox.
    const again = renderUi(<CredentialsScreen onDone={() => {}} onCancel={onCancel} />);
    await waitForFrame(again.lastFrame, 'Exotel account SID');
    await press(again, ENTER);
    await waitForFrame(again.lastFrame, 'is needed to reach your account');
    await press(again, 'acme2', ENTER);
    await waitForFrame(again.lastFrame, 'API key:');
    await press(again, ESC);
    await waitForFrame(again.lastFrame, (f) => f.includes('Exotel account SID') && !f.includes('API key:'));
    expect(onCancel).not.toHaveBeenCalled();
    await press(again, ESC);
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('LineInput', () => {
  function Harness({ onSubmit }: { onSubmit: (v: string) => void }) {
    const [v, setV] = useState('');
    return (
      <>
        <LineInput onChange={setV} onSubmit={onSubmit} />
        <Text>[{v}]</Text>
      </>
    );
  }

  it('takes a pasted chunk with its Enter, and repeated Backspaces sent as one chunk', async () => {
    const onSubmit = vi.fn();
    const r = renderUi(<Harness onSubmit={onSubmit} />);
    await press(r, '0801234');
    await waitForFrame(r.lastFrame, '[0801234]');
    await press(r, BACKSPACE.repeat(7));
    await waitForFrame(r.lastFrame, '[]');
    await press(r, '+918012345678\r');
    await tick();
    expect(onSubmit).toHaveBeenCalledWith('+918012345678');
  });
});

describe('CredentialsScreen after Esc (wizard QA W15)', () => {
  it('shows only the fields before the one asked again: no stale SID or key line above its own prompt', async () => {
    const r = renderUi(<CredentialsScreen onDone={() => {}} onCancel={() => {}} />);
    await waitForFrame(r.lastFrame, 'Exotel account SID');
    await press(r, 'acme1', ENTER);
    await waitForFrame(r.lastFrame, 'API key:');
    await press(r, 'key1', ENTER);
    await waitForFrame(r.lastFrame, 'API token (hidden)');
    await press(r, ESC);
    const key = await waitForFrame(r.lastFrame, (f) => f.includes('API key:') && !f.includes('API token'));
    expect(key.match(/API key/g)).toHaveLength(1);
    expect(key).toContain('Account SID: acme1');
    await press(r, ESC);
    const sid = await waitForFrame(r.lastFrame, (f) => !f.includes('API key'));
    expect(sid).not.toContain('Account SID: acme1');
    expect(sid).toContain('Exotel account SID (API Settings in the dashboard)');
  });
});
