/**
 * exotrunk doctor [recipe]: verify the trunk, probe the Exotel edge the partner dials and the partner host
 * Exotel sends inbound calls to, and explain every failure with the seed's SIP / media tables and the
 * partner's own troubleshooting rows. --sip-code explains one code without probing.
 */
import { cliName, explainSipCode, MEDIA_ISSUES, parseTarget, probe } from '../core/engine/index.js';
import type { ProbeResult, VerifyReport } from '../core/engine/types.js';
import type { OptionValues } from 'commander';
import { withEngine } from './context.js';
import { globalsOf, num, text } from './options.js';
import { lookup } from 'node:dns/promises';
import { bold, green, json, out, outputWidth, red, wrap, yellow } from './format.js';
import { targetLabel } from '../present/target.js';
import { renderProbeTable } from './probe.js';
import { sipCodeCommand } from './sip-code.js';
import { reportText } from './show.js';
import { checkRecipeId } from './recipe-arg.js';

interface Finding {
  what: string;
  code?: number;
  meaning?: string;
  causes: string[];
  fixes: string[];
}

/**
 * No network at all: a name that always resolves does not. Asked only when a probe failed at DNS, to tell
 * "this machine is offline" from "this host name is wrong". EXOTRUNK_NETWORK_CHECK_HOST names another host
 * to ask (the tests pin both answers with it: localhost resolves everywhere, a .invalid name nowhere).
 */
async function offline(): Promise<boolean> {
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 2500).unref());
  try {
    return (await Promise.race([lookup(process.env.EXOTRUNK_NETWORK_CHECK_HOST || 'exotel.com'), timeout])) === 'timeout';
  } catch {
    return true;
  }
}

/** A host that does not resolve, with advice for that host (the edge is Exotel's, the partner host the answers'). */
function dnsFinding(label: string, r: ProbeResult, edge: boolean): Finding {
  return {
    what: `${label}: ${r.host} does not resolve`,
    causes: [edge ? 'The edge host name is mistyped, or your account uses another edge.' : 'The partner SIP host in the answers is mistyped, or the partner has not created it yet.'],
    fixes: [edge ? 'Use the SIP edge Exotel assigned to your account (in.voip.exotel.com by default), or pass --edge host:port;transport=tcp.' : `Check the destination host against the partner dashboard (or probe another with --partner host:port;transport=tls), then run ${cliName()} apply again.`],
  };
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

export default async function doctor(args: unknown[], o: OptionValues): Promise<number> {
  const g = globalsOf(o);
  const sipCode = text(o, 'sipCode');
  if (sipCode !== undefined) return sipCodeCommand(sipCode, { json: g.json }, { stdout: process.stdout, stderr: process.stderr });
  const timeoutMs = num(o, 'timeoutMs') ?? 3000;
  const edge = text(o, 'edge');
  const partner = text(o, 'partner');
  return withEngine(g, async (engine) => {
    const run = engine.requireRun(args[0] === undefined ? undefined : checkRecipeId(args[0]));
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
    if (inputs.direction !== 'inbound' && !inputs.skipTrunk) targets.push({ label: 'Exotel edge (partner → Exotel)', target: edge ?? `${inputs.edge.host}:${inputs.edge.port};transport=${inputs.edge.transport}` });
    if (inputs.destination || partner) targets.push({ label: `${recipe.title} SIP host (Exotel → partner)`, target: partner ?? inputs.destination! });
    const probes = await Promise.all(targets.map(async (t) => ({ ...t, result: await probe(parseTarget(t.target), { attempts: 2, timeoutMs }) })));
    const unresolved = probes.filter((p) => p.result.failedStage === 'dns');
    const noNetwork = unresolved.length > 0 && (await offline());
    const findings: Finding[] = noNetwork
      ? [{ what: `No network: this machine resolves no public name (exotel.com neither), so ${unresolved.map((p) => p.result.host).join(' and ')} could not be looked up`, causes: ['No internet connection, or no working DNS resolver.'], fixes: [`Connect to the network (check Wi-Fi, VPN, proxy and /etc/resolv.conf), then run ${cliName()} doctor again.`] }]
      : probes.map((p) => (p.result.failedStage === 'dns' ? dnsFinding(p.label, p.result, p.label.startsWith('Exotel edge')) : findingFor(p.label, p.result))).filter((f): f is Finding => !!f);
    const partnerRows = recipe.troubleshooting.filter((t) => !findings.length || t.sip_code === undefined || findings.some((f) => f.code === t.sip_code));
    const ok = !!report?.inSync && !findings.length;
    if (g.json) {
      json({ ok, offline: noNetwork, verify: report ?? { error: verifyError }, probes: probes.map((p) => ({ label: p.label, ...p.result })), findings, partnerTroubleshooting: noNetwork ? [] : partnerRows, media: MEDIA_ISSUES });
    } else {
      out(bold(`Doctor: ${recipe.title} (${run.direction}) on ${targetLabel(engine).label}\n`));
      out(report ? reportText(report) : red(`✗ verify failed: ${verifyError}`));
      for (const p of probes) out(`\n${bold(p.label)}\n${renderProbeTable(p.result)}`);
      const w = outputWidth();
      if (findings.length) {
        out(bold(noNetwork ? '\nWhat this means' : '\nWhat the failures mean'));
        for (const f of findings) {
          out(red(wrap(`✗ ${f.what}`, w, 2)));
          if (f.meaning) out(wrap(`  SIP ${f.code}: ${f.meaning}`, w, 4));
          for (const c of f.causes) out(wrap(`  - cause: ${c}`, w, 4));
          for (const x of f.fixes) out(wrap(`  - check: ${x}`, w, 4));
        }
      } else if (probes.length) out(green('\n✓ Every SIP host answered.'));
      // offline, the partner's symptoms and the media notes are beside the point
      if (partnerRows.length && !noNetwork) {
        out(bold(`\n${recipe.title}: symptoms and what to check`));
        for (const t of partnerRows) out(wrap(`  • ${t.symptom}${t.sip_code ? ` (SIP ${t.sip_code})` : ''}: ${t.check}`, w, 4));
      }
      if (!noNetwork) out(yellow(wrap(`\nMedia: ${MEDIA_ISSUES.map((m) => m.symptom).join('; ')}. See ${cliName()} doctor --sip-code 488 for codecs.`, w)));
    }
    // a failed probe (or no network) is a failure, whatever verify said; drift alone is exit 3
    if (findings.length || !report) return 1;
    return report.inSync ? 0 : 3;
  });
}
