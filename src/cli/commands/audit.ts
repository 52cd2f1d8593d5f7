// `sightline audit verify [--tenant …]`: walks every tenant's hash-chained audit log, prints how
// many entries were checked and every broken link, and exits non-zero if anything is wrong.
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../platform/config.ts';
import { openDb } from '../../app.ts';
import type { Database } from '../../platform/db/schema.ts';
import { verifyAuditChain, type AuditProblem } from '../../platform/events/audit-chain.ts';

export interface TenantAuditResult {
  tenantId: string;
  name: string;
  entries: number;
  problems: AuditProblem[];
}

/** Verifies one tenant (by id or slug) or all of them, in name order. */
export async function verifyAudit(db: Kysely<Database>, tenant?: string): Promise<TenantAuditResult[]> {
  let q = db.selectFrom('tenants').select(['id', 'name']).orderBy('name').orderBy('id');
  if (tenant) {
    const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenant);
    q = isId ? q.where('id', '=', tenant) : q.where('slug', '=', tenant);
  }
  const tenants = await q.execute();
  if (tenant && tenants.length === 0) throw new Error(`There is no tenant "${tenant}". Give a tenant id or slug, or leave --tenant out to check every tenant.`);
  const results: TenantAuditResult[] = [];
  for (const t of tenants) results.push({ tenantId: t.id, name: t.name, ...(await verifyAuditChain(db, t.id)) });
  return results;
}

export function formatAuditReport(results: TenantAuditResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.name} (${r.tenantId}): ${r.entries} entries checked, ${r.problems.length ? `${r.problems.length} problem(s)` : 'chain intact'}`);
    for (const p of r.problems) lines.push(`  [${p.problem}] at entry ${p.seq}: ${p.message}`);
  }
  const entries = results.reduce((n, r) => n + r.entries, 0);
  const problems = results.reduce((n, r) => n + r.problems.length, 0);
  lines.push(`${results.length} tenant(s), ${entries} entries checked, ${problems} problem(s).`);
  return lines.join('\n');
}

export function registerAudit(program: Command) {
  const audit = program.command('audit').description('check the audit log');
  audit
    .command('verify')
    .description('verify every tenant’s audit hash chain; exits 1 if any entry was changed or removed')
    .option('--tenant <id-or-slug>', 'check one tenant only')
    .action(async (opts: { tenant?: string }) => {
      const db = await openDb(loadConfig());
      try {
        const results = await verifyAudit(db.kysely, opts.tenant);
        console.log(formatAuditReport(results));
        if (results.some((r) => r.problems.length > 0)) process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
