// Evidence-based forecasting in the browser: a rep reads a deal's evidence and credibility, adds a proof and sees a signer
// without signing authority refused with the reason; a manager opens the decay board from the menu and drills down to the
// deal; a manager's workbench alerts (decay, overdue payment, missing touch, fake visit) read in the manager's language; and the evidence panel,
// scenarios and decay board are photographed in Chinese and English on a desktop and a phone.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTenant, type TestTenant, type TestUser } from '../../src/testing/harness.ts';
import { inTenant } from '../../src/platform/tenancy/context.ts';
import { newId } from '../../src/platform/ids.ts';
import { raiseAlert } from '../../src/modules/alerts/raise-alert.ts';
import { runDecay } from '../../src/modules/deal-evidence/run-decay.ts';
import { flagOverduePayments } from '../../src/modules/contracts/flag-overdue-payments.ts';
import { remindIfTouchMissing } from '../../src/modules/touch-metrics/touch-reminders.ts';
import { systemActor } from '../../src/platform/events/dispatcher.ts';
import { screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, visitInBothLanguages, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

const DAY = 86_400_000;
const day = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + n * DAY));
const noon = (date: string) => new Date(`${date}T04:00:00Z`);

/** a manager's team with a rep whose commit went 8 days past its close date with no update, proven to 线索 before that */
async function decayedCommit(tenant: TestTenant) {
  const manager = await tenant.user('manager', { name: '王经理' });
  const teamId = await tenant.team('华东大区', { managerId: manager.id });
  const rep = await tenant.user('rep', { teamId, name: '陈晓' });
  const account = (await rep.client.post('/api/accounts', { name: '上海瑞金医院', industry: 'medical', size: 'large' })).json<{ id: string }>().id;
  const contact = async (name: string, decisionRole: string) => (await rep.client.post('/api/contacts', { name, accountId: account, decisionRole })).json<{ id: string }>().id;
  await contact('张院长', 'decision_maker');
  await contact('李主任', 'influencer');
  const deal = (await rep.client.post('/api/opportunities', { name: '影像科 CT 采购', accountId: account, amount: '2800000.00', expectedCloseDate: day(-8), forecastCategory: 'commit' })).json<{ id: string }>().id;
  const touch = await rep.client.post('/api/activities', { type: 'meeting', occurredAt: noon(day(-30)).toISOString(), subject: '首次拜访，确认采购意向', opportunityId: deal });
  await rep.client.post(`/api/opportunities/${deal}/evidence`, { stage: 'lead', activityId: touch.json<{ id: string }>().id });
  const attachment = newId();
  await inTenant(app.server.db.kysely, tenant.tenantId, async (trx) => {
    await trx.insertInto('attachments').values({ id: attachment, tenant_id: tenant.tenantId, entity: 'opportunities', entity_id: deal, document_type: 'contract', filename: '采购合同（盖章版）.pdf', content_type: 'application/pdf', size_bytes: 2048, sha256: '0'.repeat(64), storage_key: `test/${attachment}`, created_at: noon(day(-20)) }).execute();
    await trx.updateTable('deal_evidence').set({ created_at: noon(day(-30)) }).where('opportunity_id', '=', deal).execute();
    await trx.updateTable('opportunities').set({ updated_at: noon(day(-40)), created_at: noon(day(-40)) }).where('id', '=', deal).execute();
  });
  return { manager, rep, deal };
}

/** ten won deals like the demo deal's (medical, large): amounts around ¥2.5M, cycles of 50 and 70 days */
async function wonHistory(tenant: TestTenant, ownerId: string) {
  await inTenant(app.server.db.kysely, tenant.tenantId, async (trx) => {
    const accountId = newId();
    await trx.insertInto('accounts').values({ id: accountId, tenant_id: tenant.tenantId, name: '北京协和医院', industry: 'medical', size: 'large', owner_id: ownerId, updated_at: new Date() }).execute();
    const closedAt = noon(day(-90));
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: newId(), tenant_id: tenant.tenantId, account_id: accountId, name: `历史成交 ${i}`, amount_cents: Math.round(2_500_000_00 * Math.exp((i % 2 ? 1 : -1) * 0.15)), stage: 'won', forecast_category: 'closed', owner_id: ownerId, closed_at: closedAt, created_at: new Date(closedAt.getTime() - (i % 2 ? 70 : 50) * DAY), updated_at: closedAt, stage_changed_at: closedAt }));
    await trx.insertInto('opportunities').values(rows).execute();
  });
}

async function panelShot(page: Page, testId: string, name: string) {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.getByTestId(testId).screenshot({ path: path.join(dir, `${name}.png`) });
}

describe('evidence and decay screens', () => {
  it('a rep sees the decayed credibility and a signer without signing authority refused with the reason', async () => {
    const tenant = await makeTenant(app.server, '证据浏览器测试');
    const { rep, deal } = await decayedCommit(tenant);
    const page = await signedInPage(app, rep.email);
    await page.goto(`${app.baseUrl}/opportunities/${deal}`);
    const panel = page.getByTestId('evidence-panel');
    await panel.getByTestId('evidence-summary').waitFor(UI_TIMEOUT);
    expect(await panel.getByTestId('evidence-weight').innerText()).toBe('6.0%');
    expect(await panel.getByTestId('evidence-decayed').innerText()).toContain('60%');
    await panel.getByTestId('evidence-stage-lead').getByText('首次拜访，确认采购意向').waitFor(UI_TIMEOUT);

    await panel.getByTestId('add-proof-legal_closed').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('proof-attachment').click();
    await page.locator('.ant-select-item-option', { hasText: '采购合同（盖章版）.pdf' }).click();
    await dialog.getByTestId('proof-date').click();
    await page.keyboard.type(day(-2));
    await page.keyboard.press('Enter');
    await dialog.getByTestId('proof-signer').click();
    await page.locator('.ant-select-item-option', { hasText: '李主任' }).click();
    await dialog.getByRole('button', { name: /添加证明/ }).click();
    const refused = dialog.getByTestId('proof-refused');
    await refused.waitFor(UI_TIMEOUT);
    expect(await refused.innerText()).toContain('不是决策人，没有签字权');
    await screenshot(page, 'evidence-signer-refused');

    await dialog.getByTestId('proof-signer').click();
    await page.locator('.ant-select-item-option', { hasText: '张院长' }).click();
    await dialog.getByRole('button', { name: /添加证明/ }).click();
    await dialog.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await panel.getByTestId('evidence-stage-legal_closed').getByText('签署人：张院长').waitFor(UI_TIMEOUT);
    // the gap at 方案确认 holds the deal at 线索 and says so; a new proof is an update, so decay is gone
    await panel.getByTestId('evidence-held').waitFor(UI_TIMEOUT);
    expect(await panel.getByTestId('evidence-weight').innerText()).toBe('10.0%');
  });

  it('a manager opens the decay board from the menu and drills down to the deal', async () => {
    const tenant = await makeTenant(app.server, '衰减浏览器测试');
    const { manager, deal } = await decayedCommit(tenant);
    const page = await signedInPage(app, manager.email);
    await page.getByRole('menuitem').filter({ hasText: '衰减看板' }).click();
    const board = page.getByTestId('decay-board');
    const row = board.locator('tr', { hasText: '影像科 CT 采购' });
    await row.waitFor(UI_TIMEOUT);
    expect(await row.innerText()).toMatch(/8 天[\s\S]*60%[\s\S]*陈晓|陈晓[\s\S]*8 天[\s\S]*60%/);
    await screenshot(page, 'decay-board');
    await row.getByRole('link', { name: '影像科 CT 采购' }).click();
    await page.waitForURL(`**/opportunities/${deal}`, UI_TIMEOUT);
    await page.getByTestId('evidence-panel').waitFor(UI_TIMEOUT);
  });

  it("the decay, overdue-payment, missing-touch and fake-visit alerts on the manager's workbench read in the manager's language; an alert raised before keeps its text", { timeout: 180_000 }, async () => {
    const tenant = await makeTenant(app.server, '提醒语言租户');
    const { manager, rep } = await decayedCommit(tenant);
    await runDecay(app.server.db, tenant.tenantId);
    // an instalment of the manager's own contract past due, and the rep's visit 3 km from the account with no touch logged an hour on
    const hospital = (await manager.client.post('/api/accounts', { name: '华山医院' })).json<{ id: string }>().id;
    const contract = (await manager.client.post('/api/contracts', { accountId: hospital, number: 'HT-2026-088', amount: '1200.50', status: 'active' })).json<{ id: string }>().id;
    expect((await manager.client.post(`/api/contracts/${contract}/payments`, { dueOn: '2026-10-15', amount: '1200.50' })).statusCode).toBe(201);
    expect(await flagOverduePayments(app.server.db, tenant.tenantId, day(0))).toMatchObject({ raised: 1 });
    const clinic = (await rep.client.post('/api/accounts', { name: '中山医院', lat: 31.196, lng: 121.454 })).json<{ id: string }>().id;
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const checkin = (await rep.client.post('/api/checkins', { kind: 'in', accountId: clinic, lat: 31.223, lng: 121.454, accuracy: 10, at: ago(110) })).json<{ visit: { id: string }; flagsRaised: number }>();
    expect(checkin.flagsRaised).toBe(1);
    const visitId = checkin.visit.id;
    await rep.client.post('/api/checkins', { kind: 'out', accountId: clinic, lat: 31.223012, lng: 121.454021, accuracy: 12, at: ago(65), visitId });
    await inTenant(app.server.db.kysely, tenant.tenantId, (trx) => remindIfTouchMissing(trx, systemActor(tenant.tenantId), { tenantId: tenant.tenantId, visitId, notify: 'manager' }));
    await inTenant(app.server.db.kysely, tenant.tenantId, (trx) =>
      raiseAlert(trx, { tenantId: tenant.tenantId, actor: { userId: null, role: 'admin', teamId: null } }, { userId: manager.id, kind: 'touch.not_logged', title: '下属拜访结束 1 小时仍未记录跟进' }),
    );
    const wording = {
      'zh-CN': ['承诺商机「影像科 CT 采购」已过预计成交日 8 天未更新，可信度降至 60%', '回款逾期：合同 HT-2026-088（华山医院）2026/10/15 应收 ¥1,200.50 未到账', '陈晓 拜访「中山医院」结束 60 分钟仍未记录跟进', '疑似虚假拜访（签到距客户过远）：陈晓 拜访「中山医院」', '签到位置与客户地址的距离超过阈值。签到时间'],
      en: ['Commit “影像科 CT 采购” is 8 days past its close date without an update: credibility down to 60%', 'Payment overdue: contract HT-2026-088 (华山医院), ¥1,200.50 due 10/15/2026', '陈晓 logged no touch within 60 minutes of the visit to “中山医院”', 'Suspected fake visit (Far from the account): 陈晓 at “中山医院”', "The check-in was farther from the account's location than the threshold. Checked in"],
    };
    await visitInBothLanguages(app, [{ user: manager, path: '/', ready: 'workbench-alerts', name: 'workbench-alerts' }], async (page, _screen, shot) => {
      const text = await page.getByTestId('workbench-alerts').innerText();
      for (const line of shot.includes('-en-') ? wording.en : wording['zh-CN']) expect(text).toContain(line);
      expect(text).toContain('下属拜访结束 1 小时仍未记录跟进');
      await panelShot(page, 'workbench-alerts', `evidence-${shot}`);
    });
  });

  it('photographs the evidence panel, scenarios and decay board in Chinese and English, on a desktop and a phone', { timeout: 240_000 }, async () => {
    const tenant = await makeTenant(app.server, '截图租户');
    const { manager, deal } = await decayedCommit(tenant);
    await wonHistory(tenant, manager.id);
    await manager.client.raw({
      method: 'PUT',
      url: `/api/opportunities/${deal}/scenarios`,
      payload: JSON.stringify({ optimistic: { amount: '3200000.00', closeDate: day(10) }, neutral: { amount: '2800000.00', closeDate: day(20) }, pessimistic: { amount: '2000000.00', closeDate: day(45) } }),
      headers: { 'content-type': 'application/json' },
    });
    const screens: { user: TestUser; path: string; ready: string; name: string; element?: string }[] = [
      { user: manager, path: `/opportunities/${deal}`, ready: 'evidence-summary', name: 'evidence-panel', element: 'evidence-panel' },
      { user: manager, path: `/opportunities/${deal}`, ready: 'scenario-history', name: 'scenarios', element: 'scenarios-card' },
      { user: manager, path: '/forecast/decay', ready: 'decay-curve', name: 'decay-board' },
      { user: tenant.admin, path: '/admin?tab=forecast-credibility', ready: 'evidence-settings', name: 'admin-credibility' },
    ];
    await visitInBothLanguages(app, screens, async (page, screen, shot) => {
      if (screen.element) await panelShot(page, screen.element, `evidence-${shot}`);
      else await screenshot(page, `evidence-${shot}`);
    });
  });
});
