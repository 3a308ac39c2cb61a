/**
 * What is in flight during a headless apply, on a terminal: one status line on stderr under the finished
 * steps ("⠹ 2 in flight: Map +918012345678, Create credential livekit_sip · 3 s"), redrawn in place. Without
 * a terminal nothing is drawn: the ✓ lines alone, one per step, as before.
 */
const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

export interface Status {
  /** a step started or ended */
  set(inFlight: string[]): void;
  /** print a line above the status line */
  log(line: string): void;
  stop(): void;
}

export function liveStatus(stream: NodeJS.WriteStream = process.stderr): Status {
  const tty = !!stream.isTTY && !process.env.CI;
  let running: string[] = [];
  let frame = 0;
  let since = Date.now();
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
  };
  const draw = () => {
    clear();
    if (!running.length) return;
    const secs = Math.floor((Date.now() - since) / 1000);
    const text = `${FRAMES[frame++ % FRAMES.length]} ${running.length} in flight: ${running.join(', ')}${secs ? ` · ${secs} s` : ''}`;
    const room = Math.max(20, (stream.columns || 80) - 1);
    stream.write(text.length > room ? `${text.slice(0, room - 1)}…` : text);
    shown = true;
  };
  const timer = tty ? setInterval(draw, 120) : undefined;
  timer?.unref();
  return {
    set(inFlight) {
      if (inFlight.length && !running.length) since = Date.now();
      running = inFlight;
      if (tty) draw();
    },
    log(line) {
      clear();
      stream.write(line.endsWith('\n') ? line : `${line}\n`);
      if (tty) draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      clear();
    },
  };
}
