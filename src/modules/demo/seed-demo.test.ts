import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { signIn, startTestServer, type TestServer } from '../../testing/harness.ts';
import { CITIES, REGIONS } from './demo-geo.ts';
import { INDUSTRIES } from './demo-catalog.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, type SeededDemo } from './seed-demo.ts';

// Two seeds with the same clock into one database: they must match row for row.
const NOW = new Date('2026-11-20T02:00:00Z'); // 10:00 on a Friday in Shanghai
const TODAY = '2026-11-20';
const run = `${process.pid}-${Date.now()}`;
const domainA = `a-${run}.demo.test`;
const domainB = `b-${run}.demo.test`;

let server: TestServer;
let first: SeededDemo;
let second: SeededDemo;

beforeAll(async () => {
  server = await startTestServer();
  first = await seedDemo(server.db.kysely, { tenantName: '演示公司 A', slug: `demo-a-${run}`, emailDomain: domainA, now: NOW });
  second = await seedDemo(server.db.kysely, { tenantName: '演示公司 B', slug: `demo-b-${run}`, emailDomain: domainB, now: NOW });
}, 240_000);
afterAll(() => server?.stop());

const db = () => server.db.kysely;
const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db())).rows;

/** One digest of a tenant's table, independent of ids and e-mail domains. */
async function digest(tenantId: string, table: string, columns: string): Promise<string> {
  const [row] = await rows<{ d: string }>(sql`select md5(string_agg(line, '|' order by line)) as d from (select concat_ws('~', ${sql.raw(columns)}) as line from ${sql.table(table)} t where t.tenant_id = ${tenantId}) x`);
  return row.d;
}

const ownerLogin = `(select split_part(u.email, '@', 1) from users u where u.id = t.owner_id)`;

describe('the demo seed', () => {
  it('is deterministic: two seeds with the same clock give the same people, customers, deals, amounts and touches', async () => {
    const owner = ownerLogin;
    const tables: [string, string][] = [
      ['users', "split_part(email, '@', 1), name, role, hired_on"],
      ['accounts', `name, industry, region, size, billing_model, address, lat, lng, created_at, ${owner}`],
      ['contacts', 'name, title, phone, decision_role, influence'],
      ['opportunities', `name, amount_cents, margin_cents, stage, forecast_category, expected_close_date, created_at, closed_at, ${owner}`],
      ['order_lines', 'quantity, unit_price_cents, discount_pct'],
      ['leads', 'name, company, status, source, created_at'],
      ['contracts', 'number, amount_cents, signed_on, status'],
      ['payments', 'due_on, amount_cents, paid_cents, paid_on'],
      ['activities', `type, subject, body, mood, occurred_at, logged_at, cardinality(contact_ids), ${owner}`],
      ['tasks', 'title, due_at, status, priority'],
      ['notes', 'body, visibility, created_at'],
      ['service_tickets', 'subject, severity, status, opened_at'],
    ];
    for (const [table, columns] of tables) {
      expect(await digest(second.tenantId, table, columns), table).toBe(await digest(first.tenantId, table, columns));
    }
    expect(second.counts).toEqual(first.counts);
  });

  it('has the stated amounts of data, and records one demo.seeded event with the counts', async () => {
    const c = first.counts;
    expect(c.users).toBe(17); // admin, executive, 3 managers, 12 reps
    expect(c.teams).toBe(4);
    expect(c.accounts).toBeGreaterThanOrEqual(180);
    expect(c.accounts).toBeLessThanOrEqual(220);
    expect(c.products).toBeGreaterThanOrEqual(18);
    expect(c.products).toBeLessThanOrEqual(24);
    expect(c.opportunities).toBeGreaterThanOrEqual(1400);
    expect(c.opportunities).toBeLessThanOrEqual(1600);
    expect(c.activities).toBeGreaterThanOrEqual(18_000);
    expect(c.activities).toBeLessThanOrEqual(22_000);
    expect(c.leads).toBeGreaterThanOrEqual(280);
    expect(c.leads).toBeLessThanOrEqual(320);
    for (const key of ['orderLines', 'contracts', 'payments', 'serviceTickets', 'tasks', 'notes'] as const) expect(c[key], key).toBeGreaterThan(100);

    const [perAccount] = await rows<{ min: number; max: number }>(sql`select min(n)::int as min, max(n)::int as max from (select count(*) n from contacts where tenant_id = ${first.tenantId} group by account_id) x`);
    expect(perAccount).toEqual({ min: 2, max: 5 });
    const [{ n: accountsInDb }] = await rows<{ n: number }>(sql`select count(*)::int n from accounts where tenant_id = ${first.tenantId}`);
    expect(accountsInDb).toBe(c.accounts);

    const events = await db().selectFrom('events').select(['type', 'payload']).where('tenant_id', '=', first.tenantId).where('type', '=', 'demo.seeded').execute();
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual({ counts: c });
    const [{ n: eventCount }] = await rows<{ n: number }>(sql`select count(*)::int n from events where tenant_id = ${first.tenantId}`);
    expect(eventCount).toBe(2); // tenant.created and demo.seeded, not one per row
  });

  it('covers every region and industry, with customers placed near real cities', async () => {
    const accounts = await db().selectFrom('accounts').select(['name', 'region', 'industry', 'lat', 'lng', 'address']).where('tenant_id', '=', first.tenantId).execute();
    expect(new Set(accounts.map((a) => a.region))).toEqual(new Set(REGIONS));
    expect(new Set(accounts.map((a) => a.industry))).toEqual(new Set(INDUSTRIES));
    for (const a of accounts) {
      const city = CITIES.find((c) => a.name.startsWith(c.name) || a.address?.startsWith(c.name));
      expect(city, a.name).toBeDefined();
      expect(city?.region).toBe(a.region);
      expect(Math.abs((a.lat ?? 0) - (city?.lat ?? 0)), a.name).toBeLessThan(0.3);
      expect(Math.abs((a.lng ?? 0) - (city?.lng ?? 0)), a.name).toBeLessThan(0.3);
      expect(a.name).toMatch(/^[\u4e00-\u9fa5]+$/);
    }
    expect(new Set(accounts.map((a) => a.name)).size).toBe(accounts.length);
  });

  it('keeps amounts as exact integers in 分, and order lines add up to their deal to the cent', async () => {
    const [bad] = await rows<{ n: number }>(sql`select count(*)::int n from opportunities where tenant_id = ${first.tenantId} and (amount_cents::text !~ '^[0-9]+$' or amount_cents < 500000)`);
    expect(bad.n).toBe(0);
    const mismatched = await rows<{ id: string }>(sql`
      select o.id from opportunities o join order_lines l on l.opportunity_id = o.id
      where o.tenant_id = ${first.tenantId}
      group by o.id, o.amount_cents
      having sum(l.unit_price_cents * l.quantity * (100 - l.discount_pct) / 100) <> o.amount_cents`);
    expect(mismatched).toEqual([]);
    const unbalanced = await rows<{ id: string }>(sql`
      select c.id from contracts c join payments p on p.contract_id = c.id
      where c.tenant_id = ${first.tenantId}
      group by c.id, c.amount_cents having sum(p.amount_cents) <> c.amount_cents`);
    expect(unbalanced).toEqual([]);
    const [overdue] = await rows<{ n: number }>(sql`select count(*)::int n from payments where tenant_id = ${first.tenantId} and due_on < ${TODAY}::date and paid_cents < amount_cents`);
    expect(overdue.n).toBeGreaterThan(0);
  });

  it('gives deals stages that fit their age, forecast categories that fit their stage, and month-end close dates', async () => {
    const deals = await db().selectFrom('opportunities').select(['stage', 'forecast_category', 'closed_at', 'created_at', 'expected_close_date', 'stage_changed_at']).where('tenant_id', '=', first.tenantId).execute();
    const yearBefore = NOW.getTime() - 366 * 86_400_000;
    for (const d of deals) {
      // the pipeline was running when the history began: a deal from before then was still open then
      if (d.created_at.getTime() < yearBefore) expect(d.closed_at === null || d.closed_at.getTime() >= yearBefore).toBe(true);
      expect(d.created_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(d.stage_changed_at.getTime()).toBeGreaterThanOrEqual(d.created_at.getTime());
      const closed = d.stage === 'won' || d.stage === 'lost';
      expect(d.closed_at !== null, d.stage).toBe(closed);
      if (d.closed_at) expect(d.closed_at.getTime()).toBeGreaterThan(d.created_at.getTime());
      const expected = { won: ['closed'], lost: ['omitted'], lead: ['pipeline'], qualified: ['pipeline'] }[d.stage] ?? ['pipeline', 'best_case', 'commit'];
      expect(expected).toContain(d.forecast_category);
    }
    const old = deals.filter((d) => d.created_at.getTime() < NOW.getTime() - 200 * 86_400_000);
    expect(old.filter((d) => d.closed_at).length / old.length).toBeGreaterThan(0.8);
    const young = deals.filter((d) => d.created_at.getTime() > NOW.getTime() - 14 * 86_400_000);
    expect(young.length).toBeGreaterThan(20);
    expect(young.filter((d) => d.stage === 'won')).toEqual([]);
    for (const stage of ['lead', 'qualified', 'solution', 'quoted', 'negotiation', 'won', 'lost']) expect(deals.some((d) => d.stage === stage), stage).toBe(true);
    const [{ share }] = await rows<{ share: number }>(sql`select avg((extract(day from expected_close_date + 1) = 1)::int)::float8 share from opportunities where tenant_id = ${first.tenantId}`);
    expect(share).toBeGreaterThan(0.35);
  });

  it('closes deals steadily: every whole month of the year has wins and losses, the first and the last as many as any', async () => {
    const months = await rows<{ month: string; won: number; lost: number }>(sql`
      select to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) filter (where stage = 'won')::int as won, count(*) filter (where stage = 'lost')::int as lost
      from opportunities where tenant_id = ${first.tenantId} and closed_at >= ${'2025-12-01T00:00:00+08:00'}::timestamptz and closed_at < ${'2026-11-01T00:00:00+08:00'}::timestamptz
      group by 1 order by 1`);
    expect(months).toHaveLength(11); // the whole months: December 2025 to October 2026
    const meanWon = months.reduce((s, m) => s + m.won, 0) / months.length;
    const meanLost = months.reduce((s, m) => s + m.lost, 0) / months.length;
    for (const m of [months[0], months[months.length - 1]]) {
      expect(m.won, m.month).toBeGreaterThan(0.6 * meanWon);
      expect(m.lost, m.month).toBeGreaterThan(0.6 * meanLost);
    }
    for (const m of months) expect(m.won, m.month).toBeGreaterThan(0.3 * meanWon);
  });

  it('logs touches after they happen, within the year and the deal’s life, linked to the deal’s customer and contacts', async () => {
    const [r] = await rows<{ early: number; late: number; outside: number; foreign: number; outside_deal: number; with_deal: number }>(sql`
      select
        count(*) filter (where a.logged_at < a.occurred_at)::int as early,
        count(*) filter (where a.logged_at > ${NOW} or a.occurred_at > ${NOW})::int as late,
        count(*) filter (where a.occurred_at < ${NOW}::timestamptz - interval '366 days')::int as outside,
        count(*) filter (where o.id is not null and o.account_id <> a.account_id)::int as foreign,
        count(*) filter (where a.occurred_at < o.created_at or a.occurred_at > o.closed_at)::int as outside_deal,
        count(o.id)::int as with_deal
      from activities a left join opportunities o on o.id = a.opportunity_id
      where a.tenant_id = ${first.tenantId}`);
    expect(r).toMatchObject({ early: 0, late: 0, outside: 0, foreign: 0, outside_deal: 0 });
    expect(r.with_deal).toBeGreaterThan(15_000);
    const [contacts] = await rows<{ n: number }>(sql`
      select count(*)::int n from activities a, unnest(a.contact_ids) cid
      where a.tenant_id = ${first.tenantId} and not exists (select 1 from contacts c where c.id = cid and c.account_id = a.account_id)`);
    expect(contacts.n).toBe(0);
  });

  it('gives every rep, rep.east1 included, tasks overdue, due today and due this week', async () => {
    const perRep = await rows<{ login: string; overdue: number; today: number; week: number }>(sql`
      select split_part(u.email, '@', 1) as login,
        count(*) filter (where t.due_at < ${NOW} and (t.due_at at time zone 'Asia/Shanghai')::date < ${TODAY}::date)::int as overdue,
        count(*) filter (where (t.due_at at time zone 'Asia/Shanghai')::date = ${TODAY}::date)::int as today,
        count(*) filter (where (t.due_at at time zone 'Asia/Shanghai')::date between ${TODAY}::date + 1 and ${TODAY}::date + 6)::int as week
      from users u join tasks t on t.owner_id = u.id and t.status = 'open'
      where u.tenant_id = ${first.tenantId} and u.role = 'rep' group by u.email order by 1`);
    expect(perRep.map((r) => r.login)).toContain('rep.east1');
    expect(perRep).toHaveLength(12);
    for (const r of perRep) {
      expect(r.overdue, r.login).toBeGreaterThan(0);
      expect(r.today, r.login).toBeGreaterThan(0);
      expect(r.week, r.login).toBeGreaterThan(0);
    }
  });

  it('converts some leads into the deals they started, and keeps both kinds of notes', async () => {
    const [leads] = await rows<{ converted: number; linked: number }>(sql`
      select count(*) filter (where l.status = 'converted')::int as converted,
             count(*) filter (where o.lead_id = l.id and o.account_id = l.converted_account_id)::int as linked
      from leads l left join opportunities o on o.id = l.converted_opportunity_id where l.tenant_id = ${first.tenantId}`);
    expect(leads.converted).toBeGreaterThan(30);
    expect(leads.linked).toBe(leads.converted);
    const visibility = await db().selectFrom('notes').select('visibility').distinct().where('tenant_id', '=', first.tenantId).execute();
    expect(visibility.map((v) => v.visibility).sort()).toEqual(['internal', 'shareable']);
  });

  it('puts rep.east1 in 华东 under manager.east, and the API shows them only their own customers', async () => {
    const domainOf = (login: string) => login.replace('@demo.local', `@${domainA}`);
    const [rep] = await rows<{ id: string; team: string; manager: string; parent: string }>(sql`
      select u.id, t.name as team, m.email as manager, p.name as parent
      from users u join teams t on t.id = u.team_id join users m on m.id = t.manager_id join teams p on p.id = t.parent_id
      where u.email = ${domainOf('rep.east1@demo.local')}`);
    expect(rep).toMatchObject({ team: '华东大区', manager: domainOf('manager.east@demo.local'), parent: '销售中心' });

    const repClient = await signIn(server.app, domainOf('rep.east1@demo.local'), DEMO_PASSWORD);
    const seen = (await repClient.get('/api/accounts?limit=200')).json();
    const [{ n: own }] = await rows<{ n: number }>(sql`select count(*)::int n from accounts where owner_id = ${rep.id}`);
    expect(own).toBeGreaterThan(5);
    expect(seen.items).toHaveLength(own);
    expect(seen.items.every((a: { ownerId: string; region: string }) => a.ownerId === rep.id && a.region === '华东')).toBe(true);

    const deals = (await repClient.get('/api/opportunities?limit=200')).json();
    expect(deals.items.length).toBeGreaterThan(0);
    for (const d of deals.items) {
      expect(d.ownerId).toBe(rep.id);
      expect(d.amount).toMatch(/^\d+\.\d{2}$/);
    }

    const manager = await signIn(server.app, domainOf('manager.east@demo.local'), DEMO_PASSWORD);
    const team = (await manager.get('/api/accounts?limit=200')).json().items;
    expect(team.length).toBeGreaterThan(own);
    expect(team.every((a: { region: string }) => a.region === '华东')).toBe(true);
  });

  it('lets every documented demo login sign in with the demo password', async () => {
    for (const login of DEMO_LOGINS) {
      const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: login.replace('@demo.local', `@${domainB}`), password: DEMO_PASSWORD } });
      expect(res.statusCode, login).toBe(200);
    }
  });

  it('refuses to seed over an existing demo, or with a malformed e-mail domain, and writes nothing', async () => {
    const slug = `demo-c-${run}`;
    await expect(seedDemo(db(), { slug, emailDomain: domainA, now: NOW })).rejects.toMatchObject({ code: 'conflict' });
    for (const emailDomain of ['', 'no dots here', '演示 公司', "x'; drop table accounts; --"]) {
      await expect(seedDemo(db(), { slug, emailDomain, now: NOW }), emailDomain).rejects.toMatchObject({ code: 'validation_failed' });
    }
    expect(await db().selectFrom('tenants').select('id').where('slug', '=', slug).execute()).toEqual([]);
  });
});
