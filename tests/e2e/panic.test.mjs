// Panic containment, proved with a deliberate test-only panic. The widget built with the
// `panic-test` feature (scripts/build-panic-test.sh → target/panic-test/) panics when
// "__panic__" is typed into its search box. Expected: that element shows the bilingual
// "something went wrong, your answers are saved" panel and emits `error`; the other
// element and the host page keep working; a restart resumes the saved answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { serve, launch, screenshot } from './harness.mjs';

const DIR = path.resolve(new URL('../../target/panic-test', import.meta.url).pathname);
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Panic host</title></head>
<body><h1>Host page</h1>
<button id="host-button" type="button">Clicks: <span id="clicks">0</span></button>
<dual-use-check id="a" lang="en"></dual-use-check>
<dual-use-check id="b" lang="en"></dual-use-check>
<script type="module" src="/dual-use-check-element.js"></script>
<script type="module" src="/host.js"></script>
</body></html>`;
const HOST_JS = `
window.errorEvents = [];
document.getElementById('host-button').addEventListener('click', () => {
  const s = document.getElementById('clicks'); s.textContent = String(Number(s.textContent) + 1);
});
for (const id of ['a', 'b']) document.getElementById(id).addEventListener('error', (e) => window.errorEvents.push({ id, detail: e.detail }));
`;

let server;
let browser;
before(async () => {
  assert.ok(fs.existsSync(path.join(DIR, 'dual-use-check_bg.wasm')), 'run scripts/build-panic-test.sh first');
  server = await serve(DIR, { '/host.html': HOST, '/host.js': HOST_JS });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('a deliberate panic is contained in its own element; answers survive a restart', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
  const page = await ctx.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(server.url + '/host.html');
  const a = page.locator('#a');
  const b = page.locator('#b');
  await a.locator('#step-title').waitFor();
  await b.locator('#step-title').waitFor();

  // Answers in A: the as-of date, then the item step with a search.
  await a.locator('#as-of').fill('2025-03-01');
  await a.locator('#next').click();
  await a.locator('#search').fill('gallium');
  await a.locator('#results button[data-code="3C001.a"]').waitFor();

  // The deliberate panic, inside a Yew input handler of A.
  await a.locator('#search').fill('__panic__');
  const panel = a.locator('.duc-crash');
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /出现错误/);
  assert.match(text, /Something went wrong/);
  assert.match(text, /回答已自动保存/);
  assert.match(text, /answers are saved/);
  assert.equal(await panel.getAttribute('role'), 'alert');
  assert.equal(await a.locator('#step-title').count(), 0, 'the crashed app is gone');
  const events = await page.evaluate(() => window.errorEvents);
  assert.equal(events.length, 1);
  assert.equal(events[0].id, 'a');
  assert.equal(events[0].detail.kind, 'panic');
  assert.match(events[0].detail.message, /deliberate test-only panic/);
  assert.ok(pageErrors.some((e) => /unreachable/i.test(e)), `the wasm trap surfaced as a page error: ${pageErrors}`);
  await screenshot(page, 'panic-contained');

  // The host page still works.
  await page.locator('#host-button').click();
  await page.locator('#host-button').click();
  assert.equal(await page.locator('#clicks').textContent(), '2');

  // The other instance still works: a full classification.
  await b.locator('#as-of').fill('2026-11-24');
  await b.locator('#next').click();
  await b.locator('#search').fill('3C001.a');
  await b.locator('#results button[data-code="3C001.a"]').click();
  await b.locator('#next').click();
  await b.locator('#q-identity-yes').check();
  await b.locator('#next').click();
  await b.locator('#destination').selectOption('DE');
  for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) await b.locator(`#eu-${f}-no`).check();
  await b.locator('#next').click();
  assert.equal(await b.locator('#outcome').getAttribute('data-outcome'), 'LicenceRequired');

  // Restart A: a fresh module instance resumes the answers saved before the panic.
  await panel.locator('button').click();
  await a.locator('#step-title').waitFor();
  assert.equal(await a.locator('#search').inputValue(), 'gallium', 'the search typed before the panic is back');
  const report = await page.evaluate(() => document.getElementById('a').report());
  assert.equal(report.state.as_of, '2025-03-01', 'the as-of answer survived the panic');
  assert.equal(report.state.step, 'item', 'A resumes at the step where it was');
  await ctx.close();
});
