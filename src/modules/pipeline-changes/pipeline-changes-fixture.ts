// A constructed October 2026 of deal histories (tenant time Asia/Shanghai) that touches every
// pipeline-changes bucket, as data: the tests insert it and also classify it in TypeScript.
import type { DealHistory } from './change-buckets.ts';

export interface FixtureDeal {
  key: string;
  /** owned by the second rep (outside the first rep's scope and team) */
  other?: boolean;
  createdAt: string;
  closedAt?: string;
  current: { stage: string; expectedCloseDate: string | null; amount: string };
  changes: { at: string; action: 'opportunity.updated' | 'opportunity.stage_changed'; before: Record<string, string | null>; after: Record<string, string | null> }[];
}

const sep = '2026-09-01T10:00:00+08:00';
const upd = (at: string, before: Record<string, string | null>, after: Record<string, string | null>) => ({ at: `2026-${at}+08:00`, action: 'opportunity.updated' as const, before, after });
const stage = (at: string, from: string, to: string) => ({ at: `2026-${at}+08:00`, action: 'opportunity.stage_changed' as const, before: { stage: from }, after: { stage: to } });

export const october: FixtureDeal[] = [
  { key: 'A stays', createdAt: sep, current: { stage: 'solution', expectedCloseDate: '2026-10-20', amount: '100000.00' }, changes: [] },
  { key: 'B raised', createdAt: sep, current: { stage: 'quoted', expectedCloseDate: '2026-10-25', amount: '250000.00' }, changes: [upd('10-10T11:00:00', { amount: '200000.00' }, { amount: '250000.00' })] },
  {
    key: 'C cut then pushed out',
    createdAt: sep,
    current: { stage: 'negotiation', expectedCloseDate: '2026-11-20', amount: '240000.00' },
    changes: [upd('10-05T09:00:00', { amount: '300000.00' }, { amount: '240000.00' }), upd('10-20T15:00:00', { expectedCloseDate: '2026-10-15' }, { expectedCloseDate: '2026-11-20' })],
  },
  { key: 'D pushed within', createdAt: sep, current: { stage: 'solution', expectedCloseDate: '2026-10-28', amount: '150000.00' }, changes: [upd('10-03T10:00:00', { expectedCloseDate: '2026-10-05' }, { expectedCloseDate: '2026-10-28' })] },
  { key: 'E pulled in', createdAt: sep, current: { stage: 'quoted', expectedCloseDate: '2026-10-30', amount: '80000.00' }, changes: [upd('10-08T10:00:00', { expectedCloseDate: '2026-11-30' }, { expectedCloseDate: '2026-10-30' })] },
  { key: 'F new', createdAt: '2026-10-12T10:00:00+08:00', current: { stage: 'lead', expectedCloseDate: '2026-10-31', amount: '50000.00' }, changes: [] },
  { key: 'G won', createdAt: sep, closedAt: '2026-10-16T16:00:00+08:00', current: { stage: 'won', expectedCloseDate: '2026-10-18', amount: '400000.00' }, changes: [stage('10-16T16:00:00', 'negotiation', 'won')] },
  { key: 'H lost', createdAt: sep, closedAt: '2026-10-21T09:00:00+08:00', current: { stage: 'lost', expectedCloseDate: '2026-10-22', amount: '120000.00' }, changes: [stage('10-21T09:00:00', 'quoted', 'lost')] },
  { key: 'I new and won', createdAt: '2026-10-02T10:00:00+08:00', closedAt: '2026-10-25T10:00:00+08:00', current: { stage: 'won', expectedCloseDate: '2026-11-15', amount: '70000.00' }, changes: [stage('10-25T10:00:00', 'qualified', 'won')] },
  {
    key: 'J changed after the period',
    createdAt: sep,
    current: { stage: 'solution', expectedCloseDate: '2026-12-01', amount: '60000.00' },
    changes: [upd('11-05T10:00:00', { expectedCloseDate: '2026-10-10', amount: '90000.00' }, { expectedCloseDate: '2026-12-01', amount: '60000.00' })],
  },
  { key: 'K outside', createdAt: sep, current: { stage: 'solution', expectedCloseDate: '2026-12-15', amount: '500000.00' }, changes: [] },
  { key: 'L closed before', createdAt: '2026-08-01T10:00:00+08:00', closedAt: '2026-09-15T10:00:00+08:00', current: { stage: 'won', expectedCloseDate: '2026-10-10', amount: '30000.00' }, changes: [] },
  { key: 'M other rep', other: true, createdAt: sep, current: { stage: 'solution', expectedCloseDate: '2026-10-10', amount: '10000.00' }, changes: [] },
];

const cents = (amount: string) => BigInt(amount.replace('.', ''));

/** the same deal as change-buckets.ts sees it */
export function asHistory(d: FixtureDeal): DealHistory {
  const state = (v: Record<string, string | null>) => ({
    ...(v.stage !== undefined ? { stage: v.stage as string } : {}),
    ...(v.expectedCloseDate !== undefined ? { expectedCloseDate: v.expectedCloseDate } : {}),
    ...(v.amount !== undefined && v.amount !== null ? { amountCents: cents(v.amount) } : {}),
  });
  return {
    id: d.key,
    createdAt: new Date(d.createdAt),
    closedAt: d.closedAt ? new Date(d.closedAt) : null,
    current: { stage: d.current.stage, expectedCloseDate: d.current.expectedCloseDate, amountCents: cents(d.current.amount) },
    changes: d.changes.map((c) => ({ at: new Date(c.at), before: state(c.before), after: state(c.after) })),
  };
}

export const OCTOBER = { fromDate: '2026-10-01', toDate: '2026-10-31', start: new Date('2026-10-01T00:00:00+08:00'), end: new Date('2026-11-01T00:00:00+08:00') };
