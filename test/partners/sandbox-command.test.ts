/**
 * `exotrunk sandbox --partners` (the built CLI): the Exotel URL stays the first stdout line, the partner
 * variables follow, and the official SDKs work against what they point at; SIGTERM stops every server.
 */
import { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { SipClient } from 'livekit-server-sdk';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Retell from 'retell-sdk';
import { describe, expect, it } from 'vitest';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

describe('exotrunk sandbox --partners', () => {
  it('prints the Exotel URL, then the partner variables; the SDKs reach the stand-ins; SIGTERM stops them all', async () => {
    const child = spawn(process.execPath, [CLI, 'sandbox', '--partners', '--seed', '4'], { env: { PATH: process.env.PATH, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output: ${stderr}`)), 20_000);
      createInterface({ input: child.stdout }).on('line', (l) => {
        lines.push(l);
        if (lines.length === 8) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    try {
      expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = Object.fromEntries(lines.slice(1).map((l) => l.split('=', 2) as [string, string]));
      expect(Object.keys(env)).toEqual(['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET', 'ELEVENLABS_API_KEY', 'EXOTRUNK_ELEVENLABS_BASE_URL', 'RETELL_API_KEY', 'RETELL_BASE_URL']);
      for (let i = 0; i < 100 && !stderr.includes('variables printed on stdout'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(stderr).toContain('Partner stand-ins');

      const sip = new SipClient(env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET);
      await sip.createSipOutboundTrunk('x', 'in.voip.exotel.com:5070', ['+918012345678'], { transport: 2 });
      expect(await sip.listSipOutboundTrunk()).toHaveLength(1);
      const el = new ElevenLabsClient({ apiKey: env.ELEVENLABS_API_KEY, baseUrl: env.EXOTRUNK_ELEVENLABS_BASE_URL, maxRetries: 0 });
      expect(await el.conversationalAi.phoneNumbers.list()).toEqual([]);
      const rt = new Retell({ apiKey: env.RETELL_API_KEY, baseURL: env.RETELL_BASE_URL, maxRetries: 0 });
      expect((await rt.agent.retrieve('agent_sandbox')).agent_id).toBe('agent_sandbox');
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(stderr).toContain('Sandbox stopped (SIGTERM)');
    await expect(fetch(lines[1].split('=')[1])).rejects.toThrow();
  }, 40_000);
});
