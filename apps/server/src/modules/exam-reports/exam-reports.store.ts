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
  replaceConclusions,
  saveCardVersions,
  findWorkers,
  insertWorkers,
  updateCards,
  updateWorkerDetails,
  type CardValues,
  type WorkerKeyRow,
  type WorkerValues,
} from './exam-reports.repository.js';
import { ensureEmployers } from '../employers/index.js';
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

/**
 * JSON with its keys sorted at every level: the same card always hashes the same. Written directly
 * (the `JSON.stringify` replacer it replaces built a sorted copy of every object: 83 µs a card); the
 * output is the same string, so hashes stored before stay valid (exam-reports.store.test.ts).
 */
export const canonical = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v))
    return `[${v.map((x) => (x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : canonical(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function')
    return canonical((o as { toJSON: () => unknown }).toJSON());
  let out = '';
  for (const k of Object.keys(o).sort()) {
    const x = o[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${canonical(x)}`;
  }
  return `{${out}}`;
};

/** The document number as matched: a resident ID in its 18-character form, any other trimmed, upper-case. */
export const normaliseIdNumber = (idTypeCode: string, idNumber: string): string =>
  (idTypeCode === '01' ? validateIdNumber(idNumber, '9999-12-31').normalized : null) ??
  idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** The keyed hash a worker is found by (worker.id_hash): never the number itself. */
export const workerIdHash = (crypto: Crypto, idTypeCode: string, idNumber: string): string =>
  crypto.keyedHash(`${idTypeCode}:${normaliseIdNumber(idTypeCode, idNumber)}`);

/** A worker as a card or a diagnosis report names them. */
export type WorkerInput = {
  idTypeCode: string;
  idNumber: string;
  name: string;
  phone?: string | null;
  genderCode: string;
  birthDate: string;
};

/** The key registerWorkers answers by: `id_type_code:id_hash`. */
export const workerKeyOf = (crypto: Crypto, w: Pick<WorkerInput, 'idTypeCode' | 'idNumber'>): string =>
  `${w.idTypeCode}:${workerIdHash(crypto, w.idTypeCode, w.idNumber)}`;

/**
 * Finds or registers workers in the worker registry (item 6), in the caller's transaction; the last
 * entry of a worker wins. A known worker whose details are as stored is only read; one whose name,
 * phone, sex or birth date changed is refreshed; an unknown one is inserted, encrypted, in key order.
 * Returns each worker's id by workerKeyOf. Three statements at most for any number of workers.
 */
export const registerWorkers = async (
  trx: Transaction<DB>,
  crypto: Crypto,
  input: WorkerInput[],
): Promise<Map<string, number>> => {
  const wanted = new Map<string, { w: WorkerInput; id: string; idHash: string; details: string }>();
  for (const w of input) {
    const id = normaliseIdNumber(w.idTypeCode, w.idNumber);
    const idHash = crypto.keyedHash(`${w.idTypeCode}:${id}`);
    const details = crypto.keyedHash(
      canonical(['worker', w.name, w.phone ?? null, w.genderCode, w.birthDate]),
    );
    wanted.set(`${w.idTypeCode}:${idHash}`, { w, id, idHash, details });
  }
  const keys = [...wanted.keys()].sort();
  const ids = new Map<string, number>();
  const known = new Map<string, WorkerKeyRow>();
  const keyList = () => keys.filter((k) => !known.has(k)).map((k) => wanted.get(k)!);
  for (const r of await findWorkers(
    trx,
    keyList().map((x) => ({ id_type_code: x.w.idTypeCode, id_hash: x.idHash })),
  ))
    known.set(`${r.id_type_code}:${r.id_hash}`, r);
  const full = (x: { w: WorkerInput; id: string; idHash: string; details: string }): WorkerValues => ({
    id_type_code: x.w.idTypeCode,
    id_hash: x.idHash,
    id_number_enc: crypto.encrypt(x.id),
    name_enc: crypto.encrypt(x.w.name),
    phone_enc: x.w.phone ? crypto.encrypt(x.w.phone) : null,
    id_masked: maskIdNumber(x.id),
    name_masked: maskName(x.w.name),
    gender_code: x.w.genderCode,
    birth_date: x.w.birthDate,
    details_hash: x.details,
  });
  const fresh = keyList();
  for (const r of await insertWorkers(trx, fresh.map(full))) {
    ids.set(`${r.id_type_code}:${r.id_hash}`, r.worker_id);
    known.set(`${r.id_type_code}:${r.id_hash}`, r);
  }
  // Registered by another transaction meanwhile (it has committed: the insert waited for it).
  if (fresh.length > ids.size)
    for (const r of await findWorkers(
      trx,
      keyList().map((x) => ({ id_type_code: x.w.idTypeCode, id_hash: x.idHash })),
    ))
      known.set(`${r.id_type_code}:${r.id_hash}`, r);
  const changed: Parameters<typeof updateWorkerDetails>[1] = [];
  for (const k of keys) {
    const row = known.get(k)!;
    const x = wanted.get(k)!;
    ids.set(k, row.worker_id);
    if (row.details_hash === x.details) continue;
    const v = full(x);
    changed.push({
      worker_id: row.worker_id,
      name_enc: v.name_enc,
      phone_enc: v.phone_enc,
      name_masked: v.name_masked,
      gender_code: v.gender_code,
      birth_date: v.birth_date,
      details_hash: v.details_hash,
    });
  }
  await updateWorkerDetails(trx, changed);
  return ids;
};

/** A chunk's cards, one per record ID (a record ID twice: the later card stands), in record-ID order. */
const latestByRecord = (input: Array<{ rowNo: number; card: ExamCardInput }>) => {
  const byRecord = new Map<string, { rowNo: number; card: ExamCardInput }>();
  const superseded: Array<{ rowNo: number; card: ExamCardInput }> = [];
  for (const item of input) {
    const earlier = byRecord.get(item.card.recordId);
    if (earlier) superseded.push(earlier);
    byRecord.set(item.card.recordId, item);
  }
  const items = [...byRecord.values()].sort((a, b) => (a.card.recordId < b.card.recordId ? -1 : 1));
  return { items, superseded };
};

const workerOfCard = ({ worker: w }: ExamCardInput): WorkerInput => ({
  idTypeCode: w.idTypeCode,
  idNumber: w.idNumber,
  name: w.name,
  phone: w.phone,
  genderCode: w.genderCode,
  birthDate: w.birthDate,
});

/**
 * Registers the workers of a chunk's cards (the last card of a worker wins) — what the import doors
 * do in a short transaction of their own before the chunk's (the pipeline's `prepare`), so that a
 * worker two jobs meet at once is not locked for the whole of a chunk. Returns the ids storeCards takes.
 */
export const registerCardWorkers = (
  trx: Transaction<DB>,
  crypto: Crypto,
  input: Array<{ rowNo: number; card: ExamCardInput }>,
): Promise<Map<string, number>> =>
  registerWorkers(
    trx,
    crypto,
    latestByRecord(input).items.map((i) => workerOfCard(i.card)),
  );

/**
 * Stores a chunk of checked cards. `workers` are the ids registerCardWorkers returned for these cards
 * (registered beforehand); without them, or for a worker they lack, the workers are registered here.
 */
export const storeCards = async (
  trx: Transaction<DB>,
  crypto: Crypto,
  opts: StoreOptions,
  input: Array<{ rowNo: number; card: ExamCardInput }>,
  workers?: Map<string, number>,
): Promise<StoreOutcome[]> => {
  const { items, superseded } = latestByRecord(input);
  const outcomes: StoreOutcome[] = superseded.map(({ rowNo }) => ({
    rowNo,
    outcome: 'rejected',
    issues: [{ column: 'recordId', reason: 'duplicate_entry' }],
  }));

  // Workers, once each (the last card's details win).
  const workerIds = new Map(workers);
  const unregistered = items.filter((i) => !workerIds.has(workerKeyOf(crypto, i.card.worker)));
  if (unregistered.length)
    for (const [k, id] of await registerWorkers(
      trx,
      crypto,
      unregistered.map((i) => workerOfCard(i.card)),
    ))
      workerIds.set(k, id);
  const workerKey = (c: ExamCardInput) => workerKeyOf(crypto, c.worker);
  // The employers the cards name, landed in the base database (modules/employers) in one set-based call:
  // an unknown credit code becomes an employer organisation with its profile.
  const employers = await ensureEmployers(
    trx,
    items.map(({ card: { employer: e } }) => ({
      creditCode: e.creditCode,
      name: e.name,
      regionCode: e.regionCode,
      industryCode: e.industryCode,
      address: e.address,
      economicTypeCode: e.economicTypeCode ?? null,
    })),
    'exam_card',
  );

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
    // (A new card has no conclusions to replace.)
    changed.map((c) => c.id),
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
    new Set(insertedIds.values()),
  );
  return outcomes.sort((a, b) => a.rowNo - b.rowNo);
};
