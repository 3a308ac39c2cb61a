/**
 * Map many numbers to one trunk at the account's rate limit. Resumable: it starts by reading what the trunk
 * already has (all pages), so a re-run after an interruption only sends what is left, and a duplicate is done.
 * An unknown-outcome write is settled by the final read, and re-sent only if the number is still missing.
 * Interrupted (the signal), it sends nothing more: the writes in flight finish, and the result lists what is
 * known to be on the trunk (from the first read and the answers), without a final read.
 */
import { InterruptedError, OutcomeUnknownError } from '../exotel/errors.js';
import type { ExotelClient, NumberMapping } from '../exotel/types.js';
import type { NumberRow } from './numbers-csv.js';

export type BulkEvent =
  | { type: 'planned'; total: number; alreadyMapped: number; toMap: number; toFix: number }
  | { type: 'progress'; done: number; total: number; failed: number; elapsedMs: number }
  | { type: 'failed'; row: NumberRow; message: string };

export interface BulkResult {
  total: number;
  mapped: number;
  alreadyMapped: number;
  modeFixed: number;
  failed: { row: NumberRow; message: string }[];
  verified: number;
  /** the file's numbers as the final read found them on the trunk, in the wanted mode */
  onTrunk: NumberMapping[];
  missingAfter: string[];
  elapsedMs: number;
  /** write requests per minute achieved during the mapping phase */
  ratePerMinute: number;
  /** stopped by the signal: `notSent` writes were never sent; missingAfter is what is not known to be there */
  interrupted?: boolean;
  notSent?: number;
}

export async function mapNumbers(client: ExotelClient, trunkSid: string, rows: NumberRow[], opts: { onEvent?: (e: BulkEvent) => void; signal?: AbortSignal } = {}): Promise<BulkResult> {
  const t0 = performance.now();
  const existing = new Map((await client.listNumbers(trunkSid)).map((n) => [n.phoneNumber, n]));
  const todo = rows.filter((r) => !existing.has(r.phoneNumber));
  const fix = rows.filter((r) => existing.has(r.phoneNumber) && (existing.get(r.phoneNumber)!.mode ?? 'pstn') !== r.mode);
  opts.onEvent?.({ type: 'planned', total: rows.length, alreadyMapped: rows.length - todo.length, toMap: todo.length, toFix: fix.length });
  const failed: BulkResult['failed'] = [];
  const unknown: NumberRow[] = [];
  /** what the answers say is on the trunk now (used when interrupted, instead of a final read) */
  const answered = new Map<string, NumberMapping>(existing);
  let notSent = 0;
  let done = 0;
  let mapped = 0;
  let modeFixed = 0;
  const work = todo.length + fix.length;
  const tick = () => opts.onEvent?.({ type: 'progress', done, total: work, failed: failed.length, elapsedMs: performance.now() - t0 });
  const writesStart = performance.now();

  const one = async (r: NumberRow, action: () => Promise<unknown>) => {
    if (opts.signal?.aborted) {
      notSent++;
      return;
    }
    try {
      await action();
    } catch (e) {
      if (e instanceof InterruptedError) {
        notSent++;
        return;
      }
      if (e instanceof OutcomeUnknownError) unknown.push(r);
      else {
        failed.push({ row: r, message: (e as Error).message });
        opts.onEvent?.({ type: 'failed', row: r, message: (e as Error).message });
      }
    }
    done++;
    tick();
  };
  // The client's shared limiter paces these; issuing them all at once keeps the pipe full.
  await Promise.all([
    ...todo.map((r) =>
      one(r, async () => {
        const res = await client.mapNumber(trunkSid, { phoneNumber: r.phoneNumber, mode: r.mode });
        if (res.outcome === 'created') {
          mapped++;
          answered.set(r.phoneNumber, res.data);
        }
      }),
    ),
    ...fix.map((r) =>
      one(r, async () => {
        answered.set(r.phoneNumber, await client.setNumberMode(trunkSid, existing.get(r.phoneNumber)!.id, { phoneNumber: r.phoneNumber, mode: r.mode }));
        modeFixed++;
      }),
    ),
  ]);
  const writesMs = performance.now() - writesStart;
  const ratePerMinute = work && writesMs > 0 ? Math.round((work / writesMs) * 60_000) : 0;
  /** The result, from a map of what is on the trunk (the final read, or the answers when interrupted). */
  const result = (on: Map<string, NumberMapping>, extra: Partial<BulkResult> = {}): BulkResult => {
    const there = (r: NumberRow) => on.has(r.phoneNumber) && (on.get(r.phoneNumber)!.mode ?? 'pstn') === r.mode;
    const missingAfter = rows.filter((r) => !there(r)).map((r) => r.phoneNumber);
    return {
      total: rows.length,
      mapped,
      alreadyMapped: rows.length - todo.length,
      modeFixed,
      failed,
      verified: rows.length - missingAfter.length,
      onTrunk: rows.filter(there).map((r) => on.get(r.phoneNumber)!),
      missingAfter,
      elapsedMs: Math.round(performance.now() - t0),
      ratePerMinute,
      ...extra,
    };
  };
  // Interrupted: no final read (it would be a new request); what the answers proved is on the trunk is journaled.
  const stopped = () => result(answered, { interrupted: true, notSent });
  if (opts.signal?.aborted) return stopped();

  // Final verify across every page; settle unknown outcomes (re-send only what is still missing).
  let after: Map<string, NumberMapping>;
  try {
    after = new Map<string, NumberMapping>((await client.listNumbers(trunkSid)).map((n) => [n.phoneNumber, n]));
    const resend = unknown.filter((r) => !after.has(r.phoneNumber));
    if (resend.length && !opts.signal?.aborted) {
      await Promise.all(resend.map((r) => one(r, () => client.mapNumber(trunkSid, { phoneNumber: r.phoneNumber, mode: r.mode }))));
      if (opts.signal?.aborted) return stopped();
      after = new Map((await client.listNumbers(trunkSid)).map((n) => [n.phoneNumber, n]));
    }
  } catch (e) {
    if (e instanceof InterruptedError) return stopped();
    throw e;
  }
  mapped += unknown.filter((r) => after.has(r.phoneNumber)).length;
  return result(after);
}
