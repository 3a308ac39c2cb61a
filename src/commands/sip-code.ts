import { EXIT, loadProbe } from '../core/engine/light.js';
import { wrap, type CommandIo } from './probe.js';

/** `exotrunk doctor --sip-code 403`: explain one SIP code; 2 for an unknown or invalid code. */
export async function sipCodeCommand(code: string, opts: { json?: boolean }, io: CommandIo): Promise<number> {
  const { explainSipCode, KNOWN_SIP_CODES } = await loadProbe();
  const text = String(code ?? '').trim();
  const n = /^\d{3}$/.test(text) ? Number(text) : NaN;
  const row = Number.isNaN(n) ? undefined : explainSipCode(n);
  if (!row) {
    const what = Number.isNaN(n) ? `"${text}" is not a SIP status code (three digits, 100-699)` : `No explanation for SIP ${n}`;
    io.stderr.write(`${what}.\n${wrap(`Known codes: ${KNOWN_SIP_CODES.join(', ')}`, 80, '  ').join('\n')}\n`);
    return EXIT.usage;
  }
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
    return EXIT.ok;
  }
  const out = [...wrap(`SIP ${row.code}: ${row.meaning}`, 80, '  '), '', 'Likely causes:'];
  for (const c of row.causes) out.push(...wrap(`  - ${c}`, 80, '    '));
  out.push('', 'What to check:');
  for (const f of row.fixes) out.push(...wrap(`  - ${f}`, 80, '    '));
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}
