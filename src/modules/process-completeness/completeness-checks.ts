// The three process checks on an open opportunity, as SQL over the deal row `o`, so the
// dashboard counts and the drill-down list apply one definition:
// - touch14: a customer touch (an activity other than a plain note) linked to the deal that
//   happened in the last 14 days (not in the future);
// - decision_maker: a contact of the deal's account has decision_role 'decision_maker';
// - competition: a note on the deal, written or updated in the last 30 days, that mentions the
//   competition — 竞争, 竞品, 竞对, 友商, competitor, competition, competitive — which also covers
//   tags written in the text such as #竞品 or #competition.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';

export const checkKeys = ['touch14', 'decision_maker', 'competition'] as const;
export type CheckKey = (typeof checkKeys)[number];
export const checkSchema = z.enum(checkKeys);

export const TOUCH_DAYS = 14;
export const COMPETITION_NOTE_DAYS = 30;
export const competitionPattern = '(竞争|竞品|竞对|友商|competitor|competition|competitive)';

export const checkDefinitions: Record<CheckKey, string> = {
  touch14: `a touch (activity other than a note) on the deal in the last ${TOUCH_DAYS} days`,
  decision_maker: "a contact of the deal's account with decision_role decision_maker",
  competition: `a note on the deal updated in the last ${COMPETITION_NOTE_DAYS} days mentioning 竞争/竞品/竞对/友商/competitor/competition (or tagged so, e.g. #竞品)`,
};

export function checkSql(check: CheckKey): RawBuilder<SqlBool> {
  if (check === 'touch14') {
    return sql<SqlBool>`exists (select 1 from activities x where x.tenant_id = o.tenant_id and x.opportunity_id = o.id and x.type <> 'note'
      and x.occurred_at > now() - make_interval(days => ${TOUCH_DAYS}) and x.occurred_at <= now())`;
  }
  if (check === 'decision_maker') {
    return sql<SqlBool>`exists (select 1 from contacts k where k.tenant_id = o.tenant_id and k.account_id = o.account_id and k.decision_role = 'decision_maker')`;
  }
  return sql<SqlBool>`exists (select 1 from notes n where n.tenant_id = o.tenant_id and n.entity = 'opportunities' and n.entity_id = o.id
    and n.updated_at > now() - make_interval(days => ${COMPETITION_NOTE_DAYS}) and n.body ~* ${competitionPattern})`;
}
