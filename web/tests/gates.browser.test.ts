// Stage gates in the browser: a refused move to 已报价 lists the three missing documents, the rep uploads them from the dialog and the retry is
// accepted; an admin applies the 医疗器械 template and the 已报价 gate then also asks for the registration certificate. Screens photographed in both languages.
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

const pdf = (title: string) => ({ name: `${title}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`) });

const switchToEnglish = (page: Page) => page.getByText('EN', { exact: true }).click();

describe('stage gates', () => {
  it('a move to 已报价 without documents is refused with the three missing; after uploading them from the dialog the retry is accepted', async () => {
    const tenant = await makeTenant(app.server, '门禁测试');
    const rep = await tenant.user('rep', { name: '李娜' });
    const account = (await rep.client.post('/api/accounts', { name: '杭州西湖医院' })).json();
    const deal = (await rep.client.post('/api/opportunities', { name: '手术室设备 🏥 采购', accountId: account.id, amount: '880000.00', expectedCloseDate: '2027-01-20' })).json();
    for (const stage of ['qualified', 'solution']) expect((await rep.client.post(`/api/opportunities/${deal.id}/stage`, { stage })).statusCode).toBe(200);

    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/opportunities/${deal.id}`);
    const gateCard = page.getByTestId('next-stage-gate');
    await gateCard.waitFor(UI_TIMEOUT);
    expect(await gateCard.getByTestId('evidence-label').allInnerTexts()).toEqual(['价格对比表', '技术对比表', '客户成功案例']);

    await page.getByRole('button', { name: '推进到「已报价」' }).click();
    const refusal = page.getByTestId('move-refused');
    await refusal.waitFor(UI_TIMEOUT);
    expect(await refusal.getByTestId('evidence-label').allInnerTexts()).toEqual(['价格对比表', '技术对比表', '客户成功案例']);
    await screenshot(page, 'gates-refused-dialog-zh-1440');

    for (const [name, title] of [['price_comparison', '价格对比'], ['tech_comparison', '技术对比'], ['reference_case', '成功案例']]) {
      const item = refusal.locator(`[data-testid="evidence-item"][data-name="${name}"]`);
      const chooser = page.waitForEvent('filechooser');
      await item.getByTestId('evidence-upload').click();
      await (await chooser).setFiles(pdf(title));
      await refusal.locator(`[data-testid="evidence-item"][data-name="${name}"][data-met="true"]`).waitFor(UI_TIMEOUT);
    }
    await screenshot(page, 'gates-uploaded-dialog-zh-1440');
    await page.getByTestId('retry-move').click();
    await refusal.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await page.locator('.ant-tag', { hasText: '已报价' }).first().waitFor(UI_TIMEOUT);
    expect((await rep.client.get(`/api/opportunities/${deal.id}`)).json().stage).toBe('quoted');
    const documents = (await rep.client.get(`/api/attachments?entity=opportunities&entityId=${deal.id}`)).json();
    expect(documents.items.map((a: { documentType: string }) => a.documentType).sort()).toEqual(['price_comparison', 'reference_case', 'tech_comparison']);
  });

  it('an admin applies the 医疗器械 template and the 已报价 gate then also lists the registration certificate, in Chinese and English', async () => {
    const tenant = await makeTenant(app.server, '模板测试');
    const page = await signedInPage(app, tenant.admin.email);
    await page.goto(`${app.baseUrl}/admin?tab=stage-gates`);
    const quotedGate = page.getByTestId('gate-quoted');
    await quotedGate.getByText('价格对比表').waitFor(UI_TIMEOUT);
    expect(await quotedGate.getByText('医疗器械注册证复印件').count()).toBe(0);

    await page.getByTestId('template-select').click();
    await page.locator('.ant-select-item-option', { hasText: '医疗器械' }).click();
    await page.getByTestId('apply-template').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText(/替换当前所有阶段门禁/).waitFor(UI_TIMEOUT);
    await confirm.getByRole('button', { name: '应用模板' }).click();
    await quotedGate.getByText('医疗器械注册证复印件').waitFor(UI_TIMEOUT);
    await quotedGate.getByText('金额').waitFor(UI_TIMEOUT);
    const gates = (await tenant.admin.client.get('/api/pipeline/gates')).json();
    expect(gates.gates.find((g: { stage: string }) => g.stage === 'quoted').documents).toContain('registration_certificate');
    await screenshot(page, 'gates-admin-zh-1440');

    await switchToEnglish(page);
    await quotedGate.getByText('Registration certificate copy').waitFor(UI_TIMEOUT);
    await screenshot(page, 'gates-admin-en-1440');

    const phonePage = await signedInPage(app, tenant.admin.email, phone);
    await phonePage.goto(`${app.baseUrl}/admin?tab=stage-gates`);
    await phonePage.getByTestId('gate-quoted').getByText('医疗器械注册证复印件').waitFor(UI_TIMEOUT);
    await screenshot(phonePage, 'gates-admin-zh-390');
    await phonePage.getByTestId('transitions-editor').scrollIntoViewIfNeeded();
    await screenshot(phonePage, 'gates-transitions-zh-390');
  });
});
