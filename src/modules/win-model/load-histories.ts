// Loads what the win model's features are computed from, for a tenant's deals in a few bulk
// queries: the deals with their account, their audit history (stage moves, edits), touches,
// notes, the account's contacts and their role edits, order lines, annotations and owners.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadWarningSettings } from '../deal-warnings/warning-settings.ts';
import { competitorTerms } from '../competitors/competitor-list.ts';
import type { ChangeEntry, DealHistory, FeatureContext, OwnerRecord } from './deal-features.ts';

export interface LoadedHistories {
  histories: DealHistory[];
  context: FeatureContext;
}

const image = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** `which`: 'closed' (training), 'open' (scoring) or a list of deal ids. */
export async function loadHistories(trx: Tx, tenantId: string, which: 'closed' | 'open' | string[]): Promise<LoadedHistories> {
  let dq = trx
    .selectFrom('opportunities as o')
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'o.account_id').onRef('a.tenant_id', '=', 'o.tenant_id'))
    .select(['o.id', 'o.owner_id', 'o.created_at', 'o.stage', 'o.amount_cents', 'o.expected_close_date', 'o.closed_at', 'o.account_id', 'a.industry', 'a.size', 'a.billing_model', 'a.region'])
    .where('o.tenant_id', '=', tenantId);
  if (which === 'closed') dq = dq.where('o.stage', 'in', ['won', 'lost']).where('o.closed_at', 'is not', null);
  else if (which === 'open') dq = dq.where('o.stage', 'not in', ['won', 'lost']);
  else dq = which.length ? dq.where('o.id', 'in', which) : dq.where(sql<boolean>`false`);
  const deals = await dq.orderBy('o.id').execute();
  const ids = deals.map((d) => d.id);
  const accountIds = [...new Set(deals.map((d) => d.account_id))];
  // a short list is filtered in the database; a tenant's whole book is read once and matched here
  const few = ids.length > 0 && ids.length <= 500;
  const idSet = new Set(ids);
  const none = ids.length === 0;

  const changes = new Map<string, ChangeEntry[]>();
  const contactChanges = new Map<string, ChangeEntry[]>();
  const touches = new Map<string, DealHistory['touches']>();
  const notes = new Map<string, DealHistory['notes']>();
  const contacts = new Map<string, DealHistory['contacts']>();
  const lines = new Map<string, DealHistory['lines']>();
  const annotations = new Map<string, DealHistory['annotations']>();
  if (!none) {
    let cq = trx.selectFrom('contacts').select(['id', 'account_id', 'created_at', 'decision_role']).where('tenant_id', '=', tenantId).where('account_id', 'is not', null);
    if (few) cq = cq.where('account_id', 'in', accountIds);
    const contactRows = await cq.execute();
    const contactIds = contactRows.map((r) => r.id);

    let aq = trx
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'action', 'before', 'after', 'at'])
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb.and([eb('entity', '=', 'opportunities'), eb('action', 'in', ['opportunity.stage_changed', 'opportunity.updated'])]), eb.and([eb('entity', '=', 'contacts'), eb('action', '=', 'contact.updated')])]));
    if (few) aq = aq.where('entity_id', 'in', [...ids, ...contactIds]);
    for (const r of await aq.orderBy('at').orderBy('seq').execute()) {
      if (!r.entity_id) continue;
      const entry = { at: r.at, action: r.action, before: image(r.before), after: image(r.after) };
      if (r.entity === 'contacts') push(contactChanges, r.entity_id, entry);
      else if (idSet.has(r.entity_id)) push(changes, r.entity_id, entry);
    }

    for (const r of contactRows) {
      if (r.account_id) push(contacts, r.account_id, { id: r.id, createdAt: r.created_at, decisionRole: r.decision_role, changes: contactChanges.get(r.id) ?? [] });
    }

    let tq = trx
      .selectFrom('activities')
      .select(['opportunity_id', 'occurred_at', 'type', 'subject', 'body', 'mood', 'contact_ids'])
      .where('tenant_id', '=', tenantId)
      .where('opportunity_id', 'is not', null);
    if (few) tq = tq.where('opportunity_id', 'in', ids);
    for (const r of await tq.execute()) {
      if (!r.opportunity_id || !idSet.has(r.opportunity_id)) continue;
      push(touches, r.opportunity_id, { at: r.occurred_at, type: r.type, text: `${r.subject} ${r.body ?? ''}`, mood: r.mood, contactIds: r.contact_ids });
    }

    let nq = trx.selectFrom('notes').select(['entity_id', 'body', 'created_at']).where('tenant_id', '=', tenantId).where('entity', '=', 'opportunities');
    if (few) nq = nq.where('entity_id', 'in', ids);
    for (const r of await nq.execute()) if (idSet.has(r.entity_id)) push(notes, r.entity_id, { at: r.created_at, text: r.body });

    let lq = trx
      .selectFrom('order_lines as l')
      .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'l.product_id').onRef('p.tenant_id', '=', 'l.tenant_id'))
      .select(['l.opportunity_id', 'l.created_at', 'p.category', sql<number>`(l.unit_price_cents * l.quantity * (100 - l.discount_pct) / 100)::float8`.as('total')])
      .where('l.tenant_id', '=', tenantId);
    if (few) lq = lq.where('l.opportunity_id', 'in', ids);
    for (const r of await lq.execute()) if (idSet.has(r.opportunity_id)) push(lines, r.opportunity_id, { createdAt: r.created_at, category: r.category, totalCents: Number(r.total) });

    let nnq = trx.selectFrom('win_annotations').select(['opportunity_id', 'created_at', 'category', 'direction']).where('tenant_id', '=', tenantId);
    if (few) nnq = nnq.where('opportunity_id', 'in', ids);
    for (const r of await nnq.orderBy('created_at').execute()) if (idSet.has(r.opportunity_id)) push(annotations, r.opportunity_id, { at: r.created_at, category: r.category, direction: r.direction });
  }

  const owners = new Map<string, OwnerRecord>();
  const users = await trx.selectFrom('users').select(['id', 'hired_on']).where('tenant_id', '=', tenantId).execute();
  for (const u of users) owners.set(u.id, { hiredOn: u.hired_on ? new Date(`${u.hired_on}T00:00:00Z`) : null, closed: [] });
  const closed = await trx.selectFrom('opportunities').select(['owner_id', 'closed_at', 'stage']).where('tenant_id', '=', tenantId).where('stage', 'in', ['won', 'lost']).where('closed_at', 'is not', null).execute();
  for (const c of closed) if (c.owner_id && c.closed_at) owners.get(c.owner_id)?.closed.push({ closedAt: c.closed_at, won: c.stage === 'won' });

  // the tenant's one competitor list (kept in the deal-warning settings), plus the words the win model's own settings add
  const settings = await trx.selectFrom('win_model_settings').select('competitor_words').where('tenant_id', '=', tenantId).executeTakeFirst();
  const own = Array.isArray(settings?.competitor_words) ? (settings.competitor_words as unknown[]).filter((w): w is string => typeof w === 'string') : [];
  const listed = (await loadWarningSettings(trx, tenantId)).competitors;
  const named = new Set(competitorTerms(listed).map((w) => w.toLowerCase()));
  const competitors = [...listed, ...[...new Set(own)].filter((w) => !named.has(w.toLowerCase())).map((name) => ({ name, aliases: [] }))];

  const histories = deals.map(
    (d): DealHistory => ({
      deal: {
        id: d.id,
        ownerId: d.owner_id,
        createdAt: d.created_at,
        stage: d.stage,
        amountCents: Number(d.amount_cents),
        expectedCloseDate: d.expected_close_date === null ? null : String(d.expected_close_date).slice(0, 10),
        closedAt: d.closed_at,
        industry: d.industry,
        size: d.size,
        billingModel: d.billing_model,
        region: d.region,
      },
      changes: changes.get(d.id) ?? [],
      touches: touches.get(d.id) ?? [],
      notes: notes.get(d.id) ?? [],
      contacts: contacts.get(d.account_id) ?? [],
      lines: lines.get(d.id) ?? [],
      annotations: annotations.get(d.id) ?? [],
    }),
  );
  return { histories, context: { owners, competitors } };
}
