/**
 * Organisations written through 单位管理 (one created or edited) or its import (a chunk's new rows), for
 * the modules that keep something per organisation: the employers module gives a new employer its base
 * record (profile, risk class, first version) at once rather than at the next start. Runs in the writing
 * transaction (platform/events); listeners pick the organisations that concern them.
 */
import { defineEvent } from '../../platform/events.js';

export type OrganisationsWritten = { organisationIds: number[] };

const written = defineEvent<OrganisationsWritten>('organisations.written');

export const onOrganisationsWritten = written.on;
export const organisationsWritten = written.emit;
