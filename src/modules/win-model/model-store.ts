// Reading stored model versions and the tenant's model settings.
import type { Tx } from '../../platform/tenancy/context.ts';
import type { StoredModel } from './predictor.ts';
import type { HoldoutMetrics } from './evaluate-model.ts';

export interface ModelVersion {
  id: string;
  version: number;
  kind: 'gbdt' | 'baseline';
  model: StoredModel;
  features: string[];
  trainingRows: number;
  positives: number;
  metrics: HoldoutMetrics | null;
  trigger: string;
  active: boolean;
  createdBy: string | null;
  createdAt: Date;
}

const columns = ['id', 'version', 'kind', 'model', 'features', 'training_rows', 'positives', 'metrics', 'trigger', 'active', 'created_by', 'created_at'] as const;
type Row = { id: string; version: number; kind: string; model: unknown; features: unknown; training_rows: number; positives: number; metrics: unknown; trigger: string; active: boolean; created_by: string | null; created_at: Date };

export const toVersion = (r: Row): ModelVersion => ({
  id: r.id,
  version: r.version,
  kind: r.kind as ModelVersion['kind'],
  model: r.model as StoredModel,
  features: r.features as string[],
  trainingRows: r.training_rows,
  positives: r.positives,
  metrics: (r.metrics as HoldoutMetrics | null) ?? null,
  trigger: r.trigger,
  active: r.active,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export async function activeModel(trx: Tx, tenantId: string): Promise<ModelVersion | null> {
  const row = await trx.selectFrom('win_models').select(columns).where('tenant_id', '=', tenantId).where('active', '=', true).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function modelById(trx: Tx, tenantId: string, id: string): Promise<ModelVersion | null> {
  const row = await trx.selectFrom('win_models').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export const DEFAULT_DROP_ALERT_POINTS = 20;

export async function modelSettings(trx: Tx, tenantId: string): Promise<{ dropAlertPoints: number; competitorWords: string[] }> {
  const row = await trx.selectFrom('win_model_settings').select(['drop_alert_points', 'competitor_words']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return { dropAlertPoints: row?.drop_alert_points ?? DEFAULT_DROP_ALERT_POINTS, competitorWords: (row?.competitor_words as string[] | undefined) ?? [] };
}
