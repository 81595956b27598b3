// Benchmark harness: writes bench-report/report.json and bench-report/report.md.
//   node scripts/bench.mjs [runs]
// Measures (on this machine, headless Chromium via playwright-core):
//  - release sizes (raw / gzip / brotli) of wasm, js, css and the first-load total
//  - time from navigation to the first interactive question: median of N cold runs
//  - engine determinations per second in wasm (JS API classify, in-page loop)
//  - screening latency p50/p99 in wasm (one name against all lists)
// and merges the native numbers from `cargo bench --bench engine` (bench-report/engine.json).
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { serve, launch } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] || 10);
const out = 'bench-report';
fs.mkdirSync(out, { recursive: true });
execSync('node scripts/size.mjs dist', { stdio: 'inherit' });
const sizes = JSON.parse(fs.readFileSync(path.join(out, 'size.json'), 'utf8'));

const pct = (arr, p) => { const s = [...arr].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round((s.length - 1) * p))]; };

const server = await serve();
const browser = await launch();
const tti = [];
for (let i = 0; i < RUNS; i++) {
  const ctx = await browser.newContext(); // cold: fresh cache and storage each run
  const page = await ctx.newPage();
  const t0 = Date.now();
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  await page.waitForSelector('#next:not([disabled])');
  const nav = await page.evaluate(() => {
    const e = performance.getEntriesByType('navigation')[0];
    return { now: performance.now(), start: e ? e.startTime : 0 };
  });
  tti.push(nav.now - nav.start);
  await ctx.close();
  void t0;
}

const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(server.url + '/');
await page.waitForSelector('#step-title');
const wasm = await page.evaluate(() => {
  const b = window.wasmBindings;
  const reqs = ['3C001.a', '3C001.b', '3C001.c'].map((code) => ({
    as_of: '2026-11-24', destination: 'DE', end_user: 'Example Optics GmbH',
    item: { code, answers: { identity: { type: 'bool', value: true } } },
    end_use: { notified: 'no', national_security: 'no', wmd: 'no', terrorism: 'no', military: 'no' },
  }));
  for (let i = 0; i < 50; i++) b.classify(reqs[i % reqs.length]);
  const n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) b.classify(reqs[i % reqs.length]);
  const dt = performance.now() - t0;
  const names = ['Lockheed Martin Corporation', 'General Dynamics', '洛克希德·马丁公司', 'Acme Widgets Ltd', 'Skydio Inc.', 'Mitsubishi Heavy Industries'];
  // Browser timers are coarse (100 µs), so time batches of 20 calls and divide.
  const lat = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    for (let j = 0; j < 20; j++) b.screen(names[(i + j) % names.length], '2026-11-24');
    lat.push((performance.now() - t) / 20);
  }
  return { determinations: n, ms: dt, per_second: n / (dt / 1000), screen_lat_ms: lat };
});
await ctx.close();
await browser.close();
await server.close();

let native = {};
try { native = JSON.parse(fs.readFileSync(path.join(out, 'engine.json'), 'utf8')); } catch { /* run cargo bench first */ }
const report = {
  date: new Date().toISOString(),
  machine: '2 cores (this workplace), headless Debian Chromium',
  sizes,
  first_load: sizes.total,
  time_to_interactive_ms: { runs: RUNS, median: pct(tti, 0.5), min: Math.min(...tti), max: Math.max(...tti) },
  wasm: {
    determinations_per_second: wasm.per_second,
    screening_p50_ms: pct(wasm.screen_lat_ms, 0.5),
    screening_p99_ms: pct(wasm.screen_lat_ms, 0.99),
  },
  native,
};
fs.writeFileSync(path.join(out, 'report.json'), JSON.stringify(report, null, 2));
const kb = (n) => (n / 1024).toFixed(1);
const md = `# Benchmark report (${report.date})

| measure | value |
|---|---|
| first load, brotli (wasm+js+css+html) | ${kb(sizes.total.brotli)} KB |
| first load, gzip | ${kb(sizes.total.gzip)} KB |
| wasm raw / gzip / brotli | ${kb(sizes.wasm.raw)} / ${kb(sizes.wasm.gzip)} / ${kb(sizes.wasm.brotli)} KB |
| time to first interactive question (median of ${RUNS} cold runs) | ${report.time_to_interactive_ms.median.toFixed(0)} ms |
| determinations per second, wasm | ${wasm.per_second.toFixed(0)} |
| determinations per second, native | ${native.determinations_per_second ? native.determinations_per_second.toFixed(0) : 'n/a'} |
| determination p50 / p99, native | ${native.determine_p50_us ?? 'n/a'} / ${native.determine_p99_us ?? 'n/a'} µs |
| screening p50 / p99 (per call, batches of 20), wasm | ${report.wasm.screening_p50_ms.toFixed(3)} / ${report.wasm.screening_p99_ms.toFixed(3)} ms |
| screening p50 / p99, native | ${native.screen_p50_us ?? 'n/a'} / ${native.screen_p99_us ?? 'n/a'} µs |
`;
fs.writeFileSync(path.join(out, 'report.md'), md);
console.log(md);
