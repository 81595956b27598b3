// The bad-input matrix on the browser surfaces: custom-element attributes, localStorage
// (autosave) and report import. Every hostile value must give a clear zh/en notice or be
// ignored; nothing is rendered as HTML, nothing panics, no answer is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

const MB = 'x'.repeat(1024 * 1024);
const HOSTILE = [
  ['wrong type', '[object Object]'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['huge number', '1e308'],
  ['negative', '-1'],
  ['1 MB string', MB],
  ['RTL and zero-width', '\u202Egallium\u200B\u200D\u2066'],
  ['emoji', '💣🧪🇨🇳'],
  ['HTML payload', '<img src=x onerror="window.__pwned=1">'],
  ['script payload', '<script>window.__pwned=1</script>'],
  ['prototype key', '__proto__'],
  ['constructor key', 'constructor'],
  ['truncated JSON', '{"lang":"en"'],
  ['duplicated JSON', '{"a":1}{"a":1}'],
];

let server;
let browser;
before(async () => {
  server = await serve(undefined, {
    '/attrs.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>attrs</title></head><body>
<dual-use-check id="w" lang="en"></dual-use-check><script type="module" src="/dual-use-check-element.js"></script></body></html>`,
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function guard(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  return errors;
}

const clean = (page) => page.evaluate(() => ({
  pwned: window.__pwned === 1,
  polluted: ({}).polluted !== undefined || Object.prototype.polluted !== undefined,
}));

test('custom-element attributes: every hostile value on every attribute, live', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = await guard(page);
  await page.goto(server.url + '/attrs.html');
  const w = page.locator('#w');
  await w.locator('#step-title').waitFor();
  await w.locator('#as-of').fill('2026-11-24'); // an answer that must survive
  for (const attr of ['lang', 'as-of', 'theme', 'code', 'hs', 'compact']) {
    for (const [label, value] of HOSTILE) {
      await page.evaluate(([a, v]) => document.getElementById('w').setAttribute(a, v), [attr, value]);
      const ok = await w.locator('#step-title').count();
      assert.equal(ok, 1, `${attr} = ${label}: the widget still renders`);
    }
    await page.evaluate((a) => document.getElementById('w').removeAttribute(a), attr);
  }
  // Nothing was rendered as HTML, nothing ran, and the widget still works.
  const injected = await page.evaluate(() => document.getElementById('w').shadowRoot.querySelectorAll('img, script').length);
  assert.equal(injected, 0);
  assert.deepEqual(await clean(page), { pwned: false, polluted: false });
  await page.evaluate(() => document.getElementById('w').setAttribute('lang', 'en'));
  const report = await page.evaluate(() => document.getElementById('w').report());
  assert.equal(typeof report.state, 'object');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('localStorage: hostile saved states give a notice or are read safely; never a crash', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = await guard(page);
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  const KEY = 'dual-use-check/v1/state';
  const saved = [
    ...HOSTILE.map(([l, v]) => [l, v]),
    ['wrong field types', '{"version":1,"step":42,"lang":["zh"],"as_of":{"a":1}}'],
    ['NaN version', '{"version":NaN}'],
    ['huge version', '{"version":1e999}'],
    ['prototype pollution', '{"version":1,"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'],
    ['HTML in answers', '{"version":1,"step":"parties","end_user":"<img src=x onerror=\\"window.__pwned=1\\">","query":"<script>window.__pwned=1</script>"}'],
    ['extra fields', '{"version":1,"step":"start","unexpected":true,"also":[1,2,3]}'],
    ['1 MB answer', JSON.stringify({ version: 1, step: 'parties', end_user: MB })],
  ];
  for (const [label, value] of saved) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, value]);
    await page.reload();
    await page.waitForSelector('#step-title');
    const notice = await page.locator('#storage-notice').count();
    const title = await page.textContent('#step-title');
    assert.ok(title && title.length > 0, `${label}: the app renders`);
    if (notice) assert.match(await page.textContent('#storage-notice'), /./, `${label}: a notice`);
    assert.equal(await page.locator('.duc img, .duc script').count(), 0, `${label}: no HTML rendered`);
  }
  assert.deepEqual(await clean(page), { pwned: false, polluted: false });
  // The HTML answer is shown as text where it belongs.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, saved.find((s) => s[0] === 'HTML in answers')[1]]);
  await page.reload();
  await page.waitForSelector('#end-user');
  assert.equal(await page.inputValue('#end-user'), '<img src=x onerror="window.__pwned=1">');
  assert.deepEqual(await clean(page), { pwned: false, polluted: false });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('report import: hostile files are refused with a bilingual message and lose nothing', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = await guard(page);
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  await page.fill('#as-of', '2025-05-05'); // the answer that must not be lost
  const files = [
    ...HOSTILE.map(([l, v]) => [l, v]),
    ['wrong report version', '{"report_version":"1","state":{}}'],
    ['state of the wrong type', '{"report_version":1,"state":"<b>x</b>"}'],
    ['5 MB file', JSON.stringify({ report_version: 1, state: { version: 1, end_user: 'y'.repeat(5 * 1024 * 1024) } })],
    // Last: a valid report whose JSON carries pollution keys loads, and pollutes nothing.
    ['prototype pollution', '{"report_version":1,"__proto__":{"polluted":1},"state":{"version":1,"__proto__":{"polluted":1}}}'],
  ];
  let previous = '';
  for (const [label, body] of files) {
    await page.setInputFiles('#load-report', { name: 'report.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    await page.waitForSelector('#load-status');
    // Wait for this file's message (each refusal names its own reason).
    await page.waitForFunction((p) => document.querySelector('#load-status')?.textContent !== p, previous, { timeout: 5000 }).catch(() => {});
    const status = await page.textContent('#load-status');
    previous = status;
    if (label === 'prototype pollution') {
      assert.doesNotMatch(status, /无法载入|Could not load/, 'a valid report with odd keys loads');
    } else {
      assert.match(status, /无法载入|Could not load/, `${label}: refused (${status.slice(0, 80)})`);
      assert.equal(await page.inputValue('#as-of'), '2025-05-05', `${label}: nothing lost`);
    }
    assert.equal(await page.locator('.duc img, .duc script, .duc b').count(), 0, `${label}: no HTML rendered`);
  }
  assert.deepEqual(await clean(page), { pwned: false, polluted: false });
  assert.deepEqual(errors, []);
  await ctx.close();
});
