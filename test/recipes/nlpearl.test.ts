/**
 * NLPearl Custom VoIP is a portal form with no public API or SDK to check against, so the rendered form is
 * parsed into its fields and checked with a schema of that form. The field names and choices follow Exotel's
 * NLPearl guide (github.com/exotel/AgentStream-VoiceAIEcosystem docs/support/exotel-nlpearl-sip-trunk.md,
 * commit 882f833, read 2026-11-29), which cites NLPearl's Custom VoIP page
 * (https://developers.nlpearl.ai/pages/custom_voip, not reachable from here). Where SIP goes: Exotel's vSIP
 * TCP (5070) and TLS (443) integration guides, https://developer.exotel.com/docs/vsip/tcp-integration and
 * /tls-integration, checked 2026-11-29.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

/** "| field | value |" rows under a "## <section>" heading → { section: { field: value } } */
function formTables(markdown: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  let section = '';
  for (const line of markdown.split('\n')) {
    const h = /^## (.+)$/.exec(line);
    if (h) section = h[1]!.trim();
    const row = /^\| (.+?) \| (.+) \|$/.exec(line);
    if (row && section && row[1] !== 'NLPearl field' && !/^-+$/.test(row[1]!)) (out[section] ??= {})[row[1]!] = row[2]!;
  }
  return out;
}
const code = (cell: string) => /^`([^`]+)`/.exec(cell)?.[1] ?? '';

/** The SIP URI of Exotel's edge: host, port 5070 (TCP) or 443 (TLS), and the transport parameter that says which. */
const EXOTEL_EDGE_URI = /^sip:[a-z0-9.-]+:(5070;transport=tcp|443;transport=tls)$/;

const Outbound = z
  .object({
    'SIP Trunk URL': z.string().refine((v) => EXOTEL_EDGE_URI.test(code(v)), 'the SIP Trunk URL must be Exotel\'s edge with port and transport'),
    'User Part': z.string().regex(/^`[^`]+`$/),
    'Credentials Authentication': z.literal('on'),
    Username: z.string().regex(/^`[^`]+`$/),
    Password: z.string().regex(/^`[^`]+`$/),
    'TLS (SRTP) Encryption': z.string().regex(/^(on|off)\b/),
    'Transfer Call using SIP REFER': z.literal('off'),
  })
  .strict();
const Inbound = z.object({ Authentication: z.string().startsWith('IP Address Authentication'), 'TLS (SRTP) Encryption': z.enum(['on', 'off']) }).strict();

function form(r: ReturnType<typeof renderRecipe>) {
  const tables = formTables(r.byId('nlpearl-custom-voip').content);
  return {
    outbound: tables['Outbound configuration'] ? Outbound.parse(tables['Outbound configuration']) : undefined,
    inbound: tables['Inbound configuration'] ? Inbound.parse(tables['Inbound configuration']) : undefined,
  };
}

const SIP_DOMAIN = { nlpearl_sip_domain: 'abc123.sip.nlpearl.example' };

describe('nlpearl recipe', () => {
  it('outbound over TCP: the SIP Trunk URL is the Exotel edge with port 5070 and transport, never the trunk domain', () => {
    const r = renderRecipe('nlpearl', 'outbound', { nlpearl_user_part: 'did' });
    const f = form(r);
    expect(code(f.outbound!['SIP Trunk URL'])).toBe('sip:in.voip.exotel.com:5070;transport=tcp');
    expect(f.outbound!['SIP Trunk URL']).not.toContain('pstn.exotel.com`');
    expect(f.outbound!['User Part']).toBe(`\`${FIXTURE.did}\``);
    expect(f.outbound!['TLS (SRTP) Encryption']).toMatch(/^off/);
    expect(f.inbound).toBeUndefined();
    expect(r.byId('nlpearl-custom-voip').secret).toBe(true);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('nlpearl', 'outbound', r.outputs);
  });

  it('inbound: the NLPearl SIP Domain becomes the TLS destination (POST, not PUT), with the number check', () => {
    const r = renderRecipe('nlpearl', 'inbound', { ...SIP_DOMAIN, nlpearl_inbound_transport: 'tls', nlpearl_inbound_port: '5061' }, { auth: 'none' });
    const f = form(r);
    expect(f.outbound).toBeUndefined();
    expect(f.inbound!['TLS (SRTP) Encryption']).toBe('on');
    expect(r.byId('connect-applet').content).toContain('abc123.sip.nlpearl.example:5061;transport=tls');
    expect(r.byId('nlpearl-custom-voip').content).toContain('POST …/destination-uris');
    expect(r.byId('nlpearl-custom-voip').content).toContain('`08012345678`');
    expectGolden('nlpearl', 'inbound', r.outputs);
  });

  it('both, TLS toward Exotel: port 443 and SRTP on', () => {
    const r = renderRecipe('nlpearl', 'both', { edge_transport: 'tls', ...SIP_DOMAIN, nlpearl_inbound_transport: 'tcp', nlpearl_inbound_port: '5060' });
    const f = form(r);
    expect(code(f.outbound!['SIP Trunk URL'])).toBe('sip:in.voip.exotel.com:443;transport=tls');
    expect(f.outbound!['TLS (SRTP) Encryption']).toMatch(/^on/);
    expect(f.outbound!['User Part']).toBe(`\`${FIXTURE.username}\``);
    expect(f.inbound!['TLS (SRTP) Encryption']).toBe('off');
    expect(r.byId('connect-applet').content).toContain('abc123.sip.nlpearl.example:5060;transport=tcp');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('nlpearl', 'both', r.outputs);
  });

  it('the form schema refuses the trunk domain, a bare host and an unknown field', () => {
    const good = formTables(renderRecipe('nlpearl', 'outbound').byId('nlpearl-custom-voip').content)['Outbound configuration']!;
    expect(Outbound.safeParse(good).success).toBe(true);
    expect(Outbound.safeParse({ ...good, 'SIP Trunk URL': '`sip:exoteltest.pstn.exotel.com`' }).success).toBe(false);
    expect(Outbound.safeParse({ ...good, 'SIP Trunk URL': '`sip:in.voip.exotel.com`' }).success).toBe(false);
    expect(Outbound.safeParse({ ...good, 'Data center': 'auto' }).success).toBe(false);
  });
});
