/**
 * docs/SCALING.md (the national deployment on Citus) stays true to the schema: its manifest classifies
 * every table the migrations create and lists exactly the tables that break a Citus rule today
 * (scripts/check-scaling.mjs, also `npm run check:scaling`). The other cases show the check fails when
 * the manifest or the schema is wrong — on the real schema for the classification, on a small schema of
 * its own for each rule.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkManifest,
  checkScaling,
  DEFAULT_DOC,
  DEFAULT_MIGRATIONS,
  loadSchema,
  readManifest,
  type Schema,
  type ScalingManifest,
} from '../../../scripts/check-scaling.mjs';

const clone = (m: ScalingManifest): ScalingManifest => structuredClone(m);

// One in-memory PGlite for the file (starting one is most of the cost): the real schema first, then,
// in an emptied public schema, the small schema of the rules.
let pglite: PGlite;
beforeAll(async () => {
  pglite = await PGlite.create();
});
afterAll(() => pglite.close());

describe('docs/SCALING.md against the migrations', () => {
  let schema: Schema;
  let manifest: ScalingManifest;
  beforeAll(async () => {
    schema = await loadSchema(DEFAULT_MIGRATIONS, { pglite });
    manifest = readManifest(readFileSync(DEFAULT_DOC, 'utf8'));
  });

  it('classifies every table and lists exactly the gaps of today', async () => {
    const { problems, summary } = await checkScaling({ schema });
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ reference: manifest.reference.length, local: manifest.local.length });
    // Every base table is in exactly one class.
    const classified =
      Object.keys(manifest.distributed).length + manifest.reference.length + manifest.local.length;
    expect(classified).toBe(schema.size);
    // The central tables are where the document says.
    expect(manifest.distributed).toHaveProperty('exam_card');
    expect(manifest.distributed).toHaveProperty('worker');
    expect(manifest.local).toEqual(expect.arrayContaining(['job', 'audit_log', 'import_row']));
    expect(manifest.reference).toEqual(expect.arrayContaining(['organisation', 'app_user', 'role']));
  });

  it('fails on an unclassified table, naming what to do', () => {
    const m = clone(manifest);
    delete m.distributed.worker;
    delete m.gaps.worker;
    const { problems } = checkManifest(schema, m);
    expect(problems).toEqual([
      expect.stringMatching(/^table "worker" is not classified: add it to the manifest/),
    ]);
  });

  it('fails on a listed table that does not exist and on a table classified twice', () => {
    const m = clone(manifest);
    m.reference.push('no_such_table');
    m.local.push('exam_card');
    const { problems } = checkManifest(schema, m);
    expect(problems).toContain(
      'table "no_such_table" is listed under "reference" in docs/SCALING.md but does not exist',
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^table "exam_card" is classified twice \(distributed and local\)/),
    );
  });

  it('fails on a wrong classification: a gap that is none, a rule broken without a gap, a missing column', () => {
    const asReference = clone(manifest);
    // As a reference table the worker registry would break no rule: its gap entry is then stale.
    delete asReference.distributed.worker;
    asReference.reference.push('worker');
    expect(checkManifest(schema, asReference).problems).toEqual([
      expect.stringMatching(/^gap "worker" no longer exists/),
    ]);

    const asDistributed = clone(manifest);
    asDistributed.reference = asDistributed.reference.filter((t) => t !== 'role');
    asDistributed.distributed.role = null;
    expect(checkManifest(schema, asDistributed).problems).toEqual([
      expect.stringMatching(
        /^table "role" \(distributed\) breaks the rules without a "gaps" entry.*no distribution column yet/,
      ),
      // user_role (reference) references role, now distributed.
      expect.stringMatching(
        /^table "user_role" \(reference\) breaks the rules.*a reference table cannot reference a distributed table/,
      ),
    ]);

    const named = clone(manifest);
    named.distributed.exam_card = 'province_code';
    expect(checkManifest(schema, named).problems).toContain(
      'distributed table "exam_card": its distribution column "province_code" does not exist',
    );
  });

  it('rejects a malformed manifest', () => {
    const m = { ...clone(manifest), gaps: { worker: '' } };
    expect(checkManifest(schema, m).problems).toEqual(['manifest: gap "worker" needs a reason']);
  });
});

describe('the rules, on a schema of their own', () => {
  let dir: string;
  let schema: Schema;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ohp-scaling-'));
    writeFileSync(
      join(dir, '0001_rules.sql'),
      `
      CREATE TABLE region_ref (code text PRIMARY KEY);
      CREATE TABLE staging (id int PRIMARY KEY);
      CREATE TABLE parent (province_code text NOT NULL, id int, code text, PRIMARY KEY (province_code, id),
        UNIQUE (province_code, code));
      CREATE TABLE good_child (province_code text NOT NULL, id int, parent_id int, region text REFERENCES region_ref,
        PRIMARY KEY (province_code, id), FOREIGN KEY (province_code, parent_id) REFERENCES parent (province_code, id));
      CREATE TABLE bad_unique (province_code text NOT NULL, id int PRIMARY KEY);
      CREATE UNIQUE INDEX bad_unique_lower ON bad_unique (lower(id::text));
      CREATE TABLE bad_fk (province_code text NOT NULL, other text, parent_id int, PRIMARY KEY (province_code, parent_id),
        FOREIGN KEY (other, parent_id) REFERENCES parent (province_code, id));
      CREATE TABLE nullable_col (province_code text, id int, UNIQUE (province_code, id));
      CREATE TABLE wrong_type (province_code char(2) NOT NULL, id int, PRIMARY KEY (province_code, id));
      CREATE TABLE ref_to_dist (id int PRIMARY KEY, p text, pid int, FOREIGN KEY (p, pid) REFERENCES parent (province_code, id));
      CREATE TABLE dist_to_local (province_code text NOT NULL, staging_id int REFERENCES staging,
        PRIMARY KEY (province_code, staging_id));
      CREATE TABLE ref_cascade (id int PRIMARY KEY, staging_id int REFERENCES staging ON DELETE CASCADE);
      CREATE TABLE ref_set_null (id int PRIMARY KEY, staging_id int REFERENCES staging ON DELETE SET NULL);
      `,
    );
    await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    schema = await loadSchema(dir, { pglite });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const manifest = (gaps: Record<string, string> = {}): ScalingManifest => ({
    distributed: {
      parent: 'province_code',
      good_child: 'province_code',
      bad_unique: 'province_code',
      bad_fk: 'province_code',
      nullable_col: 'province_code',
      wrong_type: 'province_code',
      dist_to_local: 'province_code',
    },
    reference: ['region_ref', 'ref_to_dist', 'ref_cascade', 'ref_set_null'],
    local: ['staging', 'schema_migration'],
    gaps,
  });

  it('finds each broken rule, on the table that breaks it, and nothing on the compliant ones', () => {
    const { violations, problems } = checkManifest(schema, manifest());
    expect(Object.fromEntries(violations)).toEqual({
      bad_unique: [
        'primary key "bad_unique_pkey" (id) does not include "province_code"',
        'unique index "bad_unique_lower" ((expression)) does not include "province_code"',
      ],
      bad_fk: [
        'foreign key "bad_fk_other_parent_id_fkey" → parent does not pair "province_code" with parent.province_code',
      ],
      nullable_col: ['"province_code" is nullable (a distribution column must be NOT NULL)'],
      wrong_type: ['"province_code" is character(2), not text (the co-location group\'s type)'],
      ref_to_dist: [
        'foreign key "ref_to_dist_p_pid_fkey" → parent: a reference table cannot reference a distributed table',
      ],
      dist_to_local: [
        'foreign key "dist_to_local_staging_id_fkey" → staging: no foreign key between a local and a distributed table',
      ],
      ref_cascade: [
        'foreign key "ref_cascade_staging_id_fkey" → staging: no ON DELETE/UPDATE CASCADE from a reference table to a local table',
      ],
    });
    expect(problems).toHaveLength(violations.size);
  });

  it('passes once every violation is a listed gap, and fails again when a gap is fixed', () => {
    const gaps = Object.fromEntries(
      [
        'bad_unique',
        'bad_fk',
        'nullable_col',
        'wrong_type',
        'ref_to_dist',
        'dist_to_local',
        'ref_cascade',
      ].map((t) => [t, 'known']),
    );
    expect(checkManifest(schema, manifest(gaps)).problems).toEqual([]);
    // A gap listed for a table that follows the rules (here: good_child) is reported as stale.
    expect(checkManifest(schema, manifest({ ...gaps, good_child: 'known' })).problems).toEqual([
      'gap "good_child" no longer exists (the table follows every rule now): remove it from "gaps" and update the text of docs/SCALING.md',
    ]);
  });
});
