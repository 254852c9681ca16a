/**
 * 整改台账 (issue 16 item 6, R25). A finding becomes an item (raiseFindings: idempotent on source and
 * source reference, in the caller's transaction): owned by the institution, due on the raiser's date or
 * the default of its severity (deadline_rule rectification_major / rectification_general, placeholders
 * marked uncertain), with a clock per round on the deadlines engine (the institution responsible, the
 * commission of its region warned when late). The institution uploads evidence and submits its answer;
 * the QC centre or a regulator closes it (销号, the clock closes) or rejects it back with an opinion; a
 * closed item can be reopened (a new round with a new clock), and follow-up re-checks (回头看) are
 * recorded on closed items — a relapse reopens it. Every write is audited.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  FILING_ATTACHMENT_MAX_BYTES,
  refusalKindLabels,
  type PublicListRow,
  type RectificationCreateInput,
  type RectificationDetail,
  type RectificationFollowUpInput,
  type RectificationListQuery,
  type RectificationRejectInput,
  type RectificationReopenInput,
  type RectificationRespondInput,
  type RectificationSummary,
  type RectificationVerifyInput,
  type RectificationWriteResult,
  type RefusalCreateInput,
  type RefusalLiftInput,
  type RefusalListQuery,
  type RefusalSummary,
} from '@ohp/contracts';
import { chinaToday, getRegion, regionPath } from '@ohp/reference';
import type { Kysely, Transaction } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, invalid } from '../../platform/errors.js';
import { workingCalendar } from '../calendar/index.js';
import {
  closeDeadlines,
  deadlineRules,
  deadlinesOf,
  dueDate,
  openDeadlines,
  overdueDays,
} from '../deadlines/index.js';
import { attachmentTypeOf } from '../filings/index.js';
import {
  isOwner,
  isRegulator,
  isSupervisor,
  itemAbilities,
  rectificationScope,
  transitions,
} from './rectifications.policy.js';
import {
  activeRefusalOf,
  attachPendingEvidence,
  closeRound,
  countItems,
  countRefusals,
  currentRound,
  eventsOf,
  evidenceFileOf,
  evidenceOf,
  insertEvents,
  insertEvidence,
  insertItems,
  insertRefusal,
  insertRounds,
  institutionInScope,
  institutionsById,
  itemIdOfRound,
  itemIdsByRef,
  itemInScope,
  itemsOfInstitution,
  lateCounts,
  liftRefusal,
  listItems,
  listRefusals,
  lockItem,
  lockRefusal,
  pendingEvidenceCount,
  refusalInScope,
  refusalItems,
  standingRefusalsOfProvince,
  updateItem,
  type ItemRow,
  type NewItem,
  type RefusalRow,
} from './rectifications.repository.js';

/** The clock kinds (deadline_rule rows of migration 0032), one per severity: their days are the defaults. */
export const RECTIFICATION_CLOCKS = {
  major: 'rectification_major',
  general: 'rectification_general',
} as const;
const CLOCK_KINDS = [RECTIFICATION_CLOCKS.major, RECTIFICATION_CLOCKS.general];
/** The clock's subject: a round of an item (reopening starts a new round, so a new clock). */
export const ROUND_SUBJECT = 'rectification_round';

/** Organisations a finding can be raised against (service, diagnosis, exam institutions, stations, CDCs). */
const INSTITUTION_KINDS = [
  'exam_institution',
  'diagnosis_institution',
  'service_institution',
  'rehab_station',
  'support_institution',
];

export type FindingInput = {
  source: 'qc' | 'verification' | 'card_sampling' | 'inspection';
  sourceRef: string;
  institutionId: number;
  title: string;
  detail?: string;
  severity: 'major' | 'general';
  dueOn?: string;
};

type Db = Kysely<DB>;
type AnyDb = Kysely<DB> | Transaction<DB>;
const iso = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d : d.toISOString();
const userOf = (a: Actor): number | null => (a.userId > 0 ? a.userId : null);
const conflict = (reason: string) => new AppError('conflict', reason);
const notFound = () => new AppError('not_found', 'not_found');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** 吉林省 长春市 南关区 — the names of a region code's levels. */
export const regionFullName = (code: string): string =>
  regionPath(code.slice(0, 6))
    .map((r) => r.name)
    .join(' ') || code;
/** The name of a region code's own level (长春市). */
export const regionName = (code: string): string => getRegion(code)?.name ?? code;

/** The default due date of a severity: its rule's days from `startsOn` (working days on the calendar). */
export const defaultDueOn = async (
  db: AnyDb,
  severity: 'major' | 'general',
  startsOn: string,
): Promise<string> => {
  const rule = (await deadlineRules(db)).find((r) => r.kind === RECTIFICATION_CLOCKS[severity]);
  if (!rule) throw new Error(`no deadline rule ${RECTIFICATION_CLOCKS[severity]}`);
  return dueDate(rule, startsOn, await workingCalendar(db));
};

const openRoundClocks = async (
  trx: Transaction<DB>,
  rounds: Array<{
    roundId: number;
    severity: 'major' | 'general';
    startsOn: string;
    dueOn: string;
    institutionId: number;
    regionCode: string;
  }>,
) =>
  openDeadlines(
    trx,
    rounds.map((r) => ({
      kind: RECTIFICATION_CLOCKS[r.severity],
      subject_type: ROUND_SUBJECT,
      subject_id: r.roundId,
      starts_on: r.startsOn,
      due_on: r.dueOn,
      responsible_organisation_id: r.institutionId,
      // The commission of the institution's region (the nearest level the sweep finds) is warned.
      regulator_region_code: r.regionCode,
    })),
  );

/**
 * Raises findings as rectification items, in the caller's transaction: idempotent on (source,
 * sourceRef) — a finding raised again returns its item's id and changes nothing; the new items get their
 * first round and its clock; one audit entry 'rectification.create' per call that created any. Returns
 * the items' ids in the order of `findings`.
 */
export const raiseFindings = async (
  trx: Transaction<DB>,
  ctx: AuditContext,
  findings: FindingInput[],
): Promise<number[]> => {
  if (!findings.length) return [];
  const key = (f: { source: string; sourceRef: string }) => `${f.source}\u0000${f.sourceRef}`;
  const existing = await itemIdsByRef(trx, findings);
  const fresh = new Map<string, FindingInput>();
  for (const f of findings) if (!existing.has(key(f)) && !fresh.has(key(f))) fresh.set(key(f), f);
  if (fresh.size) {
    const institutions = new Map(
      (await institutionsById(trx, [...new Set([...fresh.values()].map((f) => f.institutionId))])).map(
        (o) => [o.organisation_id, o],
      ),
    );
    const today = chinaToday();
    const rows: NewItem[] = [];
    for (const f of fresh.values()) {
      const inst = institutions.get(f.institutionId);
      if (!inst) throw new Error(`raiseFindings: no organisation ${f.institutionId}`);
      rows.push({
        source: f.source,
        source_ref: clip(f.sourceRef, 200),
        institution_id: f.institutionId,
        region_code: inst.region_code,
        title: clip(f.title.trim() || '—', 200),
        detail: f.detail?.trim() || null,
        severity: f.severity,
        raised_on: today,
        raised_by: ctx.userId && ctx.userId > 0 ? ctx.userId : null,
        raised_by_organisation_id: ctx.organisationId,
        due_on: f.dueOn ?? (await defaultDueOn(trx, f.severity, today)),
      });
    }
    const inserted = await insertItems(trx, rows);
    const byRef = new Map(rows.map((r) => [key({ source: r.source, sourceRef: r.source_ref }), r]));
    const rounds = await insertRounds(
      trx,
      inserted.map((i) => ({
        rectification_item_id: i.rectification_item_id,
        round_no: 1,
        opened_on: i.raised_on,
        due_on: i.due_on,
      })),
    );
    const roundOf = new Map(rounds.map((r) => [r.rectification_item_id, r.rectification_round_id]));
    await insertEvents(
      trx,
      inserted.map((i) => ({
        rectification_item_id: i.rectification_item_id,
        round_no: 1,
        kind: 'raised' as const,
        due_on: i.due_on,
        user_id: ctx.userId && ctx.userId > 0 ? ctx.userId : null,
        organisation_id: ctx.organisationId,
      })),
    );
    await openRoundClocks(
      trx,
      inserted.map((i) => {
        const r = byRef.get(key({ source: i.source, sourceRef: i.source_ref }))!;
        return {
          roundId: roundOf.get(i.rectification_item_id)!,
          severity: r.severity,
          startsOn: i.raised_on,
          dueOn: i.due_on,
          institutionId: i.institution_id,
          regionCode: r.region_code,
        };
      }),
    );
    for (const i of inserted)
      existing.set(key({ source: i.source, sourceRef: i.source_ref }), i.rectification_item_id);
    if (inserted.length)
      await writeAudit(trx, ctx, {
        action: 'rectification.create',
        entityType: 'rectification_item',
        entityId: inserted.length === 1 ? inserted[0]!.rectification_item_id : null,
        after: {
          items: inserted.map((i) => {
            const r = byRef.get(key({ source: i.source, sourceRef: i.source_ref }))!;
            return {
              id: i.rectification_item_id,
              source: i.source,
              sourceRef: i.source_ref,
              institutionId: i.institution_id,
              title: r.title,
              severity: r.severity,
              dueOn: i.due_on,
            };
          }),
        },
      });
  }
  return findings.map((f) => existing.get(key({ source: f.source, sourceRef: clip(f.sourceRef, 200) }))!);
};

/** Open items (waiting for the institution) past their due date, per institution. Unscoped: the caller authorised. */
export const lateRectificationCounts = async (
  db: AnyDb,
  institutionIds: number[],
  today: string = chinaToday(),
): Promise<Map<number, number>> => {
  const rows = await lateCounts(db, [...new Set(institutionIds)], today);
  return new Map(rows.map((r) => [r.institution_id, Number(r.n)]));
};

/**
 * The institutions of the province standing marked 拒不整改 / 整改不到位 with their main problems (the
 * items the mark names), as rows of the public list (吉卫规〔2024〕2号 六). Unscoped: the list is public.
 */
export const refusingRectificationRows = async (
  db: AnyDb,
  provinceCode: string,
): Promise<PublicListRow[]> => {
  const marks = await standingRefusalsOfProvince(db, provinceCode);
  const items = await refusalItems(
    db,
    marks.map((m) => m.rectification_refusal_id),
  );
  return marks.map((m) => ({
    institutionId: m.institution_id,
    institutionName: m.institution_name,
    regionCode: m.region_code,
    regionName: regionFullName(m.region_code),
    reference: refusalKindLabels[m.kind].zh,
    items: items.filter((i) => i.rectification_refusal_id === m.rectification_refusal_id).map((i) => i.title),
    detail: m.reason,
    since: m.marked_on,
  }));
};

// ---------- the ledger ----------

const summaryOf = (actor: Actor, r: ItemRow, now: string): RectificationSummary => ({
  id: r.rectification_item_id,
  source: r.source,
  sourceRef: r.source_ref,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  regionCode: r.region_code,
  regionName: regionFullName(r.region_code),
  title: r.title,
  severity: r.severity,
  status: r.status,
  raisedOn: r.raised_on,
  dueOn: r.due_on,
  overdueDays: r.status === 'closed' ? 0 : overdueDays(r.due_on, null, now),
  roundNo: r.round_no,
  responsiblePerson: r.responsible_person,
  closedOn: r.closed_on,
  raisedByName: r.raised_by_name,
  abilities: itemAbilities(actor, r),
});

export const listRectificationsFor = async (
  db: Db,
  actor: Actor,
  q: RectificationListQuery,
  exactCountLimit: number,
) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const now = chinaToday();
  const scope = rectificationScope(actor);
  const f = {
    source: q.source,
    status: q.status,
    severity: q.severity,
    regionCode: q.regionCode,
    institutionId: q.institutionId,
    overdueOn: q.overdue ? now : undefined,
    q: q.q?.trim() || undefined,
  };
  const [rows, { total, totalExact }] = await Promise.all([
    listItems(db, scope, f, { offset: (page - 1) * pageSize, limit: pageSize }),
    countItems(db, scope, f, { limit: exactCountLimit, exact: q.exactTotal === true }),
  ]);
  return { data: rows.map((r) => summaryOf(actor, r, now)), total, totalExact, page, pageSize };
};

const detailOf = async (db: AnyDb, actor: Actor, r: ItemRow): Promise<RectificationDetail> => {
  const id = r.rectification_item_id;
  const now = chinaToday();
  const round = await currentRound(db, id, r.round_no);
  const [events, evidence, clocks, refusal] = await Promise.all([
    eventsOf(db, id),
    evidenceOf(db, id),
    deadlinesOf(db, ROUND_SUBJECT, [round.rectification_round_id]),
    activeRefusalOf(db, r.institution_id),
  ]);
  const clock = clocks[0];
  return {
    ...summaryOf(actor, r, now),
    detail: r.detail,
    events: events.map((e) => ({
      id: e.rectification_event_id,
      kind: e.kind,
      roundNo: e.round_no,
      note: e.note,
      checkedOn: e.checked_on,
      checkers: e.checkers,
      result: e.result,
      dueOn: e.due_on,
      userName: e.user_name,
      organisationName: e.organisation_name,
      at: iso(e.at)!,
      evidenceIds: evidence
        .filter((x) => x.rectification_event_id === e.rectification_event_id)
        .map((x) => x.rectification_evidence_id),
    })),
    evidence: evidence.map((x) => ({
      id: x.rectification_evidence_id,
      roundNo: x.round_no,
      fileName: x.file_name,
      mediaType: x.media_type,
      sizeBytes: x.size_bytes,
      uploadedAt: iso(x.uploaded_at)!,
      submitted: x.rectification_event_id !== null,
    })),
    clock: clock
      ? {
          startsOn: clock.starts_on,
          dueOn: clock.due_on,
          done: clock.done_at !== null,
          overdueDays: overdueDays(clock.due_on, clock.done_at, now),
          legalBasis: clock.legal_basis,
          confidence: clock.confidence,
        }
      : null,
    refusal: refusal
      ? {
          id: refusal.rectification_refusal_id,
          kind: refusal.kind,
          reason: refusal.reason,
          markedOn: refusal.marked_on,
        }
      : null,
  };
};

export const rectificationDetail = async (db: Db, actor: Actor, id: number): Promise<RectificationDetail> => {
  const r = await itemInScope(db, rectificationScope(actor), id);
  if (!r) throw notFound();
  return detailOf(db, actor, r);
};

/** The item of a clock's round (the to-do inbox links the round). */
export const rectificationOfRound = async (
  db: Db,
  actor: Actor,
  roundId: number,
): Promise<RectificationDetail> => {
  const id = await itemIdOfRound(db, rectificationScope(actor), roundId);
  if (id === undefined) throw notFound();
  return rectificationDetail(db, actor, id);
};

/** An inspection finding raised by hand by the QC centre or a regulator (source 'inspection'). */
export const raiseByHand = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: RectificationCreateInput,
): Promise<RectificationWriteResult & { created: boolean }> => {
  if (!isSupervisor(actor)) throw new AppError('forbidden', 'rectification_supervisor_only');
  const now = chinaToday();
  const issues: Array<{ path: string; reason: string }> = [];
  if (input.dueOn && input.dueOn < now) issues.push({ path: 'dueOn', reason: 'rectification_due_past' });
  if (!input.title.trim()) issues.push({ path: 'title', reason: 'value_required' });
  const inst = await institutionInScope(db, rectificationScope(actor), input.institutionId);
  if (!inst || !INSTITUTION_KINDS.includes(inst.kind))
    issues.push({ path: 'institutionId', reason: 'rectification_institution_unknown' });
  if (issues.length) throw invalid(issues);
  const reference = input.reference?.trim();
  const sourceRef = reference ? `${input.institutionId}:${reference}` : `manual:${randomUUID()}`;
  return db.transaction().execute(async (trx) => {
    const before = await itemIdsByRef(trx, [{ source: 'inspection', sourceRef }]);
    const [id] = await raiseFindings(trx, ctx, [
      {
        source: 'inspection',
        sourceRef,
        institutionId: input.institutionId,
        title: input.title,
        detail: input.detail ?? undefined,
        severity: input.severity,
        dueOn: input.dueOn ?? undefined,
      },
    ]);
    const r = (await itemInScope(trx, rectificationScope(actor), id!))!;
    return { id: id!, status: r.status, roundNo: r.round_no, dueOn: r.due_on, created: before.size === 0 };
  });
};

const result = (r: { id: number; status: 'open' | 'submitted' | 'closed'; roundNo: number; dueOn: string }) =>
  r;

/** The item locked for a write: in scope (404), the actor's to act on (403), in a state that allows it (409). */
const lockFor = async (
  trx: Transaction<DB>,
  actor: Actor,
  id: number,
  move: keyof typeof transitions,
  who: 'owner' | 'supervisor',
) => {
  const r = await lockItem(trx, rectificationScope(actor), id);
  if (!r) throw notFound();
  if (who === 'owner' && !isOwner(actor, r)) throw new AppError('forbidden', 'rectification_not_own');
  if (who === 'supervisor' && !isSupervisor(actor))
    throw new AppError('forbidden', 'rectification_supervisor_only');
  if (!transitions[move].includes(r.status)) throw conflict(`rectification_not_${transitions[move][0]}`);
  return r;
};

const eventBy = (actor: Actor) => ({ user_id: userOf(actor), organisation_id: actor.organisationId });

/** Evidence of rectification (PDF / JPG / PNG by content, ≤ 10 MB: the filing attachment checks). */
export const addEvidence = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  upload: { fileName: string; buffer: Buffer },
): Promise<{ id: number }> =>
  db.transaction().execute(async (trx) => {
    // Scope, who and state first (404 / 403 / 409), then the file itself.
    const r = await lockFor(trx, actor, id, 'upload', 'owner');
    if (upload.buffer.length > FILING_ATTACHMENT_MAX_BYTES)
      throw invalid([{ path: 'file', reason: 'filing_attachment_too_large' }]);
    if (!upload.buffer.length) throw invalid([{ path: 'file', reason: 'value_required' }]);
    const type = attachmentTypeOf(upload.fileName, upload.buffer);
    if (!type) throw invalid([{ path: 'file', reason: 'filing_attachment_type' }]);
    const sha256 = createHash('sha256').update(upload.buffer).digest('hex');
    const evidenceId = await insertEvidence(trx, {
      rectification_item_id: id,
      round_no: r.round_no,
      file_name: upload.fileName.slice(0, 200),
      media_type: type.mediaType,
      size_bytes: upload.buffer.length,
      sha256,
      content: upload.buffer,
      uploaded_by: userOf(actor),
    });
    await writeAudit(trx, ctx, {
      action: 'rectification.respond',
      entityType: 'rectification_item',
      entityId: id,
      after: {
        evidenceId,
        fileName: upload.fileName,
        mediaType: type.mediaType,
        sha256,
        roundNo: r.round_no,
      },
    });
    return { id: evidenceId };
  });

export const evidenceFile = async (db: Db, actor: Actor, id: number, evidenceId: number) => {
  const r = await itemInScope(db, rectificationScope(actor), id);
  if (!r) throw notFound();
  const e = await evidenceFileOf(db, id, evidenceId);
  if (!e) throw notFound();
  return { fileName: e.file_name, mediaType: e.media_type, content: e.content };
};

/** The institution submits its answer with the evidence uploaded since the last one: open → submitted. */
export const respondToItem = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: RectificationRespondInput,
): Promise<RectificationWriteResult> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'respond', 'owner');
    const statement = input.statement.trim();
    const issues: Array<{ path: string; reason: string }> = [];
    if (!statement) issues.push({ path: 'statement', reason: 'value_required' });
    if ((await pendingEvidenceCount(trx, id)) === 0)
      issues.push({ path: 'evidence', reason: 'rectification_evidence_required' });
    if (issues.length) throw invalid(issues);
    const [eventId] = await insertEvents(trx, [
      {
        rectification_item_id: id,
        round_no: r.round_no,
        kind: 'responded',
        note: statement,
        ...eventBy(actor),
      },
    ]);
    const evidenceIds = await attachPendingEvidence(trx, id, eventId!);
    const responsible =
      input.responsiblePerson === undefined ? r.responsible_person : input.responsiblePerson?.trim() || null;
    await updateItem(trx, id, {
      status: 'submitted',
      responsible_person: responsible,
      submitted_at: new Date(),
    });
    await writeAudit(trx, ctx, {
      action: 'rectification.respond',
      entityType: 'rectification_item',
      entityId: id,
      before: { status: r.status, responsiblePerson: r.responsible_person },
      after: { status: 'submitted', statement, responsiblePerson: responsible, evidenceIds },
    });
    return result({ id, status: 'submitted', roundNo: r.round_no, dueOn: r.due_on });
  });

/** The QC centre or a regulator verifies the answer and closes the item (销号); the round's clock closes. */
export const verifyItem = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: RectificationVerifyInput,
  on: string = chinaToday(),
): Promise<RectificationWriteResult> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'verify', 'supervisor');
    const opinion = input.opinion?.trim() || null;
    const round = await currentRound(trx, id, r.round_no);
    await insertEvents(trx, [
      { rectification_item_id: id, round_no: r.round_no, kind: 'closed', note: opinion, ...eventBy(actor) },
    ]);
    await updateItem(trx, id, { status: 'closed', closed_on: on, closed_by: userOf(actor) });
    await closeRound(trx, round.rectification_round_id, on);
    await closeDeadlines(trx, CLOCK_KINDS, ROUND_SUBJECT, [round.rectification_round_id], {
      userId: userOf(actor),
      note: 'closed',
    });
    await writeAudit(trx, ctx, {
      action: 'rectification.verify',
      entityType: 'rectification_item',
      entityId: id,
      before: { status: r.status },
      after: { status: 'closed', closedOn: on, opinion, roundNo: r.round_no },
    });
    return result({ id, status: 'closed', roundNo: r.round_no, dueOn: r.due_on });
  });

/** The answer is not enough: back to open with the opinion (the same round and clock run on). */
export const rejectItem = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: RectificationRejectInput,
): Promise<RectificationWriteResult> =>
  db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'reject', 'supervisor');
    const opinion = input.opinion.trim();
    if (!opinion) throw invalid([{ path: 'opinion', reason: 'value_required' }]);
    await insertEvents(trx, [
      { rectification_item_id: id, round_no: r.round_no, kind: 'rejected', note: opinion, ...eventBy(actor) },
    ]);
    await updateItem(trx, id, { status: 'open', submitted_at: null });
    await writeAudit(trx, ctx, {
      action: 'rectification.reject',
      entityType: 'rectification_item',
      entityId: id,
      before: { status: r.status },
      after: { status: 'open', opinion },
    });
    return result({ id, status: 'open', roundNo: r.round_no, dueOn: r.due_on });
  });

/** Opens the next round of a closed item: a new due date and a new clock. */
const startNextRound = async (
  trx: Transaction<DB>,
  actor: Actor,
  r: ItemRow,
  reason: string,
  dueOn: string | undefined,
  on: string,
) => {
  const roundNo = r.round_no + 1;
  const due = dueOn ?? (await defaultDueOn(trx, r.severity, on));
  const [round] = await insertRounds(trx, [
    { rectification_item_id: r.rectification_item_id, round_no: roundNo, opened_on: on, due_on: due },
  ]);
  await insertEvents(trx, [
    {
      rectification_item_id: r.rectification_item_id,
      round_no: roundNo,
      kind: 'reopened',
      note: reason,
      due_on: due,
      ...eventBy(actor),
    },
  ]);
  await updateItem(trx, r.rectification_item_id, {
    status: 'open',
    round_no: roundNo,
    due_on: due,
    closed_on: null,
    closed_by: null,
    submitted_at: null,
  });
  await openRoundClocks(trx, [
    {
      roundId: round!.rectification_round_id,
      severity: r.severity,
      startsOn: on,
      dueOn: due,
      institutionId: r.institution_id,
      regionCode: r.region_code,
    },
  ]);
  return { roundNo, dueOn: due };
};

export const reopenItem = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: RectificationReopenInput,
  on: string = chinaToday(),
): Promise<RectificationWriteResult> => {
  if (input.dueOn && input.dueOn < on) throw invalid([{ path: 'dueOn', reason: 'rectification_due_past' }]);
  const reason = input.reason.trim();
  if (!reason) throw invalid([{ path: 'reason', reason: 'value_required' }]);
  return db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'reopen', 'supervisor');
    const next = await startNextRound(trx, actor, r, reason, input.dueOn ?? undefined, on);
    await writeAudit(trx, ctx, {
      action: 'rectification.reopen',
      entityType: 'rectification_item',
      entityId: id,
      before: { status: r.status, roundNo: r.round_no, closedOn: r.closed_on },
      after: { status: 'open', reason, ...next },
    });
    return result({ id, status: 'open', ...next });
  });
};

/** A follow-up re-check (回头看) of a closed item: ok keeps it closed; a relapse reopens it. */
export const followUpItem = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: RectificationFollowUpInput,
  on: string = chinaToday(),
): Promise<RectificationWriteResult> => {
  const issues: Array<{ path: string; reason: string }> = [];
  if (input.checkedOn > on) issues.push({ path: 'checkedOn', reason: 'rectification_date_future' });
  if (input.dueOn && input.dueOn < on) issues.push({ path: 'dueOn', reason: 'rectification_due_past' });
  if (!input.checkers.trim()) issues.push({ path: 'checkers', reason: 'value_required' });
  if (issues.length) throw invalid(issues);
  return db.transaction().execute(async (trx) => {
    const r = await lockFor(trx, actor, id, 'follow_up', 'supervisor');
    if (r.closed_on && input.checkedOn < r.closed_on)
      throw invalid([{ path: 'checkedOn', reason: 'rectification_follow_up_before_close' }]);
    const note = input.note?.trim() || null;
    await insertEvents(trx, [
      {
        rectification_item_id: id,
        round_no: r.round_no,
        kind: 'follow_up',
        note,
        checked_on: input.checkedOn,
        checkers: input.checkers.trim(),
        result: input.result,
        ...eventBy(actor),
      },
    ]);
    const next =
      input.result === 'relapse'
        ? await startNextRound(
            trx,
            actor,
            r,
            `回头看发现问题反弹（${input.checkedOn}）${note ? `：${note}` : ''}`,
            input.dueOn ?? undefined,
            on,
          )
        : null;
    await writeAudit(trx, ctx, {
      action: 'rectification.follow_up',
      entityType: 'rectification_item',
      entityId: id,
      before: { status: r.status, roundNo: r.round_no },
      after: {
        checkedOn: input.checkedOn,
        checkers: input.checkers.trim(),
        result: input.result,
        note,
        reopened: next !== null,
        ...(next ?? {}),
      },
    });
    return next
      ? result({ id, status: 'open', ...next })
      : result({ id, status: 'closed', roundNo: r.round_no, dueOn: r.due_on });
  });
};

// ---------- 拒不整改 / 整改不到位 ----------

const presentRefusal = (
  actor: Actor,
  r: RefusalRow,
  items: Awaited<ReturnType<typeof refusalItems>>,
): RefusalSummary => ({
  id: r.rectification_refusal_id,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  regionCode: r.region_code,
  regionName: regionFullName(r.region_code),
  kind: r.kind,
  reason: r.reason,
  markedOn: r.marked_on,
  markedByName: r.marked_by_name,
  liftedOn: r.lifted_on,
  liftNote: r.lift_note,
  items: items
    .filter((i) => i.rectification_refusal_id === r.rectification_refusal_id)
    .map((i) => ({ id: i.rectification_item_id, title: i.title, status: i.status })),
  abilities: { lift: isRegulator(actor) && r.lifted_on === null },
});

export const listRefusalsFor = async (db: Db, actor: Actor, q: RefusalListQuery) => {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const scope = rectificationScope(actor);
  const all = q.all === true;
  const [rows, total] = await Promise.all([
    listRefusals(db, scope, all, { offset: (page - 1) * pageSize, limit: pageSize }),
    countRefusals(db, scope, all),
  ]);
  const items = await refusalItems(
    db,
    rows.map((r) => r.rectification_refusal_id),
  );
  return { data: rows.map((r) => presentRefusal(actor, r, items)), total, page, pageSize };
};

/** A regulator marks an institution 拒不整改 / 整改不到位 with the reason, the date and the items concerned. */
export const markRefusing = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  input: RefusalCreateInput,
  today: string = chinaToday(),
): Promise<RefusalSummary> => {
  if (!isRegulator(actor)) throw new AppError('forbidden', 'rectification_regulator_only');
  const markedOn = input.markedOn ?? today;
  const reason = input.reason.trim();
  const issues: Array<{ path: string; reason: string }> = [];
  if (markedOn > today) issues.push({ path: 'markedOn', reason: 'rectification_date_future' });
  if (!reason) issues.push({ path: 'reason', reason: 'value_required' });
  const inst = await institutionInScope(db, rectificationScope(actor), input.institutionId);
  if (!inst || !INSTITUTION_KINDS.includes(inst.kind))
    issues.push({ path: 'institutionId', reason: 'rectification_institution_unknown' });
  const itemIds = [...new Set(input.itemIds)];
  if (inst) {
    const own = new Set(
      (await itemsOfInstitution(db, inst.organisation_id, itemIds)).map((i) => i.rectification_item_id),
    );
    input.itemIds.forEach((itemId, i) => {
      if (!own.has(itemId))
        issues.push({ path: `itemIds.${i}`, reason: 'rectification_item_not_institution' });
    });
  }
  if (issues.length) throw invalid(issues);
  const id = await db.transaction().execute(async (trx) => {
    const refusalId = await insertRefusal(
      trx,
      {
        institution_id: inst!.organisation_id,
        region_code: inst!.region_code,
        kind: input.kind,
        reason,
        marked_on: markedOn,
        marked_by: userOf(actor),
        marked_by_organisation_id: actor.organisationId,
      },
      itemIds,
    );
    if (refusalId === null) throw conflict('rectification_already_marked');
    await writeAudit(trx, ctx, {
      action: 'rectification.mark_refusing',
      entityType: 'organisation',
      entityId: inst!.organisation_id,
      after: { refusalId, kind: input.kind, reason, markedOn, itemIds },
    });
    return refusalId;
  });
  return refusalFor(db, actor, id);
};

const refusalFor = async (db: Db, actor: Actor, id: number): Promise<RefusalSummary> => {
  const r = await refusalInScope(db, rectificationScope(actor), id);
  if (!r) throw notFound();
  return presentRefusal(actor, r, await refusalItems(db, [id]));
};

/** The institution rectified: the mark is lifted (it leaves the public list at its next publication). */
export const liftRefusing = async (
  db: Db,
  ctx: AuditContext,
  actor: Actor,
  id: number,
  input: RefusalLiftInput,
  today: string = chinaToday(),
): Promise<RefusalSummary> => {
  const liftedOn = input.liftedOn ?? today;
  const note = input.note.trim();
  await db.transaction().execute(async (trx) => {
    const r = await lockRefusal(trx, rectificationScope(actor), id);
    if (!r) throw notFound();
    if (!isRegulator(actor)) throw new AppError('forbidden', 'rectification_regulator_only');
    if (r.lifted_on !== null) throw conflict('rectification_mark_lifted');
    const issues: Array<{ path: string; reason: string }> = [];
    if (liftedOn > today) issues.push({ path: 'liftedOn', reason: 'rectification_date_future' });
    if (liftedOn < r.marked_on) issues.push({ path: 'liftedOn', reason: 'rectification_lift_before_mark' });
    if (!note) issues.push({ path: 'note', reason: 'value_required' });
    if (issues.length) throw invalid(issues);
    await liftRefusal(trx, id, { lifted_on: liftedOn, lifted_by: userOf(actor), lift_note: note });
    await writeAudit(trx, ctx, {
      action: 'rectification.lift_refusing',
      entityType: 'organisation',
      entityId: r.institution_id,
      before: { refusalId: id, kind: r.kind, markedOn: r.marked_on },
      after: { refusalId: id, liftedOn, note },
    });
  });
  return refusalFor(db, actor, id);
};
