// About 20,000 customer touches over the year: most along a deal's life (denser as it heats up),
// the rest keeping existing customers warm; each logged minutes to hours after it happened.
import { DAY_MS, officeMomentNear } from './demo-calendar.ts';
import type { BuildContext, DemoAccount, DemoContact, DemoOpportunity, DemoUser, Row } from './demo-model.ts';
import { CARE_SUBJECTS, FINDINGS, LOST_SUBJECTS, NEXT_STEPS, PROSPECT_SUBJECTS, STAGE_SUBJECTS, WON_SUBJECTS, type ActivityType, type Mood } from './demo-phrases.ts';
import type { Random } from './demo-random.ts';
import { workedSince } from './seed-accounts.ts';
import { recordedFrom } from './seed-pipeline.ts';
import { newId } from '../../platform/ids.ts';

export const DEAL_ACTIVITY_BUDGET = 16_500;
export const CARE_ACTIVITY_BUDGET = 3_500;
const MINUTE_MS = 60_000;

const EARLY_TYPES = [['call', 30], ['wechat', 35], ['email', 15], ['visit', 12], ['meeting', 3], ['note', 5]] as const;
const LATE_TYPES = [['call', 20], ['wechat', 30], ['email', 10], ['visit', 22], ['meeting', 13], ['note', 5]] as const;
const CARE_TYPES = [['call', 30], ['wechat', 35], ['visit', 20], ['email', 10], ['meeting', 5]] as const;

const MOODS: Record<'won' | 'lost' | 'open' | 'stale' | 'care', readonly (readonly [Mood, number])[]> = {
  won: [['positive', 45], ['neutral', 40], ['hesitant', 15]],
  lost: [['positive', 10], ['neutral', 35], ['hesitant', 35], ['negative', 20]],
  open: [['positive', 30], ['neutral', 45], ['hesitant', 20], ['negative', 5]],
  stale: [['positive', 10], ['neutral', 40], ['hesitant', 40], ['negative', 10]],
  care: [['positive', 35], ['neutral', 50], ['hesitant', 12], ['negative', 3]],
};

/** Logged soon after most touches, hours later for some, the next morning for a few. */
function loggedAfter(rng: Random, occurredAt: Date, now: Date): Date {
  const delayMinutes = rng.weighted([[rng.int(3, 60), 6], [rng.int(60, 360), 3], [rng.int(15 * 60, 40 * 60), 1]] as const);
  return new Date(Math.min(now.getTime(), occurredAt.getTime() + delayMinutes * MINUTE_MS));
}

function body(rng: Random, type: ActivityType, mood: Mood, contact: DemoContact | undefined): string {
  const finding = rng.pick(FINDINGS[mood]);
  if (type === 'note' || !contact) return `${finding}。下一步：${rng.pick(NEXT_STEPS)}。`;
  return `${contact.name}（${contact.title}）${finding}，下一步${rng.pick(NEXT_STEPS)}。`;
}

interface Touch {
  account: DemoAccount;
  owner: DemoUser;
  opportunityId: string | null;
  occurredAt: Date;
  type: ActivityType;
  subject: string;
  mood: Mood;
}

function toRow(ctx: BuildContext, t: Touch): Row<'activities'> {
  const { rng, clock, tenantId } = ctx;
  const contacts = t.type === 'note' ? [] : rng.sample(t.account.contacts, (t.type === 'visit' || t.type === 'meeting') && rng.chance(0.4) ? 2 : 1);
  const loggedAt = loggedAfter(rng, t.occurredAt, clock.now);
  return {
    id: newId(),
    tenant_id: tenantId,
    type: t.type,
    occurred_at: t.occurredAt,
    logged_at: loggedAt,
    subject: t.subject,
    body: body(rng, t.type, t.mood, contacts[0]),
    mood: t.type === 'note' ? null : t.mood,
    account_id: t.account.id,
    opportunity_id: t.opportunityId,
    contact_ids: contacts.map((c) => c.id),
    owner_id: t.owner.id,
    created_at: loggedAt,
    updated_at: loggedAt,
  };
}

function dealTouches(ctx: BuildContext, deal: DemoOpportunity, count: number, managerOf: (rep: DemoUser) => DemoUser): Touch[] {
  const { rng, clock } = ctx;
  const start = recordedFrom(clock, deal);
  const end = deal.activeUntil.getTime();
  const outcome = deal.stage === 'won' || deal.stage === 'lost' ? deal.stage : deal.stale ? 'stale' : 'open';
  const touches: Touch[] = [];
  for (let k = 0; k < count; k++) {
    const closing = k === count - 1 && (deal.stage === 'won' || deal.stage === 'lost');
    // later in the deal, more touches: skew the position towards the end
    const position = closing ? 1 : Math.pow(rng.next(), 0.8);
    const stageThen = Math.min(deal.reachedStage, Math.floor(position * (deal.reachedStage + 1)));
    const type: ActivityType = rng.weighted(stageThen >= 2 ? LATE_TYPES : EARLY_TYPES);
    const subject = closing ? rng.pick(deal.stage === 'won' ? WON_SUBJECTS : LOST_SUBJECTS) : rng.pick(STAGE_SUBJECTS[stageThen]);
    const jointVisit = (type === 'visit' || type === 'meeting') && rng.chance(0.08);
    touches.push({
      account: deal.account,
      owner: jointVisit ? managerOf(deal.owner) : deal.owner,
      opportunityId: deal.id,
      occurredAt: officeMomentNear(rng, start + (end - start) * position, start, end),
      type,
      subject,
      mood: closing && deal.stage === 'won' ? 'positive' : rng.weighted(MOODS[outcome]),
    });
  }
  return touches;
}

function careTouch(ctx: BuildContext, account: DemoAccount, customer: boolean): Touch {
  const { rng, clock } = ctx;
  const now = clock.now.getTime();
  const from = workedSince(clock, account);
  return {
    account,
    owner: account.owner,
    opportunityId: null,
    // account care fills the early months, before this year's deals ramp up
    occurredAt: officeMomentNear(rng, from + (now - from) * Math.pow(rng.next(), 1.6), from, now),
    type: rng.weighted(CARE_TYPES),
    subject: rng.pick(customer ? CARE_SUBJECTS : PROSPECT_SUBJECTS),
    mood: rng.weighted(MOODS.care),
  };
}

export function buildActivities(ctx: BuildContext, deals: readonly DemoOpportunity[], accounts: readonly DemoAccount[], managerOf: (rep: DemoUser) => DemoUser): Row<'activities'>[] {
  const { rng, clock } = ctx;
  // a deal already quiet when the history begins has no touches on record
  const activeDays = (d: DemoOpportunity) => (d.activeUntil.getTime() <= recordedFrom(clock, d) ? 0 : Math.max(0.5, (d.activeUntil.getTime() - recordedFrom(clock, d)) / DAY_MS));
  const perDay = DEAL_ACTIVITY_BUDGET / deals.reduce((sum, d) => sum + activeDays(d), 0);
  const rows: Row<'activities'>[] = [];
  for (const deal of deals) {
    const count = activeDays(deal) === 0 ? 0 : Math.max(1, Math.round(activeDays(deal) * perDay * rng.between(0.6, 1.4)));
    for (const touch of dealTouches(ctx, deal, count, managerOf)) rows.push(toRow(ctx, touch));
  }
  const wonAccounts = new Set(deals.filter((d) => d.stage === 'won').map((d) => d.account.id));
  const isCustomer = (a: DemoAccount) => wonAccounts.has(a.id) || a.createdAt.getTime() < clock.historyStart;
  const weights = accounts.map((a) => [a, isCustomer(a) ? 4 : 1] as const);
  for (let i = 0; i < CARE_ACTIVITY_BUDGET; i++) {
    const account = rng.weighted(weights);
    rows.push(toRow(ctx, careTouch(ctx, account, isCustomer(account))));
  }
  return rows;
}
