/**
 * Test factories (outline's buildUser()): real rows inserted through the same repository code the
 * application writes with, so a fixture can never hold a row the application could not have written.
 * Every factory takes overrides and returns the new row's id.
 */
import { examCardExample, type ExamCardInput, type OrganisationKind } from '@ohp/contracts';
import { regionLevelOfCode } from '@ohp/reference';
import { hashPassword } from '../src/modules/auth/index.js';
import { storeCards } from '../src/modules/exam-reports/index.js';
import { insertOrganisationIfAbsent } from '../src/modules/organisations/organisations.repository.js';
import { insertUserWithRoles } from '../src/modules/users/users.repository.js';
import { createSession } from '../src/platform/authz/session.js';
import type { Deps } from '../src/platform/http/types.js';
import { DEMO_PASSWORD } from './helpers.js';

let n = 0;
const next = () => `${process.pid}-${++n}`;

export const buildOrganisation = async (
  deps: Deps,
  o: { kind?: OrganisationKind; regionCode?: string; name?: string; parentId?: number | null } = {},
): Promise<number> => {
  const region = o.regionCode ?? '220102';
  const row = await insertOrganisationIfAbsent(deps.db, {
    name: o.name ?? `测试单位${next()}`,
    kind: o.kind ?? 'employer',
    level: regionLevelOfCode(region) ?? 'township',
    region_code: region,
    parent_id: o.parentId ?? null,
  });
  if (!row) throw new Error('buildOrganisation: the natural key is taken');
  return row.organisation_id;
};

let passwordHash: Promise<string> | null = null;
/** An account with roles; its password is the demo password unless `passwordHash` is given. */
export const buildUser = async (
  deps: Deps,
  o: {
    organisationId: number;
    roleKeys?: string[];
    username?: string;
    passwordHash?: string;
    phone?: string;
  },
): Promise<{ id: number; username: string }> => {
  const username = o.username ?? `test.user.${next()}`;
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const id = await insertUserWithRoles(
    deps.db,
    {
      username,
      display_name: '测试用户',
      organisation_id: o.organisationId,
      password_hash: o.passwordHash ?? (await passwordHash),
      must_change_password: false,
      phone_enc: o.phone ? deps.crypto.encrypt(o.phone) : null,
    },
    o.roleKeys ?? [],
  );
  return { id, username };
};

/** A live session of the user; returns the id prefix the sessions routes show. */
export const buildSession = async (deps: Deps, userId: number): Promise<string> =>
  (await createSession(deps.db, userId, { ip: null, userAgent: null })).sessionId.slice(0, 16);

/**
 * An exam card as a door receives it: the valid example card under another record ID, changed by
 * `patch` (a deep copy; the example is shared).
 */
export const examCard = (recordId: string, patch?: (c: ExamCardInput) => void): ExamCardInput => {
  const c = structuredClone(examCardExample);
  c.recordId = recordId;
  patch?.(c);
  return c;
};

let cardSerial = 0;
/**
 * A stored card (through storeCards, as a door stores it) of `institutionId`, for an employer in
 * `regionCode` (the credit code of a registered employer links the card to it), left at
 * `auditStatus` (the review's state; set as the review would leave it). Returns the card's id.
 */
export const buildStoredCard = async (
  deps: Deps,
  o: { institutionId: number; regionCode?: string; employerCreditCode?: string; auditStatus?: string },
): Promise<number> => {
  const region = o.regionCode ?? '220102';
  const card = examCard(`factory-${next()}-${++cardSerial}`, (c) => {
    c.employer.regionCode = region;
    c.employingUnit.regionCode = region;
    if (o.employerCreditCode) {
      c.employer.creditCode = o.employerCreditCode;
      c.employingUnit.creditCode = o.employerCreditCode;
    }
  });
  const [out] = await deps.db
    .transaction()
    .execute((trx) =>
      storeCards(trx, deps.crypto, { institutionId: o.institutionId, importBatchId: null, source: 'api' }, [
        { rowNo: 1, card },
      ]),
    );
  const id = out!.examCardId!;
  if (o.auditStatus)
    await deps.db
      .updateTable('exam_card')
      .set({ audit_status: o.auditStatus })
      .where('exam_card_id', '=', id)
      .execute();
  return id;
};
