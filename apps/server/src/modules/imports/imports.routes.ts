/** HTTP wiring of the uploader's imports (导入任务). */
import { ImportBatch } from '@ohp/contracts';
import { Type } from 'typebox';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, type AppInstance, type Deps } from '../../platform/http/types.js';
import { getMyImport, listMyImports, myImportErrorFile } from './imports.service.js';

const tags = ['imports'];
const BatchParams = Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) });

export const registerImportRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/imports', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: "我的导入任务 The signed-in user's uploads, newest first, with status and progress",
      querystring: Type.Object(
        {
          kind: Type.Optional(Type.Union([Type.Literal('organisation'), Type.Literal('standards')])),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          data: Type.Array(ImportBatch),
          total: Type.Integer(),
          page: Type.Integer(),
          pageSize: Type.Integer(),
        }),
      },
    },
    handler: async (req) =>
      listMyImports(deps.db, actorOf(req), {
        kind: req.query.kind,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  });

  app.get('/api/v1/imports/:batchId', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: "导入任务 One of the user's uploads: status, progress, and the report once done",
      params: BatchParams,
      response: { 200: ImportBatch },
    },
    handler: async (req) => getMyImport(deps.db, actorOf(req), Number(req.params.batchId)),
  });

  app.get('/api/v1/imports/:batchId/errors', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '导入错误文件 Rows an upload rejected: the original cells plus a reason column (xlsx)',
      params: BatchParams,
    },
    handler: async (req, reply) => {
      const body = await myImportErrorFile(deps.db, actorOf(req), Number(req.params.batchId));
      const batch = req.params.batchId;
      return sendDownload(reply, req.lang, {
        body,
        type: XLSX_TYPE,
        names: { zh: `导入错误-批次${batch}.xlsx`, en: `import-errors-batch-${batch}.xlsx` },
      });
    },
  });
};
