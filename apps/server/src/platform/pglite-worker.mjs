// PGlite in a worker thread, so that a long statement (a bulk load, a big aggregate) never blocks the
// HTTP thread. Plain JavaScript so that it runs the same from the source tree and from the bundle
// (scripts/build-server.mjs copies it beside dist/main.js). The main thread (db.ts) sends one statement
// at a time; errors come back with their SQLSTATE fields so the HTTP layer maps them exactly as for a
// PostgreSQL server. Type parsers mirror pglite-parsers.ts (functions cannot cross threads); the
// PGlite tests in db.test.ts check both give the same results.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const parsers = { 20: (v) => Number(v), 1700: (v) => Number(v), 1082: (v) => v };
const ready = PGlite.create(workerData.dataDir ?? undefined, { parsers });

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
