/** A server handler that answers 200 with a JSON content type and a body of `mib` MiB of spaces, honouring backpressure. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function hugeAnswer(mib: number): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.on('error', () => {});
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const more = () => {
      while (sent < mib && res.write(chunk)) sent++;
      if (sent < mib) res.once('drain', () => (sent++, more()));
      else res.end();
    };
    more();
  };
}
