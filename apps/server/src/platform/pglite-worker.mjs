// PGlite in a worker thread, so that a long statement (a bulk load, a big aggregate) never blocks the
// HTTP thread. Plain JavaScript so that it runs the same from the source tree and from the bundle
// (scripts/build-server.mjs copies it beside dist/main.js). The main thread (db.ts) sends one statement
// at a time; errors come back with their SQLSTATE fields so the HTTP layer maps them exactly as for a
// PostgreSQL server. Type parsers mirror pglite-parsers.ts (functions cannot cross threads); the
// PGlite tests in db.test.ts check both give the same results.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

// bytea (oid 17) as hex text both ways: PGlite's own conversion goes byte by byte through a temporary
// array (a 17 MB upload took 5–6 s to store and 1.7 s to read back; hex: about 1 s and 0.25 s).
const toHex = (v) =>
  `\\x${Buffer.from(v.buffer ?? v, v.byteOffset ?? 0, v.byteLength ?? v.length).toString('hex')}`;
const parsers = {
  20: (v) => Number(v),
  1700: (v) => Number(v),
  1082: (v) => v,
  17: (v) => Buffer.from(v.slice(2), 'hex'),
};
const ready = PGlite.create(workerData.dataDir ?? undefined, { parsers, serializers: { 17: toHex } });

parentPort.on('message', async (msg) => {
  try {
    const db = await ready;
    if (msg.kind === 'close') {
      await db.close();
      parentPort.postMessage({ id: msg.id, ok: true });
    } else if (msg.kind === 'exec') {
      await db.exec(msg.sql);
      parentPort.postMessage({ id: msg.id, ok: true });
    } else {
      const res = await db.query(msg.sql, msg.params ?? []);
      parentPort.postMessage({ id: msg.id, ok: true, rows: res.rows, affectedRows: res.affectedRows ?? 0 });
    }
  } catch (err) {
    const fields = { message: err?.message, name: err?.name };
    for (const k of ['code', 'constraint', 'column', 'detail', 'table', 'schema', 'severity'])
      if (err?.[k] !== undefined) fields[k] = err[k];
    parentPort.postMessage({ id: msg.id, ok: false, error: fields });
  }
});
