import { describe, expect, it } from 'vitest';
import { answersError, collectAnswers, nextQuestion } from '../../src/core/engine/answers.js';
import { buildInputs } from '../../src/core/engine/inputs.js';
import { InputError } from '../../src/core/errors.js';
import { loadRecipe } from '../../src/core/recipes/loader.js';

const DID = '+918012345678';

describe('collectAnswers / answersError', () => {
  it('lists every missing answer at once, with how to supply each, and sends nothing', () => {
    const recipe = loadRecipe('own-pbx');
    const r = collectAnswers(recipe, { set: {}, env: {} });
    expect(r.missing.map((q) => q.id).sort()).toEqual(['did', 'pbx_host', 'pbx_ips']);
    const err = answersError(recipe, r);
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toContain('3 answer(s) missing');
    expect(err!.message).toContain('nothing was sent');
    const details = (err as InputError & { details?: string[] }).details ?? [];
    expect(details).toHaveLength(3);
    expect(details.join('\n')).toContain('--set did=');
    expect(details.join('\n')).toContain('EXOTRUNK_PBX_IPS');
  });

  it('an invalid trunk_name is reported alone: sip_username (whose default comes from it) is not called missing', () => {
    const recipe = loadRecipe('retell');
    const r = collectAnswers(recipe, { set: { direction: 'outbound', did: DID, retell_agent_id: 'agent_x', trunk_name: 'bad name!' }, env: {} });
    expect(r.invalid.map((i) => i.id)).toEqual(['trunk_name']);
    expect(r.missing).toEqual([]);
  });

  it('no error when everything is answered', () => {
    const recipe = loadRecipe('livekit');
    const r = collectAnswers(recipe, { set: { did: DID, livekit_subdomain: 'abc123' }, env: {} });
    expect(r.missing).toEqual([]);
    expect(answersError(recipe, r)).toBeUndefined();
  });

  it('refuses a secret on --set, and does not use it', () => {
    const recipe = loadRecipe('livekit');
    const r = collectAnswers(recipe, { set: { did: DID, direction: 'outbound', sip_password: 'Sup3r-Secret-Passw0rd-123' }, env: {} });
    expect(r.invalid.map((i) => [i.id, i.source])).toEqual([['sip_password', 'flag']]);
    expect(r.invalid[0].message).not.toContain('Sup3r-Secret-Passw0rd-123');
    // the flag value was ignored: a generated password took its place
    expect(r.answers.secrets.sip_password.reveal()).not.toBe('Sup3r-Secret-Passw0rd-123');
    const err = answersError(recipe, r)!;
    expect(err.message).toContain('invalid');
    expect(JSON.stringify({ m: err.message, d: (err as { details?: unknown }).details })).not.toContain('Sup3r-Secret-Passw0rd-123');
  });

  it('refuses unknown keys from --set and from an answers file', () => {
    const recipe = loadRecipe('retell');
    const r = collectAnswers(recipe, { set: { did: DID, retell_agent_id: 'agent_1', colour: 'blue' }, file: { flavour: 'x' }, env: {} });
    expect(r.invalid.map((i) => [i.id, i.source]).sort()).toEqual([['colour', 'flag'], ['flavour', 'file']]);
    expect(r.invalid[0].message).toContain('valid keys are');
  });

  it('an invalid value is reported with its source', () => {
    const recipe = loadRecipe('retell');
    const r = collectAnswers(recipe, { set: { did: '08012345678', retell_agent_id: 'agent_1' }, env: {} });
    expect(r.invalid.map((i) => [i.id, i.source])).toEqual([['did', 'flag']]);
    expect(answersError(recipe, r)).toBeInstanceOf(InputError);
  });

  it('uses environment answers (and --set wins over the environment)', () => {
    const recipe = loadRecipe('retell');
    const env = { EXOTRUNK_DID: DID, EXOTRUNK_RETELL_AGENT_ID: 'agent_env', EXOTRUNK_DIRECTION: 'outbound' };
    const r = collectAnswers(recipe, { set: { retell_agent_id: 'agent_flag' }, env });
    expect(r.missing).toEqual([]);
    expect(r.answers.values.did).toBe(DID);
    expect(r.answers.sources.did).toBe('env');
    expect(r.answers.values.direction).toBe('outbound');
    expect(r.answers.values.retell_agent_id).toBe('agent_flag');
    expect(r.answers.sources.retell_agent_id).toBe('flag');
  });

  it('a secret from the environment is kept as a Secret, never in values', () => {
    const recipe = loadRecipe('livekit');
    const pw = 'Env-Supplied-Passw0rd-42xyz';
    const r = collectAnswers(recipe, { set: { did: DID, direction: 'outbound' }, env: { EXOTRUNK_SIP_PASSWORD: pw } });
    expect(r.invalid).toEqual([]);
    expect(r.answers.secrets.sip_password.reveal()).toBe(pw);
    expect(r.answers.sources.sip_password).toBe('env');
    expect(JSON.stringify(r.answers.values)).not.toContain(pw);
  });

  it('generates a SIP password (>= 20 chars) when digest is chosen', () => {
    for (const [id, set] of [
      ['livekit', { did: DID, direction: 'outbound' }],
      ['retell', { did: DID, retell_agent_id: 'agent_1' }],
      ['elevenlabs', { did: DID }],
    ] as const) {
      const recipe = loadRecipe(id);
      const r = collectAnswers(recipe, { set, env: {} });
      expect(r.missing, id).toEqual([]);
      expect(r.answers.sources.sip_password, id).toBe('generated');
      expect(r.answers.secrets.sip_password.reveal().length, id).toBeGreaterThanOrEqual(20);
      expect(buildInputs(recipe, r.answers).auth.digest, id).toBe(true);
    }
    // two runs never get the same password
    const a = collectAnswers(loadRecipe('elevenlabs'), { set: { did: DID }, env: {} }).answers.secrets.sip_password.reveal();
    const b = collectAnswers(loadRecipe('elevenlabs'), { set: { did: DID }, env: {} }).answers.secrets.sip_password.reveal();
    expect(a).not.toBe(b);
  });

  it('no SIP username or password when the rules pick ACL (own PBX) or there is no trunk (Rapida native)', () => {
    const pbx = collectAnswers(loadRecipe('own-pbx'), { set: { did: DID, pbx_ips: '44.248.146.11', pbx_host: 'pbx.example.com' }, env: {} });
    expect(pbx.missing).toEqual([]);
    expect(pbx.answers.secrets.sip_password).toBeUndefined();
    expect(pbx.answers.values.sip_username).toBeUndefined();
    const inbound = collectAnswers(loadRecipe('livekit'), { set: { did: DID, direction: 'inbound', livekit_subdomain: 'abc123' }, env: {} });
    expect(inbound.answers.secrets.sip_password).toBeUndefined();
    const rapida = collectAnswers(loadRecipe('rapida'), { set: { did: DID, direction: 'both', rapida_assistant_id: '42' }, env: { EXOTRUNK_RAPIDA_API_KEY: 'rpd-key' } });
    expect(rapida.missing).toEqual([]);
    expect(rapida.answers.secrets.sip_password).toBeUndefined();
    expect(rapida.answers.secrets.rapida_api_key.reveal()).toBe('rpd-key');
  });

  it('generateSecrets: false leaves the password to the caller (the wizard asks)', () => {
    const r = collectAnswers(loadRecipe('elevenlabs'), { set: { did: DID }, env: {} }, { generateSecrets: false });
    expect(r.answers.secrets.sip_password).toBeUndefined();
    expect(r.missing).toEqual([]); // the password is optional: the wizard offers to generate it
  });

  it('previous answers and kept secrets are reused on a re-run', () => {
    const recipe = loadRecipe('elevenlabs');
    const r = collectAnswers(recipe, { set: {}, env: {}, previous: { did: DID, direction: 'outbound' }, previousSecrets: { sip_password: 'Kept-From-Before-Passw0rd-1' } });
    expect(r.missing).toEqual([]);
    expect(r.answers.sources.did).toBe('state');
    expect(r.answers.secrets.sip_password.reveal()).toBe('Kept-From-Before-Passw0rd-1');
    expect(r.answers.sources.sip_password).toBe('state');
  });

  it('nextQuestion starts at direction; after headless collection only optional questions remain', () => {
    const recipe = loadRecipe('retell');
    const r = collectAnswers(recipe, { set: { did: DID, retell_agent_id: 'agent_1' }, env: {} });
    const next = nextQuestion(recipe, r.answers);
    expect(next === undefined || next.optional).toBe(true);
    expect(nextQuestion(recipe, { values: {}, secrets: {}, sources: {} })?.id).toBe('direction');
  });

  it('does not ask partner egress IPs of a partner that publishes ranges, and refuses them given', () => {
    const retell = loadRecipe('retell');
    const r = collectAnswers(retell, { set: { did: DID, retell_agent_id: 'agent_1', partner_egress_ips: '44.248.146.11' }, env: {} });
    expect(r.invalid.map((i) => i.id)).toEqual(['partner_egress_ips']);
    expect(r.invalid[0].message).toMatch(/ranges.*digest/);
    const lk = loadRecipe('livekit');
    const ok = collectAnswers(lk, { set: { did: DID, direction: 'outbound', partner_egress_ips: '44.248.146.11' }, env: {} });
    expect(ok.invalid).toEqual([]);
    expect(ok.answers.values.partner_egress_ips).toEqual(['44.248.146.11']);
  });
});
