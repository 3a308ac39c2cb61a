import { describe, expect, it } from 'vitest';
import { expectGolden, expectSecretsOnlyInSecretOutputs, renderRecipe } from './partner-golden.js';

// Atoms "Import SIP" is a dashboard form, not a JSON API (https://atoms-docs.smallest.ai/platform/deployment/phone-numbers.md),
// so the checks here are on the form fields and the destination built from the pasted Origination URL.
const ORIGINATION = 'tenant-42.sip.smallest.example:5060';

describe('smallest-ai recipe', () => {
  it('outbound: Termination URL is the Exotel edge with the trunk credentials (secret output)', () => {
    const r = renderRecipe('smallest-ai', 'outbound', { smallest_agent_id: 'agent_1' });
    const form = r.byId('atoms-import-sip');
    expect(form.secret).toBe(true);
    expect(form.content).toContain('| SIP Termination URL | `in.voip.exotel.com:5070`');
    expect(form.content).toContain('| Username | `exotrunk_fixture` |');
    expect(r.outputs.map((o) => o.id)).not.toContain('connect-applet');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('smallest-ai', 'outbound', r.outputs);
  });

  it('inbound: the pasted Origination URL becomes the destination URI', () => {
    const r = renderRecipe('smallest-ai', 'inbound', { smallest_origination: ORIGINATION, smallest_origination_transport: 'tcp' }, { auth: 'none' });
    expect(r.byId('connect-applet').content).toContain(`${ORIGINATION};transport=tcp`);
    expect(r.byId('atoms-import-sip').content).toContain('leave empty (inbound only');
    expectGolden('smallest-ai', 'inbound', r.outputs);
  });

  it('both: a sip: prefix on the pasted URL is dropped', () => {
    const r = renderRecipe('smallest-ai', 'both', { smallest_origination: `sip:${ORIGINATION}`, smallest_origination_transport: 'tls' });
    expect(r.byId('atoms-import-sip').content).toContain(`destination: \`${ORIGINATION};transport=tls\``);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('smallest-ai', 'both', r.outputs);
  });
});
