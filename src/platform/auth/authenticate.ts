// Turns a session cookie or a bearer API token into the request's tenant and actor.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../http/errors.ts';
import type { RequestContext, Role } from '../tenancy/context.ts';
import { secretHash } from './tokens.ts';

export const SESSION_COOKIE = 'sl_session';

/**
 * Looks the secret up before any tenant is known; this is the one read that runs without
 * tenant scoping, and it touches only the credential tables.
 */
export async function authenticate(db: Kysely<Database>, credential: { session?: string; bearer?: string }): Promise<RequestContext> {
  const secret = credential.bearer ?? credential.session;
  if (!secret) return lookup(db, credential);
  const key = `${credential.bearer ? 'b' : 's'}:${secretHash(secret)}`;
  const hit = recent.get(key);
  if (hit && Date.now() - hit.at < AUTH_CACHE_MS) return hit.ctx;
  const ctx = await lookup(db, credential);
  if (recent.size >= 50_000) recent.clear();
  recent.set(key, { at: Date.now(), ctx });
  return ctx;
}

/**
 * Recently verified credentials, so a burst of requests costs one lookup. Sign-out, token
 * revocation and user changes on this instance clear it at once; other instances within
 * AUTH_CACHE_MS.
 */
export const AUTH_CACHE_MS = 5_000;
const recent = new Map<string, { at: number; ctx: RequestContext }>();

export function forgetCredentials(): void {
  recent.clear();
}

async function lookup(db: Kysely<Database>, credential: { session?: string; bearer?: string }): Promise<RequestContext> {
  const now = new Date();
  if (credential.bearer) {
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select(['t.id', 't.tenant_id', 't.expires_at', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.role', 'u.team_id', 'u.name', 'u.active'])
      .where('t.token_hash', '=', secretHash(credential.bearer))
      .executeTakeFirst();
    if (!row) throw new AppError('unauthenticated', 'This API token is not valid. Create a new one under Admin → API tokens.');
    if (row.revoked_at) throw new AppError('unauthenticated', 'This API token was revoked. Create a new one under Admin → API tokens.');
    if (row.expires_at && row.expires_at < now) throw new AppError('unauthenticated', 'This API token has expired. Create a new one under Admin → API tokens.');
    if (!row.active) throw new AppError('unauthenticated', 'The user of this API token is deactivated.');
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { tenantId: row.tenant_id, actor: { userId: row.user_id, role: row.role as Role, teamId: row.team_id, name: row.name } };
  }
  if (credential.session) {
    const row = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.tenant_id', 's.expires_at', 'u.id as user_id', 'u.role', 'u.team_id', 'u.name', 'u.active'])
      .where('s.token_hash', '=', secretHash(credential.session))
      .executeTakeFirst();
    if (!row || row.expires_at < now || !row.active) throw new AppError('unauthenticated', 'Your session has ended. Please sign in again.');
    return { tenantId: row.tenant_id, actor: { userId: row.user_id, role: row.role as Role, teamId: row.team_id, name: row.name } };
  }
  throw new AppError('unauthenticated', 'Sign in first, or send an API token as "Authorization: Bearer <token>".');
}
