// The gallium path, end to end, in both languages, against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, axe, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function fresh() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + '/');
  await page.waitForSelector('#step-title');
  return { ctx, page, errors };
}

async function assertNoAxeViolations(page, where) {
  const v = await axe(page);
  assert.deepEqual(v, [], `axe violations on ${where}: ${JSON.stringify(v, null, 1)}`);
}

for (const lang of ['zh', 'en']) {
  test(`gallium path in ${lang}: licence required with citations and source date`, async () => {
    const { ctx, page, errors } = await fresh();
    // Default is Chinese; switch to English and back to prove the switch works.
    assert.equal(await page.textContent('h1'), '两用物项识别助手');
    await page.click('#lang-switch');
    assert.equal(await page.textContent('h1'), 'Dual-Use Check');
    if (lang === 'zh') {
      await page.click('#lang-switch');
      assert.equal(await page.textContent('h1'), '两用物项识别助手');
    }
    await assertNoAxeViolations(page, `start (${lang})`);
    await page.fill('#as-of', '2026-11-24');
    await page.click('#next');

    // Find the entry three ways: Chinese name, English name, code.
    for (const q of ['镓', 'gallium', '3C001']) {
      await page.fill('#search', q);
      await page.waitForSelector('#results button[data-code="3C001.a"]');
    }
    await page.fill('#search', lang === 'zh' ? '镓' : 'gallium');
    await page.click('#results button[data-code="3C001.a"]');
    await assertNoAxeViolations(page, `item (${lang})`);
    await page.click('#next');

    // The entry question: the item is gallium metal.
    await page.check('#q-identity-yes');
    await assertNoAxeViolations(page, `questions (${lang})`);
    await page.click('#next');

    // Destination and a civil end use.
    await page.selectOption('#destination', 'DE');
    await page.fill('#end-user', 'Example Optics GmbH');
    for (const f of ['notified', 'national-security', 'wmd', 'terrorism', 'military']) {
      await page.check(`#eu-${f}-no`);
    }
    await assertNoAxeViolations(page, `parties (${lang})`);
    await page.click('#next');

    const outcome = await page.getAttribute('#outcome', 'data-outcome');
    assert.equal(outcome, 'LicenceRequired');
    const headline = await page.textContent('#outcome .headline');
    assert.equal(headline, lang === 'zh' ? '需要申请两用物项出口许可。' : 'An export licence is required.');
    // Legal basis: Export Control Law Art. 12 and Dual-use Regulations Art. 14.
    assert.ok(await page.$('#citations li[data-citation="ECL-12"]'), 'ECL Art. 12 cited');
    assert.ok(await page.$('#citations li[data-citation="REG-14"]'), 'Regulations Art. 14 cited');
    const citeText = await page.textContent('#citations');
    assert.match(citeText, lang === 'zh' ? /第12条/ : /Art\. 12/);
    assert.match(citeText, lang === 'zh' ? /第14条/ : /Art\. 14/);
    // The data's source announcement and its date.
    const src = await page.textContent('#sources li[data-source="MOFCOM-GAC-2023-23"]');
    assert.match(src, /2023年第23号/);
    assert.match(src, /2023-07-03/);
    assert.match(await page.textContent('#customs-remark'), /属于两用物项.*3C001\.a/);
    await assertNoAxeViolations(page, `result (${lang})`);
    await screenshot(page, `gallium-result-${lang}`);

    // The JS API returns the same determination for the same inputs.
    const api = await page.evaluate(() => {
      const req = {
        as_of: '2026-11-24',
        item: { code: '3C001.a', answers: { identity: { type: 'bool', value: true } } },
        destination: 'DE',
        end_user: 'Example Optics GmbH',
        end_use: { notified: 'no', national_security: 'no', wmd: 'no', terrorism: 'no', military: 'no' },
      };
      return window.wasmBindings.classify(req);
    });
    assert.equal(api.outcome, 'licence_required');
    assert.equal(api.entry.code, '3C001.a');
    const ids = api.citations.map((c) => c.id);
    assert.ok(ids.includes('ECL-12') && ids.includes('REG-14'));
    assert.ok(api.sources.some((s) => s.id === 'MOFCOM-GAC-2023-23' && s.date === '2023-07-03'));
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}
