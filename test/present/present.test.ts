/** The wording both front ends share: plurals, the plan summary, placeholders filled, auth said once, targets. */
import { describe, expect, it } from 'vitest';
import { collectAnswers } from '../../src/core/engine/answers.js';
import { buildInputs } from '../../src/core/engine/inputs.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { authView } from '../../src/present/auth.js';
import { nothingChangedLines } from '../../src/present/exits.js';
import { planSummary } from '../../src/present/plan.js';
import { fillKnown, troubleshootingFor } from '../../src/present/results.js';
import { isLocalUrl, targetLabel } from '../../src/present/target.js';
import { count } from '../../src/present/words.js';

const inputsOf = (id: string, set: Record<string, string>) => {
  const recipe = loadRecipe(id);
  const { answers } = collectAnswers(recipe, { set });
  return buildInputs(recipe, answers, {});
};

describe('words', () => {
  it('counts agree', () => {
    expect(count(1, 'change')).toBe('1 change');
    expect(count(5, 'change')).toBe('5 changes');
    expect(count(2, 'entry', 'entries')).toBe('2 entries');
    expect(nothingChangedLines({ recipeId: 'x', answered: 1 })[0]).toContain('the 1 answer given here was not saved');
  });

  it('a plan in one line, Terraform style', () => {
    const step = (effect: string) => ({ effect }) as never;
    expect(planSummary({ steps: [step('create'), step('create'), step('change')] })).toBe('2 to create, 1 to change');
    expect(planSummary({ steps: [step('delete')] })).toBe('1 to delete');
    expect(planSummary({ steps: [] })).toBe('nothing to change');
  });

});

describe('what the run knows is filled in', () => {
  it('<trunk_sid> and answers by name; unknown placeholders stay', () => {
    expect(fillKnown('"Dial whom" = sip:<trunk_sid> exactly', { trunk_sid: 'trmum1x' })).toBe('"Dial whom" = sip:trmum1x exactly');
    expect(fillKnown('use <ST_outbound_trunk_id>', { trunk_sid: 'trmum1x' })).toBe('use <ST_outbound_trunk_id>');
  });

  it('troubleshooting shows only what can happen in the chosen direction', () => {
    const recipe = loadRecipe('retell');
    const out = troubleshootingFor(recipe, 'outbound').map((t) => t.symptom);
    expect(out.some((s) => /^inbound/i.test(s))).toBe(false);
    expect(troubleshootingFor(recipe, 'both').length).toBe(recipe.troubleshooting.length);
  });
});

describe('the auth decision, each fact once', () => {
  it('own PBX: the whitelist and "mask 32" said once, the destination folded into the order', () => {
    const v = authView(inputsOf('own-pbx', { direction: 'both', did: '+918012345678', pbx_ips: '52.66.10.20', pbx_host: '52.66.10.20' }));
    const all = [v.headline, v.why, ...v.bullets.map((b) => `${b.label}: ${b.text}`)].join('\n');
    expect(all.match(/mask 32|\/32/g)).toHaveLength(1);
    expect(v.bullets.map((b) => b.label)).toEqual(['Order', 'Number mode']);
  });

  it('inbound only needs no credentials and says why, without the digest sentence', () => {
    const v = authView(inputsOf('elevenlabs', { direction: 'inbound', did: '+918012345678' }));
    expect(v.headline).toBe('Authentication: none needed');
    expect(v.why).toMatch(/^Inbound only: Exotel sends the calls to sip\.rtc\.elevenlabs\.io/);
    expect(v.why).not.toMatch(/digest/);
  });

  it('inbound only with a whitelist (StreamKit): never "no whitelist is needed" beside the whitelist (wizard QA W4)', () => {
    const v = authView(inputsOf('streamkit', { did: '+918012345678', streamkit_server_ips: '44.248.146.12', voicebot_url: 'wss://bot.example.com/voicebot' }));
    expect(v.headline).toBe('Authentication: IP whitelist (ACL): 44.248.146.12');
    expect(v.why).toMatch(/^Inbound only: Exotel sends the calls\. StreamKit .* needs these static IPs whitelisted/);
    const all = [v.why, ...v.bullets.map((b) => b.text)].join('\n');
    expect(all).not.toMatch(/no credential or whitelist/);
    expect(all.match(/static IPs whitelisted/g)).toHaveLength(1);
  });

  it('a partner with published ranges: the why line names them; the bullets are labelled, not topic ids', () => {
    const v = authView(inputsOf('retell', { direction: 'outbound', did: '+918012345678', retell_agent_id: 'agent_x' }));
    expect(v.why).toContain('18.98.16.120/30');
    expect(v.bullets.map((b) => b.label)).not.toContain('pstn');
    expect(v.bullets.every((b) => !/^[a-z-]+$/.test(b.label) || b.label === 'Order')).toBe(true);
  });
});

describe('where calls go', () => {
  it('a loopback base URL is LOCAL, a real one LIVE, the sandbox SANDBOX', () => {
    for (const u of ['http://127.0.0.1:4010', 'http://localhost:1', 'http://[::1]:3', 'http://[::ffff:127.0.0.1]:3']) expect(isLocalUrl(u), u).toBe(true);
    for (const u of ['https://api.in.exotel.com', 'http://10.0.0.1', 'https://127.example.com']) expect(isLocalUrl(u), u).toBe(false);
    expect(targetLabel({ mode: 'live', label: 'LIVE acme (custom)', client: { accountSid: 'acme', baseUrl: 'http://127.0.0.1:4010' } })).toMatchObject({ kind: 'local', label: 'LOCAL http://127.0.0.1:4010' });
    expect(targetLabel({ mode: 'live', label: 'LIVE acme (in)', client: { accountSid: 'acme', baseUrl: 'https://api.in.exotel.com' } })).toMatchObject({ kind: 'live', where: 'in your real Exotel account acme (in)' });
    expect(targetLabel({ mode: 'sandbox', label: 'SANDBOX' }).kind).toBe('sandbox');
  });
});

describe('teardown words', () => {
  it('"At your own PBX / SBC", not "At Your own PBX / SBC"', async () => {
    const { cleanupLines } = await import('../../src/present/teardown.js');
    expect(cleanupLines('Your own PBX / SBC', 'trmum1abc', 'both')[0]).toMatch(/^At your own PBX \/ SBC: /);
    expect(cleanupLines('Retell AI', 'trmum1abc', 'both')[0]).toMatch(/^At Retell AI: /);
  });
});

describe('verify headline with the partner side', () => {
  it('counts a partner difference once: the failing cross-side check, not also the field behind it', async () => {
    const { verifyView, verifySummaryLine } = await import('../../src/present/verify.js');
    const partner = {
      partner: 'livekit',
      title: 'LiveKit',
      host: 'example.livekit.cloud',
      inSync: false,
      ms: 3,
      notes: [],
      cross: [
        { check: 'digest username', exotel: 'u', partner: 'u', expected: 'u', status: 'ok' },
        { check: 'outbound address (Exotel edge)', exotel: 'in.voip.exotel.com:5070 tcp', partner: 'in.voip.exotel.com:5071 tcp', expected: 'in.voip.exotel.com:5070 tcp', status: 'drift', side: 'partner' },
      ],
      rows: [{ resource: 'outbound trunk', field: 'address', expected: 'in.voip.exotel.com:5070', actual: 'in.voip.exotel.com:5071', status: 'drift' }],
    };
    const rep = { recipeId: 'livekit', trunkSid: 'trmum1x', inSync: false, items: [], ms: 5, checked: [{ resource: 'trunk', key: 'name', ok: true }], partner } as never;
    expect(verifyView(rep).headline).toBe('! livekit: trunk trmum1x matches; LiveKit differs (1 item) (5 ms)');
    expect(verifySummaryLine(rep, 'exotrunk apply livekit')).toBe('! livekit: LiveKit differs from trunk trmum1x; exotrunk apply livekit repairs what the API can.');
  });
});

describe('verify rows that read wrong bare (wizard QA W17)', () => {
  it('auth type IP-WHITELIST says it is the documented value; secure trunking is a note, not a tick beside it', async () => {
    const { verifyView } = await import('../../src/present/verify.js');
    const rep = {
      recipeId: 'livekit',
      trunkSid: 'trmum1x',
      inSync: true,
      items: [],
      ms: 5,
      checked: [
        { resource: 'trunk', key: 'auth type IP-WHITELIST', ok: true },
        { resource: 'trunk', key: 'secure trunking disabled', ok: true },
        { resource: 'credential', key: 'livekit_sip', ok: true },
      ],
      notes: ['This setup uses SIP over TLS, and trunk trmum1x reports secure_trunking: disabled. No API call changes it: ask Exotel.'],
    } as never;
    const v = verifyView(rep);
    expect(v.checks.map((c) => c.item)).toEqual(["auth type IP-WHITELIST (Exotel's documented value for every trunk, digest too)", 'livekit_sip']);
    expect(v.notes[0]).toMatch(/secure_trunking: disabled/);
    // without the note (no TLS), the row is shown as before
    const plain = verifyView({ ...(rep as object), notes: [] } as never);
    expect(plain.checks.map((c) => c.item)).toContain('secure trunking disabled');
  });
});
