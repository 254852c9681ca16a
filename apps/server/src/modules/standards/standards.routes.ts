/** HTTP wiring of the standards calculators (标准计算器) and their administrator data. */
import { chinaToday } from '@ohp/reference';
import { calculators, defaultAmendments } from '@ohp/standards';
import { Type } from 'typebox';
import { contentDisposition, fileNameIn } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { ImportBatch } from '@ohp/contracts';
import { startImport } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import { answerUpload, fileRefusal, readUpload } from '../imports/index.js';
import { searchLimitRows } from './standards.search.js';
import {
  importTemplates,
  registerStandardsImport,
  standardImportReport,
  listAmendments,
  loadContext,
  runCalculator,
  setAmendment,
} from './standards.service.js';

const tags = ['standards'];

const CalculatorInfo = Type.Object({
  id: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  standard: Type.String(),
  inputSchema: Type.Unknown(),
  example: Type.Unknown(),
});

export const registerStandardsRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/standards', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '标准计算器列表 Calculators with their input schema and an example',
      response: { 200: Type.Object({ data: Type.Array(CalculatorInfo) }) },
    },
    handler: async () => ({
      data: calculators.map((c) => ({
        id: c.id,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        standard: c.standard,
        inputSchema: c.inputSchema,
        example: c.example,
      })),
    }),
  });

  const nullableNumber = Type.Union([Type.Number(), Type.Null()]);
  const LimitRowHit = Type.Object({
    rowId: Type.String(),
    table: Type.Union([Type.Literal(1), Type.Literal(2)]),
    seq: Type.Integer(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    group: Type.String(),
    variant: Type.Union([Type.String(), Type.Null()]),
    cas: Type.Array(Type.String()),
    mac: nullableNumber,
    pcTwa: nullableNumber,
    pcStel: nullableNumber,
    pcTwaTotal: nullableNumber,
    pcTwaRespirable: nullableNumber,
    loaded: Type.Boolean(),
    origin: Type.Union([
      Type.Literal('table'),
      Type.Literal('amendment'),
      Type.Literal('import'),
      Type.Literal('missing'),
    ]),
    citation: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
  });
  // The substance picker: GBZ 2.1 rows by name, CAS, row id or pinyin initials (standards.search.ts).
  app.get('/api/v1/standards/limit-rows', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary:
        '限值行检索 GBZ 2.1-2019 table 1/2 rows in force on the date, by name, CAS number, row id or pinyin initials; sub-rows of one substance come together',
      querystring: Type.Object(
        {
          q: Type.Optional(Type.String({ maxLength: 50 })),
          eventDate: Type.Optional(Type.String({ format: 'date' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Object({ data: Type.Array(LimitRowHit), total: Type.Integer() }) },
    },
    handler: async (req) =>
      searchLimitRows(await loadContext(deps.db), {
        q: req.query.q,
        eventDate: req.query.eventDate ?? chinaToday(),
        limit: req.query.limit ?? 20,
        lang: req.lang,
      }),
  });

  // One documented endpoint per calculator. The body schema documents the input (OpenAPI); it is
  // checked by the engine's own validation, which the CLI and the web page share: every refused field is
  // a 400 naming it (`segments.0.laeq`), alternatives report only the branch meant, and the message
  // states the range and its source in the caller's language.
  for (const c of calculators) {
    app.post(`/api/v1/standards/${c.id}`, {
      config: {
        access: 'authenticated',
        rateLimit: { max: deps.config.security.calculatorRateLimitPerMinute, timeWindow: '1 minute' },
        example: { as: 'demo-qc' },
        sessionNeutral: true,
      },
      schema: {
        tags,
        summary: `${c.nameZh} ${c.nameEn} (${c.standard})`,
        description:
          'Runs the calculator with the administrator data in force (amendment dates, imported rows). The verdict names the edition and clause applied; each reason is a message code with parameters and its text in the Accept-Language (zh-CN or en). Input outside the stated ranges, contradictory input and a substance matching several rows are refused with 400 validation_failed naming each field.',
        body: { ...c.inputSchema, examples: [c.example] },
      },
      // The engine validates the body (see above); ajv's all-branch report of alternatives is not used.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
      handler: async (req) => runCalculator(deps.db, c.id, req.body, req.lang),
    });
  }

  const AmendmentBody = Type.Object(
    {
      id: Type.String({ minLength: 1, maxLength: 100 }),
      effectiveFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
      confirmed: Type.Boolean(),
    },
    {
      additionalProperties: false,
      examples: [{ id: defaultAmendments[0]!.id, effectiveFrom: null, confirmed: false }],
    },
  );
  app.get('/api/v1/standards/amendments', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'GBZ 2.1 修改单 Amendments and their effective dates as set by an administrator',
    },
    handler: async () => ({ data: await listAmendments(deps.db) }),
  });
  app.put('/api/v1/standards/amendments', {
    config: { access: 'standards:manage', example: { as: 'demo-qc' } },
    schema: {
      tags,
      summary: '设置修改单生效日期 Set an amendment effective date (audited)',
      body: AmendmentBody,
    },
    handler: async (req) => ({
      data: await setAmendment(deps.db, auditContext(req), actorOf(req), req.body),
    }),
  });

  /** Template file names in the caller's language. */
  const templateNames = {
    oel_chemicals: { zh: '化学有害因素限值导入模板.csv', en: 'oel-chemicals-template.csv' },
    oel_dusts: { zh: '粉尘限值导入模板.csv', en: 'oel-dusts-template.csv' },
    surveillance: { zh: '职业健康监护项目导入模板.csv', en: 'surveillance-template.csv' },
  } as const;
  const ImportQuery = Type.Object(
    {
      kind: Type.Union([
        Type.Literal('oel_chemicals'),
        Type.Literal('oel_dusts'),
        Type.Literal('surveillance'),
      ]),
      edition: Type.Optional(Type.String({ maxLength: 40 })),
      dryRun: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  );
  app.get('/api/v1/standards/imports/template', {
    config: { access: 'standards:manage' },
    schema: {
      tags,
      summary: '导入模板 CSV template for limit rows or GBZ 188 rows',
      querystring: Type.Object({ kind: ImportQuery.properties.kind }, { additionalProperties: false }),
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          contentDisposition(
            fileNameIn(templateNames[req.query.kind], req.lang),
            templateNames[req.query.kind].en,
          ),
        )
        .send(`\uFEFF${importTemplates[req.query.kind].join(',')}\r\n`),
  });
  registerStandardsImport(deps);
  app.post('/api/v1/standards/imports', {
    config: { access: 'standards:manage' },
    schema: {
      tags,
      summary:
        '导入标准数据 Import missing GBZ 2.1 limit rows or a GBZ 188 table (multipart CSV "file"); valid rows replace the previous import of that edition',
      consumes: ['multipart/form-data'],
      querystring: ImportQuery,
      response: {
        200: Type.Object({
          batchId: Type.Integer(),
          kind: Type.String(),
          edition: Type.String(),
          dryRun: Type.Boolean(),
          accepted: Type.Integer(),
          rejected: Type.Integer(),
          errors: Type.Array(
            Type.Object({ row: Type.Integer(), column: Type.String(), reason: Type.String() }),
          ),
          unchanged: Type.Boolean(),
        }),
        202: ImportBatch,
      },
    },
    handler: async (req, reply) => {
      const upload = await readUpload(req);
      const kind = req.query.kind;
      const edition = req.query.edition ?? (kind === 'surveillance' ? 'GBZ 188-2014' : 'GBZ 2.1-2019');
      try {
        const batch = await startImport(deps, auditContext(req), actorOf(req), {
          kind: 'standards',
          ...upload,
          // The engine reads the CSV whatever the file is called; the template is a .csv.
          fileName: upload.fileName || 'standards.csv',
          extensions: [''],
          dryRun: Boolean(req.query.dryRun),
          lang: req.lang,
          options: { kind, edition },
        });
        return await answerUpload(deps, req, reply, batch, standardImportReport);
      } catch (e) {
        if (e instanceof SheetError) throw fileRefusal(e.reason, deps.config.imports, req.lang);
        throw e;
      }
    },
  });
};
