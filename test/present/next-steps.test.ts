/**
 * The next steps read top to bottom (wizard QA W3): step 1 names the out folder and groups the configs that are
 * alternatives (a recipe's `alternative_of`): the LiveKit script OR the JSON files it sends, ONE firewall of three.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOutputs } from '../../src/core/render/render.js';
import { resultsLines, resultsModel } from '../../src/present/results.js';
import { fixtureContext } from '../helpers/render-fixture.js';
import { DID, inputs, IP_A } from '../plan/fixtures.js';

function lines(recipeId: string, set: Record<string, string>) {
  const i = inputs(recipeId, { did: DID, ...set });
  const outputs = renderOutputs(i.recipe, fixtureContext(i.recipe, i.direction, set));
  const dir = join(process.cwd(), '.exotrunk', 'out', recipeId);
  const files = outputs.map((o) => ({ file: o.file, path: join(dir, o.file), mode: o.secret ? 0o600 : 0o644 }));
  const run = { trunkSid: 'trmum1aaaaaaaaaaaaaaaaaaaaaa', trunkName: recipeId, resources: { numbers: {}, acl: {}, destinations: {} } } as never;
  return resultsLines(resultsModel(i, outputs, files, run, 'SANDBOX'));
}

describe('next steps: alternatives grouped, the out folder named', () => {
  it('LiveKit: run the script OR paste the three JSON files it sends, not both', () => {
    const l = lines('livekit', { direction: 'both', livekit_subdomain: 'abc123' });
    const text = l.join('\n');
    expect(text).not.toMatch(/Paste each of the \d+ configs/);
    expect(l[l.indexOf('Next steps:') + 1]).toMatch(/^ {2}1\. Use the configs in \.exotrunk\/out\/livekit\/ as follows/);
    expect(text).toMatch(/• LiveKit CLI commands, in order: run livekit-commands\.sh OR paste the 3 files it sends by hand \(livekit-outbound-trunk\.json, livekit-inbound-trunk\.json, livekit-dispatch-rule\.json\), not both/);
    expect(text).toMatch(/• exotel-edge\.txt: Exotel edge/);
  });

  it('own PBX: ONE of pjsip or FreePBX; firewall: ONE of iptables, ufw or AWS', () => {
    const text = lines('own-pbx', { direction: 'both', pbx_ips: IP_A, pbx_host: IP_A }).join('\n');
    expect(text).toContain('1. Use the configs in .exotrunk/out/own-pbx/ as follows');
    expect(text).toMatch(/• ONE of pjsip-exotel\.conf \(Asterisk pjsip\.conf sections\) or freepbx-trunk\.txt \(FreePBX trunk fields\), whichever your setup uses; not both/);
    expect(text).toMatch(/• Firewall: ONE of firewall-iptables\.sh \(iptables\), firewall-ufw\.sh \(ufw\) or firewall-aws-sg\.json \(AWS security group rules\), whichever your setup uses; not more than one/);
    // each file is in exactly one line of step 1
    const step1 = text.slice(text.indexOf('1. Use'), text.indexOf('  2. '));
    for (const f of ['pjsip-exotel.conf', 'freepbx-trunk.txt', 'exotel-edge.txt', 'firewall-iptables.sh', 'firewall-ufw.sh', 'firewall-aws-sg.json']) expect(step1.split(f).length - 1, f).toBe(1);
  });

  it('the file list keeps the (secret) marker', () => {
    const text = lines('livekit', { direction: 'both', livekit_subdomain: 'abc123' }).join('\n');
    expect(text).toMatch(/^ {2}\.exotrunk\/out\/livekit\/livekit-outbound-trunk\.json \(secret\)$/m);
    expect(text).toMatch(/^ {2}\.exotrunk\/out\/livekit\/exotel-edge\.txt$/m);
  });
});
