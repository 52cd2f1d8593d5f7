// The pipeline-changes shapes the API returns (GET /api/pipeline/changes and /deals).
import type { Stage } from '../../api/types.ts';

export const waterfallBuckets = ['start', 'new', 'moved_in', 'amount_up', 'amount_down', 'won', 'lost', 'moved_out', 'end'] as const;
export const bucketKeys = [...waterfallBuckets, 'pushed'] as const;
export type BucketKey = (typeof bucketKeys)[number];
/** how a bucket moves the waterfall: the ends stand on the axis, the rest add or take away */
export const bucketSign: Record<BucketKey, 'total' | 'plus' | 'minus' | 'aside'> = {
  start: 'total',
  new: 'plus',
  moved_in: 'plus',
  amount_up: 'plus',
  amount_down: 'minus',
  won: 'minus',
  lost: 'minus',
  moved_out: 'minus',
  end: 'total',
  pushed: 'aside',
};

export interface PipelineChanges {
  period: { key: string; kind: 'month' | 'quarter'; from: string; to: string; start: string; end: string; running: boolean; timeZone: string };
  buckets: Record<BucketKey, { count: number; amount: string }>;
  balanced: boolean;
}

export interface ChangeDeal {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  ownerName: string | null;
  stage: Stage;
  atStart: { stage: Stage | null; expectedCloseDate: string | null; amount?: string | null };
  atEnd: { stage: Stage; expectedCloseDate: string | null; amount?: string | null };
  amountDelta?: string | null;
  pushed: boolean;
}
