// Demo products and twelve months of opportunities (商机), with the pipeline already running when
// they begin: each deal's outcome and close moment drawn first, closed once that moment has passed,
// else at the stage its age reached; amounts in 分 with a long tail, expected close dates bunched
// at month end (pushed when the deal slipped), some order lines.
import { addDays, DAY_MS, dayStart, endOfMonth, endOfQuarter, instantBetween, localDate, nextWorkday, officeMomentNear, type Clock } from './demo-calendar.ts';
import { INDUSTRY_PROFILES, OPEN_STAGES, PRODUCTS, SIZE_PROFILES, type DemoProduct, type Stage } from './demo-catalog.ts';
import type { BuildContext, DemoAccount, DemoOpportunity, Row } from './demo-model.ts';
import type { Random } from './demo-random.ts';
import { dealCreationRate, MAX_CREATION_RATE, seasonalClose } from './demo-seasons.ts';
import { newId } from '../../platform/ids.ts';

export const OPPORTUNITY_COUNT = 1500;
/** how far before the history deals open then may have been created: the longest cycle, slipped */
const PRE_HISTORY_DAYS = 240;
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

/** From when a deal's touches and notes are on record: its creation, or the start of the history for a deal already open then. */
export const recordedFrom = (clock: Clock, deal: DemoOpportunity): number => Math.max(clock.historyStart, deal.createdAt.getTime());

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
  /** the close date first planned, when the deal slipped past it */
  slippedFrom: string | null;
}

/** How a deal will end, decided when it is created: the outcome, how far it gets, and when. */
interface Fate {
  won: boolean;
  /** the furthest open stage it reaches */
  reachedStage: number;
  closeAt: number;
  plannedCloseAt: number;
  /** when nobody touches it any more (a deal left to die, cleaned out as lost months later) */
  quietFrom: number | null;
  slipped: boolean;
}

/** A tenth go quiet and are cleaned out later; of the rest, wins near the cycle, losses early or late; a share of both slip. */
function fate(rng: Random, account: DemoAccount, winRate: number, created: number): Fate {
  const [shortest, longest] = SIZE_PROFILES[account.size].cycleDays;
  const cycle = rng.int(shortest, longest) * DAY_MS;
  const plannedCloseAt = created + cycle;
  const at = (lo: number, hi: number) => created + cycle * rng.between(lo, hi);
  const slip = (p: number, point: number) => (rng.chance(p) ? { closeAt: point + cycle * rng.between(0.2, 0.8), slipped: true } : { closeAt: point, slipped: false });
  let f: Fate;
  if (rng.chance(0.1)) {
    const quietFrom = at(0.3, 0.9);
    f = { won: false, reachedStage: rng.int(1, 3), closeAt: quietFrom + rng.int(45, 150) * DAY_MS, plannedCloseAt, quietFrom, slipped: true };
  } else if (rng.chance(winRate)) {
    f = { won: true, reachedStage: 4, plannedCloseAt, quietFrom: null, ...slip(0.25, at(0.8, 1.15)) };
  } else if (rng.chance(0.35)) {
    // lost early: no budget, no fit, a competitor already in
    f = { won: false, reachedStage: rng.weighted([[0, 3], [1, 3], [2, 1]] as const), closeAt: at(0.1, 0.5), plannedCloseAt, quietFrom: null, slipped: false };
  } else {
    f = { won: false, reachedStage: rng.weighted([[1, 2], [2, 3], [3, 3], [4, 2]] as const), plannedCloseAt, quietFrom: null, ...slip(0.3, at(0.5, 1.1)) };
  }
  return { ...f, closeAt: seasonalClose(rng, f.closeAt, created + cycle * 0.5) };
}

/** Where a deal created at `createdAt` stands now: closed once its close moment has passed, else as far along as its age says. */
function lifecycle(ctx: BuildContext, account: DemoAccount, winRate: number, createdAt: Date): Lifecycle {
  const { rng, clock } = ctx;
  const now = clock.now.getTime();
  const created = createdAt.getTime();
  const f = fate(rng, account, winRate, created);
  const plannedClose = expectedCloseDate(rng, localDate(new Date(f.plannedCloseAt)));
  const closedAt = officeMomentNear(rng, f.closeAt, created + HOUR_MS, f.closeAt + 3 * DAY_MS);
  // a slipped deal's close date was pushed to where it really closes
  const pushedClose = f.slipped ? expectedCloseDate(rng, localDate(new Date(Math.max(f.closeAt, f.plannedCloseAt)))) : plannedClose;
  const slippedFrom = pushedClose > plannedClose ? plannedClose : null;
  if (closedAt.getTime() < now - HOUR_MS) {
    return { stage: f.won ? 'won' : 'lost', reachedStage: f.reachedStage, closedAt, stale: false, activeUntil: closedAt, stageChangedAt: closedAt, expectedClose: pushedClose, slippedFrom };
  }
  if (f.quietFrom !== null && f.quietFrom < now) {
    // slipping: still open, untouched for weeks, the close date passed or pushed out
    const staleSince = new Date(f.quietFrom);
    const expectedClose = rng.chance(0.5) ? plannedClose : expectedCloseDate(rng, addDays(clock.today, rng.int(5, 60)));
    return { stage: OPEN_STAGES[f.reachedStage], reachedStage: f.reachedStage, closedAt: null, stale: true, activeUntil: staleSince, stageChangedAt: instantBetween(rng, createdAt, staleSince), expectedClose, slippedFrom: expectedClose > plannedClose ? plannedClose : null };
  }
  // still open: the stage its age reached on the way to its last one (the early stages go fast,
  // the last takes longest); a slipped deal past its date often still shows it
  const progress = (now - created) / Math.max(HOUR_MS, f.closeAt - created);
  const reachedStage = Math.min(f.reachedStage, Math.floor(Math.pow(progress, 0.75) * (f.reachedStage + 1) * rng.between(0.9, 1.1)));
  const stageChangedAt = reachedStage === 0 ? createdAt : new Date(created + (now - created) * rng.between(0.45, 0.9));
  const overdueShown = f.slipped && f.plannedCloseAt < now && rng.chance(0.7);
  const expectedClose = overdueShown ? plannedClose : pushedClose;
  return { stage: OPEN_STAGES[reachedStage], reachedStage, closedAt: null, stale: false, activeUntil: clock.now, stageChangedAt, expectedClose, slippedFrom: expectedClose > plannedClose ? plannedClose : null };
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
  // the pipeline was already running when the twelve months begin: deals from before then that were still open
  const from = clock.historyStart - PRE_HISTORY_DAYS * DAY_MS;
  // a new rep needs two weeks before their first deal
  const earliestFor = (a: DemoAccount) => Math.max(from, a.createdAt.getTime(), dayStart(a.owner.hiredOn) + 14 * DAY_MS);
  while (opportunities.length < OPPORTUNITY_COUNT) {
    const point = from + (latest - from) * rng.next();
    if (rng.next() * MAX_CREATION_RATE > dealCreationRate(point, from, latest)) continue;
    // bigger customers bring more deals; customers and reps bring none before they are here
    const open = accounts.filter((a) => earliestFor(a) <= point);
    if (open.length === 0) continue;
    const account = rng.weighted(open.map((a) => [a, SIZE_PROFILES[a.size].dealWeight] as const));
    const owner = account.owner;
    const createdAt = officeMomentNear(rng, point, earliestFor(account), latest);
    const life = lifecycle(ctx, account, Math.min(0.5, Math.max(0.15, 0.33 * owner.skill)), createdAt);
    // deals that closed before the history begins are not in it
    if (life.closedAt && life.closedAt.getTime() < clock.historyStart) continue;
    const industryProducts = products.filter((p) => p.category === account.industry);
    const id = newId();
    const lines = life.reachedStage >= 3 && rng.chance(0.6) ? orderLines(ctx, id, industryProducts, createdAt) : [];
    const amountCents = lines.length > 0 ? lines.reduce((sum, l) => sum + lineTotalCents(l), 0) : dealAmountCents(rng, account);
    const name = dealName(rng, account, rng.pick(industryProducts));
    orderLineRows.push(...lines);
    opportunities.push({ id, name, account, owner, amountCents, stage: life.stage, reachedStage: life.reachedStage, createdAt, closedAt: life.closedAt, stale: life.stale, activeUntil: life.activeUntil, slippedFrom: life.slippedFrom });
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
