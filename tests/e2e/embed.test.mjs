// The <dual-use-check> custom element on a hostile demo portal and under a strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, axe, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function portal(path = '/demo-portal.html') {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + path);
  await page.locator('dual-use-check >> nth=0 >> #step-title').waitFor();
  return { ctx, page, errors };
}

/** Complete the gallium questionnaire inside one instance (Playwright pierces open shadow roots). */
async function walk(w) {
  await w.locator('#as-of').fill('2026-11-24');
  await w.locator('#next').click();
  await w.locator('#search').fill('3C001.a');
  await w.locator('#results button[data-code="3C001.a"]').click();
  await w.locator('#next').click();
  await w.locator('#q-identity-yes').check();
  await w.locator('#next').click();
  await w.locator('#destination').selectOption('DE');
  for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) await w.locator(`#eu-${f}-no`).check();
  await w.locator('#next').click();
  return w.locator('#outcome').getAttribute('data-outcome');
}

test('two independent instances on a hostile portal; events, methods, live attributes', async () => {
  const { ctx, page, errors } = await portal();
  const a = page.locator('#order-check');
  const b = page.locator('#second-check');
  await b.locator('#step-title').waitFor();
  // Initial attributes: lang and hs.
  assert.equal(await a.locator('h1').textContent(), 'Dual-Use Check');
  assert.equal(await b.locator('h1').textContent(), '两用物项识别助手');
  // Events reach the host page.
  const events = page.evaluate(() => new Promise((resolve) => {
    const got = [];
    const el = document.getElementById('order-check');
    el.addEventListener('step', (e) => got.push(['step', e.detail.step]));
    el.addEventListener('determination', (e) => { got.push(['determination', e.detail.outcome]); resolve(got); });
  }));
  assert.equal(await walk(a), 'LicenceRequired');
  const got = await events;
  assert.deepEqual(got.filter((e) => e[0] === 'step').map((e) => e[1]), ['item', 'questions', 'parties', 'result']);
  assert.deepEqual(got.at(-1), ['determination', 'licence_required']);
  // The other instance is untouched.
  assert.equal(await b.locator('#step-title').textContent(), '出口情况');
  // report() and reset().
  const report = await page.evaluate(() => document.getElementById('order-check').report());
  assert.equal(report.report_version, 1);
  assert.equal(report.state.code, '3C001.a');
  assert.equal(report.determination.outcome, 'licence_required');
  await page.evaluate(() => document.getElementById('order-check').reset());
  await a.locator('#step-title:text("The export")').waitFor();
  // Live attributes.
  await page.evaluate(() => document.getElementById('order-check').setAttribute('lang', 'zh'));
  await a.locator('h1:text("两用物项识别助手")').waitFor();
  await page.evaluate(() => document.getElementById('second-check').setAttribute('lang', 'en'));
  await b.locator('h1:text("Dual-Use Check")').waitFor();
  assert.deepEqual(errors, []);
  await screenshot(page, 'demo-portal');
  await ctx.close();
});

test('host CSS does not break the widget, widget CSS does not leak, theming works', async () => {
  const { ctx, page } = await portal();
  const b = page.locator('#second-check');
  await b.locator('#step-title').waitFor();
  const inside = await page.locator('#order-check').locator('#next').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { fontSize: cs.fontSize, border: cs.borderTopStyle, transform: cs.textTransform };
  });
  assert.notEqual(inside.fontSize, '30px', 'host * { font-size !important } must not reach inside');
  assert.equal(inside.border, 'solid');
  assert.equal(inside.transform, 'none');
  const h1 = await page.locator('main > h1').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(h1, /Georgia/, 'the widget CSS does not restyle the page');
  assert.equal(await page.evaluate(() => document.styleSheets.length), 1, 'no stylesheet added to the page');
  // Themed instance: the documented custom property reaches the accent colour.
  const accent = await b.locator('#next').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(accent, 'rgb(123, 44, 191)');
  await ctx.close();
});

test('a Bootstrap 5 page does not restyle the widget, and the widget leaves Bootstrap alone', async () => {
  // Baseline: the widget on a bare page.
  const bare = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body>
<dual-use-check id="w" lang="en"></dual-use-check><script type="module" src="/dual-use-check-element.js"></script></body></html>`;
  const boot = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bootstrap portal</title>
<link rel="stylesheet" href="/bootstrap.min.css"></head><body class="bg-dark text-light" style="font-size: 1.25rem">
<nav class="navbar navbar-expand bg-primary"><div class="container"><a class="navbar-brand text-white" href="#">Portal</a></div></nav>
<main class="container py-3"><h1 class="display-4" id="page-title">Export declaration</h1>
<form class="row g-3"><div class="col-6"><label class="form-label" for="hs">HS code</label><input class="form-control form-control-lg" id="hs" value="8112929090"></div>
<div class="col-6"><button class="btn btn-danger btn-lg" id="page-btn" type="button">Submit</button></div></form>
<div class="card"><div class="card-body"><dual-use-check id="w" lang="en"></dual-use-check></div></div></main>
<script type="module" src="/dual-use-check-element.js"></script></body></html>`;
  const css = fs.readFileSync(new URL('../../node_modules/bootstrap/dist/css/bootstrap.min.css', import.meta.url), 'utf8');
  const srv = await serve(undefined, { '/bare.html': bare, '/boot.html': boot, '/bootstrap.min.css': css });
  const contexts = [];
  try {
    const probe = async (file) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      contexts.push(ctx);
      const page = await ctx.newPage();
      await page.goto(srv.url + file);
      const w = page.locator('#w');
      await w.locator('#step-title').waitFor();
      const look = async (sel) => w.locator(sel).evaluate((el) => {
        const c = getComputedStyle(el);
        return [c.fontSize, c.fontFamily, c.color, c.backgroundColor, c.paddingTop, c.borderTopWidth, c.borderTopLeftRadius, c.lineHeight, c.marginBottom].join('|');
      });
      const out = { h1: await look('h1'), next: await look('#next'), asOf: await look('#as-of'), label: await look('label[for="as-of"]'), title: await look('#step-title') };
      const box = await w.locator('#next').boundingBox();
      out.nextHeight = Math.round(box.height);
      return { ctx, page, out };
    };
    const a = await probe('/bare.html');
    const b = await probe('/boot.html');
    assert.deepEqual(b.out, a.out, 'Bootstrap changes nothing inside the widget');
    // Bootstrap still styles its own page: the widget's CSS does not leak out.
    const btn = await b.page.locator('#page-btn').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(btn, 'rgb(220, 53, 69)', 'Bootstrap .btn-danger intact');
    const title = await b.page.locator('#page-title').evaluate((el) => getComputedStyle(el).fontWeight);
    assert.equal(title, '300', 'Bootstrap .display-4 intact');
    await screenshot(b.page, 'embed-bootstrap');
  } finally {
    for (const c of contexts) await c.close();
    await srv.close();
  }
});

test('strict CSP: the widget loads and classifies with no violation', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url + '/csp.html');
  const w = page.locator('#csp-check');
  await w.locator('#step-title').waitFor();
  assert.equal(await walk(w), 'LicenceRequired');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await ctx.close();
});

test('zero upload: no request after the initial asset load during a full questionnaire', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  await page.waitForLoadState('networkidle');
  const after = [];
  page.on('request', (r) => after.push(r.url()));
  await page.fill('#as-of', '2026-11-24');
  await page.click('#next');
  await page.fill('#search', '镓');
  await page.click('#results button[data-code="3C001.a"]');
  await page.click('#next');
  await page.check('#q-identity-yes');
  await page.click('#next');
  await page.selectOption('#destination', 'DE');
  await page.fill('#end-user', 'Example Optics GmbH');
  for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) await page.check(`#eu-${f}-no`);
  await page.click('#next');
  assert.equal(await page.getAttribute('#outcome', 'data-outcome'), 'LicenceRequired');
  assert.deepEqual(after, [], 'no network request once the assets are loaded');
  await ctx.close();
});
