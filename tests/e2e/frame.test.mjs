// The iframe variant: versioned postMessage protocol, exact targetOrigin, allow-list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

let browser;
const servers = [];
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); for (const s of servers) await s.close(); });

const parentPage = (frameUrl) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>parent</title></head><body>
<iframe id="f" title="Dual-Use Check" src="${frameUrl}/frame.html" width="800" height="600"></iframe>
<script>
  window.__msgs = [];
  window.addEventListener('message', (e) => window.__msgs.push({ origin: e.origin, data: e.data }));
  window.post = (m) => document.getElementById('f').contentWindow.postMessage(m, '${frameUrl}');
</script></body></html>`;

test('allowed parent: ready, live commands, report by id; bad messages ignored', async () => {
  // The parent runs on its own origin; the frame's config allows exactly that origin.
  let parentOrigin = '';
  const frameSrv = await serve(undefined, { '/frame-config.json': () => JSON.stringify({ allowedOrigins: [parentOrigin] }) });
  const parentSrv = await serve(undefined, { '/parent.html': () => parentPage(frameSrv.url) });
  servers.push(frameSrv, parentSrv);
  parentOrigin = parentSrv.url;
  const page = await browser.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(parentSrv.url + '/parent.html');
  await page.waitForFunction(() => window.__msgs.some((m) => m.data.type === 'ready'));
  let msgs = await page.evaluate(() => window.__msgs);
  assert.ok(msgs.every((m) => m.origin === frameSrv.url && m.data.protocol === 'dual-use-check' && m.data.version === 1));
  const frame = page.frameLocator('#f');
  await page.evaluate(() => window.post({ protocol: 'dual-use-check', version: 1, type: 'set-lang', value: 'en' }));
  await frame.locator('dual-use-check h1:text("Dual-Use Check")').waitFor();
  await page.evaluate(() => window.post({ protocol: 'dual-use-check', version: 1, type: 'get-report', id: 'r1' }));
  await page.waitForFunction(() => window.__msgs.some((m) => m.data.type === 'report' && m.data.id === 'r1'));
  msgs = await page.evaluate(() => window.__msgs);
  assert.equal(msgs.find((m) => m.data.id === 'r1').data.detail.report_version, 1);
  // Malformed, other-protocol, wrong-version and unknown-type messages change nothing.
  for (const bad of [null, 'x', 42, { protocol: 'other' }, { protocol: 'dual-use-check', version: 2, type: 'reset' },
    { protocol: 'dual-use-check', version: 1, type: 'explode' }, { protocol: 'dual-use-check', version: 1, type: 'set-lang', value: '<img onerror=alert(1)>' },
    { protocol: 'dual-use-check', version: 1, type: 'set-as-of', value: { __proto__: { polluted: 1 } } }]) {
    await page.evaluate((m) => window.post(m), bad);
  }
  await page.waitForTimeout(200);
  assert.equal(await frame.locator('dual-use-check h1').textContent(), 'Dual-Use Check');
  assert.equal(await page.evaluate(() => ({}).polluted), undefined);
  const ignored = warnings.filter((w) => w.includes('ignored message'));
  assert.ok(ignored.length >= 1 && ignored.length <= 5, `each kind of bad message is logged once: ${ignored}`);
  await page.close();
});

test('disallowed parent: the frame sends nothing and obeys nothing', async () => {
  const frameSrv = await serve(undefined, { '/frame-config.json': JSON.stringify({ allowedOrigins: ['https://portal.example'] }) });
  const parentSrv = await serve(undefined, { '/parent.html': () => parentPage(frameSrv.url) });
  servers.push(frameSrv, parentSrv);
  const page = await browser.newPage();
  await page.goto(parentSrv.url + '/parent.html');
  const frame = page.frameLocator('#f');
  await frame.locator('dual-use-check #step-title').waitFor();
  await page.evaluate(() => window.post({ protocol: 'dual-use-check', version: 1, type: 'set-lang', value: 'en' }));
  await page.waitForTimeout(300);
  assert.equal(await frame.locator('dual-use-check h1').textContent(), '两用物项识别助手');
  assert.deepEqual(await page.evaluate(() => window.__msgs), []);
  await page.close();
});
