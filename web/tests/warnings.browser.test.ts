// Deal warnings and pipeline changes in the browser: a manager goes from the pipeline board to the
// pipeline-changes page, opens a bucket's deals and one deal; a rep sees a deal's warnings with
// their evidence and the same warnings in the workbench; every screen photographed in both
// languages on a desktop and a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, type TestUser } from '../../src/testing/harness.ts';
import { dateIn, daysAgo, historyFactory } from '../../src/modules/deal-warnings/test-history.ts';
import { october } from '../../src/modules/pipeline-changes/pipeline-changes-fixture.ts';
import { screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, visitInBothLanguages, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
let tenant: TestTenant;
let manager: TestUser;
let rep: TestUser;
let silentDeal: string;

const chineseNames: Record<string, string> = {
  'A stays': '瑞金医院监护仪项目',
  'B raised': '仁济医院彩超扩容',
  'C cut then pushed out': '华山医院CT升级',
  'D pushed within': '中山医院内镜采购',
  'E pulled in': '长海医院信息化二期',
  'F new': '六院手术室改造',
  'G won': '九院影像中心',
  'H lost': '新华医院检验科',
  'I new and won': '十院体检设备',
  'J changed after the period': '曙光医院麻醉机',
  'K outside': '龙华医院年度框架',
  'L closed before': '岳阳医院耗材',
  'M other rep': '东方医院呼吸机',
};

beforeAll(async () => {
  app = await startBrowserApp();
  tenant = await makeTenant(app.server, '预警浏览器测试');
  manager = await tenant.user('manager', { name: '王经理' });
  const teamId = await tenant.team('华东一部', { managerId: manager.id });
  rep = await tenant.user('rep', { teamId, name: '李销售' });
  const other = await tenant.user('rep', { teamId, name: '赵销售' });
  const f = historyFactory(app.server, tenant.tenantId);
  const account = await f.account('上海瑞金医院', rep.id, [{ name: '张院长', role: 'decision_maker' }, { name: '李科长', role: 'influencer' }]);
  for (const d of october) {
    const id = await f.deal({ accountId: account.id, ownerId: d.other ? other.id : rep.id, name: chineseNames[d.key], stage: d.current.stage, amountCents: Number(d.current.amount.replace('.', '')), closeDate: d.current.expectedCloseDate, createdAt: new Date(d.createdAt), closedAt: d.closedAt ? new Date(d.closedAt) : null });
    for (const c of d.changes) await f.change(id, new Date(c.at), c.action, c.before, c.after);
  }
  // a deal closing in 45 days: its decision maker has not been met for a month, and its amount was just cut
  silentDeal = await f.deal({ accountId: account.id, ownerId: rep.id, name: '瑞金医院彩超采购项目', amountCents: 60_000_000, closeDate: dateIn(45), createdAt: daysAgo(60), stageChangedAt: daysAgo(5) });
  await f.touch({ accountId: account.id, dealId: silentDeal, ownerId: rep.id, at: daysAgo(30), contactIds: [account.contacts[0]] });
  await f.touch({ accountId: account.id, dealId: silentDeal, ownerId: rep.id, at: daysAgo(2), contactIds: [account.contacts[1]] });
  await f.change(silentDeal, daysAgo(3), 'opportunity.updated', { amount: '800000.00' }, { amount: '600000.00' });
  expect((await tenant.admin.client.post('/api/deal-warnings/evaluate')).statusCode).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe('pipeline changes and deal warnings', () => {
  it('a manager goes from the board to the pipeline changes of October, opens the pushed deals and one deal', async () => {
    const page = await signedInPage(app, manager.email);
    await page.getByRole('menuitem').filter({ hasText: '商机看板' }).click();
    await page.getByTestId('pipeline-changes-link').click();
    await page.waitForURL('**/pipeline/changes', UI_TIMEOUT);
    await page.goto(`${app.baseUrl}/pipeline/changes?period=2026-10`);
    await page.getByTestId('pipeline-waterfall').waitFor(UI_TIMEOUT);
    const start = page.getByTestId('bucket-start');
    await start.waitFor(UI_TIMEOUT);
    expect(await start.innerText()).toContain('8');
    expect(await start.innerText()).toContain('1,370,000');
    expect(await page.getByTestId('bucket-end').innerText()).toContain('730,000');
    await page.getByTestId('bucket-pushed').click();
    const drawer = page.getByTestId('change-deals');
    await drawer.getByText('华山医院CT升级').waitFor(UI_TIMEOUT);
    await drawer.getByText('中山医院内镜采购').waitFor(UI_TIMEOUT);
    await screenshot(page, 'pipeline-changes-drill-down');
    await drawer.getByRole('link', { name: '华山医院CT升级' }).click();
    await page.waitForURL('**/opportunities/**', UI_TIMEOUT);
    await page.getByTestId('deal-warnings').waitFor(UI_TIMEOUT);
  });

  it("a rep sees the deal's warnings with their evidence, and the same in the workbench linked to the deal", async () => {
    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/opportunities/${silentDeal}`);
    const silent = page.getByTestId('deal-warning-decision_maker_silent');
    await silent.waitFor(UI_TIMEOUT);
    expect(await silent.innerText()).toContain('张院长');
    expect(await silent.innerText()).toContain('45');
    expect(await page.getByTestId('deal-warning-amount_cut').innerText()).toContain('25%');
    await page.goto(`${app.baseUrl}/`);
    const alert = page.getByRole('link', { name: /决策人失联.*瑞金医院彩超采购项目/ });
    await alert.waitFor(UI_TIMEOUT);
    await alert.click();
    await page.waitForURL(`**/opportunities/${silentDeal}`, UI_TIMEOUT);
  });

  it('photographs the new screens in Chinese and English, on a desktop and a phone', { timeout: 240_000 }, async () => {
    const screens: { user: TestUser; path: string; ready: string; name: string }[] = [
      { user: manager, path: '/pipeline/changes?period=2026-10', ready: 'pipeline-waterfall', name: 'pipeline-changes' },
      { user: rep, path: `/opportunities/${silentDeal}`, ready: 'deal-warning-decision_maker_silent', name: 'deal-warnings' },
      { user: rep, path: '/', ready: 'today-tasks', name: 'workbench-warnings' },
      { user: tenant.admin, path: '/admin?tab=deal-warnings', ready: 'warning-settings', name: 'admin-deal-warnings' },
    ];
    await visitInBothLanguages(app, screens, async (page, screen, shot) => {
      if (screen.name === 'workbench-warnings') await page.getByRole('link', { name: /商机预警|Deal warning/ }).first().scrollIntoViewIfNeeded();
      if (screen.name === 'deal-warnings') await page.getByTestId('deal-warnings').scrollIntoViewIfNeeded();
      await screenshot(page, `warnings-${shot}`);
      if (screen.name === 'pipeline-changes') {
        await page.getByTestId('bucket-moved_out').click();
        await page.getByTestId('change-deals').getByRole('link').first().waitFor(UI_TIMEOUT);
        await page.waitForTimeout(600); // the drawer slides in
        await screenshot(page, `warnings-${shot.replace('pipeline-changes', 'pipeline-changes-drawer')}`);
      }
    });
  });
});
