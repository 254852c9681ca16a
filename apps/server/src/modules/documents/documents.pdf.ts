/**
 * HTML → PDF through playwright-core and the system's Chromium (OHP_CHROMIUM_PATH, else the usual
 * Debian paths). One browser per server, launched on first use and closed when the server stops; one
 * fresh context and page per render, with a time limit, no network (only the CJK font files are
 * served, from memory, at FONT_ORIGIN) and at most two renders at a time (a 2-core server stays
 * responsive). Without Chromium `pdfAvailability()` says why and the route answers 503; the printable
 * HTML still works (the user's browser prints it).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { FONT_ORIGIN, fontBytes } from './documents.fonts.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium to print with: the configured one (OHP_CHROMIUM_PATH, config.documents), else found. */
export const chromiumExecutable = (configured: string | null = null): string | null => {
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
};

export type PdfAvailability = { available: true; executable: string } | { available: false; reason: string };

export const pdfAvailability = (configured: string | null = null): PdfAvailability => {
  const exe = chromiumExecutable(configured);
  if (exe) return { available: true, executable: exe };
  return {
    available: false,
    reason: configured
      ? `OHP_CHROMIUM_PATH=${configured} does not exist`
      : `no Chromium at ${CANDIDATES.join(', ')} (apt-get install chromium fonts-noto-cjk, or set OHP_CHROMIUM_PATH)`,
  };
};

export class PdfUnavailable extends Error {}
export class PdfFailed extends Error {}

const MAX_PARALLEL = 2;

export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private waiting: Array<() => void> = [];
  private closed = false;

  constructor(
    /** OHP_CHROMIUM_PATH (config.documents.chromiumPath), or null to find it. */
    private readonly configured: string | null = null,
    private readonly timeoutMs = 20_000,
  ) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const a = pdfAvailability(this.configured);
      if (!a.available) throw new PdfUnavailable(a.reason);
      this.browser = import('playwright-core')
        .then(({ chromium }) =>
          chromium.launch({
            executablePath: a.executable,
            args: [
              '--no-sandbox',
              '--disable-gpu',
              '--disable-dev-shm-usage',
              '--no-first-run',
              '--disable-background-networking',
              '--disable-component-update',
              '--disable-sync',
              '--disable-extensions',
            ],
          }),
        )
        .then((b) => {
          // A crashed browser is launched again at the next render.
          b.on('disconnected', () => {
            this.browser = null;
          });
          return b;
        })
        .catch((err: unknown) => {
          this.browser = null;
          throw new PdfFailed(`chromium did not start: ${(err as Error).message}`);
        });
    }
    return this.browser;
  }

  private async slot(): Promise<() => void> {
    if (this.running >= MAX_PARALLEL) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    return () => {
      this.running -= 1;
      this.waiting.shift()?.();
    };
  }

  /** Renders one HTML page to an A4 PDF (the page's @page rules decide size and margins). */
  async render(html: string): Promise<Buffer> {
    if (this.closed) throw new PdfUnavailable('the server is stopping');
    const release = await this.slot();
    let timer: NodeJS.Timeout | undefined;
    const browser = await this.launch().catch((err: unknown) => {
      release();
      throw err;
    });
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      const work = (async () => {
        await context.route('**/*', async (route) => {
          const url = route.request().url();
          const which =
            url === `${FONT_ORIGIN}/regular` ? 'regular' : url === `${FONT_ORIGIN}/bold` ? 'bold' : null;
          const body = which ? fontBytes(which) : null;
          if (body) await route.fulfill({ status: 200, contentType: 'font/collection', body });
          else await route.abort();
        });
        const page = await context.newPage();
        page.setDefaultTimeout(this.timeoutMs);
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready.then(() => true)');
        return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      })();
      // Settled even when the time limit wins (the context is closed under it).
      work.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new PdfFailed(`rendering took longer than ${this.timeoutMs} ms`)),
          this.timeoutMs,
        );
      });
      return await Promise.race([work, timeout]);
    } catch (err) {
      if (err instanceof PdfFailed || err instanceof PdfUnavailable) throw err;
      throw new PdfFailed((err as Error).message);
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => undefined);
      release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = null;
    if (b) await b.then((x) => x.close()).catch(() => undefined);
  }
}
