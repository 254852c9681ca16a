#!/usr/bin/env node
/**
 * Checks docs/SCALING.md (the national deployment on Citus) against the schema the migrations build.
 *
 * It applies every migration of apps/server/migrations to a fresh in-memory PGlite (the way
 * platform/migrate.ts does: each file in its own transaction, in name order), reads the catalogue
 * (pg_class, pg_attribute, pg_index, pg_constraint) and the machine-readable manifest of docs/SCALING.md
 * (the ```json block after the `<!-- scaling-manifest` comment):
 *
 *   { "distributed": { "<table>": "<distribution column>" | null },   null = the column is missing today
 *     "reference":   ["<table>", …],
 *     "local":       ["<table>", …],                                    coordinator-only tables
 *     "gaps":        { "<table>": "<what is missing>" } }
 *
 * and fails (exit 1, one line per problem) when
 *  - a base table of the schema is not classified, or classified twice, or a listed table does not exist;
 *  - a distributed table names a distribution column it does not have;
 *  - a table breaks a Citus rule (below) without a "gaps" entry, or a "gaps" entry names a table that
 *    no longer breaks any rule — so the document stays true while the schema is not yet compliant.
 *
 * The rules (Citus documentation, "Creating and Modifying Distributed Objects (DDL)" and "Common
 * Errors"; docs/SCALING.md cites them):
 *  - a distributed table has its distribution column, NOT NULL, of the one type of the co-location group
 *    (text);
 *  - every primary key, unique constraint and unique index of a distributed table includes that column;
 *  - a foreign key between distributed tables pairs the distribution column of one with that of the
 *    other (co-located);
 *  - no foreign key from a reference table to a distributed one, none between a local table and a
 *    distributed one (either way), and no ON DELETE/UPDATE CASCADE from a reference table to a local one.
 *
 * Usage: node scripts/check-scaling.mjs [--explain] [--doc <file>] [--migrations <dir>]
 *   --explain  also prints what each listed gap consists of today.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_DOC = join(ROOT, 'docs', 'SCALING.md');
export const DEFAULT_MIGRATIONS = join(ROOT, 'apps', 'server', 'migrations');
/** The type every distribution column has (one co-location group: the 2-digit province code). */
export const DISTRIBUTION_TYPE = 'text';
const MARKER = '<!-- scaling-manifest';

/** The manifest: the first ```json block after the marker comment in the document. */
export const readManifest = (markdown) => {
  const at = markdown.indexOf(MARKER);
  if (at < 0) throw new Error(`no "${MARKER}" marker in the document`);
  const block = /```json\s*\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  if (!block) throw new Error(`no \`\`\`json block after the "${MARKER}" marker`);
  return JSON.parse(block[1]);
};

/**
 * Applies the migrations to a fresh in-memory PGlite and reads tables, columns, unique indexes and FKs.
 * `pglite`: use this (empty) instance instead, and leave it open (tests reuse one instance).
 */
export const loadSchema = async (migrationsDir = DEFAULT_MIGRATIONS, { pglite } = {}) => {
  const db = pglite ?? (await PGlite.create());
  try {
    await db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const files = readdirSync(migrationsDir)
      .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
      .sort();
    for (const file of files) {
      const body = readFileSync(join(migrationsDir, file), 'utf8');
      try {
        await db.exec(`BEGIN;\n${body}\nINSERT INTO schema_migration (name) VALUES ('${file}');\nCOMMIT;`);
      } catch (e) {
        throw new Error(`migration ${file} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // Base tables of the public schema; partitions follow their parent (distributed with it).
    const tables = await db.query(`
      SELECT c.oid::int AS oid, c.relname AS name
        FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       ORDER BY c.relname`);
    const columns = await db.query(`
      SELECT a.attrelid::int AS oid, a.attnum AS num, a.attname AS name, a.attnotnull AS not_null,
             format_type(a.atttypid, a.atttypmod) AS type
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
         AND a.attnum > 0 AND NOT a.attisdropped`);
    const uniques = await db.query(`
      SELECT i.indrelid::int AS oid, ic.relname AS name, i.indisprimary AS primary,
             string_to_array(i.indkey::text, ' ')::int[] AS keys, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
       WHERE c.relnamespace = 'public'::regnamespace AND i.indisunique`);
    const fks = await db.query(`
      SELECT k.conrelid::int AS oid, k.conname AS name, k.confrelid::int AS to_oid,
             k.conkey::int[] AS keys, k.confkey::int[] AS to_keys,
             k.confdeltype AS on_delete, k.confupdtype AS on_update
        FROM pg_constraint k
       WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`);
    const nameOf = new Map(tables.rows.map((t) => [t.oid, t.name]));
    const schema = new Map(
      tables.rows.map((t) => [t.name, { columns: new Map(), uniques: [], fks: [], oid: t.oid }]),
    );
    const byOid = new Map([...schema.values()].map((t) => [t.oid, t]));
    for (const c of columns.rows) byOid.get(c.oid)?.columns.set(c.num, c);
    for (const u of uniques.rows) byOid.get(u.oid)?.uniques.push(u);
    for (const f of fks.rows) {
      const to = nameOf.get(f.to_oid);
      if (to) byOid.get(f.oid)?.fks.push({ ...f, to });
    }
    return schema;
  } finally {
    if (!pglite) await db.close();
  }
};

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Shape errors of the manifest (nothing else is checked when there are any). */
const shapeProblems = (m) => {
  const out = [];
  if (!isObject(m)) return ['the manifest is not a JSON object'];
  if (!isObject(m.distributed))
    out.push('manifest: "distributed" must be an object { table: column | null }');
  else
    for (const [t, c] of Object.entries(m.distributed))
      if (c !== null && (typeof c !== 'string' || c === ''))
        out.push(`manifest: distributed "${t}" must name its column (a string) or be null`);
  for (const k of ['reference', 'local'])
    if (!Array.isArray(m[k]) || m[k].some((t) => typeof t !== 'string'))
      out.push(`manifest: "${k}" must be an array of table names`);
  if (!isObject(m.gaps)) out.push('manifest: "gaps" must be an object { table: reason }');
  else
    for (const [t, r] of Object.entries(m.gaps))
      if (typeof r !== 'string' || r.trim() === '') out.push(`manifest: gap "${t}" needs a reason`);
  return out;
};

const colName = (table, num) => table.columns.get(num)?.name ?? '(expression)';

/**
 * Checks the manifest against the schema. Returns the problems (empty = the document is true), the rule
 * violations found per table (what each gap consists of) and the counts.
 */
export const checkManifest = (schema, manifest, docName = 'docs/SCALING.md') => {
  const shape = shapeProblems(manifest);
  if (shape.length) return { problems: shape, violations: new Map(), summary: null };
  const problems = [];
  const kind = new Map();
  const classify = (t, k) => {
    const prev = kind.get(t);
    if (prev === undefined) kind.set(t, k);
    else problems.push(`table "${t}" is classified twice (${prev} and ${k}) in ${docName}: keep one`);
  };
  for (const t of Object.keys(manifest.distributed)) classify(t, 'distributed');
  for (const k of ['reference', 'local']) {
    const seen = new Set();
    for (const t of manifest[k]) {
      if (seen.has(t)) problems.push(`table "${t}" is listed twice under "${k}" in ${docName}`);
      else classify(t, k);
      seen.add(t);
    }
  }
  for (const t of schema.keys())
    if (!kind.has(t))
      problems.push(
        `table "${t}" is not classified: add it to the manifest of ${docName} under "distributed" ` +
          `(with its distribution column, or null and a "gaps" entry), "reference" or "local", and say why in the text`,
      );
  for (const [t, k] of kind)
    if (!schema.has(t)) problems.push(`table "${t}" is listed under "${k}" in ${docName} but does not exist`);
  for (const t of Object.keys(manifest.gaps))
    if (!schema.has(t)) problems.push(`gap "${t}" in ${docName} names a table that does not exist`);

  const distCol = (t) => {
    // The distribution column of a distributed table, as its attnum (undefined: none yet).
    const name = manifest.distributed[t];
    const table = schema.get(t);
    if (!name || !table) return undefined;
    for (const [num, c] of table.columns) if (c.name === name) return num;
    return undefined;
  };

  const violations = new Map();
  const violate = (t, what) => {
    if (!violations.has(t)) violations.set(t, []);
    violations.get(t).push(what);
  };

  for (const [t, table] of schema) {
    const k = kind.get(t);
    if (k === 'distributed') {
      const name = manifest.distributed[t];
      const num = distCol(t);
      if (name === null) violate(t, 'no distribution column yet');
      else if (num === undefined) {
        problems.push(`distributed table "${t}": its distribution column "${name}" does not exist`);
      } else {
        const col = table.columns.get(num);
        if (!col.not_null) violate(t, `"${name}" is nullable (a distribution column must be NOT NULL)`);
        if (col.type !== DISTRIBUTION_TYPE)
          violate(t, `"${name}" is ${col.type}, not ${DISTRIBUTION_TYPE} (the co-location group's type)`);
        for (const u of table.uniques)
          if (!u.keys.includes(num))
            violate(
              t,
              `${u.primary ? 'primary key' : 'unique index'} "${u.name}" ` +
                `(${u.keys.map((n) => colName(table, n)).join(', ')}) does not include "${name}"`,
            );
      }
    }
    for (const fk of table.fks) {
      const to = kind.get(fk.to);
      if (!k || !to) continue; // unclassified: reported above
      const label = `foreign key "${fk.name}" → ${fk.to}`;
      if (k === 'distributed' && to === 'distributed') {
        const from = distCol(t);
        const into = distCol(fk.to);
        if (from === undefined || into === undefined) {
          // The table's own missing column is already a violation; a parent without one is another.
          if (into === undefined) violate(t, `${label}: ${fk.to} has no distribution column yet`);
          else if (manifest.distributed[t] !== null)
            violate(t, `${label} does not include "${manifest.distributed[t]}"`);
          continue;
        }
        const i = fk.keys.indexOf(from);
        if (i < 0 || fk.to_keys[i] !== into)
          violate(
            t,
            `${label} does not pair "${manifest.distributed[t]}" with ${fk.to}.${manifest.distributed[fk.to]}`,
          );
      } else if (k === 'reference' && to === 'distributed') {
        violate(t, `${label}: a reference table cannot reference a distributed table`);
      } else if ((k === 'local' && to === 'distributed') || (k === 'distributed' && to === 'local')) {
        violate(t, `${label}: no foreign key between a local and a distributed table`);
      } else if (k === 'reference' && to === 'local' && (fk.on_delete === 'c' || fk.on_update === 'c')) {
        violate(t, `${label}: no ON DELETE/UPDATE CASCADE from a reference table to a local table`);
      }
    }
  }

  for (const [t, what] of violations)
    if (!(t in manifest.gaps))
      problems.push(
        `table "${t}" (${kind.get(t)}) breaks the rules without a "gaps" entry in ${docName}: ${what.join('; ')}`,
      );
  for (const t of Object.keys(manifest.gaps))
    if (schema.has(t) && !violations.has(t))
      problems.push(
        `gap "${t}" no longer exists (the table follows every rule now): remove it from "gaps" and update the text of ${docName}`,
      );

  const distributed = Object.keys(manifest.distributed);
  const summary = {
    distributed: distributed.length,
    withColumn: distributed.filter((t) => distCol(t) !== undefined).length,
    reference: manifest.reference.length,
    local: manifest.local.length,
    gaps: Object.keys(manifest.gaps).length,
  };
  return { problems, violations, summary };
};

/** Reads the document and the migrations and checks one against the other. */
export const checkScaling = async ({
  docPath = DEFAULT_DOC,
  migrationsDir = DEFAULT_MIGRATIONS,
  manifest,
  schema,
} = {}) => {
  const docName = relative(ROOT, docPath) || docPath;
  let m = manifest;
  if (m === undefined) {
    try {
      m = readManifest(readFileSync(docPath, 'utf8'));
    } catch (e) {
      return {
        problems: [`${docName}: ${e instanceof Error ? e.message : String(e)}`],
        violations: new Map(),
        summary: null,
      };
    }
  }
  return checkManifest(schema ?? (await loadSchema(migrationsDir)), m, docName);
};

const main = async () => {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const { problems, violations, summary } = await checkScaling({
    docPath: opt('--doc') ?? DEFAULT_DOC,
    migrationsDir: opt('--migrations') ?? DEFAULT_MIGRATIONS,
  });
  if (args.includes('--explain'))
    for (const [t, what] of [...violations].sort(([a], [b]) => a.localeCompare(b)))
      console.log(`${t}:\n  - ${what.join('\n  - ')}`);
  if (problems.length) {
    for (const p of problems) console.error(p);
    console.error(`check-scaling: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(
    `check-scaling: docs/SCALING.md matches the schema — ${summary.distributed} distributed ` +
      `(${summary.withColumn} with their column today), ${summary.reference} reference, ` +
      `${summary.local} local, ${summary.gaps} gaps`,
  );
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
