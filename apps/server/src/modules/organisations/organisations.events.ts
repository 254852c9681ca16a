/**
 * Organisations written through 单位管理 (one created or edited) or its import (a chunk's new and updated
 * rows), for the modules that keep something per organisation: the employers module gives a new employer
 * its base record (profile, risk class, first version) at once rather than at the next start, and an
 * edited one its risk class and a new version. Runs in the writing
 * transaction (platform/events); listeners pick the organisations that concern them.
 */
import { defineEvent } from '../../platform/events.js';

export type OrganisationsWritten = {
  organisationIds: number[];
  /** Created or edited one by one (单位管理), or written by its import. */
  via: 'update' | 'import';
  /** The user who wrote them. */
  changedBy: number | null;
};

const written = defineEvent<OrganisationsWritten>('organisations.written');

export const onOrganisationsWritten = written.on;
export const organisationsWritten = written.emit;
