// Preloaded into a CLI child (node --import): records when each HTTP request is handed to undici and when
// its answer is complete, on the child's own clock (ms since the process started), and writes them to
// $BENCH_MARKS_FILE at exit. The bundled undici publishes on node:diagnostics_channel, so nothing in
// exotrunk is changed to be measured.
import dc from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const requests = [];
const open = new WeakMap();
dc.subscribe('undici:request:create', ({ request }) => {
  const r = { method: request.method, path: request.path, created: performance.now() };
  open.set(request, r);
  requests.push(r);
});
dc.subscribe('undici:request:trailers', ({ request }) => {
  const r = open.get(request);
  if (r) r.done = performance.now();
});
process.on('exit', () => {
  if (process.env.BENCH_MARKS_FILE) writeFileSync(process.env.BENCH_MARKS_FILE, JSON.stringify({ requests, exit: performance.now() }));
});
