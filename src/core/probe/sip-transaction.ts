import type { SipChannel } from './sip-channel.js';
import { buildOptions, header, topViaBranch, type SipMessage } from './sip-options.js';
import type { ProbeTarget } from './target.js';
import { elapsed, StageTimeout } from './timeout.js';

export interface OptionsOutcome {
  response: SipMessage;
  rtt: number;
}

/** RFC 3261 §17.1.2.2 timers for non-INVITE over UDP: retransmit at T1, doubling up to T2. */
const T1 = 500;
const T2 = 4000;

/**
 * Send one OPTIONS and wait for its final response (1xx ignored), matched by the top Via branch, or by
 * Call-ID and CSeq when a broken peer drops the branch. Rejects with StageTimeout or an Error whose message
 * says why the channel closed.
 */
export function sendOptions(channel: SipChannel, target: ProbeTarget, cseq: number, timeoutMs: number): Promise<OptionsOutcome> {
  const req = buildOptions({ target, localAddress: channel.localAddress, localPort: channel.localPort, cseq });
  return new Promise((resolve, reject) => {
    let settled = false;
    let retransmit: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(retransmit);
      fn();
    };
    const start = performance.now();
    const deadline = setTimeout(() => finish(() => reject(new StageTimeout(timeoutMs, 'final SIP response'))), timeoutMs);
    channel.onMessage((m) => {
      if (m.statusCode === undefined || m.statusCode < 200) return;
      const branch = topViaBranch(m);
      const ours = branch ? branch === req.branch : header(m, 'call-id') === req.callId && header(m, 'cseq')?.startsWith(`${cseq} `);
      if (ours) finish(() => resolve({ response: m, rtt: elapsed(start) }));
    });
    channel.onClose((why) => finish(() => reject(new Error(why))));
    channel.send(req.text);
    if (!channel.reliable) {
      let interval = T1;
      const again = () => {
        if (settled) return;
        channel.send(req.text);
        interval = Math.min(interval * 2, T2);
        retransmit = setTimeout(again, interval);
      };
      retransmit = setTimeout(again, interval);
    }
  });
}
