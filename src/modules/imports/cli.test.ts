import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTenant, signIn, startTestServer, clientWith, type TestServer } from '../../testing/harness.ts';
import { rowsOf, tempFile } from './import-fixtures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

function sightline(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/sightline.mjs', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: inject('databaseUrl') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const slug = () => `cli-${process.pid}-${Date.now().toString(36)}`;

describe('sightline CLI', () => {
  it('creates a tenant, prints the password once, and that password signs in', async () => {
    const email = `cli.admin.${Date.now()}@test.local`;
    const s = slug();
    const res = await sightline('tenant', 'create', '命令行租户', '--admin', email, '--slug', s, '--time-zone', 'Asia/Shanghai');
    expect(res.code, res.stderr).toBe(0);
    const password = /password: (\S+)/.exec(res.stdout)?.[1];
    expect(password).toBeTruthy();
    await expect(signIn(server.app, email, password)).resolves.toBeTruthy();
    const again = await sightline('tenant', 'create', '重复', '--admin', email);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has an account/);
    const badZone = await sightline('tenant', 'create', '时区错', '--admin', `z.${Date.now()}@test.local`, '--time-zone', 'Mars/Olympus');
    expect(badZone.stderr).toMatch(/is not a time zone/);
  }, 120_000);

  it('imports with progress and a summary; bad rows fail with exit code 1 and their lines', async () => {
    const t = await makeTenant(server);
    const s = slug();
    await server.db.pool.query('update tenants set slug = $1 where id = $2', [s, t.tenantId]);
    const good = tempFile('good.csv', '客户名称,行业\n南京鼓楼医院,医疗器械\n无锡人民医院,医疗器械\n');
    const ok = await sightline('import', 'accounts', good, '--tenant', s);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/Importing .*100% \| 2 rows/);
    expect(ok.stdout).toMatch(/Imported 2 of 2 rows into accounts of tenant .* \[CSV, utf-8, delimiter ","\]/);

    const bad = tempFile('bad.csv', 'name,size\n好客户,large\n坏客户,huge\n,small\n');
    const failed = await sightline('import', 'accounts', bad, '--tenant', s);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Nothing was imported: 2 of 3 rows are bad/);
    expect(failed.stdout).toMatch(/line 3: size: /);
    expect(failed.stdout).toMatch(/line 4: name: is required/);
    const skipped = await sightline('import', 'accounts', bad, '--tenant', s, '--skip-bad-rows', '--map', 'size=');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/Imported 2 of 3 rows .*\(1 bad row skipped\)/);
    expect((await rowsOf(server.db, t.tenantId, 'accounts')).map((r) => r.name).sort()).toEqual(['南京鼓楼医院', '坏客户', '好客户', '无锡人民医院'].sort());

    const exported = await sightline('export', 'accounts', '--tenant', s);
    expect(exported.code).toBe(0);
    expect(exported.stdout.startsWith('\ufeffid,name,')).toBe(true);
    expect(exported.stdout).toContain('南京鼓楼医院');
    const unknownTenant = await sightline('import', 'accounts', good, '--tenant', 'no-such-tenant');
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toMatch(/There is no tenant "no-such-tenant"/);
  }, 180_000);

  it('without --tenant picks the demo tenant, or lists the tenants to choose from', async () => {
    await makeTenant(server);
    const res = await sightline('export', 'accounts', '--format', 'json');
    const demo = await server.db.kysely.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirst();
    if (demo) expect(res.code).toBe(0);
    else {
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/tenants; choose one with --tenant <slug-or-id>/);
    }
  }, 60_000);

  it('creates an API token that authenticates as the user', async () => {
    const t = await makeTenant(server);
    const res = await sightline('token', 'create', '--user', t.admin.email, '--name', 'ERP 同步', '--expires-days', '30');
    expect(res.code, res.stderr).toBe(0);
    const token = /^(slt_\S+)$/m.exec(res.stdout)?.[1];
    expect(token).toBeTruthy();
    const me = await clientWith(server.app, { authorization: `Bearer ${token}` }).get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(t.admin.email);
    const bad = await sightline('token', 'create', '--user', 'nobody@nowhere.test', '--name', 'x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no active user/);
  }, 120_000);
});
