// Errors speak the user's language: a session that ends mid-work returns to the login page with a note, in zh-CN and in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../src/testing/harness.ts';
import { screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('localised errors', () => {
  it('when the session ends, the next request returns to the login page with a localised note', async () => {
    const tenant = await makeTenant(app.server, '会话过期测试');
    const rep = await tenant.user('rep', { name: '刘洋' });
    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/accounts`);
    await page.getByText('还没有客户').waitFor(UI_TIMEOUT);
    await page.context().clearCookies();
    await page.getByPlaceholder('搜索客户名称').fill('华为');
    await page.waitForURL(/\/login$/, UI_TIMEOUT);
    await page.getByTestId('session-ended').getByText('登录已过期，请重新登录。').waitFor(UI_TIMEOUT);
    await screenshot(page, 'session-ended-zh');
    await page.getByText('EN', { exact: true }).click();
    await page.getByTestId('session-ended').getByText('Your session has ended. Please sign in again.').waitFor(UI_TIMEOUT);
    await screenshot(page, 'session-ended-en');

    await page.getByLabel(/Email/).fill(rep.email);
    await page.getByLabel(/Password/).fill('wrong-password');
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page.getByTestId('form-error').getByText('Sign-in required or not accepted').waitFor(UI_TIMEOUT);
    expect(await page.getByTestId('session-ended').count()).toBe(0);
  });
});
