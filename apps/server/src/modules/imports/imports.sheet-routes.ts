/**
 * The three routes every spreadsheet door has, wired once: the template, the upload (a job through
 * platform/imports/pipeline.ts — 200 with the report when done within the wait, else 202 with the batch
 * to follow at /api/v1/imports/{batchId}) and the rejected rows as a workbook. A module describes its
 * door (the row spec, the path, the file names) and calls `registerSheetImport`.
 */
import { ImportBatch, ImportReport } from '@ohp/contracts';
import { Type } from 'typebox';
import { sendDownload, XLSX_TYPE } from '../../platform/http/download.js';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import { registerRowImport, startImport, type RowImportSpec } from '../../platform/imports/pipeline.js';
import { SheetError } from '../../platform/imports/sheet.js';
import type { Actor } from '../../platform/authz/actor.js';
import { AppError } from '../../platform/errors.js';
import { answerUpload, fileRefusal, readUpload } from './imports.http.js';
import { myImportErrorFile } from './imports.service.js';

type Names = { zh: string; en: string };

export type SheetImportDoor = {
  // The record type is the spec's own business; the routes only start the job.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec: RowImportSpec<any, any>;
  /** The upload path, e.g. `/api/v1/calendar/import`; the template and errors hang below it. */
  path: string;
  tags: string[];
  /** What the upload takes, for the OpenAPI summary (`导入工作日历 Import holidays …`). */
  summary: string;
  template: () => Promise<Buffer>;
  templateNames: Names;
  errorNames: (batchId: string) => Names;
  /**
   * A refusal of the uploader as a whole, beyond the permission (e.g. only a provincial commission
   * imports earlier filings): the reason of a 403, checked before the file is read.
   */
  refuse?: (actor: Actor) => string | null;
  /** Run when the upload is answered, whatever the outcome (a cache the rows feed). */
  afterUpload?: () => void;
};

export const registerSheetImport = (app: AppInstance, deps: Deps, door: SheetImportDoor): void => {
  const access = door.spec.permission;
  const kind = door.spec.kind;
  registerRowImport(deps, door.spec);

  app.get(`${door.path}/template`, {
    config: { access },
    schema: { tags: door.tags, summary: '导入模板 Import template (xlsx)' },
    handler: async (req, reply) =>
      sendDownload(reply, req.lang, {
        body: await door.template(),
        type: XLSX_TYPE,
        names: door.templateNames,
      }),
  });

  app.post(door.path, {
    config: { access },
    schema: {
      tags: door.tags,
      summary: `${door.summary} (multipart field "file"; ?dryRun=true writes nothing). 200 with the report when done within the wait, else 202 with the batch (GET /api/v1/imports/{batchId})`,
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: ImportReport, 202: ImportBatch },
    },
    handler: async (req, reply) => {
      const refused = door.refuse?.(actorOf(req));
      if (refused) throw new AppError('forbidden', refused);
      const upload = await readUpload(req);
      try {
        const batch = await startImport(deps, auditContext(req), actorOf(req), {
          kind,
          ...upload,
          dryRun: Boolean(req.query.dryRun),
          lang: req.lang,
        });
        return await answerUpload(deps, req, reply, batch);
      } catch (e) {
        if (e instanceof SheetError) throw fileRefusal(e.reason, deps.config.imports, req.lang);
        throw e;
      } finally {
        door.afterUpload?.();
      }
    },
  });

  app.get(`${door.path}/:batchId/errors`, {
    config: { access },
    schema: {
      tags: door.tags,
      summary: '导入错误文件 Rows rejected by an import, as the original workbook plus an error column',
      params: Type.Object({ batchId: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }),
    },
    handler: async (req, reply) => {
      const batchId = req.params.batchId;
      const buf = await myImportErrorFile(deps.db, actorOf(req), Number(batchId), kind);
      return sendDownload(reply, req.lang, { body: buf, type: XLSX_TYPE, names: door.errorNames(batchId) });
    },
  });
};
