/**
 * Who maintains the working-day calendar: holders of calendar:manage (the system administrator and the
 * provincial regulator's administrator). The calendar is national, so there is no record scope; every
 * signed-in user reads it, because every clock they see is counted on it.
 */
import type { Actor } from '../../platform/authz/actor.js';
import { can } from '../../platform/authz/actor.js';

export const canManageCalendar = (actor: Actor): boolean => can(actor, 'calendar:manage');

export const calendarDayAbilities = (actor: Actor) => {
  const manage = canManageCalendar(actor);
  return { update: manage, delete: manage };
};
