// `sightline audit verify` finds every kind of tampering with the audit log: an edited entry,
// a deleted middle entry and a deleted last entry; an untouched chain verifies.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { sql } from 'kysely';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { formatAuditReport, verifyAudit } from './audit.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.stop());

/** A tenant with a few audited writes: its chain has at least 5 entries. */
async function busyTenant(name: string): Promise<TestTenant> {
  const t = await makeTenant(server, name);
  const created = await t.admin.client.post('/api/accounts', { name: '华东医疗 🚀' });
  await t.admin.client.patch(`/api/accounts/${created.json().id}`, { industry: 'medical' });
  await t.admin.client.post('/api/accounts', { name: "O'Brien; drop table audit_log;--" });
  await t.admin.client.delete(`/api/accounts/${created.json().id}`);
  return t;
}

const run = promisify(execFile);
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const bin = path.resolve(import.meta.dirname, '../../../bin/sightline.mjs');
  try {
    const { stdout } = await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: inject('databaseUrl') } });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('audit verify', () => {
  let intact: TestTenant;
  beforeAll(async () => {
    intact = await busyTenant('完好租户');
  });

  it('after ordinary writes the chain verifies', async () => {
    const [result] = await verifyAudit(server.db.kysely, intact.tenantId);
    expect(result.entries).toBeGreaterThanOrEqual(5);
    expect(result.problems).toEqual([]);
    expect(formatAuditReport([result])).toContain('chain intact');
  });

  it("editing an entry's after image in SQL is detected", async () => {
    const t = await busyTenant('篡改租户');
    await sql`update audit_log set after = '{"name":"改过的名字"}' where tenant_id = ${t.tenantId} and seq = 3`.execute(server.db.kysely);
    const [result] = await verifyAudit(server.db.kysely, t.tenantId);
    expect(result.problems).toEqual([expect.objectContaining({ seq: '3', problem: 'edited' })]);
  });

  it('deleting a middle entry is detected', async () => {
    const t = await busyTenant('删中间租户');
    await sql`delete from audit_log where tenant_id = ${t.tenantId} and seq = 2`.execute(server.db.kysely);
    const [result] = await verifyAudit(server.db.kysely, t.tenantId);
    expect(result.problems.map((p) => p.problem)).toContain('missing');
    expect(result.problems.find((p) => p.problem === 'missing')?.seq).toBe('2');
  });

  it('deleting the last entry is detected', async () => {
    const t = await busyTenant('删末尾租户');
    await sql`delete from audit_log where tenant_id = ${t.tenantId} and seq = (select max(seq) from audit_log where tenant_id = ${t.tenantId})`.execute(server.db.kysely);
    const [result] = await verifyAudit(server.db.kysely, t.tenantId);
    expect(result.problems.map((p) => p.problem)).toEqual(['head_mismatch']);
  });

  it('an unknown tenant is refused with what to give instead', async () => {
    await expect(verifyAudit(server.db.kysely, 'no-such-tenant')).rejects.toThrow(/no tenant "no-such-tenant"/);
    await expect(verifyAudit(server.db.kysely, '00000000-0000-0000-0000-000000000000')).rejects.toThrow(/tenant id or slug/);
  });

  it('the command prints entries and problems and exits 1 only when something is wrong', async () => {
    const ok = await cli(['audit', 'verify', '--tenant', intact.tenantId]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/完好租户 .*entries checked, chain intact/);
    const t = await busyTenant('命令行篡改');
    await sql`update audit_log set before = '{"x":1}' where tenant_id = ${t.tenantId} and seq = 4`.execute(server.db.kysely);
    const bad = await cli(['audit', 'verify', '--tenant', t.tenantId]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('[edited] at entry 4');
  }, 60_000);
});
