// Creating a deal in the app (from the board and from 客户360), its refusals under their fields, and its stage history
// as a timeline on the deal page; screenshots of the changed screens in zh-CN and English at 1440 and 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTenant } from '../../src/testing/harness.ts';
import { inTenant } from '../../src/platform/tenancy/context.ts';
import { desktop, phone, screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

async function inEnglish(page: Page) {
  await page.evaluate(() => localStorage.setItem('sightline.locale.anonymous', 'en'));
  await page.reload();
}

/** lets a modal's opening animation finish before a screenshot */
const settle = (page: Page) => page.waitForTimeout(500);

/** the antd error under a form field */
const fieldError = (page: Page, label: RegExp) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label) }).locator('.ant-form-item-explain-error');

describe('deals in the app', () => {
  it('creates a deal from the board (blank form refused in place), opens it, and its moves appear in the stage history', async () => {
    const tenant = await makeTenant(app.server, '商机创建测试');
    const rep = await tenant.user('rep', { name: '周强' });
    await rep.client.post('/api/accounts', { name: '上海瑞金医院', region: '华东' });
    await rep.client.post('/api/accounts', { name: '广州白云机场集团', region: '华南' });

    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/pipeline`);
    await page.getByTestId('stage-column-lead').getByTestId('stage-count').waitFor(UI_TIMEOUT);
    await screenshot(page, 'deals-board-empty-zh-1440');
    await page.getByTestId('new-deal').first().click();
    await page.getByTestId('deal-create-submit').click();
    await fieldError(page, /^客户$/).waitFor(UI_TIMEOUT);
    expect(await fieldError(page, /^客户$/).innerText()).toBe('请选择这个商机的客户');
    expect(await fieldError(page, /商机名称/).innerText()).toContain('请填写商机名称');
    await page.getByTestId('deal-amount').fill('-5');
    await expect.poll(() => fieldError(page, /预计金额/).innerText(), UI_TIMEOUT).toContain('不能为负数');
    await screenshot(page, 'deals-create-refused-zh-1440');

    await page.getByLabel(/^客户$/).click();
    await page.getByLabel(/^客户$/).fill('瑞金');
    await page.locator('.ant-select-item-option').filter({ hasText: '上海瑞金医院' }).click();
    await page.getByTestId('deal-name').fill('瑞金医院 CT 采购 🏥');
    await page.getByTestId('deal-amount').fill('1280000.50');
    await page.getByTestId('deal-create-submit').click();

    await page.getByRole('heading', { name: /瑞金医院 CT 采购 🏥/ }).waitFor(UI_TIMEOUT);
    const deals = (await rep.client.get('/api/opportunities')).json().items;
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ name: '瑞金医院 CT 采购 🏥', amount: '1280000.50', stage: 'lead', ownerId: rep.id, accountName: '上海瑞金医院' });
    const history = page.getByTestId('stage-history');
    await history.getByTestId('stage-history-empty').waitFor(UI_TIMEOUT);

    await page.getByRole('button', { name: /推进到「已确认」/ }).click();
    await history.getByTestId('stage-change').first().waitFor(UI_TIMEOUT);
    expect(await history.getByTestId('stage-change').first().innerText()).toMatch(/线索[\s\S]*已确认[\s\S]*周强/);
    await expect.poll(async () => (await rep.client.get(`/api/opportunities/${deals[0].id}`)).json().stage, UI_TIMEOUT).toBe('qualified');
    await rep.client.post(`/api/opportunities/${deals[0].id}/stage`, { stage: 'solution', reason: '客户认可了技术方案' });
    await page.reload();
    await history.getByTestId('stage-change-reason').waitFor(UI_TIMEOUT);
    expect(await history.getByTestId('stage-change').count()).toBe(2);
    expect(await history.getByTestId('stage-change-reason').innerText()).toBe('客户认可了技术方案');
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-stage-history-zh-1440');

    await inEnglish(page);
    await history.getByText('Stage history').waitFor(UI_TIMEOUT);
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-stage-history-en-1440');
    await page.goto(`${app.baseUrl}/pipeline`);
    await page.locator(`[data-deal-id="${deals[0].id}"]`).waitFor(UI_TIMEOUT);
    await screenshot(page, 'deals-board-en-1440');
    await page.getByTestId('new-deal').first().click();
    await page.getByTestId('deal-create-submit').click();
    await fieldError(page, /^Account$/).waitFor(UI_TIMEOUT);
    await settle(page);
    await screenshot(page, 'deals-create-refused-en-1440');
  });

  it('creates a deal from 客户360 with the customer chosen, and shows the API refusal under its field', async () => {
    const tenant = await makeTenant(app.server, '客户360商机测试');
    const rep = await tenant.user('rep', { name: '林娜' });
    const account = (await rep.client.post('/api/accounts', { name: '深圳前海微众科技', region: '华南' })).json();
    const doomed = (await rep.client.post('/api/accounts', { name: '即将删除的客户' })).json();

    for (const [viewport, tag] of [[phone, '390'], [desktop, '1440']] as const) {
      const page = await signedInPage(app, rep.email, viewport);
      await page.goto(`${app.baseUrl}/accounts/${account.id}`);
      await page.getByTestId('new-deal').click();
      await page.getByTestId('deal-create-form').waitFor(UI_TIMEOUT);
      expect(await page.getByTestId('deal-create-form').getByText('深圳前海微众科技').count()).toBeGreaterThan(0);
      await settle(page);
      await screenshot(page, `deals-create-360-zh-${tag}`);
      await page.keyboard.press('Escape');
      await page.close();
    }

    const page = await signedInPage(app, rep.email, phone);
    await page.goto(`${app.baseUrl}/accounts/${doomed.id}`);
    await page.getByTestId('new-deal').click();
    await page.getByTestId('deal-name').fill('云平台续费');
    await page.getByTestId('deal-amount').fill('360000');
    // the customer disappears while the form is open: the API's refusal lands under the customer field
    expect((await tenant.admin.client.delete(`/api/accounts/${doomed.id}`)).statusCode).toBe(204);
    await page.getByTestId('deal-create-submit').click();
    await fieldError(page, /^客户$/).waitFor(UI_TIMEOUT);
    expect(await fieldError(page, /^客户$/).innerText()).toContain('这个客户已不存在');
    await page.getByTestId('form-error').waitFor(UI_TIMEOUT);
    await screenshot(page, 'deals-create-server-error-zh-390');
    expect((await rep.client.get('/api/opportunities')).json().items).toEqual([]);
    await page.getByRole('button', { name: /取\s*消/ }).click();

    await rep.client.post('/api/opportunities', { name: '核心系统扩容', accountId: account.id, amount: '1234567.80', expectedCloseDate: '2026-12-31' });
    await page.goto(`${app.baseUrl}/pipeline`);
    await page.getByTestId('deal-card').first().waitFor(UI_TIMEOUT);
    await screenshot(page, 'deals-board-zh-390');
    const deal = (await rep.client.get('/api/opportunities')).json().items[0];
    await rep.client.post(`/api/opportunities/${deal.id}/stage`, { stage: 'qualified', reason: '预算已批' });
    await page.goto(`${app.baseUrl}/opportunities/${deal.id}`);
    await page.getByTestId('stage-change').waitFor(UI_TIMEOUT);
    await page.getByTestId('stage-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-stage-history-zh-390');
    await inEnglish(page);
    await page.getByText('Stage history').waitFor(UI_TIMEOUT);
    await page.getByTestId('stage-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-stage-history-en-390');
    await page.goto(`${app.baseUrl}/pipeline`);
    await page.getByTestId('deal-card').first().waitFor(UI_TIMEOUT);
    await screenshot(page, 'deals-board-en-390');
    await page.goto(`${app.baseUrl}/accounts/${account.id}`);
    await page.getByTestId('new-deal').click();
    await page.getByTestId('deal-create-form').waitFor(UI_TIMEOUT);
    await settle(page);
    await screenshot(page, 'deals-create-360-en-390');
  });

  it('says so when a deal reached its stage without a recorded move (imported or seeded data)', async () => {
    const tenant = await makeTenant(app.server, '导入商机测试');
    const rep = await tenant.user('rep', { name: '吴昊' });
    const account = (await rep.client.post('/api/accounts', { name: '成都华西医院' })).json();
    const deal = (await rep.client.post('/api/opportunities', { name: '华西 PET-CT 项目', accountId: account.id, amount: '5600000.00' })).json();
    const day = 86_400_000;
    await inTenant(app.server.db.kysely, tenant.tenantId, (trx) =>
      trx.updateTable('opportunities').set({ stage: 'negotiation', created_at: new Date(Date.now() - 40 * day), stage_changed_at: new Date(Date.now() - 3 * day) }).where('id', '=', deal.id).execute(),
    );
    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/opportunities/${deal.id}`);
    const unrecorded = page.getByTestId('stage-change-unrecorded');
    await unrecorded.waitFor(UI_TIMEOUT);
    expect(await unrecorded.innerText()).toMatch(/谈判[\s\S]*这次变更没有记录/);
    expect(await page.getByTestId('stage-history-empty').count()).toBe(0);
    await page.getByTestId('stage-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'deals-stage-history-unrecorded-zh-1440');
  });
});
