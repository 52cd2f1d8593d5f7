// A rep on a phone-sized screen logs a touch in three taps; it links itself to the account viewed last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../src/testing/harness.ts';
import { phone, screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('mobile quick-log at 390 px', () => {
  it('channel, topic and mood in three taps plus a voice note are saved against the account just viewed', async () => {
    const tenant = await makeTenant(app.server, '移动端测试');
    const rep = await tenant.user('rep', { name: '陈静' });
    const account = (await rep.client.post('/api/accounts', { name: '南京鼓楼医院设备科', region: '华东' })).json();
    const deal = (await rep.client.post('/api/opportunities', { name: '鼓楼医院超声设备采购', accountId: account.id, amount: '880000.00', expectedCloseDate: '2026-12-31' })).json();
    expect(deal.id).toBeTruthy();

    const page = await signedInPage(app, rep.email, phone);
    await page.goto(`${app.baseUrl}/opportunities/${deal.id}`);
    await page.getByRole('heading', { name: /鼓楼医院超声设备采购/ }).waitFor(UI_TIMEOUT);
    await page.getByRole('navigation', { name: 'main' }).getByText('记一笔').click();

    await page.getByText('已按你最近查看的客户自动选择').waitFor(UI_TIMEOUT);
    await page.getByTestId('channel-call').click();
    await page.getByTestId('topic-需求沟通').click();
    await page.getByTestId('mood-positive').click();
    await page.getByLabel('补充说明（可用语音输入）').fill('客户关心交付周期，下周带工程师演示 👍');
    await screenshot(page, 'quick-log-390');
    await page.getByTestId('quick-log-save').click();
    await page.getByText('已记录这次跟进').waitFor(UI_TIMEOUT);

    const logged = (await rep.client.get(`/api/activities?accountId=${account.id}`)).json().items;
    expect(logged).toMatchObject([{ type: 'call', subject: '需求沟通', mood: 'positive', accountId: account.id, opportunityId: deal.id, body: '客户关心交付周期，下周带工程师演示 👍', ownerId: rep.id }]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
