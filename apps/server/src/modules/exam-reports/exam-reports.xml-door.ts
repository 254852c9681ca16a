/**
 * The national exchange XML door (issue 15 item 4): an institution posts the document its software
 * already produces for the national system (DataExchange / HEALTH_EXAM_RECORD, exam-reports.xml.ts), as
 * is. The document is stored and read by the import job like every other door: each record checked
 * with the same schema and rules as the JSON batch (checkCardRow), Add and Update stored through
 * storeCards (a resend of a changed card updates it and keeps the old version, an identical one is
 * unchanged — Add of a known record and Update of an unknown one are taken as sends, not refused),
 * Delete removing the institution's card unless the province has approved it. The reply lists every
 * record's outcome by its ID.
 */
import type { ExamCardInput, Lang } from '@ohp/contracts';
import type { Deps } from '../../platform/http/types.js';
import {
  registerRowImport,
  type CommitResult,
  type RowImportSpec,
  type RowOutcome,
} from '../../platform/imports/pipeline.js';
import { SheetError, type SheetRow } from '../../platform/imports/sheet.js';
import { applyCapability } from './exam-reports.capability.js';
import { checkCardRow, today } from './exam-reports.import.js';
import { deleteCards, lockCards } from './exam-reports.repository.js';
import { dropDeadlines } from '../deadlines/index.js';
import { caseIdsOfCards, SUSPECTED_CLOCKS } from '../suspected-cases/index.js';
import { registerCardWorkers, storeCards } from './exam-reports.store.js';
import { parseExamCardXml, type OperateType, type XmlRecordIssue } from './exam-reports.xml.js';

/** A staged record: what the job checks (the card as mapped from its elements, with mapping issues). */
type StagedRecord = { recordId: string; operateType: OperateType; card: unknown; issues: XmlRecordIssue[] };
type XmlRecordToStore =
  { operateType: 'Delete'; recordId: string } | { operateType: 'Add' | 'Update'; card: ExamCardInput };

const readXml: NonNullable<RowImportSpec<XmlRecordToStore>['read']> = async (
  file,
  _name,
  _limits,
  onBatch,
  opts,
) => {
  const parsed = parseExamCardXml(file);
  if (!parsed.ok) throw new SheetError(parsed.reason);
  const { records } = parsed;
  for (let i = 0; i < records.length; i += opts.batchRows) {
    const rows: SheetRow[] = records.slice(i, i + opts.batchRows).map((r) => ({
      rowNo: r.index,
      values: {
        recordId: r.recordId,
        operateType: r.operateType,
        card: r.card,
        issues: r.issues,
      } satisfies StagedRecord as unknown as Record<string, string>,
      numericColumns: new Set<string>(),
      undecodableColumns: new Set<string>(),
    }));
    await onBatch([], rows);
  }
  return { headers: [], total: records.length };
};

export const examCardXmlImportSpec = (
  deps: Deps,
  lang: Lang = 'zh-CN',
): RowImportSpec<XmlRecordToStore, Map<string, number>> => ({
  kind: 'exam_card_xml',
  permission: 'exam_reports:submit',
  columns: [],
  read: readXml,
  direct: true,
  validate: async (trx, rows, actor) => {
    const day = today();
    const outcomes = rows.map((row): RowOutcome<XmlRecordToStore> => {
      const r = row.values as unknown as StagedRecord;
      if (r.issues.length)
        return { ok: false, issues: r.issues.map((i) => ({ column: i.path, reason: i.reason })) };
      if (r.operateType === 'Delete') {
        if (actor.organisationKind !== 'exam_institution')
          return { ok: false, issues: [{ column: 'card', reason: 'forbidden' }] };
        return { ok: true, record: { operateType: 'Delete', recordId: r.recordId } };
      }
      const checked = checkCardRow(r.card, actor, lang, day);
      return checked.ok
        ? {
            ok: true,
            record: { operateType: r.operateType, card: checked.record },
            warnings: checked.warnings,
          }
        : checked;
    });
    return applyCapability(trx, actor, outcomes, (r) => (r.operateType === 'Delete' ? null : r.card));
  },
  prepare: async (trx, records) =>
    registerCardWorkers(
      trx,
      deps.crypto,
      records.flatMap((r) =>
        r.record.operateType === 'Delete' ? [] : [{ rowNo: r.rowNo, card: r.record.card }],
      ),
    ),
  commit: async (trx, records, actor, batchId, workers) => {
    const results: CommitResult[] = [];
    const deletes = records.flatMap((r) =>
      r.record.operateType === 'Delete' ? [{ rowNo: r.rowNo, recordId: r.record.recordId }] : [],
    );
    const sends = records.flatMap((r) =>
      r.record.operateType === 'Delete' ? [] : [{ rowNo: r.rowNo, card: r.record.card }],
    );
    if (sends.length)
      results.push(
        ...(await storeCards(
          trx,
          deps.crypto,
          { institutionId: actor.organisationId, importBatchId: batchId, source: 'xml' },
          sends,
          workers,
        )),
      );
    if (deletes.length) {
      const recordIds = [...new Set(deletes.map((d) => d.recordId))];
      // The cases of the cards go with them (cascade): their ids first, for their clocks.
      const cases = await caseIdsOfCards(
        trx,
        (await lockCards(trx, actor.organisationId, recordIds)).map((c) => c.exam_card_id),
      );
      const done = await deleteCards(trx, actor.organisationId, recordIds);
      const gone = [...done.values()].filter((x) => x.what === 'deleted').map((x) => x.id);
      await dropDeadlines(
        trx,
        [...SUSPECTED_CLOCKS],
        'suspected_case',
        gone.flatMap((id) => (cases.has(id) ? [cases.get(id)!] : [])),
      );
      await dropDeadlines(trx, ['contraindication_followup'], 'exam_card', gone);
      for (const d of deletes) {
        const what = done.get(d.recordId)?.what;
        results.push(
          what === 'deleted'
            ? { rowNo: d.rowNo, outcome: 'deleted' }
            : {
                rowNo: d.rowNo,
                outcome: 'rejected',
                issues: [
                  { column: 'recordId', reason: what === 'locked' ? 'card_approved_locked' : 'not_found' },
                ],
              },
        );
        // A record ID deleted twice in one document: the second finds nothing.
        done.delete(d.recordId);
      }
    }
    return results;
  },
  orderKey: (r) => (r.operateType === 'Delete' ? r.recordId : r.card.recordId),
  resultKey: 'recordId',
  analyze: ['exam_card', 'worker'],
});

export const registerExamCardXmlImport = (deps: Deps): void =>
  registerRowImport(deps, examCardXmlImportSpec(deps));
