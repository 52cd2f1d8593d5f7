// About 300 leads (线索): a quarter converted into the deals they started, the rest new,
// being worked, or disqualified according to their age.
import { addMonths, DAY_MS, officeMomentNear } from './demo-calendar.ts';
import { INDUSTRIES, INDUSTRY_PROFILES } from './demo-catalog.ts';
import { CITIES } from './demo-geo.ts';
import type { BuildContext, DemoOpportunity, DemoUser, Row } from './demo-model.ts';
import { personName } from './demo-names.ts';
import { companyName, pickOwner } from './seed-accounts.ts';
import { newId } from '../../platform/ids.ts';

export const LEAD_COUNT = 300;
const CONVERTED_COUNT = 80;
const SOURCES = [['官网表单', 5], ['展会', 4], ['电话营销', 3], ['老客户转介绍', 3], ['百度推广', 3], ['微信公众号', 3], ['合作伙伴', 2], ['行业峰会', 2]] as const;
const TITLES = ['采购经理', '信息中心主任', '总经理', 'IT经理', '设备科科长', '运营总监', '技术负责人', '行政主管'];

/** Leads that became deals: each deal row gets its lead_id. */
function convertedLeads(ctx: BuildContext, deals: readonly DemoOpportunity[], dealRows: Row<'opportunities'>[]): Row<'leads'>[] {
  const { rng, clock, tenantId } = ctx;
  // a customer's first deal of the year is the one a lead would have turned into
  const firstDeal = new Map<string, number>();
  deals.forEach((d, i) => {
    if (d.createdAt.getTime() < clock.historyStart) return;
    const seen = firstDeal.get(d.account.id);
    if (seen === undefined || deals[seen].createdAt > d.createdAt) firstDeal.set(d.account.id, i);
  });
  return rng.sample([...firstDeal.values()], CONVERTED_COUNT).map((i) => {
    const deal = deals[i];
    const contact = deal.account.contacts[0];
    const id = newId();
    dealRows[i].lead_id = id;
    const createdAt = new Date(deal.createdAt.getTime() - rng.int(2, 30) * DAY_MS);
    return {
      id,
      tenant_id: tenantId,
      name: contact.name,
      company: deal.account.name,
      title: contact.title,
      phone: rng.mobile(),
      industry: deal.account.industry,
      region: deal.account.city.region,
      source: rng.weighted(SOURCES),
      status: 'converted',
      owner_id: deal.owner.id,
      converted_account_id: deal.account.id,
      converted_contact_id: contact.id,
      converted_opportunity_id: deal.id,
      converted_at: deal.createdAt,
      created_at: createdAt,
      updated_at: deal.createdAt,
    };
  });
}

function statusForAge(ctx: BuildContext, ageDays: number): string {
  const { rng } = ctx;
  if (ageDays < 14) return rng.weighted([['new', 7], ['working', 3]] as const);
  if (ageDays < 60) return rng.weighted([['new', 2], ['working', 5], ['disqualified', 3]] as const);
  return rng.weighted([['working', 1], ['disqualified', 3]] as const);
}

export function buildLeads(ctx: BuildContext, deals: readonly DemoOpportunity[], dealRows: Row<'opportunities'>[], reps: readonly DemoUser[], takenNames: Set<string>): Row<'leads'>[] {
  const { rng, clock, tenantId } = ctx;
  const now = clock.now.getTime();
  const rows = convertedLeads(ctx, deals, dealRows);
  while (rows.length < LEAD_COUNT) {
    const industry = rng.weighted(INDUSTRIES.map((k) => [k, INDUSTRY_PROFILES[k].weight] as const));
    const city = rng.weighted(CITIES.map((c) => [c, c.weight] as const));
    const company = companyName(rng, industry, city, takenNames);
    const person = personName(rng);
    // more leads recently: marketing ramped up over the year
    const createdAt = officeMomentNear(rng, now - (now - clock.historyStart) * Math.pow(rng.next(), 1.3), clock.historyStart, now);
    const status = statusForAge(ctx, (now - createdAt.getTime()) / DAY_MS);
    // a few fresh leads wait in the unassigned pool
    const owner = status === 'new' && rng.chance(0.25) ? null : pickOwner(rng, reps, city, addMonths(clock.today, -12));
    rows.push({
      id: newId(),
      tenant_id: tenantId,
      name: person.name,
      company: company.name,
      title: rng.pick(TITLES),
      phone: rng.mobile(),
      email: rng.chance(0.6) ? `${person.surnamePinyin}@${company.emailDomain}` : null,
      industry,
      region: city.region,
      source: rng.weighted(SOURCES),
      status,
      owner_id: owner?.id ?? null,
      created_at: createdAt,
      updated_at: status === 'new' ? createdAt : new Date(Math.min(now, createdAt.getTime() + rng.int(1, 20) * DAY_MS)),
    });
  }
  return rows;
}
