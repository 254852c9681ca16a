/**
 * In-process domain events between modules, without import cycles: the module that owns a fact defines
 * its event and emits it inside the transaction that writes the fact; modules that depend on the fact
 * listen (registered once, when their module is loaded). Listeners run in the emitter's transaction,
 * one after another, so a failed listener undoes the write. A listener works through the transaction it
 * is given — never deps.db (PGlite has one connection: it would wait for itself).
 */
import type { Transaction } from 'kysely';
import type { DB } from './db-types.js';

export type EventListener<T> = (trx: Transaction<DB>, event: T) => Promise<void>;

export type DomainEvent<T> = {
  readonly name: string;
  on: (listener: EventListener<T>) => void;
  emit: (trx: Transaction<DB>, event: T) => Promise<void>;
};

export const defineEvent = <T>(name: string): DomainEvent<T> => {
  const listeners = new Set<EventListener<T>>();
  return {
    name,
    on: (listener) => {
      listeners.add(listener);
    },
    emit: async (trx, event) => {
      for (const listener of listeners) await listener(trx, event);
    },
  };
};
