// Technology exports: the catalogue step of the questionnaire, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, axe, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  return { ctx, page, errors };
}

async function parties(page) {
  await page.selectOption('#destination', 'US');
  await page.fill('#end-user', 'Example Media Inc.');
  for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) await page.check(`#eu-${f}-no`);
  await page.click('#next');
}

test('recommendation-algorithm licence to a foreign company (en): restricted, with the technology licence route', async () => {
  const { ctx, page, errors } = await open();
  await page.click('#lang-switch');
  await page.fill('#as-of', '2026-11-24');
  await page.check('#export-kind-technology');
  await page.click('#next');
  await page.click('#not-listed');
  await page.click('#next');
  assert.equal(await page.textContent('#step-title'), 'Technology catalogue');
  assert.match(await page.textContent('.step-tech'), /incomplete/);
  assert.deepEqual(await axe(page), [], 'axe on the technology step');
  await page.check('#tech-transfer-patent_licence');
  await page.selectOption('#tech-field', '计算机服务业');
  const candidates = await page.locator('#tech-results button').count();
  assert.ok(candidates >= 1, 'the field narrows the candidates');
  await page.click('#tech-results button[data-tech="086501X"]');
  await page.check('#tp-p21-yes');
  await page.check('#tp-p17-no');
  await page.check('#tp-p18-no');
  await screenshot(page, 'tech-step-en');
  await page.click('#next');
  await parties(page);
  assert.equal(await page.getAttribute('#outcome', 'data-outcome'), 'LicenceRequired');
  assert.equal(await page.getAttribute('#tech-result', 'data-tech-outcome'), 'Restricted');
  assert.match(await page.textContent('#tech-result'), /letter of intent/);
  assert.ok(await page.locator('#trace li[data-rule="tech_restricted"]').count());
  assert.ok(await page.locator('#citations li[data-citation="TIE-33"]').count());
  assert.deepEqual(await axe(page), []);
  // Back to the technology step: the answers are kept.
  await page.click('#back');
  await page.click('#back');
  assert.equal(await page.isChecked('#tp-p21-yes'), true);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('technology with no catalogue item found (zh, 360 px): uncertain, never "not restricted"', async () => {
  const { ctx, page, errors } = await open({ width: 360, height: 800 });
  await page.fill('#as-of', '2026-11-24');
  await page.check('#export-kind-software');
  await page.click('#next');
  await page.click('#not-listed');
  await page.click('#next');
  assert.equal(await page.textContent('#step-title'), '技术出口目录');
  await page.click('#tech-none');
  await page.click('#next');
  await parties(page);
  assert.equal(await page.getAttribute('#outcome', 'data-outcome'), 'Uncertain');
  assert.equal(await page.getAttribute('#tech-result', 'data-tech-outcome'), 'Uncertain');
  assert.ok(await page.locator('#trace li[data-rule="tech_not_listed_incomplete"]').count());
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal scroll at 360 px (${width})`);
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'tech-result-zh-360');
  assert.deepEqual(errors, []);
  await ctx.close();
});
