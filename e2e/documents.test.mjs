/**
 * 文书 (printable documents, issue 16 item 1) in Chromium, on the demo province: the provincial
 * commission opens its demo filing receipt (备案回执), its printable page and its PDF (page 1 turned
 * into a picture with pdftoppm, to look at); then, without login and on a phone-sized screen, anyone
 * checks the receipt at /verify/<code> (valid, in Chinese and in English), a revoked receipt, a code
 * typed into the form, and an unknown code (404 page).
 * Run after `npm run build`: `node --test --test-concurrency=1 e2e/documents.test.mjs`.
 * Screenshots: e2e/screenshots/documents-*.png.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { journeys, newPage, shot, SHOTS, chooseLanguage } from './helpers.mjs';

const apiJson = async (page, path) =>
  page.evaluate(async (path) => {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: res.status, body: await res.json() };
  }, path);

const PHONE = { width: 390, height: 844 };

journeys('printable documents and their public verification', (env) => {
  const docs = { valid: null, revoked: null };

  test('the commission opens its filing receipt, the printable page and the PDF', async () => {
    const { context, page, errors } = await env.signIn('demo-province');
    // The demo seeds two receipts about the demo exam institution: 1 valid, 2 revoked.
    for (const id of [1, 2]) {
      const r = await apiJson(page, `/api/v1/documents/${id}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.kind, 'filing_receipt');
      docs[r.body.status] = r.body;
    }
    assert.ok(docs.valid && docs.revoked, 'one valid and one revoked demo receipt');
    assert.equal(docs.valid.abilities.revoke, true);

    await page.goto(`/documents/${docs.valid.id}`);
    await page.getByText('职业健康检查机构备案回执').first().waitFor();
    await page.getByTestId('document-print').waitFor();
    await shot(page, 'documents-view');

    // The printable page, as the browser prints it.
    const print = await context.newPage();
    await print.goto(`/api/v1/documents/${docs.valid.id}/print`);
    await print.getByRole('heading', { name: '职业健康检查机构备案回执' }).waitFor();
    assert.ok((await print.content()).includes(docs.valid.verifyPath));
    await print.emulateMedia({ media: 'print' });
    mkdirSync(SHOTS, { recursive: true });
    await print.screenshot({ path: join(SHOTS, 'documents-print.png'), fullPage: true });

    // The server's PDF, page 1 as a picture (what a reader without Chinese fonts would show).
    const pdf = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/documents/${id}/pdf`);
      const buf = new Uint8Array(await res.arrayBuffer());
      let s = '';
      for (const b of buf) s += String.fromCharCode(b);
      return { status: res.status, type: res.headers.get('content-type'), b64: btoa(s) };
    }, docs.valid.id);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.type, 'application/pdf');
    const file = join(SHOTS, 'documents-receipt.pdf');
    writeFileSync(file, Buffer.from(pdf.b64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.ok(text.includes('职业健康检查机构备案回执'), text);
    assert.ok(text.includes(docs.valid.number), text);
    execFileSync('pdftoppm', [
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      '80',
      '-png',
      '-singlefile',
      file,
      join(SHOTS, 'documents-pdf-page1'),
    ]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('anyone verifies the receipt at /verify/<code> without login, on a phone, in Chinese and English', async () => {
    const { context, page, errors } = await newPage(env.browser, env.server.baseUrl);
    await page.setViewportSize(PHONE);
    await page.goto(`/verify/${docs.valid.code}`);
    await page.getByTestId('verify-valid').waitFor();
    assert.equal(new URL(page.url()).pathname, `/verify/${docs.valid.code}`, 'not sent to the login page');
    const body = await page.locator('body').innerText();
    assert.ok(body.includes('文书有效'), body);
    assert.ok(body.includes('职业健康检查机构备案回执'), body);
    assert.ok(body.includes(docs.valid.number), body);
    assert.ok(body.includes(docs.valid.organisationName), body);
    // No horizontal scrolling on the phone.
    const overflow = await page.evaluate(
      () => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth,
    );
    assert.ok(overflow <= 1, `page wider than the phone by ${overflow}px`);
    await shot(page, 'documents-verify-phone');

    await chooseLanguage(page, 'en');
    await page.getByText('Valid document').waitFor();
    await shot(page, 'documents-verify-phone-en');
    await chooseLanguage(page, 'zh-CN');

    await page.goto(`/verify/${docs.revoked.code}`);
    await page.getByTestId('verify-revoked').waitFor();
    assert.ok((await page.getByTestId('verify-revoked').innerText()).includes(docs.revoked.revokeReason));
    await shot(page, 'documents-verify-revoked');

    // A code typed from paper, lower case with hyphens.
    await page.goto('/verify');
    const typed = docs.valid.code.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
    await page.getByTestId('verify-code-input').fill(typed);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-valid').waitFor();

    await page.goto('/verify/ZZZZZZZZZZZZ');
    await page.getByTestId('verify-not-found').waitFor();
    await shot(page, 'documents-verify-unknown');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
