/**
 * Partner SDKs load only when a partner call runs, and bundle small enough to ship:
 *  - in dist (built by npm test first): no command, the wizard or the sandbox start statically loads a
 *    partner SDK; `sandbox --partners` loads the stand-ins' chunk lazily;
 *  - src/core/partners bundled by esbuild with scripts/build.mjs's plugins: the entry (the pure plan / verify
 *    and credentials) has no SDK in its static imports, each partner client is a lazy chunk, ElevenLabs' is
 *    slimmed by scripts/elevenlabs-slim.mjs, and the bundled clients work against the stand-ins on this Node;
 *  - the slim shim holds every serializer the SDK's phone-numbers client references.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { elevenlabsSlim } from '../../scripts/elevenlabs-slim.mjs';
// @ts-expect-error: a plain .mjs module without types
import * as shim from '../../scripts/elevenlabs-slim-serialization.mjs';
import { startPartnerStandIns, partnerEnv, type PartnerStandIns } from '../../src/sandbox/partners/index.js';
import { readMeta, staticClosure, walkStatic } from './bundle-meta.js';

const ROOT = join(__dirname, '..', '..');
const SDKS = ['livekit-server-sdk', '@livekit/protocol', '@elevenlabs/elevenlabs-js', 'retell-sdk', 'jose', '@bufbuild/protobuf'];

describe('dist: partner SDKs stay out of every start', () => {
  const meta = readMeta();
  const chunk = (prefix: string) => Object.keys(meta).find((f) => f.startsWith(`chunks/${prefix}-`))!;

  it('no headless command, the wizard or the sandbox start loads one statically', () => {
    for (const name of ['commands', 'plan', 'apply', 'verify', 'teardown', 'rotate', 'doctor', 'recipes', 'probe-cli', 'sandbox', 'run-wizard']) {
      const file = chunk(name);
      if (!file) continue;
      expect([...staticClosure(meta, file)].filter((p) => SDKS.includes(p)), name).toEqual([]);
    }
    expect([...staticClosure(meta, 'cli.js')].filter((p) => SDKS.includes(p))).toEqual([]);
  });

  it('the stand-ins are a lazy chunk of their own (so the check above can fail)', () => {
    const standIns = Object.keys(meta).filter((f) => staticClosure(meta, f).has('@livekit/protocol'));
    expect(standIns.length).toBeGreaterThan(0);
    expect(standIns.some((f) => staticClosure(meta, f).has('@elevenlabs/elevenlabs-js'))).toBe(true);
  });
});

describe('src/core/partners bundled', () => {
  let dir: string;
  let outputs: Record<string, { bytes: number; imports: { path: string; kind: string }[]; entryPoint?: string; inputs: Record<string, unknown> }>;
  let s: PartnerStandIns;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'exotrunk-partners-'));
    const r = await build({
      entryPoints: { partners: join(ROOT, 'src/core/partners/index.ts') },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: dir,
      metafile: true,
      minifySyntax: true,
      minifyWhitespace: true,
      logLevel: 'silent',
      plugins: [elevenlabsSlim],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    outputs = r.metafile.outputs as typeof outputs;
    s = await startPartnerStandIns({ seed: 9 });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pkgs = (o: { inputs: Record<string, unknown> }) => new Set(Object.keys(o.inputs).map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1] ?? 'exotrunk'));
  const bundledClosure = (file: string): Set<string> =>
    walkStatic(
      file,
      (f) => pkgs(outputs[f]),
      (f) => outputs[f].imports.filter((i) => i.kind === 'import-statement' && outputs[i.path]).map((i) => i.path),
    );
  const entry = () => Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith('src/core/partners/index.ts'))!;
  const clientChunk = (p: string) => Object.keys(outputs).find((f) => outputs[f].entryPoint?.endsWith(`src/core/partners/${p}/client.ts`))!;

  it('the entry loads no SDK; each partner client is a dynamic import', () => {
    expect([...bundledClosure(entry())].filter((p) => SDKS.includes(p))).toEqual([]);
    const dynamic = outputs[entry()].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    for (const p of ['livekit', 'elevenlabs', 'retell']) expect(dynamic).toContain(clientChunk(p));
    expect(bundledClosure(clientChunk('livekit')).has('livekit-server-sdk')).toBe(true);
    expect(bundledClosure(clientChunk('elevenlabs')).has('@elevenlabs/elevenlabs-js')).toBe(true);
    expect(bundledClosure(clientChunk('retell')).has('retell-sdk')).toBe(true);
  });

  it('is small: ElevenLabs\' client slimmed to its own serializers', () => {
    const files = (f: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(f)) return seen;
      seen.add(f);
      for (const i of outputs[f].imports) if (i.kind === 'import-statement' && outputs[i.path]) files(i.path, seen);
      return seen;
    };
    const bytes = (set: Iterable<string>) => [...set].reduce((n, f) => n + outputs[f].bytes, 0);
    const entryFiles = files(entry());
    /** what loading a partner adds to what the entry already loaded */
    const extra = (p: string) => bytes([...files(clientChunk(p))].filter((f) => !entryFiles.has(f)));
    const total = Object.values(outputs).reduce((n, o) => n + o.bytes, 0);
    const report = { total, entry: bytes(entryFiles), livekit: extra('livekit'), elevenlabs: extra('elevenlabs'), retell: extra('retell') };
    console.log('partners bundle bytes', JSON.stringify(report));
    expect(report.elevenlabs).toBeLessThan(400_000);
    expect(report.livekit).toBeLessThan(250_000);
    expect(report.retell).toBeLessThan(150_000);
    expect(total).toBeLessThan(1_000_000);
  });

  it('the bundled clients work against the stand-ins on this Node', async () => {
    const mod = await import(pathToFileURL(join(dir, entry().split('/').pop()!)).href);
    const env = partnerEnv(s);
    for (const p of ['livekit', 'elevenlabs', 'retell'] as const) {
      const r = mod.readPartnerCredentials(p, env);
      expect(r.status).toBe('ok');
      const client = await mod.openPartner(r.creds, { sleep: async () => {} });
      const inputs = { partner: p, direction: 'outbound', inbound: false, outbound: true, trunkName: 'bundle', did: '+918012345600',
        edge: { host: 'in.voip.exotel.com', port: 5070, transport: 'tcp', hostport: 'in.voip.exotel.com:5070' }, digest: true, sipUsername: 'u1',
        sipPassword: new mod.Secret('pw-0123456789'), signallingIps: [], destinationUri: '', answers: { el_agent_id: 'agent_sandbox', retell_agent_id: 'agent_sandbox' } };
      const desired = mod.partnerDesired(inputs);
      const plan = mod.planPartner(desired, await client.observe(desired));
      for (const step of plan.steps) await client.execute(step, inputs, {});
      expect(mod.planPartner(desired, await client.observe(desired)).steps).toEqual([]);
    }
    expect(s.livekit.state().outbound).toHaveLength(1);
    expect(s.elevenlabs.state().numbers).toHaveLength(1);
    expect(s.retell.state().numbers).toHaveLength(1);
  }, 60_000);
});

describe('the ElevenLabs slim shim', () => {
  it('resolves every serializer the SDK\'s phone-numbers client references', () => {
    const require = createRequire(import.meta.url);
    const client = readFileSync(require.resolve('@elevenlabs/elevenlabs-js/api/resources/conversationalAi/resources/phoneNumbers/client/Client.js'), 'utf8');
    const refs = [...new Set([...client.matchAll(/serializers\.([A-Za-z.]+)\.(?:parseOrThrow|jsonOrThrow)/g)].map((m) => m[1]))];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const value = ref.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], shim);
      expect(typeof (value as { parseOrThrow?: unknown })?.parseOrThrow, ref).toBe('function');
    }
  });
});
