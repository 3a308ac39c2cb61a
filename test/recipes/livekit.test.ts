/**
 * LiveKit: every direction and transport, each JSON file through LiveKit's own protobuf JSON parser
 * (@livekit/protocol fromJson, unknown fields refused, as lk's protojson does) and the script through sh -n and
 * shellcheck. The dispatch-rule and number checks port the two rules of LiveKit's SIP service that decide
 * whether a call is accepted (github.com/livekit/protocol sip/sip.go and livekit/sip.go, checked 2026-11-29):
 * DispatchRuleValidator.Validate (a rule's trunk × number × PIN key must be unique in the project) and
 * MatchTrunkDetailed + NormalizeNumber (a trunk number matches the called number as written or normalised).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSIPDispatchRuleRequest,
  CreateSIPInboundTrunkRequest,
  CreateSIPOutboundTrunkRequest,
  SIPMediaEncryption,
  SIPTransport,
  type SIPDispatchRuleInfo,
} from '@livekit/protocol';
import { describe, expect, it } from 'vitest';
import { loadRecipe } from '../../src/core/recipes/loader.js';
import { fixtureInputs } from '../helpers/render-fixture.js';
import { expectGolden, expectSecretsOnlyInSecretOutputs, FIXTURE, renderRecipe } from './partner-golden.js';

const STRICT = { ignoreUnknownFields: false };
const BASE = { livekit_subdomain: 'abc123xyz', livekit_agent_name: 'exotel-agent', livekit_room_prefix: 'call-' };

const outbound = (json: unknown) => CreateSIPOutboundTrunkRequest.fromJson(json as never, STRICT).trunk!;
const inbound = (json: unknown) => CreateSIPInboundTrunkRequest.fromJson(json as never, STRICT).trunk!;
const dispatch = (json: unknown) => CreateSIPDispatchRuleRequest.fromJson(json as never, STRICT).dispatchRule!;

/** livekit/sip.go NormalizeNumber */
function normalizeNumber(num: string): string {
  if (!num || !/^\+?[\d\- ()]+$/.test(num)) return num;
  const n = num.replace(/[ \-()]/g, '');
  return n.startsWith('+') ? n : `+${n}`;
}
/** sip/sip.go MatchTrunkDetailed: does a trunk listing `numbers` take a call to `calledUser`? */
const trunkTakes = (numbers: string[], calledUser: string) =>
  numbers.some((n) => n === calledUser || normalizeNumber(n) === normalizeNumber(calledUser));

/** sip/sip.go DispatchRuleValidator.Validate over a project's rules; returns the conflict message or undefined. */
type RuleKeys = Pick<SIPDispatchRuleInfo, 'name' | 'trunkIds' | 'inboundNumbers' | 'numbers'>;
function dispatchConflict(rules: RuleKeys[]): string | undefined {
  const seen = new Map<string, RuleKeys>();
  for (const r of rules) {
    const trunks = r.trunkIds.length ? r.trunkIds : [''];
    const inboundNumbers = r.inboundNumbers.length ? r.inboundNumbers : [''];
    const numbers = r.numbers.length ? r.numbers : [''];
    for (const t of trunks)
      for (const i of inboundNumbers)
        for (const n of numbers) {
          const key = JSON.stringify([t, normalizeNumber(i), normalizeNumber(n)]);
          if (seen.has(key)) return `Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in dispatch rule "${seen.get(key)!.name}"`;
          seen.set(key, r);
        }
  }
  return undefined;
}

/** A project-wide catch-all, as LiveKit's quickstarts leave behind. */
const CATCH_ALL = dispatch({ dispatch_rule: { name: 'quickstart default', rule: { dispatchRuleIndividual: { roomPrefix: 'call-' } } } });

describe('livekit outbound', () => {
  it.each([
    ['tcp', SIPTransport.SIP_TRANSPORT_TCP, 'in.voip.exotel.com:5070', SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE],
    ['tls', SIPTransport.SIP_TRANSPORT_TLS, 'in.voip.exotel.com:443', SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW],
  ] as const)('over %s: the trunk parses, dials the Exotel edge and sets the media encryption of that leg', (t, transport, address, enc) => {
    const r = renderRecipe('livekit', 'outbound', { ...BASE, edge_transport: t }, { auth: 'digest' });
    const trunk = outbound(r.json('livekit-outbound-trunk'));
    expect(trunk.address).toBe(address);
    expect(trunk.transport).toBe(transport);
    expect(trunk.numbers).toEqual([FIXTURE.did]);
    expect([trunk.authUsername, trunk.authPassword]).toEqual([FIXTURE.username, FIXTURE.password]);
    expect(trunk.media?.encryption).toBe(enc);
    expect(r.outputs.map((o) => o.id)).not.toContain('livekit-dispatch-rule');
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('livekit', `outbound-${t}`, r.outputs);
  });

  it('uses the lower-case destination_country LiveKit documents ("in")', () => {
    const r = renderRecipe('livekit', 'outbound', BASE);
    expect((r.json('livekit-outbound-trunk') as { trunk: { destination_country: string } }).trunk.destination_country).toBe('in');
    expect(outbound(r.json('livekit-outbound-trunk')).destinationCountry).toBe('in');
  });

  it('require is kept when asked for, and the question is not asked without a TLS leg', () => {
    const recipe = loadRecipe('livekit');
    const tls = fixtureInputs(recipe, 'outbound', { ...BASE, edge_transport: 'tls', livekit_media_encryption: 'require' });
    expect(tls.answers.values.livekit_media_encryption).toBe('require');
    const tcp = fixtureInputs(recipe, 'outbound', { ...BASE, edge_transport: 'tcp', livekit_media_encryption: 'require' });
    expect(tcp.answers.values).not.toHaveProperty('livekit_media_encryption');
    const r = renderRecipe('livekit', 'outbound', { ...BASE, edge_transport: 'tls', livekit_media_encryption: 'require' });
    expect(outbound(r.json('livekit-outbound-trunk')).media?.encryption).toBe(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE);
  });
});

describe('livekit inbound', () => {
  it.each([
    ['tls', 'abc123xyz.india.sip.livekit.cloud:5061;transport=tls', SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW],
    ['tcp', 'abc123xyz.india.sip.livekit.cloud:5060;transport=tcp', SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE],
  ] as const)('over %s: the inbound trunk, the dispatch rule and the destination agree', (t, destination, enc) => {
    const r = renderRecipe('livekit', 'inbound', { ...BASE, inbound_transport: t }, { auth: 'none' });
    const trunk = inbound(r.json('livekit-inbound-trunk'));
    expect(trunk.allowedAddresses).toEqual(['35.154.174.161/32', '98.130.67.66/32', '129.154.231.198/32']);
    expect(trunk.media?.encryption).toBe(enc);
    expect(r.byId('connect-applet').content).toContain(destination);
    const rule = dispatch(r.json('livekit-dispatch-rule'));
    expect(rule.rule?.rule.case).toBe('dispatchRuleIndividual');
    expect(rule.roomConfig?.agents.map((a) => a.agentName)).toEqual(['exotel-agent']);
    expectGolden('livekit', `inbound-${t}`, r.outputs);
  });

  it('the dispatch rule is scoped to the inbound trunk, so it coexists with a catch-all and takes no other trunk\'s calls', () => {
    const r = renderRecipe('livekit', 'inbound', { ...BASE, livekit_inbound_trunk_id: 'ST_a1B2c3D4e5F6' });
    const rule = dispatch(r.json('livekit-dispatch-rule'));
    expect(rule.trunkIds).toEqual(['ST_a1B2c3D4e5F6']);
    expect(dispatchConflict([CATCH_ALL, rule])).toBeUndefined();
    // the port refuses what LiveKit refuses: an unscoped rule next to the catch-all
    expect(dispatchConflict([CATCH_ALL, { ...rule, trunkIds: [] }])).toMatch(/already exists/);
    const script = r.byId('livekit-commands').content;
    expect(script).toContain('INBOUND_TRUNK_ID=ST_a1B2c3D4e5F6');
    expect(script).not.toContain('lk sip inbound create');
    expectGolden('livekit', 'inbound-known-trunk', r.outputs);
  });

  it('without the trunk id, the script creates the inbound trunk and passes its id to --trunks', () => {
    const r = renderRecipe('livekit', 'inbound', BASE);
    const script = r.byId('livekit-commands').content;
    const create = script.indexOf('INBOUND_TRUNK_ID=$(lk sip inbound create livekit-inbound-trunk.json');
    const rule = script.indexOf('lk sip dispatch create --trunks "$INBOUND_TRUNK_ID" livekit-dispatch-rule.json');
    expect(create).toBeGreaterThan(-1);
    expect(rule).toBeGreaterThan(create);
    // the file still names the trunk it is for: pasted unedited it matches no trunk rather than every trunk
    expect(dispatch(r.json('livekit-dispatch-rule')).trunkIds).toHaveLength(1);
    expect(r.byId('livekit-dispatch-rule').paste).toMatch(/after replacing the trunk_ids placeholder/);
  });

  it('the inbound trunk takes the DID in every form Exotel may put in the INVITE, and no other number', () => {
    const trunk = inbound(renderRecipe('livekit', 'inbound', BASE).json('livekit-inbound-trunk'));
    for (const to of ['+918012345678', '918012345678', '08012345678', '8012345678']) expect(trunkTakes(trunk.numbers, to), to).toBe(true);
    expect(trunkTakes(trunk.numbers, '+918012345679')).toBe(false);
    // the E.164 form alone, as rendered before, misses the national forms
    expect(trunkTakes([FIXTURE.did], '08012345678')).toBe(false);
  });

  it('refuses a trunk id that is not LiveKit\'s, as it is typed', () => {
    expect(() => fixtureInputs(loadRecipe('livekit'), 'inbound', { ...BASE, livekit_inbound_trunk_id: 'SDR_abc' })).toThrow(/not a LiveKit SIP trunk id/);
  });
});

describe('livekit both', () => {
  it('TLS in both directions: SRTP allowed on both legs, one script for all of it', () => {
    const r = renderRecipe('livekit', 'both', { ...BASE, edge_transport: 'tls', inbound_transport: 'tls' }, { auth: 'digest' });
    expect(outbound(r.json('livekit-outbound-trunk')).media?.encryption).toBe(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW);
    expect(inbound(r.json('livekit-inbound-trunk')).media?.encryption).toBe(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_ALLOW);
    dispatch(r.json('livekit-dispatch-rule'));
    expect(r.byId('livekit-commands').content).toMatch(/lk sip outbound create[\s\S]*lk sip inbound create[\s\S]*lk sip dispatch create --trunks/);
    expectSecretsOnlyInSecretOutputs(r.outputs);
    expectGolden('livekit', 'both-tls', r.outputs);
  });

  it('mixed legs: each trunk follows its own leg', () => {
    const r = renderRecipe('livekit', 'both', { ...BASE, edge_transport: 'tcp', inbound_transport: 'tls', livekit_media_encryption: 'require' });
    expect(outbound(r.json('livekit-outbound-trunk')).media?.encryption).toBe(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_DISABLE);
    expect(inbound(r.json('livekit-inbound-trunk')).media?.encryption).toBe(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE);
  });
});

describe('livekit-commands.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exotrunk-livekit-'));
  const cases = [
    ['outbound tls', renderRecipe('livekit', 'outbound', { ...BASE, edge_transport: 'tls' })],
    ['inbound', renderRecipe('livekit', 'inbound', BASE)],
    ['inbound, trunk known', renderRecipe('livekit', 'inbound', { ...BASE, livekit_inbound_trunk_id: 'ST_a1B2c3D4e5F6' })],
    ['both, no agent', renderRecipe('livekit', 'both', { ...BASE, livekit_agent_name: '' })],
  ] as const;

  it.each(cases)('%s: parses with sh -n and passes shellcheck', (name, r) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.sh`);
    writeFileSync(file, r.byId('livekit-commands').content);
    expect(spawnSync('sh', ['-n', file]).status).toBe(0);
    const check = spawnSync('shellcheck', ['-s', 'sh', file], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('runs from the user folder as the checklist says (sh .exotrunk/out/livekit/livekit-commands.sh): lk reads the JSON files beside it', () => {
    const r = renderRecipe('livekit', 'both', BASE);
    const step = r.recipe.checklist.map((c) => c.text).find((t) => t.includes('livekit-commands.sh'))!;
    expect(step).toMatch(/^Run sh \.exotrunk\/out\/livekit\/livekit-commands\.sh from your folder/);
    expect(step).toMatch(/Paste those JSON files in LiveKit Cloud by hand only if you do not use the script/);
    const user = mkdtempSync(join(tmpdir(), 'exotrunk-user-'));
    const out = join(user, '.exotrunk', 'out', 'livekit');
    mkdirSync(out, { recursive: true });
    for (const o of r.outputs) writeFileSync(join(out, o.file), o.content);
    const bin = mkdtempSync(join(tmpdir(), 'exotrunk-lk-'));
    // a stand-in lk that records where it ran and whether the file it was given is there
    writeFileSync(
      join(bin, 'lk'),
      '#!/bin/sh\nfor a in "$@"; do case "$a" in *.json) [ -f "$a" ] || { echo "missing $a in $(pwd)" >&2; exit 1; };; esac; done\necho "$(pwd) lk $*" >> "$LOG"\ncase "$*" in "sip inbound create"*) echo "SIPTrunkID: ST_fromLk123";; esac\n',
      { mode: 0o755 },
    );
    const log = join(bin, 'log');
    execFileSync('sh', ['.exotrunk/out/livekit/livekit-commands.sh'], { cwd: user, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LOG: log } });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.slice(0, 3)).toEqual([
      `${realpathSync(out)} lk sip outbound create livekit-outbound-trunk.json`,
      `${realpathSync(out)} lk sip inbound create livekit-inbound-trunk.json`,
      `${realpathSync(out)} lk sip dispatch create --trunks ST_fromLk123 livekit-dispatch-rule.json`,
    ]);
  });

  it('the script captures the trunk id from the line lk prints (livekit-cli cmd/lk/sip.go printSIPInboundTrunkID)', () => {
    const script = renderRecipe('livekit', 'inbound', BASE).byId('livekit-commands').content;
    const file = join(dir, 'fake-lk.sh');
    // a stand-in lk on PATH that prints what the real one prints, and records what it was asked
    const bin = mkdtempSync(join(tmpdir(), 'exotrunk-lk-'));
    writeFileSync(join(bin, 'lk'), '#!/bin/sh\necho "lk $*" >> "$LOG"\ncase "$*" in "sip inbound create"*) echo "SIPTrunkID: ST_fromLk123";; esac\n', { mode: 0o755 });
    writeFileSync(file, script);
    const log = join(bin, 'log');
    execFileSync('sh', [file], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, LOG: log } });
    const calls = execFileSync('cat', [log], { encoding: 'utf8' }).trim().split('\n');
    expect(calls).toEqual([
      'lk sip inbound create livekit-inbound-trunk.json',
      'lk sip dispatch create --trunks ST_fromLk123 livekit-dispatch-rule.json',
      'lk sip inbound list',
      'lk sip dispatch list',
    ]);
  });
});
