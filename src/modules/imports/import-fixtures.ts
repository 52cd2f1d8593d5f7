// Test helpers for imports: files written to a temp folder, records counted straight from the
// database, and the operator actor the CLI uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connection.ts';
import { inTenant, type Actor } from '../../platform/tenancy/context.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sightline-imports-'));

export function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  fs.writeFileSync(file, content);
  return file;
}

export const operator: Actor = { userId: null, role: 'admin', teamId: null, name: 'test operator' };

export async function rowsOf(db: Db, tenantId: string, table: 'accounts' | 'opportunities' | 'contacts' | 'leads' | 'activities'): Promise<Array<Record<string, unknown>>> {
  return inTenant(db.kysely, tenantId, async (trx) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where tenant_id = ${tenantId} order by id`.execute(trx)).rows);
}
