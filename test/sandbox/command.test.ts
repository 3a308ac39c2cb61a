import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSandboxCommand } from '../../src/sandbox/command.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

async function firstLine(out: ReturnType<typeof capture>): Promise<string> {
  while (!out.text().includes('\n')) await new Promise((r) => setImmediate(r));
  return out.text().split('\n')[0];
}

describe('runSandboxCommand', () => {
  it('prints the URL first on stdout, a hint on stderr, serves, and exits 0 on SIGINT', async () => {
    const stdout = capture();
    const stderr = capture();
    const done = runSandboxCommand({ port: 0, apiKey: 'k1', apiToken: 'chosen-token' }, { stdout: stdout.stream, stderr: stderr.stream });
    const url = await firstLine(stdout);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const res = await fetch(`${url}/v2/accounts/a/trunks/x/phone-numbers`, {
      headers: { Authorization: 'Basic ' + Buffer.from('k1:chosen-token').toString('base64') },
    });
    expect(res.status).toBe(404); // authenticated, unknown trunk

    expect(stderr.text()).toContain(`EXOTEL_BASE_URL=${url}`);
    expect(stderr.text()).toContain('EXOTEL_API_KEY=k1');
    expect(stderr.text()).not.toContain('chosen-token'); // a token the user picked is not echoed

    process.emit('SIGINT');
    await expect(done).resolves.toBe(0);
    expect(stdout.text()).toBe(`${url}\n`);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('shows the default sandbox credentials and stops on SIGTERM', async () => {
    const stdout = capture();
    const stderr = capture();
    const done = runSandboxCommand({}, { stdout: stdout.stream, stderr: stderr.stream });
    await firstLine(stdout);
    expect(stderr.text()).toContain('EXOTEL_API_KEY=sandbox');
    expect(stderr.text()).toContain('EXOTEL_API_TOKEN=sandbox');
    process.emit('SIGTERM');
    await expect(done).resolves.toBe(0);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('a busy port is a UserError with a fix', async () => {
    const stdout = capture();
    const stderr = capture();
    const first = runSandboxCommand({}, { stdout: stdout.stream, stderr: stderr.stream });
    const port = Number(new URL(await firstLine(stdout)).port);
    await expect(runSandboxCommand({ port }, { stdout: capture().stream, stderr: capture().stream })).rejects.toThrow(/already in use/);
    process.emit('SIGINT');
    await first;
  });
});
