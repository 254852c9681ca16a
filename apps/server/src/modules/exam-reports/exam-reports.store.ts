/**
 * Storing a chunk of checked cards (issue 15 item 2), in the caller's transaction: the workers are
 * registered by the keyed hash of their document (number, name and phone encrypted, masked copies for
 * lists); each card is new (accepted), the same as stored (unchanged: same content hash), or changed
 * (updated: the stored content is kept as a version, the card goes back to the start of the review).
 * A record ID given twice in one chunk keeps the later card; the earlier is refused as a duplicate.
 */
import type { ExamCardInput } from '@ohp/contracts';
import { maskIdNumber, validateIdNumber } from '@ohp/standards';
import type { Transaction } from 'kysely';
import type { Crypto } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import {
  insertCards,
  linkReexams,
  lockCards,
  organisationsByCreditCode,
  replaceConclusions,
  saveCardVersions,
  updateCards,
  upsertWorkers,
  type CardValues,
  type WorkerValues,
} from './exam-reports.repository.js';
import { updateChain } from '../suspected-cases/index.js';

export type StoreOutcome = {
  rowNo: number;
  outcome: 'accepted' | 'updated' | 'unchanged' | 'rejected';
  issues?: Array<{ column: string; reason: string }>;
  examCardId?: number;
};

export type StoreOptions = {
  institutionId: number;
  importBatchId: number | null;
  source: 'xml' | 'api' | 'upload' | 'cli' | 'demo';
};

/** A name masked for lists: 李建国 → 李*国, 王五 → 王*. */
export const maskName = (name: string): string => {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
};

/** JSON with its keys sorted at every level: the same card always hashes the same. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** The document number as matched: a resident ID in its 18-character form, any other trimmed, upper-case. */
export const normaliseIdNumber = (idTypeCode: string, idNumber: string): string =>
  (idTypeCode === '01' ? validateIdNumber(idNumber, '9999-12-31').normalized : null) ??
  idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const normalisedId = (card: ExamCardInput): string =>
  normaliseIdNumber(card.worker.idTypeCode, card.worker.idNumber);

/** The keyed hash a worker is found by (worker.id_hash): never the number itself. */
export const workerIdHash = (crypto: Crypto, idTypeCode: string, idNumber: string): string =>
  crypto.keyedHash(`${idTypeCode}:${normaliseIdNumber(idTypeCode, idNumber)}`);

export const storeCards = async (
  trx: Transaction<DB>,
  crypto: Crypto,
  opts: StoreOptions,
  input: Array<{ rowNo: number; card: ExamCardInput }>,
): Promise<StoreOutcome[]> => {
  const outcomes: StoreOutcome[] = [];
  // A record ID twice in the chunk: the later card stands.
  const byRecord = new Map<string, { rowNo: number; card: ExamCardInput }>();
  for (const item of input) {
    const earlier = byRecord.get(item.card.recordId);
    if (earlier)
      outcomes.push({
        rowNo: earlier.rowNo,
        outcome: 'rejected',
        issues: [{ column: 'recordId', reason: 'duplicate_entry' }],
      });
    byRecord.set(item.card.recordId, item);
  }
  const items = [...byRecord.values()].sort((a, b) => (a.card.recordId < b.card.recordId ? -1 : 1));

  // Workers, once each (the last card's details win).
  const workerKey = (c: ExamCardInput) =>
    `${c.worker.idTypeCode}:${crypto.keyedHash(`${c.worker.idTypeCode}:${normalisedId(c)}`)}`;
  const workers = new Map<string, WorkerValues>();
  for (const { card } of items) {
    const id = normalisedId(card);
    workers.set(workerKey(card), {
      id_type_code: card.worker.idTypeCode,
      id_hash: crypto.keyedHash(`${card.worker.idTypeCode}:${id}`),
      id_number_enc: crypto.encrypt(id),
      name_enc: crypto.encrypt(card.worker.name),
      phone_enc: crypto.encrypt(card.worker.phone),
      id_masked: maskIdNumber(id),
      name_masked: maskName(card.worker.name),
      gender_code: card.worker.genderCode,
      birth_date: card.worker.birthDate,
    });
  }
  const workerIds = await upsertWorkers(trx, [...workers.values()]);
  const employers = await organisationsByCreditCode(trx, [
    ...new Set(items.map((i) => i.card.employer.creditCode)),
  ]);

  const valuesOf = (card: ExamCardInput): CardValues => {
    // The stored card keeps no personal field of the worker (they are in worker, encrypted).
    const { name: _n, idNumber: _i, phone: _p, ...workerRest } = card.worker;
    return {
      institution_id: opts.institutionId,
      record_id: card.recordId,
      exam_no: card.examNo ?? null,
      content_hash: crypto.keyedHash(canonical(card)),
      worker_id: workerIds.get(workerKey(card))!,
      employer_id: employers.get(card.employer.creditCode) ?? null,
      employer_credit_code: card.employer.creditCode,
      employer_name: card.employer.name,
      employing_credit_code: card.employingUnit.creditCode,
      employing_name: card.employingUnit.name,
      region_code: card.employer.regionCode.slice(0, 6),
      exam_date: card.examDate,
      exam_type_code: card.examTypeCode,
      monitoring_type_code: card.monitoringTypeCode,
      is_reexam: card.isReexam ?? false,
      reexam_of_card_id: null,
      work_type_code: card.workTypeCode,
      contact_factor_codes: card.contactFactorCodes,
      has_suspected: card.conclusions.some((c) => c.conclusionCode === '03'),
      has_contraindication: card.conclusions.some((c) => c.conclusionCode === '04'),
      report_date: card.writer.date,
      chief_physician: card.chiefPhysician ?? null,
      card: JSON.stringify({ ...card, worker: workerRest }),
      import_batch_id: opts.importBatchId,
      source: opts.source,
    };
  };
  const values = new Map(items.map((i) => [i.card.recordId, valuesOf(i.card)]));

  const stored = new Map(
    (
      await lockCards(
        trx,
        opts.institutionId,
        items.map((i) => i.card.recordId),
      )
    ).map((r) => [r.record_id, r]),
  );
  const inserted = await insertCards(
    trx,
    items.filter((i) => !stored.has(i.card.recordId)).map((i) => values.get(i.card.recordId)!),
  );
  const insertedIds = new Map(inserted.map((r) => [r.record_id, r.exam_card_id]));
  // Inserted by another transaction meanwhile: lock them now and treat them as stored.
  const late = items.filter((i) => !stored.has(i.card.recordId) && !insertedIds.has(i.card.recordId));
  for (const r of await lockCards(
    trx,
    opts.institutionId,
    late.map((i) => i.card.recordId),
  ))
    stored.set(r.record_id, r);

  const changed: Array<{ id: number; values: CardValues }> = [];
  const written: Array<{ id: number; card: ExamCardInput }> = [];
  for (const { rowNo, card } of items) {
    const newId = insertedIds.get(card.recordId);
    if (newId !== undefined) {
      outcomes.push({ rowNo, outcome: 'accepted', examCardId: newId });
      written.push({ id: newId, card });
      continue;
    }
    const current = stored.get(card.recordId)!;
    const v = values.get(card.recordId)!;
    if (current.content_hash === v.content_hash) {
      outcomes.push({ rowNo, outcome: 'unchanged', examCardId: current.exam_card_id });
      continue;
    }
    changed.push({ id: current.exam_card_id, values: v });
    written.push({ id: current.exam_card_id, card });
    outcomes.push({ rowNo, outcome: 'updated', examCardId: current.exam_card_id });
  }
  await saveCardVersions(
    trx,
    changed.map((c) => c.id),
    opts.importBatchId,
  );
  await updateCards(trx, changed);
  await replaceConclusions(
    trx,
    written.map((w) => w.id),
    written.flatMap(({ id, card }) =>
      card.conclusions.map((c, seq) => ({
        exam_card_id: id,
        seq,
        factor_codes: c.factorCodes,
        factor_other: c.factorOther ?? null,
        conclusion_code: c.conclusionCode,
        suspected_disease_code: c.suspectedDiseaseCode ?? null,
        contraindication: c.contraindication ?? null,
        other_abnormality: c.otherAbnormality ?? null,
        harm_start_date: c.harmStartDate ?? null,
        harm_years: c.harmYears ?? null,
        harm_months: c.harmMonths ?? null,
      })),
    ),
  );
  // A re-exam names the exam it repeats by its record ID (an extension of the national card); linked
  // once the chunk's own cards are in, so an original sent in the same chunk is found too.
  await linkReexams(
    trx,
    opts.institutionId,
    written.flatMap(({ id, card }) =>
      card.isReexam && card.reexamOf ? [{ cardId: id, ofRecordId: card.reexamOf }] : [],
    ),
  );
  // The suspected-case chain and the contraindication follow-up of the new and changed cards.
  await updateChain(
    trx,
    written.map((w) => w.id),
  );
  return outcomes.sort((a, b) => a.rowNo - b.rowNo);
};
