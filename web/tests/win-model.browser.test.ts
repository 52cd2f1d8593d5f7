// The win probability in the browser: a rep opens a deal and sees its probability, confidence,
// the factors raising and lowering it and its history, in Chinese and English, on a desktop and
// a phone; an admin sees the active model's holdout metrics and retrains with progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTenant, type TestTenant, type TestUser } from '../../src/testing/harness.ts';
import { winFixtures } from '../../src/modules/win-model/win-model-fixtures.ts';
import { rescoreDeals } from '../../src/modules/win-model/train-win-model.ts';
import { desktop, phone, screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
let app: BrowserApp;
let tenant: TestTenant;
let rep: TestUser;
let deal: string;

beforeAll(async () => {
  app = await startBrowserApp();
  tenant = await makeTenant(app.server, '赢率页面租户');
  rep = await tenant.user('rep', { name: '王芳' });
  const f = winFixtures(app.server, tenant.tenantId);
  await f.deals(f.closedHistory(240, rep.id, 5));
  [deal] = await f.deals([{ ownerId: rep.id, createdAt: ago(60), moves: [{ at: ago(50), to: 'qualified' }, { at: ago(35), to: 'solution' }, { at: ago(20), to: 'quoted' }], touches: [ago(2), ago(6), ago(11), ago(19)], decisionMaker: true, decisionMakerTouches: [ago(4)] }]);
  expect((await tenant.admin.client.post('/api/win-models/retrain')).statusCode).toBe(202);
  // a score from a month ago (still in 方案) and one now, so the history has a line
  await rescoreDeals(app.server.db.kysely, tenant.tenantId, [deal], ago(30));
  await rescoreDeals(app.server.db.kysely, tenant.tenantId, [deal]);
  expect((await rep.client.post(`/api/opportunities/${deal}/win-probability/annotations`, { category: 'budget_confirmed', direction: 'too_low', note: '客户财务已批预算' })).statusCode).toBe(201);
});
afterAll(async () => {
  await app?.stop();
});

const switchToEnglish = (page: Page) => page.getByText('EN', { exact: true }).click();

describe('win probability on the deal page', () => {
  it('shows the probability the API gives, its confidence and factors, in zh-CN and en at 1440 and 390 px', async () => {
    const api = (await rep.client.get(`/api/opportunities/${deal}/win-probability`)).json();
    const pct = `${Math.round(api.score.probability * 100)}%`;
    for (const viewport of [desktop, phone]) {
      const page = await signedInPage(app, rep.email, viewport);
      await page.goto(`${app.baseUrl}/opportunities/${deal}`);
      const card = page.getByTestId('win-probability');
      await card.waitFor(UI_TIMEOUT);
      expect(await card.getByTestId('win-probability-value').innerText()).toBe(pct);
      expect(await card.getByTestId('win-confidence').innerText()).toMatch(/^可信度：(高|中|低)$/);
      expect(await card.getByTestId('win-factor-up').count()).toBeGreaterThan(0);
      const up = await card.getByTestId('win-factor-up').first().innerText();
      expect(up).toMatch(/[\u4e00-\u9fa5]/);
      await card.getByTestId('win-sparkline').waitFor(UI_TIMEOUT);
      expect(await card.getByTestId('win-annotation').first().innerText()).toContain('预算已确认');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `win-probability-zh-${viewport.width}`);
      await switchToEnglish(page);
      await card.getByText('Win probability', { exact: true }).waitFor(UI_TIMEOUT);
      expect(await card.getByTestId('win-confidence').innerText()).toMatch(/^Confidence: (High|Medium|Low)$/);
      expect(await card.getByTestId('win-annotation').first().innerText()).toContain('Budget confirmed');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `win-probability-en-${viewport.width}`);
      await page.context().close();
    }
  });

  it('an admin sees the active model with its holdout AUC and retrains it, following the progress', async () => {
    for (const viewport of [desktop, phone]) {
      const page = await signedInPage(app, tenant.admin.email, viewport);
      await page.goto(`${app.baseUrl}/admin?tab=win-model`);
      await page.getByTestId('win-active-model').waitFor(UI_TIMEOUT);
      expect(Number(await page.getByTestId('win-auc').innerText())).toBeGreaterThan(0.7);
      if (viewport === desktop) {
        await page.getByTestId('win-retrain').click();
        await page.getByTestId('win-retrain-done').waitFor({ timeout: 30_000 });
        // the done note shows first; the model card follows when its list has been fetched again
        await page.getByTestId('win-active-model').getByText('v2', { exact: true }).waitFor(UI_TIMEOUT);
      }
      await screenshot(page, `win-model-admin-zh-${viewport.width}`);
      await switchToEnglish(page);
      await page.getByText('Active model').waitFor(UI_TIMEOUT);
      await screenshot(page, `win-model-admin-en-${viewport.width}`);
      await page.context().close();
    }
  });
});
