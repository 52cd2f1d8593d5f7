// Test harness: a real server on the run's real database, and factories for tenants, users
// and signed-in clients. Tests isolate by making their own tenants.
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Db } from '../platform/db/connection.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { createApp, type Running } from '../app.ts';
import { createTenant } from '../platform/tenancy/create-tenant.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { inTenant, type Role } from '../platform/tenancy/context.ts';
import { newId } from '../platform/ids.ts';
import os from 'node:os';
import path from 'node:path';

export async function openTestDb(): Promise<Db> {
  const db = await openDatabase({ databaseUrl: inject('databaseUrl'), poolSize: 8 });
  return { ...db, kind: inject('engine') };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), dataDir: path.join(os.tmpdir(), 'sightline-test-data') /* shared: a job queued by one test process may run in another */, ...overrides };
}

export interface TestServer extends Running {
  db: Db;
  stop(): Promise<void>;
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const db = await openTestDb();
  const running = await createApp(db, testConfig(overrides));
  await running.app.ready();
  return {
    ...running,
    db,
    async stop() {
      await running.close();
      await db.close();
    },
  };
}

export const PASSWORD = 'correct-horse-42';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  client: Client;
}

export interface TestTenant {
  tenantId: string;
  admin: TestUser;
  /** creates a user (optionally in a team) and signs them in */
  user(role: Role, opts?: { teamId?: string; name?: string }): Promise<TestUser>;
  team(name: string, opts?: { parentId?: string; managerId?: string }): Promise<string>;
}

let seq = 0;
const uniqueEmail = (role: string) => `${role}.${process.pid}.${Date.now()}.${++seq}@test.local`;

export async function makeTenant(server: TestServer, name = '测试租户'): Promise<TestTenant> {
  const adminEmail = uniqueEmail('admin');
  const t = await createTenant(server.db.kysely, { name, adminEmail, password: PASSWORD });
  const admin: TestUser = { id: t.adminId, email: adminEmail, role: 'admin', client: await signIn(server.app, adminEmail) };
  return {
    tenantId: t.tenantId,
    admin,
    async user(role, opts = {}) {
      passwordHash ??= hashPassword(PASSWORD);
      const id = newId();
      const email = uniqueEmail(role);
      const hash = await passwordHash;
      await inTenant(server.db.kysely, t.tenantId, (trx) =>
        trx.insertInto('users').values({ id, tenant_id: t.tenantId, email, name: opts.name ?? `${role} ${seq}`, role, team_id: opts.teamId ?? null, password_hash: hash, updated_at: new Date() }).execute(),
      );
      return { id, email, role, client: await signIn(server.app, email) };
    },
    async team(teamName, opts = {}) {
      const id = newId();
      await inTenant(server.db.kysely, t.tenantId, (trx) =>
        trx.insertInto('teams').values({ id, tenant_id: t.tenantId, name: teamName, parent_id: opts.parentId ?? null, manager_id: opts.managerId ?? null, updated_at: new Date() }).execute(),
      );
      return id;
    },
  };
}

export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  raw(opts: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'; url: string; payload?: string | Buffer; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

export function clientWith(app: FastifyInstance, headers: Record<string, string>): Client {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  return {
    get: (url) => call('GET', url),
    post: (url, body) => call('POST', url, body ?? {}),
    patch: (url, body) => call('PATCH', url, body ?? {}),
    delete: (url) => call('DELETE', url),
    raw: (opts) => app.inject({ ...opts, headers: { ...headers, ...opts.headers } }),
  };
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sl_session');
  if (!cookie) throw new Error('no session cookie');
  return clientWith(app, { cookie: `sl_session=${cookie.value}` });
}
