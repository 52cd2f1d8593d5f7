// Browser-test harness: a real server on the test database serving the built app, Debian's Chromium,
// sign-in through the login form, and a screenshot per test in test-results/.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestServer, PASSWORD, type TestServer } from '../../src/testing/harness.ts';
import { webDist } from '../../src/app.ts';

export const CHROMIUM = process.env.SIGHTLINE_CHROMIUM ?? '/usr/bin/chromium';
const resultsDir = path.resolve('test-results');

export interface BrowserApp {
  server: TestServer;
  baseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  if (!fs.existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` before the browser tests.');
  const server = await startTestServer();
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
    },
  };
}

export const desktop = { width: 1440, height: 900 };
/** how long a test waits for the app to show something (lazy chunks load on first use) */
export const UI_TIMEOUT = { timeout: 15_000 };

export const phone = { width: 390, height: 844 };

/** a fresh browser profile (own cookies and localStorage) signed in as `email` */
export async function signedInPage(app: BrowserApp, email: string, viewport = desktop): Promise<Page> {
  const context = await app.browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByTestId('user-menu').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`) });
}

export interface Screen {
  user: { email: string; id: string };
  path: string;
  /** a test id that is on the screen once it has loaded */
  ready: string;
  name: string;
}

/**
 * Opens every screen in zh-CN and English at 1440 and 390 px — one signed-in page per user and
 * size — waits until it has loaded in that language, and hands it to `shoot`.
 */
export async function visitInBothLanguages<S extends Screen>(app: BrowserApp, screens: readonly S[], shoot: (page: Page, screen: S, shot: string) => Promise<void>): Promise<void> {
  const pages = new Map<string, Page>();
  for (const [viewport, size] of [[desktop, '1440'], [phone, '390']] as const) {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const screen of screens) {
        const key = `${screen.user.email}:${size}`;
        let page = pages.get(key);
        if (!page) {
          page = await signedInPage(app, screen.user.email, viewport);
          pages.set(key, page);
        }
        await page.evaluate(({ l, id }) => ['anonymous', id].forEach((who) => localStorage.setItem(`sightline.locale.${who}`, l)), { l: locale, id: screen.user.id });
        await page.goto(`${app.baseUrl}${screen.path}`);
        await page.getByTestId(screen.ready).first().waitFor(UI_TIMEOUT);
        await page.waitForLoadState('networkidle');
        const lang = await page.evaluate(() => document.documentElement.lang);
        if (lang !== locale) throw new Error(`${screen.path} showed in ${lang}, not ${locale}`);
        await shoot(page, screen, `${screen.name}-${locale}-${size}`);
      }
    }
  }
}
