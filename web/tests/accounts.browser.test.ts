// Creating an account from the list: the form refuses a blank name, then the new account opens on its 客户360 page.
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

describe('creating an account', () => {
  it('a blank name is refused in the form; a Chinese name with emoji is saved and opens 客户360', async () => {
    const tenant = await makeTenant(app.server, '建客户测试');
    const rep = await tenant.user('rep', { name: '王芳' });
    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/accounts`);
    await page.getByText('还没有客户').waitFor(UI_TIMEOUT);

    await page.getByRole('button', { name: /新建客户/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('客户名称').fill('   ');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('请输入客户名称').waitFor(UI_TIMEOUT);
    expect((await rep.client.get('/api/accounts')).json().items).toHaveLength(0);

    const name = '苏州工业园区🏭智能制造有限公司';
    await dialog.getByLabel('客户名称').fill(name);
    await dialog.getByLabel('区域').fill('华东');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/, UI_TIMEOUT);
    await page.getByRole('heading', { name }).waitFor(UI_TIMEOUT);
    await page.getByText('还没有联系人').waitFor(UI_TIMEOUT);
    await screenshot(page, 'account-created-360');

    const saved = (await rep.client.get('/api/accounts')).json().items;
    expect(saved).toMatchObject([{ name, region: '华东', ownerId: rep.id }]);
  });
});
