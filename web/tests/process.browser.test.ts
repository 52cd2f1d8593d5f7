// Process control in the browser: a manager drills from the completeness dashboard to a deal, a rep claims an account from
// the pool and finds it among their accounts, a rep corrects their daily digest; and each new screen photographed in both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, type TestUser } from '../../src/testing/harness.ts';
import { generateDailyDigests } from '../../src/modules/digest/generate-digests.ts';
import { screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, visitInBothLanguages, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

/** a manager and a rep in the manager's team */
async function salesTeam(tenant: TestTenant) {
  const manager = await tenant.user('manager', { name: '王经理' });
  const teamId = await tenant.team('华南大区', { managerId: manager.id });
  const rep = await tenant.user('rep', { teamId, name: '陈晓' });
  return { manager, rep };
}

const tenantToday = async (user: TestUser) => {
  const { tenant } = (await user.client.get('/api/auth/me')).json<{ tenant: { timeZone: string } }>();
  return new Intl.DateTimeFormat('en-CA', { timeZone: tenant.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
};
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

/** the rep logs a touch now and the 18:00 job writes today's digest from it */
async function digestFor(tenant: TestTenant, rep: TestUser, accountId: string) {
  const touch = await rep.client.post('/api/activities', { type: 'visit', occurredAt: minutesAgo(5), subject: '演示新版监护仪，客户关心交付周期', accountId, mood: 'positive' });
  expect(touch.statusCode).toBe(201);
  await generateDailyDigests(app.server.deps, tenant.tenantId, await tenantToday(rep));
}

describe('process control screens', () => {
  it('a manager opens the completeness dashboard and drills down to a deal that has no touch in 14 days', async () => {
    const tenant = await makeTenant(app.server, '完整度测试');
    const { manager, rep } = await salesTeam(tenant);
    const account = (await rep.client.post('/api/accounts', { name: '中山大学附属第一医院' })).json();
    const deal = (await rep.client.post('/api/opportunities', { name: '影像科 CT 采购', accountId: account.id, amount: '2800000.00', expectedCloseDate: '2027-03-31' })).json();

    const page = await signedInPage(app, manager.email);
    await page.getByRole('menuitem').filter({ hasText: '过程完整度' }).click();
    const table = page.getByTestId('completeness-table');
    const repRow = table.locator('tr', { hasText: '陈晓' });
    await repRow.waitFor(UI_TIMEOUT);
    await repRow.getByTestId('open-offending').first().click();
    const drawer = page.getByTestId('offending-deals');
    await drawer.getByText('影像科 CT 采购').waitFor(UI_TIMEOUT);
    await drawer.getByText('从未跟进').waitFor(UI_TIMEOUT);
    await screenshot(page, 'process-drill-down');
    await drawer.getByRole('link', { name: '影像科 CT 采购' }).click();
    await page.waitForURL(`**/opportunities/${deal.id}`, UI_TIMEOUT);
    await page.getByText('商机详情').first().waitFor(UI_TIMEOUT);
  });

  it('a rep claims an account from the pool and sees it among their accounts; a second claim over the limit is refused with the reason', async () => {
    const tenant = await makeTenant(app.server, '公海测试');
    const { rep } = await salesTeam(tenant);
    const rules = { recycleAfterDays: null, recycleAfterDaysBySize: {}, claimLimit: 1, protectionDays: 7, reclaimCooldownDays: 30 };
    const saved = await tenant.admin.client.raw({ method: 'PUT', url: '/api/customer-pool/settings', payload: JSON.stringify(rules), headers: { 'content-type': 'application/json' } });
    expect(saved.statusCode).toBe(200);
    for (const name of ['佛山顺德家电集团', '珠海格力配套厂']) {
      const account = (await tenant.admin.client.post('/api/accounts', { name, region: '华南' })).json();
      expect((await tenant.admin.client.post(`/api/accounts/${account.id}/release`, { note: '无人跟进' })).statusCode).toBe(200);
    }

    const page = await signedInPage(app, rep.email);
    await page.getByRole('menuitem').filter({ hasText: '公海' }).click();
    const row = (name: string) => page.getByTestId('pool-table').locator('tr', { hasText: name });
    await row('佛山顺德家电集团').getByTestId('claim').click();
    await page.getByText(/已领取，保护期至/).waitFor(UI_TIMEOUT);
    await row('佛山顺德家电集团').waitFor({ state: 'detached', ...UI_TIMEOUT });

    await row('珠海格力配套厂').getByTestId('claim').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '已达到领取上限' }).waitFor(UI_TIMEOUT);
    expect(await page.getByTestId('pool-refusal').innerText()).toContain('the limit is 1');
    await screenshot(page, 'pool-claim-refused');
    await page.getByRole('button', { name: /知道了/ }).click();

    await page.getByRole('menuitem').filter({ hasText: '客户' }).first().click();
    await page.getByRole('link', { name: '佛山顺德家电集团' }).waitFor(UI_TIMEOUT);
    expect(await page.getByRole('link', { name: '珠海格力配套厂' }).count()).toBe(0);
  });

  it('a rep corrects the daily digest and the correction is kept as an edit', async () => {
    const tenant = await makeTenant(app.server, '日报测试');
    const { rep } = await salesTeam(tenant);
    const account = (await rep.client.post('/api/accounts', { name: '广东省人民医院' })).json();
    await digestFor(tenant, rep, account.id);

    const page = await signedInPage(app, rep.email);
    const card = page.getByTestId('digest-card');
    await card.getByTestId('digest-text').waitFor(UI_TIMEOUT);
    expect(await card.getByTestId('digest-provider').innerText()).toContain('离线摘要');
    await card.getByRole('button', { name: '修改' }).click();
    const corrected = '今天拜访广东省人民医院，演示新版监护仪 🩺；客户关心交付周期，下周带工程师再去。';
    await card.getByTestId('digest-editor').fill(corrected);
    await card.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存你的修改').waitFor(UI_TIMEOUT);
    await card.getByText('已修改').waitFor(UI_TIMEOUT);
    expect(await card.getByTestId('digest-text').innerText()).toBe(corrected);
    expect(await card.getByRole('button', { name: '修改' }).count()).toBe(0);

    const [stored] = (await rep.client.get(`/api/digests?date=${await tenantToday(rep)}`)).json().items;
    expect(stored).toMatchObject({ text: corrected, status: 'edited' });
    expect(stored.originalText).not.toBe(corrected);
  });

  it('photographs every new screen in Chinese and English, on a desktop and a phone', { timeout: 240_000 }, async () => {
    const tenant = await makeTenant(app.server, '截图测试');
    const { manager, rep } = await salesTeam(tenant);
    const account = (await rep.client.post('/api/accounts', { name: '深圳迈瑞生物医疗', lat: 22.54312, lng: 113.94871 })).json();
    await rep.client.post('/api/opportunities', { name: '监护仪集采', accountId: account.id, amount: '560000.00', expectedCloseDate: '2027-01-31' });
    const checkin = (await rep.client.post('/api/checkins', { kind: 'in', accountId: account.id, lat: 22.61873, lng: 114.06321, accuracy: 12.5, at: minutesAgo(90), address: '深圳市龙岗区' })).json();
    await rep.client.post('/api/checkins', { kind: 'out', accountId: account.id, visitId: checkin.visit.id, lat: 22.61881, lng: 114.06329, accuracy: 9, at: minutesAgo(30) });
    await digestFor(tenant, rep, account.id);
    const pooled = (await tenant.admin.client.post('/api/accounts', { name: '东莞松山湖材料实验室', region: '华南' })).json();
    await tenant.admin.client.post(`/api/accounts/${pooled.id}/release`, {});

    const screens: { user: TestUser; path: string; ready: string; name: string }[] = [
      { user: rep, path: '/', ready: 'digest-text', name: 'workbench-digest-rep' },
      { user: manager, path: '/', ready: 'digest-item', name: 'workbench-digest-team' },
      { user: manager, path: '/visits', ready: 'visits-table', name: 'visits-list' },
      { user: manager, path: '/visits?tab=flags', ready: 'flag-evidence', name: 'visits-flags' },
      { user: manager, path: '/visits?tab=heatmap', ready: 'visit-heatmap-chart', name: 'visits-heatmap' },
      { user: manager, path: '/process', ready: 'touch-logging', name: 'process-completeness' },
      { user: manager, path: '/pool', ready: 'claim', name: 'customer-pool' },
      { user: tenant.admin, path: '/admin?tab=visit-rules', ready: 'visit-settings', name: 'admin-visit-rules' },
      { user: tenant.admin, path: '/admin?tab=pool-rules', ready: 'pool-settings', name: 'admin-pool-rules' },
    ];
    await visitInBothLanguages(app, screens, async (page, screen, shot) => {
      await page.getByTestId(screen.ready).first().scrollIntoViewIfNeeded();
      await screenshot(page, `process-${shot}`);
    });
  });
});
