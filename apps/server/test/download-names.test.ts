/**
 * Downloaded files are named in the UI language (issue 13): Content-Disposition carries the name as
 * RFC 5987 `filename*` (UTF-8) and an ASCII `filename` for old clients — 单位导入模板.xlsx,
 * 导入错误-批次12.xlsx in Chinese, organisation-import-template.xlsx in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition } from '../src/platform/http/download.js';
import { createTestContext, multipartFile, type Client, type TestContext } from './helpers.js';

let t: TestContext;
let province: Client;
beforeAll(async () => {
  t = await createTestContext();
  province = await t.login('demo-province');
});
afterAll(async () => t.close());

/** The two names of a Content-Disposition header. */
const namesOf = (header: unknown) => {
  const h = String(header);
  const star = /filename\*=UTF-8''([^;]+)/.exec(h)?.[1];
  const plain = /filename="([^"]*)"/.exec(h)?.[1];
  return { utf8: star ? decodeURIComponent(star) : null, ascii: plain ?? null };
};

describe('download names', () => {
  it('encodes a UTF-8 name by RFC 5987 with an ASCII fallback', () => {
    const h = contentDisposition("单位 (1)'s.xlsx", 'org "list".xlsx');
    expect(h).toBe(
      `attachment; filename="org__list_.xlsx"; filename*=UTF-8''%E5%8D%95%E4%BD%8D%20%281%29%27s.xlsx`,
    );
    expect(namesOf(h).utf8).toBe("单位 (1)'s.xlsx");
  });

  it('names the organisation template and export in the caller’s language', async () => {
    const zh = await province.get('/api/v1/organisations/import/template');
    expect(zh.status).toBe(200);
    expect(namesOf(zh.raw.headers['content-disposition'])).toEqual({
      utf8: '单位导入模板.xlsx',
      ascii: 'organisation-import-template.xlsx',
    });
    const en = await province.get('/api/v1/organisations/import/template', { 'accept-language': 'en' });
    expect(namesOf(en.raw.headers['content-disposition']).utf8).toBe('organisation-import-template.xlsx');
    const exp = await province.get('/api/v1/organisations/export?kind=qc_centre');
    expect(namesOf(exp.raw.headers['content-disposition']).utf8).toBe('单位列表.xlsx');
  });

  it('names the rejected-rows file after its batch: 导入错误-批次N.xlsx', async () => {
    const csv = Buffer.from(
      '单位名称,单位类型,行政区划代码\r\n下载名测试单位,不存在的类型,220102\r\n',
      'utf8',
    );
    const { payload, contentType } = multipartFile(csv, 'bad.csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations/import?dryRun=true',
      payload,
      headers: { 'content-type': contentType, 'x-csrf-token': province.csrfToken! },
      cookies: { ohp_sid: province.sessionToken! },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json<{ errorFileId: string | null }>();
    expect(report.errorFileId).toBeTruthy();
    const file = await province.get(`/api/v1/organisations/import/${report.errorFileId}/errors`);
    expect(file.status).toBe(200);
    expect(namesOf(file.raw.headers['content-disposition'])).toEqual({
      utf8: `导入错误-批次${report.errorFileId}.xlsx`,
      ascii: `import-errors-batch-${report.errorFileId}.xlsx`,
    });
  });

  it('names the standards templates in the caller’s language', async () => {
    const qc = await t.login('demo-qc');
    const zh = await qc.get('/api/v1/standards/imports/template?kind=oel_chemicals');
    expect(zh.status).toBe(200);
    expect(namesOf(zh.raw.headers['content-disposition']).utf8).toBe('化学有害因素限值导入模板.csv');
    const en = await qc.get('/api/v1/standards/imports/template?kind=oel_chemicals', {
      'accept-language': 'en',
    });
    expect(namesOf(en.raw.headers['content-disposition']).utf8).toBe('oel-chemicals-template.csv');
  });
});
