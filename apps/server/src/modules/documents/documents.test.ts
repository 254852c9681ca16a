/**
 * Printable documents (issue 16 item 1): issuing (code, hash, audit), the public verification (valid,
 * revoked, unknown, nothing beyond what the document says), who may see and revoke, and a real PDF of a
 * Chinese receipt checked with poppler: its text (pdftotext), its embedded CJK font (pdffonts) and a
 * picture of page 1 (pdftoppm) that must not be blank.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { loadActor } from '../../platform/authz/session.js';
import { issueDocument, type IssueDocument } from './index.js';
import { CODE_ALPHABET, formatCode, normaliseCode } from './documents.service.js';
import { chromiumExecutable } from './documents.pdf.js';
import { findCjkFonts } from './documents.fonts.js';

let t: TestContext;
const c: Record<string, Client> = {};
const ids: Record<string, number> = {};
/** Where the rendered PDF and its page picture are kept for a person to look at. */
const OUT = join(process.cwd(), 'test-results', 'documents');

const actor = async (username: string) => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};
const ctxOf = (a: Awaited<ReturnType<typeof actor>>) => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'documents-test',
});

const receipt = (organisationId: number, issuerOrganisationId: number, number: string): IssueDocument => ({
  kind: 'filing_receipt',
  organisationId,
  issuerOrganisationId,
  subjectType: 'filing',
  subjectId: 42,
  title: { zh: '职业健康检查机构备案回执', en: 'Receipt of filing' },
  number,
  fields: [
    { label: { zh: '备案类别', en: 'Filed categories' }, value: '接触粉尘类；接触化学因素类' },
    { label: { zh: '主检医师', en: 'Chief physician' }, value: '王立新' },
  ],
});

const issue = async (username: string, doc: IssueDocument) => {
  const a = await actor(username);
  return t.deps.db.transaction().execute((trx) => issueDocument(trx, ctxOf(a), doc));
};

beforeAll(async () => {
  t = await createTestContext();
  for (const u of [
    'demo-province',
    'demo-city',
    'demo-county',
    'demo-exam',
    'demo-employer',
    'demo-qc',
    'demo-sysadmin',
  ])
    c[u] = await t.login(u);
  ids.province = (await actor('demo-province')).organisationId;
  ids.exam = (await actor('demo-exam')).organisationId;
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => t?.close());

describe('issuing', () => {
  it('stores the document with a fresh 12-character code of the unambiguous alphabet, hashed and audited', async () => {
    const ref = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第101号'));
    expect(ref.code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
    expect([...ref.code].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
    expect(ref.verifyPath).toBe(`/verify/${ref.code}`);
    const row = await t.deps.db
      .selectFrom('issued_document')
      .selectAll()
      .where('document_id', '=', ref.documentId)
      .executeTakeFirstOrThrow();
    expect(row.verification_code).toBe(ref.code);
    expect(row.organisation_id).toBe(ids.exam);
    expect(row.issuer_organisation_id).toBe(ids.province);
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.fields).toEqual(receipt(0, 0, '').fields);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'document.issue')
      .where('entity_id', '=', String(ref.documentId))
      .executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe('demo-province');
    // Codes differ from one document to the next.
    const again = await issue(
      'demo-province',
      receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第102号'),
    );
    expect(again.code).not.toBe(ref.code);
  });

  it('refuses a bad kind, an empty title and an unknown organisation with field reasons', async () => {
    await expect(
      issue('demo-province', { ...receipt(ids.exam!, ids.province!, 'x'), kind: 'Bad Kind' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: 'kind', reason: 'document_kind_invalid' })],
    });
    await expect(
      issue('demo-province', { ...receipt(ids.exam!, ids.province!, 'x'), title: { zh: ' ', en: 'x' } }),
    ).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'title.zh', reason: 'value_required' })],
    });
    await expect(issue('demo-province', receipt(99_999_999, ids.province!, 'x'))).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'organisationId', reason: 'organisation_unknown' })],
    });
  });

  it('normalises a code typed from paper and prints it in groups of four', () => {
    expect(normaliseCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(normaliseCode('ABCD EFGH JKM0')).toBeNull(); // 0 is not in the alphabet
    expect(normaliseCode('ABCD')).toBeNull();
    expect(formatCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });
});

describe('public verification', () => {
  it('shows what a valid document says to anyone, without login, and nothing more', async () => {
    const ref = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第201号'));
    const res = await t.anonymous().get(`/api/v1/public/documents/${formatCode(ref.code).toLowerCase()}`);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(Object.keys(b).sort()).toEqual(
      [
        'code',
        'fields',
        'intact',
        'issuedAt',
        'issuerName',
        'kind',
        'number',
        'organisationName',
        'revokeReason',
        'revokedAt',
        'status',
        'title',
        'verifyPath',
      ].sort(),
    );
    expect(b.status).toBe('valid');
    expect(b.intact).toBe(true);
    expect(b.number).toBe('吉卫职检备〔2026〕第201号');
    expect(b.title).toEqual({ zh: '职业健康检查机构备案回执', en: 'Receipt of filing' });
    expect(b.fields).toEqual(receipt(0, 0, '').fields);
    const org = await t.deps.db
      .selectFrom('organisation')
      .select(['name', 'contact_phone', 'contact_name', 'credit_code', 'address'])
      .where('organisation_id', '=', ids.exam!)
      .executeTakeFirstOrThrow();
    expect(b.organisationName).toBe(org.name);
    // No personal or organisation data beyond what the document prints.
    const text = JSON.stringify(b);
    for (const v of [org.contact_phone, org.contact_name, org.credit_code, org.address])
      if (v) expect(text).not.toContain(v);
    expect(text).not.toContain('demo-province');
    expect(text).not.toMatch(/"(id|organisationId|issuedBy|subjectId|contentHash)"/);
  });

  it('answers 404 for an unknown or malformed code', async () => {
    for (const code of ['ZZZZZZZZZZZZ', 'not-a-code', '000000000000']) {
      const res = await t.anonymous().get(`/api/v1/public/documents/${code}`);
      expect(res.status, code).toBe(404);
      expect((res.body.error as { reason: string }).reason).toBe('document_code_unknown');
    }
  });

  it('shows a revoked document as revoked, with the date and reason', async () => {
    const ref = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第301号'));
    const r = await c['demo-province']!.post(`/api/v1/documents/${ref.documentId}/revoke`, {
      reason: '信息有误，已重新出具',
    });
    expect(r.status).toBe(200);
    const res = await t.anonymous().get(`/api/v1/public/documents/${ref.code}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('revoked');
    expect(res.body.revokeReason).toBe('信息有误，已重新出具');
    expect(typeof res.body.revokedAt).toBe('string');
  });

  it('shows that the stored text no longer matches its hash when it was changed in the database', async () => {
    const ref = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第401号'));
    await t.deps.db
      .updateTable('issued_document')
      .set({ number: '吉卫职检备〔2026〕第999号' })
      .where('document_id', '=', ref.documentId)
      .execute();
    const res = await t.anonymous().get(`/api/v1/public/documents/${ref.code}`);
    expect(res.body.intact).toBe(false);
  });
});

describe('who sees and who revokes', () => {
  it('shows a document to its organisation, its issuer and the regulators above it; 404 to others', async () => {
    const cityOrg = (await actor('demo-city')).regionCode;
    // An exam institution in another city of the province: outside demo-city's region.
    const otherCity = cityOrg.startsWith('2202') ? '220102' : '220202';
    const far = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: otherCity });
    const ref = await issue('demo-province', receipt(far, ids.province!, '吉卫职检备〔2026〕第501号'));
    const see = async (u: string) => (await c[u]!.get(`/api/v1/documents/${ref.documentId}`)).status;
    expect(await see('demo-province')).toBe(200); // issuer, and the province covers it
    expect(await see('demo-qc')).toBe(200); // the provincial QC centre: the whole province
    expect(await see('demo-city')).toBe(404);
    expect(await see('demo-exam')).toBe(404); // another institution
    expect(await see('demo-employer')).toBe(404);
    expect(await see('demo-sysadmin')).toBe(404); // administrators see no business data

    const own = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第502号'));
    const mine = await c['demo-exam']!.get(`/api/v1/documents/${own.documentId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.abilities).toEqual({ revoke: false });
    const html = await c['demo-exam']!.get(`/api/v1/documents/${own.documentId}/print`);
    expect(html.status).toBe(200);
    expect(html.raw.headers['content-type']).toContain('text/html');
    expect(html.raw.body).toContain('职业健康检查机构备案回执');
    expect(html.raw.body).toContain(formatCode(own.code));
    expect(html.raw.body).toContain(`/verify/${own.code}`);
    expect(html.raw.body).toContain('<svg'); // the QR code
  });

  it('lets only the issuer revoke, with a reason, once; audited', async () => {
    const ref = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第601号'));
    const url = `/api/v1/documents/${ref.documentId}/revoke`;
    const byInstitution = await c['demo-exam']!.post(url, { reason: '自行作废' });
    expect(byInstitution.status).toBe(403);
    expect((byInstitution.body.error as { reason: string }).reason).toBe('document_revoke_issuer_only');
    expect((await c['demo-province']!.post(url, { reason: '   ' })).status).toBe(400);
    expect((await c['demo-province']!.get(`/api/v1/documents/${ref.documentId}`)).body.abilities).toEqual({
      revoke: true,
    });
    const ok = await c['demo-province']!.post(url, { reason: '备案类别变更' });
    expect(ok.status).toBe(200);
    const again = await c['demo-province']!.post(url, { reason: '备案类别变更' });
    expect(again.status).toBe(409);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'document.revoke')
      .where('entity_id', '=', String(ref.documentId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('demo-province');
    expect(JSON.stringify(audit[0]!.after)).toContain('备案类别变更');
  });
});

/** The share of dark pixels (< 160 of 255) in a binary PGM (P5) image. */
const darkShare = (pgm: Buffer): number => {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  expect(pixels.length).toBe(w * h);
  let dark = 0;
  for (const p of pixels) if (p < 160) dark++;
  return dark / pixels.length;
};

const hasChromium = chromiumExecutable() !== null;

describe('PDF', () => {
  // CI installs chromium and fonts-noto-cjk (.ci/run): there this never skips.
  it.skipIf(!hasChromium && !process.env.CI)(
    'renders a Chinese receipt whose text, embedded CJK font and page picture are right',
    async () => {
      expect(findCjkFonts().regular).not.toBeNull();
      const ref = await issue(
        'demo-province',
        receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第701号'),
      );
      const res = await c['demo-exam']!.get(`/api/v1/documents/${ref.documentId}/pdf`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.raw.headers['content-type']).toBe('application/pdf');
      expect(String(res.raw.headers['content-disposition'])).toContain('.pdf');
      const pdf = res.raw.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const file = join(OUT, 'filing-receipt.pdf');
      writeFileSync(file, pdf);

      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
        /[ \t]+/g,
        ' ',
      );
      expect(text).toContain('职业健康检查机构备案回执');
      expect(text).toContain('吉卫职检备〔2026〕第701号');
      expect(text).toContain(formatCode(ref.code));
      expect(text).toContain('接触粉尘类；接触化学因素类');
      expect(text).toContain(`/verify/${ref.code}`);

      // Every font embedded (emb = yes) with a Unicode map (uni = yes), so Chinese shows on any reader
      // and can be searched and copied. Chromium (Skia) embeds a CFF-based CJK font such as Noto CJK as
      // Type 3 fonts (the glyph outlines themselves, 256 glyphs each) and a TrueType one (WenQuanYi) as
      // a CID TrueType subset named after it: either way the glyphs are in the file.
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line, line).toMatch(/\syes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
      expect(fonts.some((l) => /Type 3|CJK|Han|WenQuanYi|wqy/i.test(l))).toBe(true);

      // Page 1 as a picture: a PNG to look at, a grey-scale copy to count the ink.
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
        join(OUT, 'filing-receipt-page1'),
      ]);
      execFileSync('pdftoppm', [
        '-f',
        '1',
        '-l',
        '1',
        '-r',
        '40',
        '-gray',
        '-singlefile',
        file,
        join(OUT, 'page1'),
      ]);
      const png = readFileSync(join(OUT, 'filing-receipt-page1.png'));
      expect(png.length).toBeGreaterThan(20_000);
      const share = darkShare(readFileSync(join(OUT, 'page1.pgm')));
      // Text, table rules and the QR code: clearly more than a blank page, far less than a black one.
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.5);

      // A full receipt (the rows a filing receipt prints for four categories, one wrapping) stays on one
      // A4 page with its verification block: the QR code and the code are on the page people hold.
      const full = await issue('demo-province', {
        ...receipt(ids.exam!, ids.province!, '22-ZJ-2026-0011'),
        fields: [
          ['单位名称', '长春市人民医院'],
          ['机构名称', '长春市人民医院'],
          ['统一社会信用代码', '922201020010009266'],
          ['法定代表人', '王建国'],
          ['地址', '吉林省 长春市 南关区（演示地址）'],
          ['备案编号', '22-ZJ-2026-0011'],
          ['备案日期', '2026-12-05'],
          ['备案类别：接触粉尘类', '矽尘、石棉（石棉含量＞10%）粉尘纤维'],
          [
            '备案类别：接触化学因素类',
            '苯、铅及其无机化合物（按 Pb 计，不包括四乙基铅）、甲醛、正己烷、三氯乙烯',
          ],
          ['备案类别：接触物理因素类', '噪声、高温'],
          ['备案类别：接触放射因素类', 'X 射线'],
          ['备案机关', '吉林省卫生健康委员会'],
        ].map(([zh, value]) => ({ label: { zh: zh!, en: zh! }, value: value! })),
      });
      const fullPdf = (await c['demo-exam']!.get(`/api/v1/documents/${full.documentId}/pdf`)).raw.rawPayload;
      const fullFile = join(OUT, 'filing-receipt-full.pdf');
      writeFileSync(fullFile, fullPdf);
      expect(execFileSync('pdfinfo', [fullFile], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
      const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', fullFile, '-'], {
        encoding: 'utf8',
      }).replace(/[ \t]+/g, ' ');
      expect(page1).toContain(formatCode(full.code));
      expect(page1).toContain(`/verify/${full.code}`);
    },
    120_000,
  );

  it('answers 503 with a reason when the server has no Chromium, while the printable HTML still works', async () => {
    const ref = await issue('demo-province', receipt(ids.exam!, ids.province!, '吉卫职检备〔2026〕第801号'));
    const settings = t.deps.config.documents;
    const saved = settings.chromiumPath;
    settings.chromiumPath = '/nonexistent/chromium';
    try {
      const res = await c['demo-exam']!.get(`/api/v1/documents/${ref.documentId}/pdf`, {
        'accept-language': 'zh-CN',
      });
      expect(res.status).toBe(503);
      const err = res.body.error as { reason: string; message: string };
      expect(err.reason).toBe('document_pdf_unavailable');
      expect(err.message).toContain('Chromium');
      expect((await c['demo-exam']!.get(`/api/v1/documents/${ref.documentId}`)).body.pdfAvailable).toBe(
        false,
      );
      expect((await c['demo-exam']!.get(`/api/v1/documents/${ref.documentId}/print`)).status).toBe(200);
    } finally {
      settings.chromiumPath = saved;
    }
  });
});
