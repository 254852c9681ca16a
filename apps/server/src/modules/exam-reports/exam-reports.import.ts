/**
 * Exam cards through the one import pipeline (issue 15 items 0 and 4): the JSON batch door stores its
 * body as the upload; the job reads the cards as rows, checks each one (the request schema, then the
 * card rules), and stores each chunk's valid cards with storeCards — so a bad card is refused with its
 * own reasons while the others go in, and a retried batch never duplicates (natural key institution +
 * record ID, content hash).
 */
import { chinaToday } from '@ohp/reference';
import { ExamCardInput, type Lang } from '@ohp/contracts';
import type { Deps } from '../../platform/http/types.js';
import { detailsFrom } from '../../platform/http/error-handler.js';
import { recordChecker } from '../../platform/http/validation.js';
import { registerRowImport, type RowImportSpec, type RowOutcome } from '../../platform/imports/pipeline.js';
import type { Actor } from '../../platform/authz/actor.js';
import { SheetError, type SheetRow } from '../../platform/imports/sheet.js';
import { jsonbSafe } from '../../platform/imports/imports.repository.js';
import { applyCapability } from './exam-reports.capability.js';
import { checkExamCard } from './exam-reports.validate.js';
import { registerCardWorkers, storeCards } from './exam-reports.store.js';

/** Cards one JSON batch may hold. */
export const BATCH_MAX_CARDS = 10_000;

const checkSchema = recordChecker(ExamCardInput);
/** Today in China (UTC+8): the date a card's dates are checked against. */
export const today = (): string => chinaToday();

/** What jsonb cannot hold, as JSON text escapes it: NUL, a UTF-16 surrogate (paired or not). */
const ESCAPED_UNSAFE = /\\u0000|\\ud[89a-f]/i;

/**
 * The stored body `{ "cards": [...] }` as rows: row n is the n-th card (1-based), its values the card —
 * the body the route parsed when the job runs where it was received, else the stored bytes parsed. The
 * body is not staged (the pipeline commits it a chunk at a time), so a card jsonb cannot store — a NUL or
 * a lone surrogate, which only an escape in the JSON text can produce — is marked here: the bytes are
 * searched once (as latin1: the escapes are ASCII), and only a body with such an escape has its cards
 * checked one by one.
 */
const readCards: NonNullable<RowImportSpec<ExamCardInput>['read']> = async (
  file,
  _name,
  _limits,
  onBatch,
  opts,
) => {
  let body: unknown = opts.parsed;
  if (body === undefined)
    try {
      body = JSON.parse(file.toString('utf8'));
    } catch {
      throw new SheetError('unreadable_file');
    }
  const cards = (body as { cards?: unknown } | null)?.cards;
  if (!Array.isArray(cards)) throw new SheetError('unreadable_file');
  if (cards.length > BATCH_MAX_CARDS) throw new SheetError('import_too_many_rows');
  opts.onTotal?.(cards.length);
  const suspect = ESCAPED_UNSAFE.test(file.toString('latin1'));
  for (let i = 0; i < cards.length; i += opts.batchRows) {
    const rows: SheetRow[] = cards.slice(i, i + opts.batchRows).map((card: unknown, j) => {
      if (!suspect)
        return {
          rowNo: i + j + 1,
          values: card as Record<string, string>,
          numericColumns: new Set<string>(),
          undecodableColumns: new Set<string>(),
        };
      // Paired surrogates are fine; jsonbSafe finds the NULs and lone ones and replaces them.
      const { json, unsafe } = jsonbSafe(card);
      return {
        rowNo: i + j + 1,
        values: (unsafe.length ? JSON.parse(json) : card) as Record<string, string>,
        numericColumns: new Set<string>(),
        undecodableColumns: new Set(unsafe),
      };
    });
    await onBatch([], rows);
    // Committed: let the cards go (the array may be the route's parsed body, which holds 10,000 of them).
    cards.fill(null, i, i + opts.batchRows);
  }
  return { headers: [], total: cards.length };
};

/**
 * One card as every door checks it: the schema (field-level reasons), the uploader being an exam
 * institution (it reports only its own cards), then the card rules (refusals and warnings).
 */
export const checkCardRow = (
  card: unknown,
  actor: Actor,
  lang: Lang,
  day: string,
): RowOutcome<ExamCardInput> => {
  const schemaIssues = detailsFrom(checkSchema(card) as never[], 'card', lang);
  if (schemaIssues.length)
    return { ok: false, issues: schemaIssues.map((d) => ({ column: d.path, reason: d.reason })) };
  if (actor.organisationKind !== 'exam_institution')
    return { ok: false, issues: [{ column: 'card', reason: 'forbidden' }] };
  const checked = checkExamCard(card as ExamCardInput, day);
  return checked.ok
    ? {
        ok: true,
        record: card as ExamCardInput,
        warnings: checked.warnings.map((w) => ({ column: w.path, reason: w.reason })),
      }
    : { ok: false, issues: checked.issues.map((i) => ({ column: i.path, reason: i.reason })) };
};

export const examCardImportSpec = (
  deps: Deps,
  lang: Lang = 'zh-CN',
): RowImportSpec<ExamCardInput, Map<string, number>> => ({
  kind: 'exam_card',
  permission: 'exam_reports:submit',
  columns: [],
  read: readCards,
  direct: true,
  validate: async (trx, rows, actor) => {
    const day = today();
    return applyCapability(
      trx,
      actor,
      rows.map((row) => checkCardRow(row.values as unknown, actor, lang, day)),
      (card) => card,
    );
  },
  prepare: async (trx, records) =>
    registerCardWorkers(
      trx,
      deps.crypto,
      records.map((r) => ({ rowNo: r.rowNo, card: r.record })),
    ),
  commit: async (trx, records, actor, batchId, workers) =>
    storeCards(
      trx,
      deps.crypto,
      { institutionId: actor.organisationId, importBatchId: batchId, source: 'api' },
      records.map((r) => ({ rowNo: r.rowNo, card: r.record })),
      workers,
    ),
  orderKey: (card) => card.recordId,
  resultKey: 'recordId',
  analyze: ['exam_card', 'worker'],
});

export const registerExamCardImport = (deps: Deps): void => registerRowImport(deps, examCardImportSpec(deps));
