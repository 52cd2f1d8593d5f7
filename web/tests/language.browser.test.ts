// The app speaks Chinese first; switching to English changes every label, money and date format, and is remembered.
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

describe('language switch', () => {
  it('switches zh-CN → English and back, and keeps the choice after a reload', async () => {
    const tenant = await makeTenant(app.server, '语言测试');
    const rep = await tenant.user('rep', { name: '林娜' });
    const account = (await rep.client.post('/api/accounts', { name: '深圳前海微众科技', region: '华南' })).json();
    await rep.client.post('/api/opportunities', { name: '核心系统扩容', accountId: account.id, amount: '1234567.80', expectedCloseDate: '2026-12-31' });

    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    await page.getByText('决策链', { exact: true }).waitFor(UI_TIMEOUT);
    await page.getByText('¥1,234,567.80').waitFor(UI_TIMEOUT);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Decision chain', { exact: true }).waitFor(UI_TIMEOUT);
    await page.getByRole('menuitem').filter({ hasText: 'Pipeline' }).waitFor(UI_TIMEOUT);
    await page.getByText('12/31/2026').waitFor(UI_TIMEOUT);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'language-en-account360');

    await page.reload();
    await page.getByText('Decision chain', { exact: true }).waitFor(UI_TIMEOUT);
    await page.getByText('中文', { exact: true }).click();
    await page.getByText('决策链', { exact: true }).waitFor(UI_TIMEOUT);
    await page.getByText('2026/12/31').waitFor(UI_TIMEOUT);
  });
});
