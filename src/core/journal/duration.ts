/**
 * --lock-timeout (or EXOTRUNK_LOCK_TIMEOUT): "0", "30", "30s", "500ms", "5m", a bare number being seconds, as
 * Terraform's -lock-timeout. NaN when unreadable. No imports: the wizard's first frame loads it.
 */
export function parseLockTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(raw);
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const ms = n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
  return ms <= 24 * 3_600_000 ? Math.round(ms) : NaN;
}
