// Preloaded into a CLI child (node --import): records when each HTTP request is handed to the HTTP client and
// when its answer is complete, on the child's own clock (ms since the process started), and writes them to
// $BENCH_MARKS_FILE at exit. Node's http client publishes on node:diagnostics_channel, so nothing in exotrunk
// is changed to be measured.
import dc from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const requests = [];
const open = new WeakMap();
dc.subscribe('http.client.request.start', ({ request }) => {
  const r = { method: request.method, path: request.path, created: performance.now() };
  open.set(request, r);
  requests.push(r);
});
dc.subscribe('http.client.response.finish', ({ request, response }) => {
  const r = open.get(request);
  // published when the head is parsed: the answer is complete at the body's end
  if (r) response.once('end', () => (r.done = performance.now()));
});
// fetch (undici) publishes its own channels: the partner SDKs (LiveKit's Twirp client, ElevenLabs', Retell's) use it
const fetched = new WeakMap();
dc.subscribe('undici:request:create', ({ request }) => {
  const r = { method: request.method, path: request.path, origin: request.origin, created: performance.now() };
  fetched.set(request, r);
  requests.push(r);
});
dc.subscribe('undici:request:trailers', ({ request }) => {
  const r = fetched.get(request);
  if (r) r.done = performance.now();
});
process.on('exit', () => {
  if (process.env.BENCH_MARKS_FILE) writeFileSync(process.env.BENCH_MARKS_FILE, JSON.stringify({ requests, exit: performance.now() }));
});
