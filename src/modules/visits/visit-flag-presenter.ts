// The one API shape of a visit flag.
import { iso } from '../../platform/http/schemas.ts';
import type { VisitFlagsTable } from '../../platform/db/schema.ts';
import type { Selectable } from 'kysely';

export function presentFlag(r: Selectable<VisitFlagsTable>) {
  return {
    id: r.id,
    rule: r.rule,
    ownerId: r.owner_id,
    visitId: r.visit_id,
    accountId: r.account_id,
    evidence: r.evidence as Record<string, unknown>,
    status: r.status,
    answer: r.answer,
    answeredAt: iso(r.answered_at),
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    outcomeBy: r.outcome_by,
    outcomeAt: iso(r.outcome_at),
    createdAt: iso(r.created_at),
  };
}
