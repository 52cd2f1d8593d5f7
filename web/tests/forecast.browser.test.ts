// The forecast page in the browser: a manager sees the roll-up with an override beside the
// original, an executive the neutral forecast's likely range and what it means, drills down from a rep to the deals that move the number, opens one and reads the
// reasons for its win probability; and the page photographed in Chinese and English on a
// desktop and a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant } from '../../src/testing/harness.ts';
import { insertClosedHistory, insertDeals } from '../../src/modules/forecast/forecast-fixtures.ts';
import { addDays, periodOf } from '../../src/modules/forecast/periods.ts';
import { localDateAt } from '../../src/platform/tenancy/tenant-clock.ts';
import { takeSnapshot } from '../../src/modules/forecast/take-snapshot.ts';
import { inTenant } from '../../src/platform/tenancy/context.ts';
import { desktop, phone, screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

const today = localDateAt(new Date(), 'Asia/Shanghai');
const quarter = periodOf(today, 'quarter');
const lastMonth = periodOf(addDays(periodOf(today, 'month').start, -1), 'month');

async function forecastTenant() {
  const tenant: TestTenant = await makeTenant(app.server, '预测测试');
  const manager = await tenant.user('manager', { name: '李晓东' });
  const teamId = await tenant.team('华东大区', { managerId: manager.id });
  const rep = await tenant.user('rep', { teamId, name: '张伟' });
  const rep2 = await tenant.user('rep', { teamId, name: '刘洋' });
  const inQuarter = addDays(quarter.end, -3) >= today ? addDays(quarter.end, -3) : quarter.end;
  const [big] = await insertDeals(app.server, tenant.tenantId, [
    { name: '浙江省人民医院影像中心采购', ownerId: rep.id, amount: 1_280_000, stage: 'negotiation', category: 'commit', expectedClose: inQuarter },
    { name: '宁波港集团信息化二期', ownerId: rep.id, amount: 460_000, stage: 'quoted', category: 'best_case', expectedClose: inQuarter },
    { name: '温州医科大学附属医院监护仪', ownerId: rep2.id, amount: 350_000, stage: 'solution', category: 'pipeline', expectedClose: inQuarter },
    { name: '杭州地铁运维平台', ownerId: rep2.id, amount: 520_000, stage: 'negotiation', category: 'commit', expectedClose: lastMonth.end },
  ]);
  // a year of closed deals for the neutral forecast to learn from, so it comes with its range
  await insertClosedHistory(app.server, tenant.tenantId, rep2.id);
  await tenant.admin.client.post('/api/forecast/quotas', { period: quarter.key, subjectKind: 'team', subjectId: teamId, amount: '3000000' });
  await manager.client.post('/api/forecast/overrides', { period: quarter.key, subjectKind: 'user', subjectId: rep.id, category: 'commit', amount: '1000000', note: '客户预算审批可能推迟' });
  await inTenant(app.server.db.kysely, tenant.tenantId, (trx) => takeSnapshot(trx, { tenantId: tenant.tenantId, actor: { userId: null, role: 'admin', teamId: null } }, lastMonth.key, 'schedule', new Date(`${lastMonth.mid}T04:00:00Z`)));
  expect((await tenant.admin.client.post('/api/forecast/deviations/build', { month: lastMonth.key })).statusCode).toBe(200);
  return { tenant, manager, rep, big };
}

describe('forecast page', () => {
  it('a manager drills down from a rep to the deal that moves the number, opens it and sees the reasons for its win probability', async () => {
    const { manager, big } = await forecastTenant();
    const page = await signedInPage(app, manager.email);
    await page.getByRole('menuitem').filter({ hasText: '销售预测' }).click();
    const rollup = page.getByTestId('forecast-rollup');
    await rollup.locator('tr', { hasText: '张伟' }).waitFor(UI_TIMEOUT);
    // the override and the original it replaced, side by side
    const cell = rollup.locator('tr', { hasText: '张伟' }).getByTestId('override-cell');
    expect(await cell.innerText()).toMatch(/1,000,000\.00[\s\S]*1,280,000\.00[\s\S]*李晓东/);
    await rollup.getByRole('button', { name: '张伟' }).click();
    const deals = page.getByTestId('forecast-deals');
    await deals.getByRole('link', { name: '浙江省人民医院影像中心采购' }).waitFor(UI_TIMEOUT);
    await screenshot(page, 'forecast-drill-down');
    await deals.getByRole('link', { name: '浙江省人民医院影像中心采购' }).click();
    await page.waitForURL(`**/opportunities/${big}`, UI_TIMEOUT);
    await page.getByText('商机详情').first().waitFor(UI_TIMEOUT);
    // the deal's win probability comes with the factors that push it up or down
    const card = page.getByTestId('win-probability');
    await card.getByTestId('win-probability-value').waitFor(UI_TIMEOUT);
    expect(await card.locator('[data-testid="win-factor-up"], [data-testid="win-factor-down"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'forecast-deal-reasons');
  });

  it('an executive reads the neutral forecast with its likely range, and hovering it says what the range means', async () => {
    const { tenant } = await forecastTenant();
    const exec = await tenant.user('executive', { name: '周总' });
    const page = await signedInPage(app, exec.email);
    await page.goto(`${app.baseUrl}/forecast`);
    const range = page.getByTestId('neutral-card').getByTestId('neutral-range');
    await range.waitFor(UI_TIMEOUT);
    // low – high (± spread) in compact yuan, e.g. 可能区间 ¥120万 – ¥180万（± ¥30万）
    expect(await range.innerText()).toMatch(/^可能区间 ¥[\d.]+万? – ¥[\d.]+万?（± ¥[\d.]+万?）/);
    await range.hover();
    await page.getByRole('tooltip').filter({ hasText: '一个标准差' }).waitFor(UI_TIMEOUT);
    expect(await page.getByRole('tooltip').innerText()).toContain('三分之二');
    await screenshot(page, 'forecast-neutral-range');
  });

  it('photographs the forecast page in Chinese and English, on a desktop and a phone', { timeout: 180_000 }, async () => {
    // an executive: the whole company, so the neutral forecast shows with its range
    const { tenant } = await forecastTenant();
    const exec = await tenant.user('executive', { name: '周总' });
    for (const [viewport, size] of [[desktop, '1440'], [phone, '390']] as const) {
      const page = await signedInPage(app, exec.email, viewport);
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate(({ l, id }) => ['anonymous', id].forEach((who) => localStorage.setItem(`sightline.locale.${who}`, l)), { l: locale, id: exec.id });
        await page.goto(`${app.baseUrl}/forecast`);
        await page.getByTestId('forecast-rollup').waitFor(UI_TIMEOUT);
        await page.getByTestId('forecast-deviations').locator('tr', { hasText: '杭州地铁运维平台' }).waitFor(UI_TIMEOUT);
        await page.getByTestId('neutral-range').waitFor(UI_TIMEOUT);
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        await page.screenshot({ path: `test-results/forecast-${locale}-${size}.png`, fullPage: true });
      }
    }
  });
});
