// Reads what the evidence rules and the decay need about a set of deals in one go: each deal's
// forecast columns and last update, and each proof with its date, source and signer.
import { sql, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { localDateAt, type TenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { openStages } from '../pipeline/stages.ts';
import type { ProofFacts } from './evidence-rules.ts';
import type { EvidenceStageKey } from './evidence-stages.ts';

const CHUNK = 1000;
const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export type UpdateKind = 'record' | 'touch' | 'evidence';

export interface DealFacts {
  id: string;
  accountId: string;
  name: string;
  ownerId: string | null;
  amountCents: string;
  currency: string;
  stage: string;
  open: boolean;
  forecastCategory: string;
  closeDate: string | null;
  lastUpdateAt: Date;
  lastUpdateKind: UpdateKind;
  /** the tenant-local day of lastUpdateAt */
  lastUpdateDate: string;
}

/** The deals among `ids` that exist in the tenant, with their last update as decay-curve.ts defines it. */
export async function loadDealFacts(trx: Tx, tenantId: string, clock: TenantClock, now: Date, ids: readonly string[]): Promise<DealFacts[]> {
  const out: DealFacts[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const rows = await trx
      .selectFrom('opportunities as o')
      .select((eb) => [
        'o.id',
        'o.account_id',
        'o.name',
        'o.owner_id',
        'o.amount_cents',
        'o.currency',
        'o.stage',
        'o.forecast_category',
        'o.expected_close_date',
        'o.updated_at',
        eb.selectFrom('activities as x').select(sql<Date | null>`max(x.occurred_at)`.as('m')).whereRef('x.tenant_id', '=', 'o.tenant_id').whereRef('x.opportunity_id', '=', 'o.id').where('x.type', '<>', 'note').where('x.occurred_at', '<=', now).as('last_touch_at'),
        eb.selectFrom('deal_evidence as e').select(sql<Date | null>`max(e.created_at)`.as('m')).whereRef('e.tenant_id', '=', 'o.tenant_id').whereRef('e.opportunity_id', '=', 'o.id').where('e.created_at', '<=', now).as('last_proof_at'),
      ])
      .where('o.tenant_id', '=', tenantId)
      .where(sql<SqlBool>`o.id = any(${part}::uuid[])`)
      .execute();
    for (const r of rows) {
      const candidates: Array<[UpdateKind, Date | null]> = [['record', r.updated_at], ['touch', r.last_touch_at], ['evidence', r.last_proof_at]];
      let [lastUpdateKind, lastUpdateAt] = candidates[0] as [UpdateKind, Date];
      for (const [kind, at] of candidates) if (at && at > lastUpdateAt) [lastUpdateKind, lastUpdateAt] = [kind, at];
      out.push({
        id: r.id,
        accountId: r.account_id,
        name: r.name,
        ownerId: r.owner_id,
        amountCents: r.amount_cents,
        currency: r.currency,
        stage: r.stage,
        open: (openStages as string[]).includes(r.stage),
        forecastCategory: r.forecast_category,
        closeDate: r.expected_close_date,
        lastUpdateAt,
        lastUpdateKind,
        lastUpdateDate: localDateAt(lastUpdateAt, clock.timeZone),
      });
    }
  }
  return out;
}


export interface ProofRow {
  id: string;
  opportunityId: string;
  stage: EvidenceStageKey;
  date: string;
  attachment: { id: string; filename: string; documentType: string } | null;
  activity: { id: string; type: string; subject: string; occurredAt: string } | null;
  documentDate: string | null;
  signer: { contactId: string; name: string; decisionRole: string | null; ofDealAccount: boolean } | null;
  note: string | null;
  addedBy: string | null;
  createdAt: string;
}

/** Every proof of the deals, oldest first, with the date the rules check. */
export async function loadProofs(trx: Tx, tenantId: string, clock: TenantClock, ids: readonly string[]): Promise<ProofRow[]> {
  const out: ProofRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const rows = await trx
      .selectFrom('deal_evidence as e')
      .innerJoin('opportunities as o', (j) => j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.opportunity_id'))
      .leftJoin('attachments as a', (j) => j.onRef('a.tenant_id', '=', 'e.tenant_id').onRef('a.id', '=', 'e.attachment_id'))
      .leftJoin('activities as x', (j) => j.onRef('x.tenant_id', '=', 'e.tenant_id').onRef('x.id', '=', 'e.activity_id'))
      .leftJoin('contacts as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.signer_contact_id'))
      .select([
        'e.id',
        'e.opportunity_id',
        'e.stage',
        'e.attachment_id',
        'e.activity_id',
        'e.document_date',
        'e.note',
        'e.added_by',
        'e.created_at',
        'a.filename',
        'a.document_type',
        'x.type as activity_type',
        'x.subject as activity_subject',
        'x.occurred_at',
        'c.id as signer_id',
        'c.name as signer_name',
        'c.decision_role as signer_role',
        sql<boolean>`c.account_id is not distinct from o.account_id`.as('signer_of_account'),
        sql<string>`to_char(coalesce(e.document_date, (x.occurred_at at time zone ${clock.timeZone})::date), 'YYYY-MM-DD')`.as('proof_date'),
      ])
      .where('e.tenant_id', '=', tenantId)
      .where(sql<SqlBool>`e.opportunity_id = any(${part}::uuid[])`)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        opportunityId: r.opportunity_id,
        stage: r.stage as EvidenceStageKey,
        date: r.proof_date,
        attachment: r.attachment_id ? { id: r.attachment_id, filename: r.filename ?? '', documentType: r.document_type ?? '' } : null,
        activity: r.activity_id ? { id: r.activity_id, type: r.activity_type ?? '', subject: r.activity_subject ?? '', occurredAt: r.occurred_at?.toISOString() ?? '' } : null,
        documentDate: r.document_date,
        signer: r.signer_id ? { contactId: r.signer_id, name: r.signer_name ?? '', decisionRole: r.signer_role, ofDealAccount: r.signer_of_account } : null,
        note: r.note,
        addedBy: r.added_by,
        createdAt: r.created_at.toISOString(),
      });
    }
  }
  return out;
}

export const proofFacts = (p: ProofRow): ProofFacts => ({ id: p.id, stage: p.stage, date: p.date, signer: p.signer });
