/**
 * e2e helpers: start the real server on a fresh data directory and a free port, drive Debian Chromium
 * through playwright-core, save screenshots. Not a test file itself (no .test. in the name).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHOTS = join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Demo@2026!';

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why the journeys cannot run here, or null. With OHP_E2E_OPTIONAL=1 a missing browser skips; otherwise it fails. */
export const missingPrerequisite = () => {
  if (!existsSync(chromiumPath()))
    return `no Chromium at ${chromiumPath()} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`;
  return null;
};

const freePort = () =>
  new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });

/** Spawns the server on `dataDir` and waits for /api/health; `stop({ keep })` ends it (SIGTERM, then SIGKILL). */
const launch = async (entry, dataDir) => {
  const port = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      OHP_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      OHP_DEMO_PASSWORD: DEMO_PASSWORD,
      // 13 role logins and a few failures run within a minute from one address.
      OHP_LOGIN_RATE_LIMIT: process.env.OHP_LOGIN_RATE_LIMIT || '200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (b) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code) => {
    exited = code;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited} before it was ready:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 180 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async ({ keep: keepData = false } = {}) => {
    if (exited === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (exited === null) child.kill('SIGKILL');
    }
    if (!keepData) await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  };
  return { baseUrl, stop, log: () => log, exitCode: () => exited };
};

/** Waits (up to a minute) until the demo upload queued at first start (demo/imports.ts) has finished. */
const demoImportsSettled = async (baseUrl) => {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-sysadmin', password: DEMO_PASSWORD }),
  });
  if (!login.ok) return;
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const res = await fetch(`${baseUrl}/api/v1/imports?pageSize=50`, { headers: { cookie } });
    if (!res.ok) return;
    const { data } = await res.json();
    if (data.length > 0 && data.every((b) => !['queued', 'running', 'pending'].includes(b.status))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
};

/**
 * The demo province, seeded once per build: the first journey file of a run starts the server on an
 * empty data directory (the real first start: migrations, demo seeding, the demo upload), lets the
 * upload finish, stops it and keeps the directory; every journey file then starts on a copy of it, so
 * each still gets a database of its own without paying the ~30 s first start again (27 files × 30 s
 * was a quarter of the CI time). The key is the built server (path, size, mtime) and the demo
 * password, so a rebuild seeds afresh. OHP_E2E_FRESH=1 starts every file on an empty directory.
 */
const demoTemplate = async (entry) => {
  const st = statSync(entry);
  const key = createHash('sha256')
    .update(`${entry}:${st.size}:${st.mtimeMs}:${DEMO_PASSWORD}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `ohp-e2e-demo-${key}`);
  if (existsSync(join(dir, '.ready'))) return dir;
  // Journey files run two at a time: the first one seeds, the other waits for it.
  const lock = `${dir}.lock`;
  try {
    mkdirSync(lock);
  } catch {
    for (let i = 0; i < 960 && !existsSync(join(dir, '.ready')); i++)
      await new Promise((r) => setTimeout(r, 250));
    if (existsSync(join(dir, '.ready'))) return dir;
    throw new Error(`the demo province was not seeded within 4 minutes (${lock} held; remove it if stale)`);
  }
  rmSync(dir, { recursive: true, force: true }); // a half-made one from an interrupted run
  const building = await mkdtemp(join(tmpdir(), 'ohp-e2e-seeding-'));
  try {
    const first = await launch(entry, building);
    await demoImportsSettled(first.baseUrl);
    await first.stop({ keep: true });
    if (first.exitCode() !== 0)
      throw new Error(`the seeding server did not stop cleanly (${first.exitCode()}):\n${first.log()}`);
    writeFileSync(join(building, '.ready'), new Date().toISOString());
    renameSync(building, dir);
    return dir;
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
};

/**
 * Starts `node apps/server/dist/main.js` (build first: `npm run build`) on a data directory of its own
 * — a copy of the seeded demo province (see demoTemplate), or an empty one with `{ fresh: true }` or
 * OHP_E2E_FRESH=1 — and waits for /api/health.
 */
const serverEntry = () => {
  const entry = resolve(ROOT, process.env.OHP_SERVER_ENTRY || 'apps/server/dist/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return entry;
};

/**
 * Seeds the demo province the journeys start from (demoTemplate) ahead of them, once the server is
 * built: `npm test` runs it beside the web app's build (e2e/prepare-demo.mjs), so the first two
 * journey files do not wait for it. Returns the directory.
 */
export const prepareDemoProvince = async () => demoTemplate(serverEntry());

export const startServer = async ({ fresh = process.env.OHP_E2E_FRESH === '1' } = {}) => {
  const entry = serverEntry();
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html')))
    throw new Error('apps/web/dist is missing: run `npm run build` first');
  const dataDir = await mkdtemp(join(tmpdir(), 'ohp-e2e-'));
  if (!fresh) cpSync(await demoTemplate(entry), dataDir, { recursive: true });
  return launch(entry, dataDir);
};

export const launchBrowser = async () => {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

/**
 * A fresh context (own cookies and localStorage) with a desktop viewport and Chinese locale; `options`
 * adds to or overrides the context's options (a viewport, acceptDownloads).
 */
export const newPage = async (browser, baseUrl, options = {}) => {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    // A clerk's browser is on China time, as the server's dates are China dates.
    timezoneId: 'Asia/Shanghai',
    // The app honours the system's reduced-motion setting (providers.tsx): popups, dialogs and messages
    // appear without antd's animations, so a journey neither renders nor waits for them.
    reducedMotion: process.env.OHP_E2E_MOTION ? 'no-preference' : 'reduce',
    ...options,
  });
  // A loaded 2-core CI machine (the server, Chromium and the report queries on it) can take longer than
  // Playwright's 30 s for a heavy page; waits stay bounded, just not that tight.
  context.setDefaultTimeout(60_000);
  return { context, ...(await openPage(context)) };
};

/** A new tab in `context`, collecting the page's errors (see watchErrors). */
const openPage = async (context) => {
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
};

/** The page's errors from now on: uncaught exceptions and console errors. */
const watchErrors = (page) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Expected 4xx answers (the /auth/me probe before login, a wrong password) are not page errors.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
};

export const shot = async (page, name) => {
  mkdirSync(SHOTS, { recursive: true });
  // antd's animations are off (reducedMotion in newPage): two frames let the last change paint. With
  // OHP_E2E_MOTION=1 they run, and a journey's pictures wait for them to settle.
  if (process.env.OHP_E2E_MOTION) await page.waitForTimeout(400);
  else
    await page.evaluate(
      () => new Promise((r) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(r))),
    );
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
};

export const login = async (page, username, password = DEMO_PASSWORD) => {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
};

/**
 * A new context signed in as `username` (demo password), on `at` (the workbench unless given; `null`
 * loads no page, for a journey that sets up its waits for the first page's requests first).
 * The session comes through the API into the context's cookies, and the page opened is the one the
 * journey is about: the login page is the subject of its own journeys (shell, journeys, declarations),
 * and each full page load costs the bundle's parse again (docs/PERFORMANCE.md, "Where the journeys'
 * time goes"). `options` are the context's (newPage).
 */
export const signedInPage = async (browser, baseUrl, username, { at = '/workbench', ...options } = {}) => {
  const s = await newPage(browser, baseUrl, options);
  await signInContext(s.context, username);
  if (at !== null) await openAt(s.page, at);
  return s;
};

const signInContext = async (context, username) => {
  const res = await context.request.post('/api/v1/auth/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`sign-in of ${username} failed: ${res.status()} ${await res.text()}`);
};

const openAt = async (page, at) => {
  await page.goto(at);
  if (at === '/workbench') await page.getByTestId('greeting').waitFor({ timeout: 60_000 });
  else await page.getByTestId('page-title').waitFor({ timeout: 60_000 });
};

/**
 * `signIn` of a journey file (see journeys): a signed-in page as signedInPage gives, but when the journey
 * closes the context, the context and its tab are kept, and the next signIn with the same viewport
 * gets them back, signed in as its user (the session cookie of the user before is replaced). Between
 * the two the tab leaves the app (a same-origin JSON page), the context's local storage is cleared (the
 * interface language), the page's listeners and routes are removed, its viewport and media are reset
 * and any other tab (a print window) is closed; the renderer
 * process stays, with the bundle already compiled: a new context costs ~5.7 s of CPU on this machine, a
 * page load in a used tab ~2.5 s (docs/PERFORMANCE.md). A context still open (not closed by its journey)
 * is never handed out twice: a second user acting at the same time gets a context of their own, so
 * roles act side by side as before. OHP_E2E_NOPOOL=1 gives a new context every time.
 */
const contextPool = (env) => {
  const idle = new Map(); // key → { context, page } handed back
  return async (username, viewport, { at } = {}) => {
    const key = JSON.stringify(viewport ?? null);
    const reused = process.env.OHP_E2E_NOPOOL ? undefined : idle.get(key)?.pop();
    if (reused) {
      const { context, page } = reused;
      await page.setViewportSize(viewport ?? { width: 1440, height: 900 });
      await page.emulateMedia({ media: null });
      const s = { context, page, errors: watchErrors(page) };
      // Signed in as this user already (a journey of the same role before), or sign in: a new session
      // replaces the cookie of the user before, or of a session that has ended.
      const me = await context.request.get('/api/v1/auth/me');
      const current = me.ok() ? (await me.json()).user.username : null;
      if (current !== username) await signInContext(context, username);
      if (at !== null) await openAt(page, at ?? '/workbench');
      return s;
    }
    const s = await signedInPage(env.browser, env.server.baseUrl, username, {
      ...(viewport && { viewport }),
      at,
    });
    const close = s.context.close.bind(s.context);
    s.context.close = async () => {
      try {
        for (const other of s.context.pages()) if (other !== s.page) await other.close();
        if (s.page.isClosed()) throw new Error('the tab was closed');
        s.page.removeAllListeners();
        await s.page.unrouteAll({ behavior: 'ignoreErrors' });
        await s.page.goto('/api/health');
        await s.page.evaluate(() => globalThis.localStorage.clear());
      } catch {
        return close();
      }
      if (!idle.has(key)) idle.set(key, []);
      idle.get(key).push({ context: s.context, page: s.page });
      return undefined;
    };
    return s;
  };
};

/**
 * The options of the open select dropdown, once it has finished opening: under CI load a click during
 * antd's slide-in could land beside the moving option, leaving the select unchanged and the dropdown
 * over the form (seen in CI as a save that never posted).
 */
/** A popup (dropdown, select list) not in the middle of antd's open or close motion. */
const SETTLED = ':not([class*="-enter"]):not([class*="-appear"]):not([class*="-leave"])';

export const SELECT_OPTION = `.ant-select-dropdown:visible${SETTLED} .ant-select-item-option`;

/**
 * Switches the interface language from the header's dropdown and waits until the choice is stored.
 * The item is clicked only once the dropdown has finished opening, and the switch only once an earlier
 * dropdown has finished closing: under CI load a click during antd's motion could land beside the moving
 * item or toggle a closing menu shut, and the language never changed.
 */
export const chooseLanguage = async (page, lang) => {
  await page.waitForFunction(
    () =>
      ![...globalThis.document.querySelectorAll('.ant-dropdown')].some(
        (d) => d.querySelector('[data-testid^="lang-"]') && !d.classList.contains('ant-dropdown-hidden'),
      ),
  );
  await page.getByTestId('lang-switch').click();
  await page
    .locator(
      `.ant-dropdown:not(.ant-dropdown-hidden)${SETTLED} [data-testid="lang-${lang === 'en' ? 'en' : 'zh'}"]`,
    )
    .click();
  await page.waitForFunction((l) => globalThis.localStorage.getItem('ohp.lang') === l, lang);
};

/** The route paths of the menu links the user can see (menu items render as links with data-menu-path). */
export const menuPaths = async (page) =>
  page.$$eval('a[data-menu-path]', (els) => els.map((e) => e.getAttribute('data-menu-path')).filter(Boolean));

export const menuText = async (page) => page.locator('.ant-pro-sider, .ant-layout-sider').first().innerText();

/**
 * A describe block of browser journeys sharing one server and one Chromium. Where a prerequisite is
 * missing it fails with the reason, or is skipped with it when OHP_E2E_OPTIONAL=1. `body(env)` registers
 * the tests; `env.server` and `env.browser` are set before they run, and `env.signIn(username, viewport)`
 * opens a new signed-in page on the workbench (or on `{ at: path }`, its third argument; `{ at: null }`
 * loads no page).
 */
export const journeys = (title, body, { timeout = 600_000 } = {}) => {
  const missing = missingPrerequisite();
  if (missing && process.env.OHP_E2E_OPTIONAL === '1') {
    test(`${title} skipped: ${missing}`, { skip: missing }, () => {});
    return;
  }
  describe(title, { timeout }, () => {
    const env = {
      server: null,
      browser: null,
      signIn: null,
    };
    env.signIn = contextPool(env);
    before(async () => {
      if (missing) throw new Error(`${missing}. Set OHP_E2E_OPTIONAL=1 to skip instead.`);
      env.server = await startServer();
      env.browser = await launchBrowser();
    });
    after(async () => {
      await env.browser?.close();
      await env.server?.stop();
    });
    body(env);
  });
};
