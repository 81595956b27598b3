// Questionnaire scenarios across both languages, against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, axe, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(opts = {}) {
  const ctx = await browser.newContext({ viewport: opts.viewport || { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  return { ctx, page, errors };
}

async function toEnglish(page) {
  if ((await page.textContent('h1')) !== 'Dual-Use Check') await page.click('#lang-switch');
}

async function start(page, asOf = '2026-11-24') {
  await page.fill('#as-of', asOf);
  await page.click('#next');
}

async function pick(page, query, code) {
  await page.fill('#search', query);
  await page.click(`#results button[data-code="${code}"]`);
  await page.click('#next');
}

async function parties(page, { dest = 'DE', user = '', answers = {} } = {}) {
  await page.selectOption('#destination', dest);
  if (user) await page.fill('#end-user', user);
  for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) {
    await page.check(`#eu-${f}-${answers[f] || 'no'}`);
  }
  await page.click('#next');
}

const outcome = (page) => page.getAttribute('#outcome', 'data-outcome');

test('not listed, catch-all no (en): no licence by the list, with the catch-all reminder', async () => {
  const { ctx, page, errors } = await open();
  // The as-of date defaults to today, and the field shows that date.
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  assert.equal(await page.inputValue('#as-of'), today);
  await toEnglish(page);
  await start(page);
  await page.click('#not-listed');
  await page.click('#next');
  assert.equal(await page.textContent('#step-title'), 'Destination and use');
  await parties(page);
  assert.equal(await outcome(page), 'NoLicenceRequiredByList');
  assert.match(await page.textContent('#outcome'), /catch-all still applies/);
  assert.match(await page.textContent('#customs-remark'), /不属于管制物项/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('unknown answer (zh): the result is uncertain, never not-controlled', async () => {
  const { ctx, page } = await open();
  await start(page);
  await pick(page, '镓', '3C001.b');
  await page.check('#q-identity-unknown');
  await page.click('#next');
  await parties(page);
  assert.equal(await outcome(page), 'Uncertain');
  assert.match(await page.textContent('#outcome .headline'), /无法确定/);
  await ctx.close();
});

test('catch-all yes (en): WMD end use needs a licence even when not listed', async () => {
  const { ctx, page } = await open();
  await toEnglish(page);
  await start(page);
  await page.click('#not-listed');
  await page.click('#next');
  await parties(page, { answers: { wmd: 'yes' } });
  assert.equal(await outcome(page), 'LicenceRequired');
  assert.ok(await page.$('#trace li[data-rule="catch_all_yes"]'));
  await ctx.close();
});

test('US military end user (zh): prohibited under Announcement 2024 No. 46', async () => {
  const { ctx, page } = await open();
  await start(page);
  await pick(page, '3C001.a', '3C001.a');
  await page.check('#q-identity-yes');
  await page.click('#next');
  await parties(page, { dest: 'US', answers: { military: 'yes' } });
  assert.equal(await outcome(page), 'Prohibited');
  assert.match(await page.textContent('#trace'), /2024年第46号/);
  await ctx.close();
});

test('back navigation keeps every answer', async () => {
  const { ctx, page } = await open();
  await start(page, '2026-10-01');
  await pick(page, 'gallium', '3C001.a');
  await page.check('#q-identity-yes');
  await page.click('#next');
  await page.selectOption('#destination', 'JP');
  await page.fill('#end-user', 'Tokyo Optics KK');
  await page.click('#back');
  assert.equal(await page.isChecked('#q-identity-yes'), true);
  await page.click('#back');
  assert.equal(await page.inputValue('#search'), 'gallium');
  await page.click('#back');
  assert.equal(await page.inputValue('#as-of'), '2026-10-01');
  await page.click('#next');
  await page.click('#next');
  await page.click('#next');
  assert.equal(await page.inputValue('#destination'), 'JP');
  assert.equal(await page.inputValue('#end-user'), 'Tokyo Optics KK');
  await ctx.close();
});

test('language switch mid-flow keeps answers and translates the page', async () => {
  const { ctx, page } = await open();
  await start(page);
  await pick(page, '镓', '3C001.a');
  await page.check('#q-identity-yes');
  await page.click('#lang-switch');
  assert.equal(await page.textContent('#step-title'), 'Parameters');
  assert.equal(await page.isChecked('#q-identity-yes'), true);
  assert.match(await page.textContent('.entry-title'), /Gallium metal/);
  assert.deepEqual(await axe(page), []);
  await ctx.close();
});

test('reload resumes where the user was', async () => {
  const { ctx, page } = await open();
  await start(page);
  await pick(page, '镓', '3C001.a');
  await page.check('#q-identity-yes');
  await page.reload();
  await page.waitForSelector('#step-title');
  assert.equal(await page.textContent('#step-title'), '参数问题');
  assert.equal(await page.isChecked('#q-identity-yes'), true);
  await ctx.close();
});

test('corrupted saved state shows a notice and a fresh start, without crashing', async () => {
  const { ctx, page, errors } = await open();
  for (const bad of ['{"version":1,"step":', '{"version":99}', 'null', '<script>alert(1)</script>']) {
    await page.evaluate((v) => localStorage.setItem('dual-use-check/v1/state', v), bad);
    await page.reload();
    await page.waitForSelector('#storage-notice');
    assert.equal(await page.textContent('#step-title'), '出口情况');
  }
  await page.click('#storage-notice button');
  assert.equal(await page.$('#storage-notice'), null);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('print view hides navigation and keeps outcome, trace, citations and data hash', async () => {
  const { ctx, page } = await open();
  await start(page);
  await pick(page, '镓', '3C001.a');
  await page.check('#q-identity-yes');
  await page.click('#next');
  await parties(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('nav'), false);
  assert.equal(await page.isVisible('#restart'), false);
  for (const sel of ['#outcome', '#trace', '#citations', '#data-version']) assert.equal(await page.isVisible(sel), true, sel);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await screenshot(page, 'print-view');
  await ctx.close();
});

test('JSON report round trip: download, start over, load it back', async () => {
  const { ctx, page } = await open();
  await start(page);
  await pick(page, '镓', '3C001.a');
  await page.check('#q-identity-yes');
  await page.click('#next');
  await parties(page, { user: 'Example Optics GmbH' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = await download.path();
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(report.report_version, 1);
  assert.equal(report.determination.outcome, 'licence_required');
  assert.equal(report.determination.data_version.hash.length, 64);
  await page.click('#restart');
  assert.equal(await page.textContent('#step-title'), '出口情况');
  await page.setInputFiles('#load-report', file);
  await page.waitForSelector('#step-title:text("结论")');
  assert.equal(await outcome(page), 'LicenceRequired');
  // A file that is not a report is refused with a message, and nothing is lost.
  await page.click('#restart');
  await page.click('#as-of');
  await page.setInputFiles('#load-report', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"report_version":7}') });
  await page.waitForSelector('#load-status');
  assert.match(await page.textContent('#load-status'), /无法载入/);
  await ctx.close();
});

test('keyboard only: the whole flow completes without a mouse', async () => {
  const { ctx, page } = await open();
  const press = (k, n = 1) => (async () => { for (let i = 0; i < n; i++) await page.keyboard.press(k); })();
  // Focus the date field, then walk with Tab / Space / arrows / Enter.
  await page.focus('#as-of');
  await page.keyboard.type('11242026');
  await page.focus('#next');
  await press('Enter');
  await page.focus('#search');
  await page.keyboard.type('3C001.a');
  await press('Tab');
  await press('Enter'); // the first result
  await page.focus('#next');
  await press('Enter');
  await page.focus('#q-identity-yes');
  await press('Space');
  await page.focus('#next');
  await press('Enter');
  await page.focus('#destination');
  await page.keyboard.type('德');
  await page.focus('#eu-notified-no');
  await press('Space');
  for (const f of ['national-security', 'wmd', 'terrorism', 'military']) {
    await press('Tab');
    await press('ArrowLeft');
    // Each group starts at "unknown" (checked by default, and the group's one tab
    // stop); ArrowLeft moves to "no".
    assert.equal(await page.evaluate(() => document.activeElement.id), `eu-${f}-no`);
  }
  await page.focus('#next');
  await press('Enter');
  assert.equal(await outcome(page), 'LicenceRequired');
  await ctx.close();
});

test('usable at 360 px wide and inside a 400x600 box: no horizontal overflow', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 400, height: 600 }]) {
    const { ctx, page } = await open({ viewport });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(await overflow(), false);
    await start(page);
    await pick(page, '镓', '3C001.a');
    assert.equal(await overflow(), false);
    await page.check('#q-identity-yes');
    await page.click('#next');
    await parties(page);
    assert.equal(await overflow(), false);
    await screenshot(page, `result-${viewport.width}`);
    await ctx.close();
  }
});
