// Signing in shows each person their own data scope: a rep their accounts, a manager the team's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../../src/testing/harness.ts';
import { screenshot, signedInPage, startBrowserApp, UI_TIMEOUT, type BrowserApp } from './browser-harness.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('data scope in the browser', () => {
  it('a rep sees only their accounts, their manager sees the team’s, and sign-out returns to the login page', async () => {
    const tenant = await makeTenant(app.server, '范围测试公司');
    const manager = await tenant.user('manager', { name: '李经理' });
    const eastTeam = await tenant.team('华东大区', { managerId: manager.id });
    const rep = await tenant.user('rep', { teamId: eastTeam, name: '张伟' });
    const teammate = await tenant.user('rep', { teamId: eastTeam, name: '刘洋' });
    const outsider = await tenant.user('rep', { name: '赵六' });
    for (const [user, name] of [[rep, '张伟的客户·上海瑞金医院'], [teammate, '刘洋的客户·杭州云栖科技'], [outsider, '赵六的客户·成都天府制造']] as const) {
      expect((await user.client.post('/api/accounts', { name, region: '华东' })).statusCode).toBe(201);
    }

    const repPage = await signedInPage(app, rep.email);
    await repPage.getByRole('menuitem').filter({ hasText: '客户' }).click();
    await expect.poll(() => repPage.getByRole('link', { name: /的客户·/ }).allInnerTexts(), UI_TIMEOUT).toEqual(['张伟的客户·上海瑞金医院']);
    await screenshot(repPage, 'scope-rep-accounts');

    const managerPage = await signedInPage(app, manager.email);
    await managerPage.goto(`${app.baseUrl}/accounts`);
    await expect.poll(async () => (await managerPage.getByRole('link', { name: /的客户·/ }).allInnerTexts()).sort(), UI_TIMEOUT).toEqual(['刘洋的客户·杭州云栖科技', '张伟的客户·上海瑞金医院']);
    await screenshot(managerPage, 'scope-manager-accounts');

    await managerPage.getByTestId('user-menu').click();
    await managerPage.getByText('退出登录').click();
    await managerPage.waitForURL((url) => url.pathname === '/login');
    await managerPage.goto(`${app.baseUrl}/accounts`);
    await managerPage.waitForURL((url) => url.pathname === '/login');
  });
});
