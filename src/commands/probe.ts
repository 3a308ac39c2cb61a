import { EXIT, InputError, loadProbe, UserError } from '../core/engine/light.js';
import type { ProbeOptions, ProbeResult } from '../core/engine/types.js';
import { wholeNumber } from './options.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface ProbeCommandOptions {
  json?: boolean;
  attempts?: number;
  timeoutMs?: number;
  insecure?: boolean;
  servername?: string;
}

const WIDTH = 80;

/** Word-wrap to `width`, hard-breaking words longer than a line; continuation lines get `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  // Leading spaces are layout (a bullet's indent): keep them on the first line.
  let line = /^[ ]*/.exec(text)![0];
  const limit = () => Math.max(1, lines.length === 0 ? width : width - indent.length);
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word) {
      const sep = line.trim() ? 1 : 0;
      if (line.length + sep + word.length <= limit()) {
        line += (sep ? ' ' : '') + word;
        word = '';
      } else if (line.trim()) {
        lines.push(line);
        line = '';
      } else {
        const cut = limit();
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
    }
  }
  if (line.trim() || lines.length === 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}

const COLS = { stage: 9, result: 8, time: 10 };
const DETAIL_AT = COLS.stage + COLS.result + COLS.time;

function fmtMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms} ms`;
}

/** The human report: one row per stage, details wrapped so every line fits 80 columns. */
export function renderProbeTable(r: ProbeResult): string {
  const out: string[] = [];
  out.push(...wrap(`Probe ${r.target}`, WIDTH, '  '));
  for (const d of r.defaults) out.push(...wrap(`  (${d})`, WIDTH, '   '));
  out.push('');
  out.push('STAGE'.padEnd(COLS.stage) + 'RESULT'.padEnd(COLS.result) + 'TIME'.padEnd(COLS.time) + 'DETAIL');
  for (const s of r.stages) {
    const result = s.ok ? (s.stage === 'sip' && r.sip && r.sip.statusCode >= 300 ? String(r.sip.statusCode) : 'ok') : 'FAIL';
    const head = s.stage.padEnd(COLS.stage) + result.padEnd(COLS.result) + fmtMs(s.ms).padEnd(COLS.time);
    const detail = wrap(s.detail, WIDTH - DETAIL_AT, ' '.repeat(DETAIL_AT));
    out.push(head + detail[0], ...detail.slice(1));
  }
  if (r.tls?.cert) {
    const c = r.tls.cert;
    const days = c.daysLeft < 0 ? `expired ${-c.daysLeft} days ago` : `${c.daysLeft} days left`;
    out.push('', 'Certificate');
    const row = (k: string, v: string) => {
      const lines = wrap(v, WIDTH - 11, ' '.repeat(11));
      out.push(`  ${k.padEnd(9)}${lines[0]}`, ...lines.slice(1));
    };
    row('subject', c.subject);
    row('issuer', c.issuer);
    row('expires', `${c.validTo.slice(0, 10)} (${days})`);
    if (c.altNames) row('names', c.altNames);
    row('checked', r.tls.verified ? 'verified' : r.tls.problems.join('; ') || 'not verified');
  }
  out.push('');
  const failed = r.stages.find((s) => !s.ok);
  if (r.answered && r.sip) {
    const exo = r.sip.exotelErrorCode ? ` (X-Exotel-ErrorCode ${r.sip.exotelErrorCode})` : '';
    out.push(...wrap(`Answered: ${r.sip.statusCode} ${r.sip.reason}${exo}`, WIDTH, '  '));
  } else if (failed) {
    out.push(...wrap(`Not answered: the ${failed.stage} stage failed${failed.error ? ` (${failed.error})` : ''}.`, WIDTH, '  '));
  }
  const cause = r.stages.find((s) => s.likelyCause)?.likelyCause;
  if (cause) out.push(...wrap(`Likely cause: ${cause}`, WIDTH, '  '));
  return `${out.join('\n')}\n`;
}

/** The one numeric-flag parser (options.ts), for callers that pass numbers without the command table. */
function checkInt(name: string, v: number | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const r = wholeNumber(v, min, max);
  if (!r.ok) throw new InputError(`--${name} ${r.message}`);
  return r.value;
}

/** `exotrunk probe <target>`: 0 when the target answered SIP (any final code), 1 when not, 2 on bad input. */
export async function probeCommand(target: string, opts: ProbeCommandOptions, io: CommandIo): Promise<number> {
  const { parseTarget, probe } = await loadProbe();
  let probeOpts: ProbeOptions;
  let parsed;
  try {
    parsed = parseTarget(target);
    probeOpts = {
      attempts: checkInt('attempts', opts.attempts, 1, 20),
      timeoutMs: checkInt('timeout-ms', opts.timeoutMs, 100, 60_000),
      insecure: opts.insecure,
      servername: opts.servername || undefined,
    };
    if (probeOpts.servername && parsed.transport !== 'tls') throw new InputError('--servername only applies to TLS targets.', { fix: 'Add ;transport=tls or drop --servername.' });
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr.write(`${[e.message, e.why, e.fix].filter(Boolean).join('\n')}\n`);
      return e.exitCode;
    }
    throw e;
  }
  const result = await probe(parsed, probeOpts);
  io.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderProbeTable(result));
  return result.answered ? EXIT.ok : EXIT.failed;
}
