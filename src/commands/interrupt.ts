/**
 * Ctrl-C in a headless command that changes things. The first one stops new requests at once (the client
 * refuses to send, including requests queued for the rate limit or waiting to retry), lets the requests in
 * flight finish so their answers are journaled, and the command ends saying what was done and how to resume,
 * exit 130. A second one exits at once, after saying which requests' outcome is unknown.
 *
 * The wizard is not covered here: Ink reads Ctrl-C as a key and the wizard handles it itself.
 */
import { setMaxListeners } from 'node:events';
import { InterruptedError, requestsInFlight } from '../core/engine/light.js';

const ctrl = new AbortController();
// every request queued for the rate limit listens for it: thousands in a bulk run
setMaxListeners(0, ctrl.signal);
/** Aborted by the first Ctrl-C: pass to the Exotel client and to long loops. */
export const interrupted: AbortSignal = ctrl.signal;

const say = (s: string) => process.stderr.write(s.endsWith('\n') ? s : s + '\n');

/** Handle Ctrl-C until the returned function is called; `resume` is the command that finishes the job. */
export function watchCtrlC(resume: string): () => void {
  const handler = () => {
    const open = requestsInFlight();
    if (ctrl.signal.aborted) {
      const list = open.slice(0, 5).map((r) => `${r.method} ${r.path.replace(/^.*\/v2\/accounts\/[^/]+/, '…')}`).join(', ');
      say(
        `\nStopped at once. ${
          open.length ? `${open.length} request(s) were still in flight (${list}${open.length > 5 ? ', …' : ''}): whether Exotel applied them is unknown.` : 'No request was in flight, so nothing is unknown.'
        } Run ${resume} again: it reads Exotel first, so nothing is created twice.`,
      );
      process.exit(130);
    }
    say(`\nInterrupted: no new requests will be sent${open.length ? `; finishing the ${open.length} in flight so their results are journaled` : ''}. Press Ctrl-C again to stop at once.`);
    ctrl.abort(new InterruptedError());
  };
  // the entry's early handler (cli.ts: "nothing was changed") no longer holds once this command writes
  for (const l of process.listeners('SIGINT')) if ((l as { exotrunkEarly?: boolean }).exotrunkEarly) process.off('SIGINT', l);
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/** A prompt answered with Ctrl-C: nothing was changed by it. */
export function promptInterrupted(): InterruptedError {
  ctrl.abort(new InterruptedError());
  return new InterruptedError('nothing more');
}
