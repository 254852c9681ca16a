/**
 * What other modules do when an employer joins the platform through self-registration, without the
 * employers module importing them (they import it): the declarations module opens the never-declared
 * employer's 初次申报 clock (declarations/index.ts). Listeners run in the approving transaction, so a
 * failed listener undoes the approval; they are registered once, when their module is loaded.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db-types.js';

export type EmployerRegistered = {
  organisationId: number;
  regionCode: string;
  /** The registration was linked to an employer already in the base database. */
  linkedExisting: boolean;
};

type Listener = (trx: Transaction<DB>, e: EmployerRegistered) => Promise<void>;

const listeners = new Set<Listener>();

export const onEmployerRegistered = (fn: Listener): void => {
  listeners.add(fn);
};

export const employerRegistered = async (trx: Transaction<DB>, e: EmployerRegistered): Promise<void> => {
  for (const fn of listeners) await fn(trx, e);
};
