// Dragging deals on the pipeline board: an allowed move is saved; a move the gates refuse lists what is missing and the card stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestUser } from '../../src/testing/harness.ts';
import { screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

async function dealIn(rep: TestUser, accountId: string, name: string, amount: string, path: string[]) {
  const deal = (await rep.client.post('/api/opportunities', { name, accountId, amount, expectedCloseDate: '2026-12-15' })).json();
  for (const stage of path) expect((await rep.client.post(`/api/opportunities/${deal.id}/stage`, { stage })).statusCode).toBe(200);
  return deal.id as string;
}

describe('pipeline board', () => {
  it('drags a deal to the next stage, and a refused move to 已报价 names the missing documents and leaves the card', async () => {
    const tenant = await makeTenant(app.server, '看板测试');
    const rep = await tenant.user('rep', { name: '周强' });
    const account = (await rep.client.post('/api/accounts', { name: '广州白云机场集团', region: '华南' })).json();
    const leadDeal = await dealIn(rep, account.id, '机场行李系统升级', '1200000.00', []);
    const solutionDeal = await dealIn(rep, account.id, '航站楼安防项目', '350000.50', ['qualified', 'solution']);

    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/pipeline`);
    const column = (stage: string) => page.getByTestId(`stage-column-${stage}`);
    const card = (id: string) => page.locator(`[data-deal-id="${id}"]`);
    await card(leadDeal).waitFor(UI_TIMEOUT);
    await expect.poll(() => column('lead').getByTestId('stage-count').innerText(), UI_TIMEOUT).toBe('1');

    await card(leadDeal).dragTo(column('qualified'));
    await column('qualified').locator(`[data-deal-id="${leadDeal}"]`).waitFor(UI_TIMEOUT);
    await expect.poll(async () => (await rep.client.get(`/api/opportunities/${leadDeal}`)).json().stage, UI_TIMEOUT).toBe('qualified');

    await card(solutionDeal).dragTo(column('quoted'));
    const refusal = page.getByTestId('move-refused');
    await refusal.waitFor(UI_TIMEOUT);
    const reasons = await refusal.getByTestId('evidence-label').allInnerTexts();
    expect(reasons).toEqual(['价格对比表', '技术对比表', '客户成功案例']);
    await screenshot(page, 'pipeline-refused-move');
    await page.getByTestId('close-refusal').click();
    await column('solution').locator(`[data-deal-id="${solutionDeal}"]`).waitFor(UI_TIMEOUT);
    expect(await column('quoted').locator('[data-testid="deal-card"]').count()).toBe(0);
    expect((await rep.client.get(`/api/opportunities/${solutionDeal}`)).json().stage).toBe('solution');
    await screenshot(page, 'pipeline-after-moves');
  });

  it('filters the board by region and team on the server: only matching deals, with their counts and sums', async () => {
    const tenant = await makeTenant(app.server, '看板筛选测试');
    const south = await tenant.team('华南大区');
    const east = await tenant.team('华东大区');
    const southRep = await tenant.user('rep', { teamId: south, name: '陈晨' });
    const eastRep = await tenant.user('rep', { teamId: east, name: '王磊' });
    const manager = await tenant.user('executive', { name: '赵总' });
    const guangzhou = (await southRep.client.post('/api/accounts', { name: '广州白云机场集团', region: '华南' })).json();
    const shanghai = (await eastRep.client.post('/api/accounts', { name: '上海瑞金医院', region: '华东' })).json();
    const southDeal = await dealIn(southRep, guangzhou.id, '机场行李系统升级', '1200000.00', []);
    const eastDeal = await dealIn(eastRep, shanghai.id, '瑞金 CT 采购', '880000.00', []);

    const page = await signedInPage(app, manager.email);
    await page.goto(`${app.baseUrl}/pipeline`);
    const lead = page.getByTestId('stage-column-lead');
    await expect.poll(() => lead.getByTestId('stage-count').innerText(), UI_TIMEOUT).toBe('2');
    await page.getByTestId('filter-region').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '华南' }).click();
    await expect.poll(() => lead.getByTestId('stage-count').innerText(), UI_TIMEOUT).toBe('1');
    await lead.locator(`[data-deal-id="${southDeal}"]`).waitFor(UI_TIMEOUT);
    expect(await lead.locator(`[data-deal-id="${eastDeal}"]`).count()).toBe(0);
    expect(await lead.getByTestId('stage-total').innerText()).toBe('¥120万');
    await screenshot(page, 'pipeline-filter-region');

    await page.getByTestId('filter-region').locator('.ant-select-clear').click();
    await page.getByTestId('filter-team').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '华东大区' }).click();
    await lead.locator(`[data-deal-id="${eastDeal}"]`).waitFor(UI_TIMEOUT);
    await expect.poll(() => lead.getByTestId('stage-count').innerText(), UI_TIMEOUT).toBe('1');
    expect(await lead.locator(`[data-deal-id="${southDeal}"]`).count()).toBe(0);
    await screenshot(page, 'pipeline-filter-team');
  });

  it('shows a long column at its full length and loads the rest of its deals as it scrolls', async () => {
    const tenant = await makeTenant(app.server, '长列测试');
    const rep = await tenant.user('rep', { name: '孙悦' });
    const account = (await rep.client.post('/api/accounts', { name: '杭州市第一人民医院' })).json();
    for (let i = 1; i <= 40; i++) {
      await rep.client.post('/api/opportunities', { name: `耗材采购 ${String(i).padStart(2, '0')}`, accountId: account.id, amount: '1000.00', expectedCloseDate: `2026-12-${String(Math.min(28, i)).padStart(2, '0')}` });
    }
    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/pipeline`);
    const lead = page.getByTestId('stage-column-lead');
    await expect.poll(() => lead.getByTestId('stage-count').innerText(), UI_TIMEOUT).toBe('40');
    expect(Number(await lead.getAttribute('data-loaded'))).toBeLessThan(40);
    // the column is already as tall as forty cards, so nothing jumps when the rest arrive
    const list = lead.locator('div[style*="overflow-y"]');
    expect(await list.evaluate((el) => el.scrollHeight)).toBeGreaterThanOrEqual(40 * 92);
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await lead.getByText('耗材采购 40').waitFor(UI_TIMEOUT);
    expect(Number(await lead.getAttribute('data-loaded'))).toBe(40);
  });
});
