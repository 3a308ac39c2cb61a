/**
 * Retell: every direction and transport. retell-sdk ships its API as TypeScript types only, so each rendered
 * import body is type-checked the way a TypeScript user of the SDK would send it: written as an object literal
 * assigned to PhoneNumberImportParams and compiled with tsc --strict (excess properties and wrong literals are
 * errors).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { decideAuth } from '../../src/core/rules/auth.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

const ROOT = join(__dirname, '..', '..');
const BASE = { retell_agent_id: 'agent_3f2a9c1b8d', retell_nickname: 'Exotel India' };

/** tsc --strict over one file per body; returns the diagnostics, file by file. */
function typeCheck(bodies: Record<string, unknown>): string[] {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'exotrunk-retell-'));
  const files = Object.entries(bodies).map(([name, body]) => {
    const file = join(dir, `${name}.ts`);
    writeFileSync(
      file,
      `import type { PhoneNumberImportParams } from 'retell-sdk/resources/phone-number';\nexport const body: PhoneNumberImportParams = ${JSON.stringify(body, null, 2)};\n`,
    );
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(dir.length + 1) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const variants = {
  'outbound-tcp': renderRecipe('retell', 'outbound', { ...BASE, edge_transport: 'tcp' }, { auth: 'digest' }),
  'outbound-tls': renderRecipe('retell', 'outbound', { ...BASE, edge_transport: 'tls' }, { auth: 'digest' }),
  'inbound-tcp': renderRecipe('retell', 'inbound', { ...BASE, inbound_transport: 'tcp' }, { auth: 'none' }),
  'inbound-tls': renderRecipe('retell', 'inbound', { ...BASE, inbound_transport: 'tls' }, { auth: 'none' }),
  'both-tls': renderRecipe('retell', 'both', { ...BASE, edge_transport: 'tls', inbound_transport: 'tls' }, { auth: 'digest' }),
};
const body = (name: keyof typeof variants) => variants[name].json('retell-import-phone-number') as Record<string, any>;

describe('retell import bodies', () => {
  it('every variant compiles against retell-sdk PhoneNumberImportParams with tsc --strict; a wrong body does not', () => {
    const bodies = Object.fromEntries(Object.keys(variants).map((k) => [k, body(k as keyof typeof variants)]));
    const wrong = {
      'wrong-key': { ...bodies['outbound-tcp'], inbound_agent: 'agent_x' },
      'wrong-transport': { ...bodies['outbound-tcp'], sip_trunk_auth_username: 1 },
    };
    const diagnostics = typeCheck({ ...bodies, ...wrong });
    expect(diagnostics.filter((d) => !d.startsWith('wrong-'))).toEqual([]);
    expect(diagnostics.some((d) => d.startsWith('wrong-key') && /inbound_agent/.test(d))).toBe(true);
    expect(diagnostics.some((d) => d.startsWith('wrong-transport'))).toBe(true);
  }, 60_000);

  it.each(Object.keys(variants))('%s: edge, transport, agents and credentials as the direction needs', (name) => {
    const [direction, t] = name.split('-') as ['outbound' | 'inbound' | 'both', string];
    const b = body(name as keyof typeof variants);
    expect(b.phone_number).toBe(FIXTURE.did);
    expect(Boolean(b.inbound_agents)).toBe(direction !== 'outbound');
    expect(Boolean(b.outbound_agents)).toBe(direction !== 'inbound');
    for (const list of [b.inbound_agents, b.outbound_agents].filter(Boolean)) {
      expect(list.reduce((sum: number, a: { weight: number }) => sum + a.weight, 0)).toBe(1);
    }
    if (direction === 'inbound') {
      expect(b).not.toHaveProperty('sip_trunk_auth_username');
      expect(variants[name as keyof typeof variants].byId('connect-applet').content).toContain(`sip.retellai.com:${t === 'tls' ? 5061 : 5060};transport=${t}`);
    } else {
      expect([b.sip_trunk_auth_username, b.sip_trunk_auth_password]).toEqual([FIXTURE.username, FIXTURE.password]);
      expect(b.transport).toBe(t.toUpperCase());
      expect(b.termination_uri).toBe(`in.voip.exotel.com:${t === 'tls' ? 443 : 5070}`);
    }
    expectSecretsOnlyInSecretOutputs(variants[name as keyof typeof variants].outputs);
    expectGolden('retell', name, variants[name as keyof typeof variants].outputs);
  });
});

describe('retell facts', () => {
  it('uses Retell\'s current published IP blocks, and the rules explain them as ranges (so digest)', () => {
    const recipe = loadRecipe('retell');
    expect(recipe.egress.cidrs).toEqual(['18.98.16.120/30', '3.42.144.0/23', '153.57.128.0/18', '143.223.88.0/21', '161.115.160.0/19']);
    const plan = decideAuth({ direction: 'outbound', egress: recipe.egress, policy: 'auto', userIps: [], allowMixedAuth: false, mixConfirmed: false, wantDigestToo: false, numberMode: 'pstn', partnerName: 'Retell' });
    expect(plan.digest).toBe(true);
    expect(plan.decisions[0]!.reason).toContain('3.42.144.0/23');
  });

  it('refuses an agent id that is not Retell\'s, as it is typed', () => {
    expect(() => fixtureInputs(loadRecipe('retell'), 'both', { ...BASE, retell_agent_id: 'llm_3f2a9c' })).toThrow(/not a Retell agent id: it looks like agent_/);
    expect(() => fixtureInputs(loadRecipe('retell'), 'both', { ...BASE, retell_agent_id: 'oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD' })).not.toThrow();
  });

  it('says an import cannot be edited, and how to check the called-number format', () => {
    const text = variants['both-tls'].byId('retell-dashboard').content;
    expect(text).toMatch(/delete the number in Retell and\s+import it again/);
    expect(text).toMatch(/Call History shows the number the call arrived for/);
  });

  it('the dashboard form and the API body are one import, done one way; a 408 row gives the probe to run', () => {
    const r = renderRecipe('retell', 'both', { ...BASE, edge_transport: 'tcp', inbound_transport: 'tcp' });
    expect(r.recipe.outputs.find((o) => o.id === 'retell-import-phone-number')!.alternative_of).toBe('retell-dashboard');
    expect(r.byId('retell-dashboard').paste).toMatch(/^Use ONE of: this form or retell-import-phone-number\.json .*not both/);
    expect(r.byId('retell-import-phone-number').paste).toMatch(/^Use ONE of: retell-dashboard\.txt .*not both/);
    const row = r.recipe.troubleshooting.find((t) => t.sip_code === 408)!.check;
    expect(row).toContain("exotrunk probe 'sip:sip.retellai.com:5060;transport=tcp'");
  });
});
