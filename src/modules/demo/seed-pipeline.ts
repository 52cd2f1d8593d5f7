// Demo products and twelve months of opportunities (商机): stages that fit each deal's age,
// amounts in 分 with a long tail, expected close dates bunched at month end, some order lines.
import { addDays, DAY_MS, dayStart, endOfMonth, endOfQuarter, instantBetween, localDate, nextWorkday, officeMomentNear } from './demo-calendar.ts';
import { INDUSTRY_PROFILES, OPEN_STAGES, PRODUCTS, SIZE_PROFILES, type DemoProduct, type Stage } from './demo-catalog.ts';
import type { BuildContext, DemoAccount, DemoOpportunity, Row } from './demo-model.ts';
import type { Random } from './demo-random.ts';
import { workedSince } from './seed-accounts.ts';
import { newId } from '../../platform/ids.ts';

export const OPPORTUNITY_COUNT = 1500;
const HOUR_MS = 3_600_000;

export interface DemoPipeline {
  opportunities: DemoOpportunity[];
  productRows: Row<'products'>[];
  opportunityRows: Row<'opportunities'>[];
  orderLineRows: Row<'order_lines'>[];
}

interface PricedProduct extends DemoProduct {
  id: string;
}

/** Reps type the last day of a month (or quarter) far more often than any other date. */
function expectedCloseDate(rng: Random, date: string): string {
  const roll = rng.next();
  if (roll < 0.45) return endOfMonth(date);
  if (roll < 0.55) return endOfQuarter(date);
  return nextWorkday(date);
}

function forecastCategory(rng: Random, stage: Stage): string {
  switch (stage) {
    case 'won':
      return 'closed';
    case 'lost':
      return 'omitted';
    case 'solution':
      return rng.chance(0.3) ? 'best_case' : 'pipeline';
    case 'quoted':
      return rng.chance(0.6) ? 'best_case' : 'commit';
    case 'negotiation':
      return rng.chance(0.75) ? 'commit' : 'best_case';
    default:
      return 'pipeline';
  }
}

/** Round yuan amounts the way quotes are written: to the hundred, or the thousand above 100k. */
function dealAmountCents(rng: Random, account: DemoAccount): number {
  const median = SIZE_PROFILES[account.size].medianYuan * INDUSTRY_PROFILES[account.industry].amountFactor;
  const yuan = Math.max(5_000, rng.logNormal(median, 0.6));
  const step = yuan > 100_000 ? 1_000 : 100;
  return Math.round(yuan / step) * step * 100;
}

function dealName(rng: Random, account: DemoAccount, product: DemoProduct): string {
  const item = product.name.replace(/（.*）/, '').trim();
  if (account.monthlyBilling && rng.chance(0.3)) return `${account.shortName}年度续费`;
  return rng.weighted([
    [`${account.shortName}${item}采购项目`, 4],
    [`${account.shortName}${item}项目`, 3],
    [`${account.shortName}${item}二期`, 1],
    [`${account.shortName}${item}替换升级`, 1],
  ] as const);
}

interface Lifecycle {
  stage: Stage;
  reachedStage: number;
  closedAt: Date | null;
  stale: boolean;
  activeUntil: Date;
  stageChangedAt: Date;
  expectedClose: string;
}

/** Where a deal created at `createdAt` stands now: old ones mostly closed, young ones early. */
function lifecycle(ctx: BuildContext, account: DemoAccount, winRate: number, createdAt: Date): Lifecycle {
  const { rng, clock } = ctx;
  const now = clock.now;
  const [shortest, longest] = SIZE_PROFILES[account.size].cycleDays;
  const cycleDays = rng.int(shortest, longest);
  const ageDays = (now.getTime() - createdAt.getTime()) / DAY_MS;
  const plannedClose = expectedCloseDate(rng, localDate(new Date(createdAt.getTime() + cycleDays * DAY_MS)));
  const closeBy = (days: number) => officeMomentNear(rng, createdAt.getTime() + days * DAY_MS, createdAt.getTime() + HOUR_MS, now.getTime() - HOUR_MS);
  if (ageDays > cycleDays && !rng.chance(0.12)) {
    const won = rng.chance(winRate);
    const closedAt = won ? closeBy(cycleDays * rng.between(0.8, 1.1)) : closeBy(cycleDays * rng.between(0.3, 1));
    const reachedStage = won ? 4 : rng.weighted([[0, 2], [1, 3], [2, 3], [3, 2], [4, 1]] as const);
    return { stage: won ? 'won' : 'lost', reachedStage, closedAt, stale: false, activeUntil: closedAt, stageChangedAt: closedAt, expectedClose: plannedClose };
  }
  if (ageDays > cycleDays) {
    // slipping: still open, untouched for weeks, the close date passed or pushed out
    const quietFrom = Math.min(now.getTime() - 21 * DAY_MS, createdAt.getTime() + (now.getTime() - createdAt.getTime()) * rng.between(0.3, 0.7));
    const staleSince = new Date(Math.max(createdAt.getTime(), quietFrom));
    const reachedStage = rng.int(1, 4);
    const expectedClose = rng.chance(0.5) ? plannedClose : expectedCloseDate(rng, addDays(clock.today, rng.int(5, 60)));
    return { stage: OPEN_STAGES[reachedStage], reachedStage, closedAt: null, stale: true, activeUntil: staleSince, stageChangedAt: instantBetween(rng, createdAt, staleSince), expectedClose };
  }
  if (rng.chance((0.12 * ageDays) / cycleDays)) {
    const closedAt = closeBy(Math.max(0.1, ageDays * rng.between(0.3, 1)));
    const reachedStage = rng.weighted([[0, 3], [1, 3], [2, 1]] as const);
    return { stage: 'lost', reachedStage, closedAt, stale: false, activeUntil: closedAt, stageChangedAt: closedAt, expectedClose: plannedClose };
  }
  const reachedStage = Math.min(4, Math.floor((ageDays / cycleDays) * 5 * rng.between(0.8, 1.2)));
  const stageChangedAt = reachedStage === 0 ? createdAt : new Date(createdAt.getTime() + (now.getTime() - createdAt.getTime()) * rng.between(0.45, 0.9));
  return { stage: OPEN_STAGES[reachedStage], reachedStage, closedAt: null, stale: false, activeUntil: now, stageChangedAt, expectedClose: plannedClose };
}

function orderLines(ctx: BuildContext, opportunityId: string, products: readonly PricedProduct[], createdAt: Date): Row<'order_lines'>[] {
  const { rng, tenantId } = ctx;
  return rng.sample(products, rng.int(1, Math.min(3, products.length))).map((p) => ({
    id: newId(),
    tenant_id: tenantId,
    opportunity_id: opportunityId,
    product_id: p.id,
    quantity: String(rng.int(...p.quantity)),
    unit_price_cents: p.priceYuan * 100,
    discount_pct: String(rng.pick([0, 0, 5, 8, 10, 12, 15, 20])),
    created_at: createdAt,
  }));
}

/** A line's total in 分: prices are whole yuan and discounts whole percents, so it is exact. */
const lineTotalCents = (line: Row<'order_lines'>): number => (Number(line.unit_price_cents) * Number(line.quantity) * (100 - Number(line.discount_pct))) / 100;

export function buildPipeline(ctx: BuildContext, accounts: readonly DemoAccount[]): DemoPipeline {
  const { rng, clock, tenantId } = ctx;
  const now = clock.now;
  const products: PricedProduct[] = PRODUCTS.map((p) => ({ ...p, id: newId() }));
  const productRows: Row<'products'>[] = products.map((p) => ({ id: p.id, tenant_id: tenantId, sku: p.sku, name: p.name, category: p.category, unit_price_cents: p.priceYuan * 100, created_at: new Date(now.getTime() - 400 * DAY_MS), updated_at: now }));
  const opportunities: DemoOpportunity[] = [];
  const opportunityRows: Row<'opportunities'>[] = [];
  const orderLineRows: Row<'order_lines'>[] = [];
  const latest = now.getTime() - HOUR_MS;
  // a new rep needs two weeks before their first deal
  const earliestFor = (a: DemoAccount) => Math.max(workedSince(clock, a), dayStart(a.owner.hiredOn) + 14 * DAY_MS);
  // bigger customers bring more deals; so does a longer time with an owner who was here all year
  const accountWeights = accounts.map((a) => [a, SIZE_PROFILES[a.size].dealWeight * Math.max(0.05, (latest - earliestFor(a)) / (latest - clock.historyStart))] as const);
  for (let i = 0; i < OPPORTUNITY_COUNT; i++) {
    const account = rng.weighted(accountWeights);
    const owner = account.owner;
    const earliest = earliestFor(account);
    // slightly more deals recently: the business grew over the year
    const createdAt = officeMomentNear(rng, earliest + (latest - earliest) * Math.pow(rng.next(), 0.9), earliest, latest);
    const life = lifecycle(ctx, account, Math.min(0.5, Math.max(0.15, 0.33 * owner.skill)), createdAt);
    const industryProducts = products.filter((p) => p.category === account.industry);
    const id = newId();
    const lines = life.reachedStage >= 3 && rng.chance(0.6) ? orderLines(ctx, id, industryProducts, createdAt) : [];
    const amountCents = lines.length > 0 ? lines.reduce((sum, l) => sum + lineTotalCents(l), 0) : dealAmountCents(rng, account);
    const name = dealName(rng, account, rng.pick(industryProducts));
    orderLineRows.push(...lines);
    opportunities.push({ id, name, account, owner, amountCents, stage: life.stage, reachedStage: life.reachedStage, createdAt, closedAt: life.closedAt, stale: life.stale, activeUntil: life.activeUntil });
    opportunityRows.push({
      id,
      tenant_id: tenantId,
      account_id: account.id,
      name,
      amount_cents: amountCents,
      margin_cents: Math.round(amountCents * rng.between(0.18, 0.45)),
      stage: life.stage,
      expected_close_date: life.expectedClose,
      forecast_category: forecastCategory(rng, life.stage),
      owner_id: owner.id,
      stage_changed_at: life.stageChangedAt,
      closed_at: life.closedAt,
      created_at: createdAt,
      updated_at: life.stageChangedAt,
    });
  }
  return { opportunities, productRows, opportunityRows, orderLineRows };
}
