/**
 * The HTTP side of every upload door: reading the multipart file, and answering with the report when
 * the job finished within the wait (200), a refusal of the whole file (400 on `file`, with the limit
 * the file broke), or the batch with its progress (202) for the client to follow.
 */
import { messageFor, type ImportReport, type Lang } from '@ohp/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReadLimits } from '../../platform/imports/sheet.js';
import { AppError } from '../../platform/errors.js';
import { actorOf, type Deps } from '../../platform/http/types.js';
import { awaitBatch, presentBatch } from '../../platform/imports/pipeline.js';
import type { ImportBatchRow } from '../../platform/imports/imports.repository.js';

/** Reasons that refuse a file as a whole: a 400 on the `file` field when the request is still waiting. */
const FILE_REASONS = new Set([
  'unsupported_file_type',
  'unreadable_file',
  'import_too_many_rows',
  'import_too_many_cells',
  'import_too_complex',
]);
/** A refusal of the whole file: the sheet's, or a document door's (the national XML: malformed_xml, xml_*). */
const isFileReason = (reason: string): boolean =>
  FILE_REASONS.has(reason) || reason === 'malformed_xml' || reason.startsWith('xml_');

export const readUpload = async (req: FastifyRequest): Promise<{ fileName: string; buffer: Buffer }> => {
  if (!req.isMultipart())
    throw new AppError('validation_failed', 'unsupported_media_type', [
      { path: 'file', reason: 'value_required', message: '' },
    ]);
  let upload: { fileName: string; buffer: Buffer } | null = null;
  try {
    const file = await req.file();
    if (file) upload = { fileName: file.filename, buffer: await file.toBuffer() };
  } catch (e) {
    // Too large keeps its 413; a truncated or malformed multipart body is the client's fault.
    if ((e as { statusCode?: number }).statusCode === 413) throw e;
    throw new AppError('validation_failed', 'unreadable_file', [
      { path: 'file', reason: 'unreadable_file', message: '' },
    ]);
  }
  if (!upload)
    throw new AppError('validation_failed', 'validation_failed', [
      { path: 'file', reason: 'value_required', message: '' },
    ]);
  return upload;
};

/** The refusal with the configured limit in it, so the user knows how far to split the file. */
export const fileRefusal = (reason: string, limits: ReadLimits, lang: Lang): AppError => {
  const n = (v: number) => v.toLocaleString('en-US');
  const limit =
    reason === 'import_too_many_rows'
      ? n(limits.maxRows)
      : reason === 'import_too_many_cells'
        ? n(limits.maxCells)
        : reason === 'import_too_complex'
          ? `${n(limits.parseTimeoutSeconds)} ${lang === 'en' ? 's' : '秒'}`
          : null;
  const message =
    limit === null
      ? ''
      : lang === 'en'
        ? `${messageFor(reason, lang)} (limit ${limit})`
        : `${messageFor(reason, lang)}（上限 ${limit}）`;
  return new AppError('validation_failed', reason, [{ path: 'file', reason, message }]);
};

/**
 * Waits for the batch (OHP_IMPORT_WAIT_SECONDS) and answers: the report (200) once done — shaped by
 * `present` for doors that keep an older report shape — a whole-file refusal (400), or 202 with the
 * batch (queued, running, or failed for another reason).
 */
export const answerUpload = async <R = ImportReport>(
  deps: Deps,
  req: FastifyRequest,
  reply: FastifyReply,
  batch: ImportBatchRow,
  present: (report: ImportReport) => R = (r) => r as R,
): Promise<R | FastifyReply> => {
  const now = await awaitBatch(deps, batch, actorOf(req).userId, deps.config.imports.waitSeconds);
  const shown = presentBatch(now);
  if (shown.status === 'done' && shown.report) return present(shown.report);
  if (shown.status === 'failed' && shown.error && isFileReason(shown.error.reason))
    throw fileRefusal(shown.error.reason, deps.config.imports, req.lang);
  return reply.code(202).send(shown);
};
