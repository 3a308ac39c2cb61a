import { readFileSync } from 'node:fs';
import { cliName, InputError, UserError } from '../core/engine/light.js';
import type { OptionValues } from 'commander';
import { checked, parseNumbersCsv } from '../core/engine/index.js';
import type { BulkEvent } from '../core/engine/types.js';
import { withEngine } from './context.js';
import { err, green, json, out, red, yellow } from './format.js';
import { interrupted } from './interrupt.js';
import { globalsOf, oneOf, text, trunkFlagsOf } from './options.js';
import { count } from '../present/words.js';

function progressLine(e: Extract<BulkEvent, { type: 'progress' }>): string {
  const width = 30;
  const frac = e.total ? e.done / e.total : 1;
  const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
  const rate = e.elapsedMs > 0 ? (e.done / e.elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? Math.round((e.total - e.done) / rate) : 0;
  return `${bar} ${e.done}/${e.total}${e.failed ? `, ${e.failed} failed` : ''} · ${(rate * 60).toFixed(0)}/min · ETA ${eta}s`;
}

/** exotrunk numbers add [number] | --file numbers.csv */
export default async function numbersAdd(args: unknown[], raw: OptionValues): Promise<number> {
  const g = globalsOf(raw);
  const where = trunkFlagsOf(raw);
  const o = { ...where, mode: oneOf(raw, 'mode', ['pstn', 'flow'] as const), file: text(raw, 'file') };
  if (o.file && args[0]) throw new InputError(`Give either one number (${String(args[0])}) or --file ${o.file}, not both.`, { fix: 'Put every number in the file, one per line.' });
  if (!o.file) {
    if (!args[0]) throw new InputError('Give a number (E.164, e.g. +918012345678) or --file numbers.csv.');
    const phone = checked('e164', String(args[0]), 'Number'); // before the engine opens: nothing is sent for a typo
    return withEngine(g, async (engine) => {
      const sid = engine.resources.trunkSid(where);
      const { outcome, mapping: n, owner, modeDiffers } = await engine.resources.mapNumber({ ...where, trunkSid: sid }, phone, o.mode);
      if (g.json) json({ outcome, ...n, ...(modeDiffers ? { requestedMode: o.mode } : {}) });
      else {
        out(green(`✓ ${phone} ${outcome === 'created' ? 'mapped' : 'was already mapped'} (id ${n.id}, mode ${n.mode ?? 'pstn, the default'})${owner ? `; recorded for ${owner}, so verify expects it` : ''}`));
        if (modeDiffers) err(yellow(`! It is mode ${n.mode ?? 'pstn'}, not ${o.mode}: change it with ${cliName()} numbers set-mode ${phone} ${o.mode}${o.recipe ? ` --recipe ${o.recipe}` : ` --trunk-sid ${sid}`}`));
      }
      return 0;
    }, { writes: { resume: `${cliName()} numbers add ${phone}` } });
  }
  let csv: string;
  try {
    csv = readFileSync(o.file, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read ${o.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  const { rows, errors } = parseNumbersCsv(csv, o.mode ?? 'pstn');
  const resume = `${cliName()} numbers add --file ${o.file}${o.recipe ? ` --recipe ${o.recipe}` : ''}${o.trunkSid ? ` --trunk-sid ${o.trunkSid}` : ''}`;
  if (errors.length) {
    throw new InputError(`${o.file}: ${count(errors.length, 'bad row')}; nothing was sent.`, { details: errors.slice(0, 50).concat(errors.length > 50 ? [`… and ${errors.length - 50} more`] : []), fix: 'Fix the rows and run again. Columns: number (E.164), mode (pstn or flow).' });
  }
  return withEngine(g, async (engine) => {
    const tty = !!process.stderr.isTTY;
    let last = 0;
    const sid = engine.resources.trunkSid(where);
    // Ctrl-C (commands/interrupt.ts): queued writes are never sent, those in flight finish and are journaled
    const r = await engine.resources.mapNumbers({ ...where, trunkSid: sid }, rows, {
      signal: interrupted,
      onEvent: (e) => {
        if (e.type === 'planned') err(`${count(e.total, 'number')}: ${e.alreadyMapped} already on trunk ${sid}, ${e.toMap} to map, ${count(e.toFix, 'mode change')}.`);
        else if (e.type === 'failed') err(red(`✗ line ${e.row.line} ${e.row.phoneNumber}: ${e.message}`));
        else if (e.type === 'progress') {
          const now = performance.now();
          if (e.done === e.total || now - last > 250) {
            last = now;
            if (tty) process.stderr.write(`\r${progressLine(e)}`);
            else if (e.done === e.total || e.done % 50 === 0) err(progressLine(e));
          }
        }
      },
    });
    if (tty) process.stderr.write('\n');
    const owner = r.owner ? { recipeId: r.owner } : undefined;
    // a failed row is also missing after the final check: count each number once
    const notMapped = new Set([...r.failed.map((f) => f.row.phoneNumber), ...r.missingAfter]).size;
    const ok = notMapped === 0 && !r.interrupted;
    const fix = 'Run the same command again: mapped numbers are skipped.';
    const { onTrunk: _listed, owner: _owner, trunkSid: _sid, ...summary } = r;
    if (g.json) {
      // one JSON document, whatever happened (the error, if any, inside it)
      json({
        ok,
        ...(r.interrupted ? { exitCode: 130 } : ok ? {} : { exitCode: 1, error: { message: `${count(notMapped, 'number')} ${notMapped === 1 ? 'is' : 'are'} not mapped yet.`, fix } }),
        trunkSid: sid,
        recordedFor: owner?.recipeId ?? null,
        ...summary,
        notMapped,
        failed: r.failed.map((f) => ({ line: f.row.line, number: f.row.phoneNumber, message: f.message })),
      });
      return r.interrupted ? 130 : ok ? 0 : 1;
    }
    if (r.interrupted) {
      out(red(`✗ Stopped: ${r.verified}/${count(r.total, 'number')} known to be on trunk ${sid} (${r.mapped} mapped now, ${r.alreadyMapped} already there); ${r.notSent ?? 0} not sent.`));
      if (owner) out(`Recorded for ${owner.recipeId}: the numbers mapped so far.`);
      out(`Map the rest with: ${resume}`);
      return 130;
    }
    out((ok ? green : red)(`${ok ? '✓' : '✗'} ${r.verified}/${count(r.total, 'number')} verified on trunk ${sid}: ${r.mapped} mapped now, ${r.alreadyMapped} already there, ${count(r.modeFixed, 'mode change')}, ${r.failed.length} failed, in ${(r.elapsedMs / 1000).toFixed(1)} s (${r.ratePerMinute}/min).`));
    if (owner) out(`Recorded for ${owner.recipeId}: ${cliName()} verify ${owner.recipeId} now expects these numbers on the trunk.`);
    if (r.missingAfter.length) out(red(`Missing after the final check: ${r.missingAfter.slice(0, 20).join(', ')}${r.missingAfter.length > 20 ? ' …' : ''}. Run the same command again.`));
    if (!ok) throw new UserError(`${count(notMapped, 'number')} ${notMapped === 1 ? 'is' : 'are'} not mapped yet.`, { fix });
    return 0;
  }, { writes: { resume } });
}
