/**
 * Smallest AI (Atoms) has no public API or SDK for Import SIP (a dashboard form), so the rendered form is parsed
 * into its fields and checked with a schema of that form: the fields of Exotel's Smallest guide
 * (github.com/exotel/AgentStream-VoiceAIEcosystem docs/support/exotel-smallest-ai-sip-trunk.md, commit 882f833,
 * read 2026-11-29), which cites Atoms' Phone Numbers page (https://atoms-docs.smallest.ai/platform/deployment/
 * phone-numbers.md, not reachable from here). The order a user follows is checked end to end: the import needs
 * the credentials the first run creates, and the Origination URL Atoms shows after it goes in on a second run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyOnce, DID, engineRig, expectNoDuplicates, trunkByName, type EngineRig } from '../engine/helpers.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

const ORIGINATION = 'tenant-42.sip.smallest.example:5060';

/** "| field | value |" rows of the Import SIP table */
function importTable(markdown: string): Record<string, string> {
  const rows = [...markdown.matchAll(/^\| (.+?) \| (.+) \|$/gm)].filter((m) => m[1] !== 'Atoms field' && !/^-+$/.test(m[1]!));
  return Object.fromEntries(rows.map((m) => [m[1]!, m[2]!]));
}
const ImportSip = z.union([
  z.object({ 'Phone Number': z.string().regex(/^`\+\d+`$/), 'SIP Termination URL': z.string().regex(/^`[a-z0-9.-]+:(5070|443)`/), Username: z.string().regex(/^`.+`$/), Password: z.string().regex(/^`.+`$/) }).strict(),
  z.object({ 'Phone Number': z.string().regex(/^`\+\d+`$/), 'SIP Termination URL': z.string().regex(/^`[a-z0-9.-]+:(5070|443)`/), 'Username / Password': z.string().startsWith('leave empty') }).strict(),
]);

/** Where in the text each step is: the order a reader meets them. */
const at = (text: string, needle: string | RegExp) => {
  const i = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  expect(i, String(needle)).toBeGreaterThan(-1);
  return i;
};

describe('smallest-ai recipe', () => {
  it('outbound: Termination URL is the Exotel edge with the trunk credentials (secret output)', () => {
    const r = renderRecipe('smallest-ai', 'outbound', { smallest_agent_id: 'agent_1' });
    const form = r.byId('atoms-import-sip');
    expect(form.secret).toBe(true);
    expect(ImportSip.parse(importTable(form.content))).toMatchObject({ 'SIP Termination URL': expect.stringContaining('`in.voip.exotel.com:5070`'), Username: '`exotrunk_fixture`' });
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('smallest-ai', 'outbound', r.outputs);
  });

  it('both, first run (no Origination URL yet): the steps come in the order a user can follow', () => {
    const r = renderRecipe('smallest-ai', 'both', {}, { auth: 'digest' });
    const text = r.byId('atoms-import-sip').content;
    ImportSip.parse(importTable(text));
    // credentials first, then the import that needs them, then the URL Atoms shows after it, then the Flow
    const password = at(text, FIXTURE.password);
    const shows = at(text, 'Atoms then shows a tenant-specific **SIP Origination URL**');
    const rerun = at(text, 'Run `exotrunk apply smallest-ai --set smallest_origination=');
    const flow = at(text, '## 4. Exotel Flow');
    expect(password).toBeLessThan(shows);
    expect(shows).toBeLessThan(rerun);
    expect(rerun).toBeLessThan(flow);
    expect(r.byId('connect-applet').content).toContain('(not set)');
    // the checklist puts the same steps in the same order
    const checklist = r.recipe.checklist.map((c) => c.text);
    expect(checklist.findIndex((t) => t.includes('Import SIP'))).toBeLessThan(checklist.findIndex((t) => t.includes('smallest_origination=')));
    expect(checklist.findIndex((t) => t.includes('smallest_origination='))).toBeLessThan(checklist.findIndex((t) => t.includes('Connect applet')));
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('smallest-ai', 'both-first-run', r.outputs);
  });

  it('inbound with the Origination URL: it is the destination, and the import needs no credentials', () => {
    const r = renderRecipe('smallest-ai', 'inbound', { smallest_origination: ORIGINATION, smallest_origination_transport: 'tcp' }, { auth: 'none' });
    expect(r.byId('connect-applet').content).toContain(`${ORIGINATION};transport=tcp`);
    expect(ImportSip.parse(importTable(r.byId('atoms-import-sip').content))).toHaveProperty('Username / Password');
    expect(r.byId('atoms-import-sip').content).toContain(`Done: the trunk's destination is \`${ORIGINATION};transport=tcp\``);
    expectGolden('smallest-ai', 'inbound', r.outputs);
  });

  it('both with the URL: a sip: prefix on the pasted URL is dropped', () => {
    const r = renderRecipe('smallest-ai', 'both', { smallest_origination: `sip:${ORIGINATION}`, smallest_origination_transport: 'tls' });
    expect(r.byId('atoms-import-sip').content).toContain(`\`${ORIGINATION};transport=tls\``);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('smallest-ai', 'both', r.outputs);
  });
});

describe('smallest-ai, two runs against the sandbox', () => {
  let rig: EngineRig;
  beforeEach(async () => {
    rig = await engineRig();
  });
  afterEach(async () => rig.close());

  it('the first run creates what the import needs; the second adds only the destination, keeping the password', async () => {
    const first = await applyOnce(rig.newEngine(), 'smallest-ai', { direction: 'both', did: DID });
    expect(first.result.ok).toBe(true);
    const t1 = trunkByName(rig.sandbox, first.inputs.trunkName)!;
    expect(t1.destinations).toEqual([]);
    expect(t1.credentials).toHaveLength(1);
    const password = t1.credentials[0]!.password;

    // a host the sandbox takes as a real FQDN (it refuses documentation names, as Exotel does)
    const origination = 'tenant42.sip.smallest.ai:5060';
    const second = await applyOnce(rig.newEngine(), 'smallest-ai', { smallest_origination: origination });
    expect(second.result.failed).toEqual([]);
    expect(second.plan.steps.map((s) => s.kind)).toEqual(['add-destination']);
    const t2 = trunkByName(rig.sandbox, first.inputs.trunkName)!;
    expect(t2.destinations.map((d) => d.destination)).toEqual([`sip:${origination};transport=tcp`]);
    expect(t2.credentials.map((c) => c.password)).toEqual([password]);
    expectNoDuplicates(rig.sandbox);
  });
});
