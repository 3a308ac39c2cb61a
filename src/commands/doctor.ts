/**
 * exotrunk doctor [recipe]: verify the trunk, probe the Exotel edge the partner dials and the partner host
 * Exotel sends inbound calls to, and explain every failure with the seed's SIP / media tables and the
 * partner's own troubleshooting rows. --sip-code explains one code without probing.
 */
import { parseTarget } from '../core/probe/target.js';
import { probe, type ProbeResult } from '../core/probe/probe.js';
import { explainSipCode, MEDIA_ISSUES } from '../core/probe/sip-codes.js';
import type { VerifyReport } from '../core/engine/types.js';
import { withEngine, type Globals } from './context.js';
import { bold, green, json, out, red, yellow } from './format.js';
import { intOpt } from './probe-cli.js';
import { renderProbeTable } from './probe.js';
import { sipCodeCommand } from './sip-code.js';
import { driftText } from './show.js';
import { cliName } from '../core/cli-name.js';

interface Finding {
  what: string;
  code?: number;
  meaning?: string;
  causes: string[];
  fixes: string[];
}

/** The SIP code a failed probe stands for: the answer it got, or 408 when nothing came back. */
function findingFor(label: string, r: ProbeResult): Finding | undefined {
  const code = r.sip?.statusCode;
  if (r.answered && code !== undefined && code < 300) return undefined;
  const effective = r.answered && code !== undefined ? code : 408;
  const row = explainSipCode(effective);
  const stage = r.stages.find((s) => !s.ok);
  return {
    what: `${label}: ${r.answered ? `answered SIP ${code}` : `failed at ${r.failedStage ?? 'sip'}${stage?.likelyCause ? ` (${stage.likelyCause})` : ''}`}`,
    code: effective,
    meaning: row?.meaning,
    causes: row?.causes ?? [],
    fixes: row?.fixes ?? [],
  };
}

export default async function doctor(args: unknown[], o: Record<string, unknown>): Promise<number> {
  const g = o as unknown as Globals;
  if (o.sipCode !== undefined) return sipCodeCommand(String(o.sipCode), { json: g.json }, { stdout: process.stdout, stderr: process.stderr });
  const timeoutMs = intOpt(o.timeoutMs, 'timeout-ms', 100, 60_000);
  return withEngine(g, async (engine) => {
    const run = engine.requireRun(args[0] as string | undefined);
    const recipe = engine.recipe(run.recipeId);
    const inputs = engine.inputsFromState(run);
    let report: VerifyReport | undefined;
    let verifyError: string | undefined;
    try {
      report = await engine.verify(run.recipeId);
    } catch (e) {
      verifyError = (e as Error).message;
    }
    const targets: { label: string; target: string }[] = [];
    if (inputs.direction !== 'inbound' && !inputs.skipTrunk) targets.push({ label: 'Exotel edge (partner → Exotel)', target: (o.edge as string) ?? `${inputs.edge.host}:${inputs.edge.port};transport=${inputs.edge.transport}` });
    if (inputs.destination || o.partner) targets.push({ label: `${recipe.title} SIP host (Exotel → partner)`, target: (o.partner as string) ?? inputs.destination! });
    const probes = await Promise.all(targets.map(async (t) => ({ ...t, result: await probe(parseTarget(t.target), { attempts: 2, timeoutMs }) })));
    const findings = probes.map((p) => findingFor(p.label, p.result)).filter((f): f is Finding => !!f);
    const partnerRows = recipe.troubleshooting.filter((t) => !findings.length || t.sip_code === undefined || findings.some((f) => f.code === t.sip_code));
    const ok = !!report?.inSync && !findings.length;
    if (g.json) {
      json({ ok, verify: report ?? { error: verifyError }, probes: probes.map((p) => ({ label: p.label, ...p.result })), findings, partnerTroubleshooting: partnerRows, media: MEDIA_ISSUES });
    } else {
      out(bold(`Doctor: ${recipe.title} (${run.direction}) on ${engine.label}\n`));
      out(report ? driftText(report) : red(`✗ verify failed: ${verifyError}`));
      for (const p of probes) out(`\n${bold(p.label)}\n${renderProbeTable(p.result)}`);
      if (findings.length) {
        out(bold('\nWhat the failures mean'));
        for (const f of findings) {
          out(red(`✗ ${f.what}`));
          if (f.meaning) out(`  SIP ${f.code}: ${f.meaning}`);
          for (const c of f.causes) out(`  - cause: ${c}`);
          for (const x of f.fixes) out(`  - check: ${x}`);
        }
      } else if (probes.length) out(green('\n✓ Every SIP host answered.'));
      if (partnerRows.length) {
        out(bold(`\n${recipe.title}: symptoms and what to check`));
        for (const t of partnerRows) out(`  • ${t.symptom}${t.sip_code ? ` (SIP ${t.sip_code})` : ''}: ${t.check}`);
      }
      out(yellow(`\nMedia: ${MEDIA_ISSUES.map((m) => m.symptom).join('; ')}. See ${cliName()} doctor --sip-code 488 for codecs.`));
    }
    if (report && !report.inSync) return 3;
    return ok ? 0 : 1;
  });
}
