// Creates a tenant with its admin user and the default field policies, in one transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { AppError } from '../http/errors.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { inTenant } from './context.ts';
import { recordEvent } from '../events/outbox.ts';

export interface CreateTenantInput {
  name: string;
  adminEmail: string;
  adminName?: string;
  password?: string;
  timeZone?: string;
  slug?: string;
}

export interface CreatedTenant {
  tenantId: string;
  adminId: string;
  password: string;
}

export const defaultFieldPolicies = [{ entity: 'opportunities', field: 'margin', hidden_for: ['rep'] }];

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function createTenant(db: Kysely<Database>, input: CreateTenantInput): Promise<CreatedTenant> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AppError('validation_failed', 'The tenant name must be 1 to 200 characters.');
  const email = input.adminEmail.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('validation_failed', `"${input.adminEmail}" is not an email address.`);
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone)) throw new AppError('validation_failed', `"${timeZone}" is not a time zone (e.g. Asia/Shanghai).`);
  const password = input.password ?? generatePassword();
  if (password.length < 8) throw new AppError('validation_failed', 'The password must have at least 8 characters.');
  const existing = await db.selectFrom('users').select('id').where(({ fn }) => fn('lower', ['email']), '=', email).executeTakeFirst();
  if (existing) throw new AppError('conflict', `${email} already has an account. Sign in instead.`);

  const tenantId = newId();
  const adminId = newId();
  const slug = input.slug ?? `t-${tenantId.slice(-12)}`;
  const passwordHash = await hashPassword(password);
  await db.insertInto('tenants').values({ id: tenantId, name, slug, time_zone: timeZone }).execute();
  await inTenant(db, tenantId, async (trx) => {
    await trx
      .insertInto('users')
      .values({ id: adminId, tenant_id: tenantId, email, name: input.adminName ?? email.split('@')[0], role: 'admin', password_hash: passwordHash, updated_at: new Date() })
      .execute();
    await trx.insertInto('field_policies').values(defaultFieldPolicies.map((p) => ({ ...p, tenant_id: tenantId }))).execute();
    await recordEvent(trx, { tenantId, actor: { userId: adminId, role: 'admin', teamId: null } }, { type: 'tenant.created', entity: 'tenants', entityId: tenantId, after: { name, slug, timeZone, adminEmail: email } });
  }).catch(async (err: unknown) => {
    await db.deleteFrom('tenants').where('id', '=', tenantId).execute();
    throw err;
  });
  return { tenantId, adminId, password };
}
