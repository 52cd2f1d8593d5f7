// Custom fields in the app: an admin adds a select field "客户等级" on accounts; it appears in the account form, the list (column, sort, filter) and 客户360; API complaints land under their field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTenant } from '../../src/testing/harness.ts';
import { phone, screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

async function createAccount(page: Page, name: string, tier: string) {
  await page.goto(`${app.baseUrl}/accounts`);
  await page.getByRole('button', { name: /新建客户/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('客户名称').fill(name);
  await dialog.getByLabel('客户等级').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(tier, { exact: true }).click();
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  await page.getByRole('heading', { name }).waitFor(UI_TIMEOUT);
}

describe('custom fields', () => {
  it('an admin adds a select field 客户等级 on accounts, creates an account with it, sees it in the list column and filters by it', async () => {
    const tenant = await makeTenant(app.server, '自定义字段测试');
    const page = await signedInPage(app, tenant.admin.email);
    await page.goto(`${app.baseUrl}/admin?tab=custom-fields`);
    await page.getByRole('button', { name: /添加字段/ }).click(UI_TIMEOUT);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('显示名称').fill('客户等级');
    await dialog.getByLabel('字段键').fill('Tier!');
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('单选', { exact: true }).click();
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('以小写字母开头').first().waitFor(UI_TIMEOUT);
    await dialog.getByText('单选或多选字段至少需要一个选项').waitFor(UI_TIMEOUT);
    await dialog.getByLabel('字段键').fill('tier');
    const options = dialog.getByLabel('选项');
    for (const option of ['A类', 'B类', 'C类']) {
      await options.fill(option);
      await options.press('Enter');
    }
    await screenshot(page, 'custom-field-form');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByRole('cell', { name: 'tier' }).waitFor(UI_TIMEOUT);
    expect((await tenant.admin.client.get('/api/custom-fields?entity=accounts')).json().items).toMatchObject([{ key: 'tier', label: '客户等级', type: 'select', options: ['A类', 'B类', 'C类'] }]);
    await screenshot(page, 'admin-custom-fields');

    // the same key again: the API's 409 appears under the key field, with the localised headline above
    await page.getByRole('button', { name: /添加字段/ }).click();
    await dialog.getByLabel('显示名称').fill('等级（重复）');
    await dialog.getByLabel('字段键').fill('tier');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByTestId('form-error').getByText('与已有数据冲突').waitFor(UI_TIMEOUT);
    await dialog.locator('.ant-form-item-explain-error', { hasText: 'already has a custom field "tier"' }).waitFor(UI_TIMEOUT);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    await createAccount(page, '杭州西湖🌊医疗集团', 'A类');
    await page.getByTestId('custom-value-tier').getByText('A类').waitFor(UI_TIMEOUT);
    await screenshot(page, 'account360-custom-field');
    await createAccount(page, '宁波港口物流有限公司', 'B类');

    await page.goto(`${app.baseUrl}/accounts`);
    await page.getByRole('columnheader', { name: /客户等级/ }).waitFor(UI_TIMEOUT);
    await page.getByRole('row', { name: /杭州西湖🌊医疗集团.*A类/ }).waitFor(UI_TIMEOUT);
    await page.getByRole('row', { name: /宁波港口物流有限公司.*B类/ }).waitFor(UI_TIMEOUT);

    await page.getByRole('columnheader', { name: /客户等级/ }).click();
    await page.getByRole('columnheader', { name: /客户等级/ }).click();
    await expect.poll(async () => (await page.locator('tbody tr.ant-table-row').allInnerTexts()).map((r) => r.split('\t')[0]), UI_TIMEOUT).toEqual(['宁波港口物流有限公司', '杭州西湖🌊医疗集团']);

    await page.getByTestId('filter-cf-tier').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('A类', { exact: true }).click();
    await expect.poll(() => page.locator('tbody tr.ant-table-row').count(), UI_TIMEOUT).toBe(1);
    await page.getByRole('row', { name: /杭州西湖🌊医疗集团/ }).waitFor(UI_TIMEOUT);
    await screenshot(page, 'accounts-custom-filter');
  });

  it('a field made required is marked in the form and a blank value is refused before anything is written', async () => {
    const tenant = await makeTenant(app.server, '必填字段测试');
    expect((await tenant.admin.client.post('/api/custom-fields', { entity: 'accounts', key: 'budget', label: '年度预算', type: 'money', required: true })).statusCode).toBe(201);
    const rep = await tenant.user('rep', { name: '陈静' });
    const page = await signedInPage(app, rep.email, phone);
    await page.goto(`${app.baseUrl}/accounts`);
    await page.getByRole('button', { name: /新建客户/ }).click(UI_TIMEOUT);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('客户名称').fill('成都天府软件园');
    await dialog.getByLabel('年度预算').fill('12.345');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('请输入金额，例如 1234.50').waitFor(UI_TIMEOUT);
    await dialog.getByLabel('年度预算').fill('');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('必填').first().waitFor(UI_TIMEOUT);
    await screenshot(page, 'account-form-required-custom-phone');
    expect((await rep.client.get('/api/accounts')).json().items).toHaveLength(0);
    await dialog.getByLabel('年度预算').fill('880000.50');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByRole('heading', { name: '成都天府软件园' }).waitFor(UI_TIMEOUT);
    expect((await rep.client.get('/api/accounts')).json().items[0].custom).toEqual({ budget: '880000.50' });
  });
});
