/**
 * Who may examine outside its site (吉卫规〔2024〕2号 一(二), R44): an institution filed on the platform only
 * after the on-site verification organised by the provincial commission passed; an institution filed
 * earlier by a city (an imported filing) only after all key items of the provincial QC assessment passed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { qcKeyItemsPassed as keyItemsPassed } from '../qc/index.js';
import { verificationPassed as passedOnSite } from '../verifications/index.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The on-site verification of the institution's live filing passed (module verifications). */
export const verificationPassed = (db: Db, institutionId: number): Promise<boolean> =>
  passedOnSite(db, institutionId);

/**
 * "关键项全部合格" of the provincial QC assessment, for institutions filed earlier by the cities (module
 * qc): the latest completed QC assessment of the institution has every key item (关键项) passed. An
 * imported filing never assessed yet is therefore refused (`outbound_qc_key_items_not_passed`).
 */
export const qcKeyItemsPassed = (db: Db, institutionId: number): Promise<boolean> =>
  keyItemsPassed(db, institutionId);
