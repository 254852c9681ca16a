/**
 * sendDownload with a streamed body, over a real socket: a stream that fails before its first byte
 * still gets an error answer; one that fails after it leaves the client with a cut-off download (the
 * connection is destroyed, no final chunk) and is logged; a client that leaves ends the stream.
 */
import { PassThrough, Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { exportPages, sendDownload, XLSX_TYPE } from './download.js';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A Fastify app with one download route, listening on a free port; its log lines are kept. */
const serve = async (body: () => Readable) => {
  const logs: Array<{ level: number; msg: string }> = [];
  const sink = new PassThrough();
  sink.on('data', (line: Buffer) => logs.push(JSON.parse(line.toString()) as { level: number; msg: string }));
  app = Fastify({ logger: { level: 'info', stream: sink }, forceCloseConnections: true });
  app.get('/file', (_req, reply) =>
    sendDownload(reply, 'zh-CN', {
      body: body(),
      type: XLSX_TYPE,
      names: { zh: '文件.xlsx', en: 'file.xlsx' },
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/file`, logs };
};

describe('sendDownload with a stream', () => {
  it('answers with an error status when the stream fails before its first byte', async () => {
    const { url } = await serve(() => {
      const s = new PassThrough();
      setImmediate(() => s.destroy(new Error('count failed')));
      return s;
    });
    const res = await fetch(url);
    expect(res.status).toBe(500);
    await res.arrayBuffer();
  });

  it('cuts the download off and logs the failure when the stream fails after its first byte', async () => {
    const { url, logs } = await serve(() => {
      const s = new PassThrough();
      s.write(Buffer.alloc(10_000, 1));
      setTimeout(() => s.destroy(new Error('page 7 failed')), 20);
      return s;
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="file.xlsx"');
    // The body never completes: the client cannot take the cut-off file for a whole one.
    await expect(res.arrayBuffer()).rejects.toThrow();
    await app!.close();
    const failure = logs.find((l) => l.msg === 'download failed after it began; connection closed');
    expect(failure).toMatchObject({ level: 50 });
  });

  it('ends the stream when the client leaves', async () => {
    let closed!: () => void;
    const gone = new Promise<void>((r) => (closed = r));
    const { url } = await serve(() => {
      const s = new PassThrough();
      s.write(Buffer.alloc(10_000, 1)); // and never ends by itself
      s.on('close', () => closed());
      return s;
    });
    const controller = new AbortController();
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await gone;
  });
});

describe('exportPages', () => {
  const rows = Array.from({ length: 23 }, (_, i) => ({ id: i + 1 }));
  const after = (last: { id: number } | null, limit: number) =>
    rows.filter((r) => r.id > (last?.id ?? 0)).slice(0, limit);

  const collect = async (pageSize: number, maxRows: number) => {
    const asked: number[] = [];
    const { pages, written } = exportPages({
      first: after(null, Math.min(pageSize, maxRows)),
      pageSize,
      maxRows,
      next: async (last, limit) => {
        asked.push(limit);
        return after(last, limit);
      },
      cells: (r) => [r.id],
    });
    const out: number[] = [];
    for await (const p of pages) out.push(...p.map((c) => c[0] as number));
    return { out, asked, written: written() };
  };

  it('reads page after page until a short page, and stops at the cap', async () => {
    expect(await collect(5, 100)).toEqual({
      out: rows.map((r) => r.id),
      asked: [5, 5, 5, 5],
      written: 23,
    });
    // A cap inside a page asks only for what is left.
    expect(await collect(5, 12)).toEqual({
      out: rows.slice(0, 12).map((r) => r.id),
      asked: [5, 2],
      written: 12,
    });
    // A cap on a page boundary reads no further page.
    expect(await collect(5, 10)).toEqual({
      out: rows.slice(0, 10).map((r) => r.id),
      asked: [5],
      written: 10,
    });
    expect((await collect(1_000, 50_000)).asked).toEqual([]);
  });
});
