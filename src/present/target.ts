/**
 * Where calls go, said the same way by the wizard's header and the headless commands: the built-in sandbox,
 * a real Exotel account, or a server on this machine (a loopback base URL: a local sandbox or a test double,
 * never "your real Exotel account").
 */
import type { TargetSource } from '../core/engine/types.js';

export type TargetKind = 'sandbox' | 'live' | 'local';

export interface TargetLabel {
  kind: TargetKind;
  /** the short tag: SANDBOX, LIVE acme1 (in), LOCAL http://127.0.0.1:4010 */
  label: string;
  /** what that means, after the tag in the header */
  meaning: string;
  /** how a confirmation names it: "in the SANDBOX", "in your real Exotel account acme1 (in)" */
  where: string;
}

export type { TargetSource };

/**
 * The base URL points at this machine: 127.0.0.0/8, ::1 (also IPv4-mapped), localhost. A few patterns rather
 * than the client's ipaddr.js check: this runs for the wizard's first frame, which loads nothing it can avoid
 * (the client refuses plain http to anything else anyway).
 */
export function isLocalUrl(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

export function targetLabel(t: TargetSource): TargetLabel {
  if (t.mode === 'sandbox') return { kind: 'sandbox', label: 'SANDBOX', meaning: 'the built-in Exotel sandbox: nothing is created at Exotel', where: 'in the SANDBOX' };
  const base = t.client?.baseUrl;
  if (isLocalUrl(base)) {
    const sid = t.client?.accountSid;
    return {
      kind: 'local',
      label: `LOCAL ${base}`,
      meaning: `a server on this machine${sid ? ` (account ${sid})` : ''}, not Exotel: nothing is created at Exotel`,
      where: `on the LOCAL server ${base}`,
    };
  }
  const name = t.label.replace(/^LIVE /, '');
  return { kind: 'live', label: t.label, meaning: 'calls go to your real Exotel account', where: `in your real Exotel account ${name}` };
}
