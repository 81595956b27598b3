// After one visit the standalone page loads and completes a classification offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('PWA: offline after one visit, and old caches are deleted on activate', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // A cache left by an "older version", made before the service worker installs,
  // must be gone after activation.
  await page.goto(server.url + '/csp.html');
  await page.evaluate(() => caches.open('dual-use-check-0000000000000000'));
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector('#step-title');
  const keys = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('dual-use-check-')));
  assert.equal(keys.length, 1, `exactly one current cache, got ${keys}`);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'page is controlled by the service worker');

  await ctx.setOffline(true);
  await page.reload();
  await page.waitForSelector('#step-title');
  await page.fill('#as-of', '2026-11-24');
  await page.click('#next');
  await page.fill('#search', '镓');
  await page.click('#results button[data-code="3C001.a"]');
  await page.click('#next');
  await page.check('#q-identity-yes');
  await page.click('#next');
  await page.selectOption('#destination', 'DE');
  for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) await page.check(`#eu-${f}-no`);
  await page.click('#next');
  assert.equal(await page.getAttribute('#outcome', 'data-outcome'), 'LicenceRequired');
  await ctx.close();
});
