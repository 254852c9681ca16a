/**
 * Who may examine outside its site (吉卫规〔2024〕2号 一(二), R44): an institution filed on the platform only
 * after the on-site verification organised by the provincial commission passed; an institution filed
 * earlier by a city (an imported filing) only after all key items of the provincial QC assessment passed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { verificationPassed as passedOnSite } from '../verifications/index.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The on-site verification of the institution's live filing passed (module verifications). */
export const verificationPassed = (db: Db, institutionId: number): Promise<boolean> =>
  passedOnSite(db, institutionId);

/**
 * SEAM (QC assessments, issue 16 item 5, not built yet): "关键项全部合格" of the provincial QC assessment
 * for institutions filed earlier by the cities. Until QC assessments exist there is nothing to consult,
 * so an imported filing is not refused on this ground; switch this to the QC module's function when it
 * lands (docs/STANDARDS.md, Outbound-exam notices).
 */
export const qcKeyItemsPassed = async (_db: Db, _institutionId: number): Promise<boolean> => true;
