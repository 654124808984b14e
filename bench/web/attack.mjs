// The attacks of issue 13, items 2 and 6, against a running `agp serve`, while a browser-like
// client asks for the dashboard every 100 ms; prints one JSON line with what the dashboard saw.
// Node.js only (net, http); no packages.
//
// Usage: node bench/web/attack.mjs PORT SESSION MODE SECONDS
//   MODE slowloris: SLOW (default 1000) connections that send a request a byte every 2 s
//   MODE pdf:       PDFS (default 6) PDF reports at once, again as soon as each answers
//   MODE both:      the two together
//   MODE none:      nothing (the baseline)
import net from 'node:net';
import http from 'node:http';

const [port, session, mode, seconds] = [Number(process.argv[2]), process.argv[3],
  process.argv[4] ?? 'both', Number(process.argv[5] ?? 30)];
const slowCount = Number(process.env.SLOW ?? 1000);
const pdfCount = Number(process.env.PDFS ?? 6);
const reportPath = process.env.REPORT ?? '/rapporter/fil?policy=roros-2017&periode=2024&format=pdf';
const until = Date.now() + seconds * 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let stopping = false;

function get(path, timeoutMs) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port, path, agent: path === '/' ? agent : undefined,
      headers: { Cookie: `agp_session=${session}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.setTimeout(timeoutMs, () => { req.destroy(); resolve({ status: 0, ms: timeoutMs }); });
    req.on('error', () => resolve({ status: -1, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
  });
}

const slow = [];
let slowOpen = 0, slowClosed = 0;
// One slow client; when the server closes it, the attacker comes back at once.
function slowClient(i) {
  const s = net.connect(port, '127.0.0.1');
  s.on('connect', () => { slowOpen++; s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: '); });
  s.on('error', () => {});
  s.on('close', () => { slowClosed++; if (!stopping) slow[i] = slowClient(i); });
  return s;
}
function startSlowloris() {
  for (let i = 0; i < slowCount; i++) slow.push(slowClient(i));
  const drip = setInterval(() => {
    if (stopping) { clearInterval(drip); return; }
    for (const s of slow) if (!s.destroyed) s.write('a');
  }, 2000);
}

const pdf = { answered: 0, ok: 0, busy: 0, other: 0 };
async function pdfLoop() {
  while (!stopping) {
    const r = await get(reportPath, 120000);
    pdf.answered++;
    if (r.status === 200) pdf.ok++; else if (r.status === 503) pdf.busy++; else pdf.other++;
    if (r.status === 503) await new Promise((ok) => setTimeout(ok, 1000));
  }
}

if (mode === 'slowloris' || mode === 'both') startSlowloris();
const pdfLoops = (mode === 'pdf' || mode === 'both') ? Array.from({ length: pdfCount }, pdfLoop) : [];
await new Promise((ok) => setTimeout(ok, 1000));  // let the attack take hold

const times = [];
let failures = 0;
while (Date.now() < until) {
  const r = await get('/', 10000);
  if (r.status !== 200) failures++; else times.push(r.ms);
  await new Promise((ok) => setTimeout(ok, 100));
}
stopping = true;
for (const s of slow) s.destroy();
times.sort((a, b) => a - b);
const q = (p) => times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : null;
console.log(JSON.stringify({ mode, dashboard: { requests: times.length + failures, failures,
  p50_ms: q(0.5), p99_ms: q(0.99), max_ms: times.length ? times[times.length - 1] : null },
  slowloris: { opened: slowOpen, closed_by_server: slowClosed }, pdf }));
process.exit(0);
