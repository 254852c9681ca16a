/** Types of scripts/check-scaling.mjs (plain node, no build step), for the tests that import it. */
import type { PGlite } from '@electric-sql/pglite';

export type ScalingManifest = {
  distributed: Record<string, string | null>;
  reference: string[];
  local: string[];
  gaps: Record<string, string>;
};

export type SchemaTable = {
  oid: number;
  columns: Map<number, { num: number; name: string; not_null: boolean; type: string }>;
  uniques: { name: string; primary: boolean; keys: number[]; def: string }[];
  fks: {
    name: string;
    to: string;
    keys: number[];
    to_keys: number[];
    on_delete: string;
    on_update: string;
  }[];
};
export type Schema = Map<string, SchemaTable>;

export type ScalingResult = {
  problems: string[];
  violations: Map<string, string[]>;
  summary: { distributed: number; withColumn: number; reference: number; local: number; gaps: number } | null;
};

export const DEFAULT_DOC: string;
export const DEFAULT_MIGRATIONS: string;
export const DISTRIBUTION_TYPE: string;
export function readManifest(markdown: string): ScalingManifest;
export function loadSchema(migrationsDir?: string, options?: { pglite?: PGlite }): Promise<Schema>;
export function checkManifest(schema: Schema, manifest: ScalingManifest, docName?: string): ScalingResult;
export function checkScaling(options?: {
  docPath?: string;
  migrationsDir?: string;
  manifest?: ScalingManifest;
  schema?: Schema;
}): Promise<ScalingResult>;
