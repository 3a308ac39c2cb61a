/**
 * Keys typed while the wizard starts are kept: the terminal goes into raw mode with the first frame (so a key
 * is neither echoed, shifting Ink's lines, nor held back in the line buffer), and what is typed before the
 * first menu is on screen is handed to that menu once its own key handler listens. Only up to the first
 * Enter: type-ahead further than the first screen could confirm something the user has not seen.
 */
import type { EventEmitter } from 'node:events';

let queue: string[] = [];
let capture: { emitter: EventEmitter; listener: (data: string) => void } | undefined;

/** Start keeping keys (the wizard's boot screen). Ctrl-C is not kept: the screens' own handlers take it. */
export function captureEarlyKeys(emitter: EventEmitter): void {
  stopCapture();
  queue = [];
  const listener = (data: string) => {
    // an Enter typed before raw mode was on reached us through the line discipline as \n: it is still Enter
    if (data !== '\u0003') queue.push(data.replace(/\n/g, '\r'));
  };
  emitter.on('input', listener);
  capture = { emitter, listener };
}

export function stopCapture(): void {
  if (capture) capture.emitter.off('input', capture.listener);
  capture = undefined;
}

/**
 * Called by the first widget that takes keys, after its handler is attached: stop keeping keys and replay
 * the kept ones (up to the first Enter) to it.
 */
export function releaseEarlyKeys(): void {
  if (!capture) return;
  const { emitter } = capture;
  stopCapture();
  const keys = queue;
  queue = [];
  const enter = keys.findIndex((k) => /[\r\n]/.test(k));
  for (const k of enter >= 0 ? keys.slice(0, enter + 1) : keys) emitter.emit('input', k);
}
