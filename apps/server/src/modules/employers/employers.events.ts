/**
 * What other modules do when an employer joins the platform through self-registration, without the
 * employers module importing them (they import it): the declarations module opens the never-declared
 * employer's 初次申报 clock (declarations/index.ts). Runs in the approving transaction (platform/events).
 */
import { defineEvent } from '../../platform/events.js';

export type EmployerRegistered = {
  organisationId: number;
  regionCode: string;
  /** The registration was linked to an employer already in the base database. */
  linkedExisting: boolean;
};

const registered = defineEvent<EmployerRegistered>('employer.registered');

export const onEmployerRegistered = registered.on;
export const employerRegistered = registered.emit;
