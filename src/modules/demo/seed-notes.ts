// Notes on customers, deals and contacts: internal ones (tactics, the decision chain) and
// shareable ones (meeting minutes the customer may see).
import { officeInstantBetween } from './demo-calendar.ts';
import type { BuildContext, DemoAccount, DemoOpportunity, DemoUser, Row } from './demo-model.ts';
import { fill, INTERNAL_NOTES, SHAREABLE_NOTES } from './demo-phrases.ts';
import { workedSince } from './seed-accounts.ts';
import { recordedFrom } from './seed-pipeline.ts';
import { newId } from '../../platform/ids.ts';

interface NoteTarget {
  entity: 'accounts' | 'opportunities' | 'contacts';
  entityId: string;
  account: DemoAccount;
  author: DemoUser;
  from: Date;
  to: Date;
}

function noteRow(ctx: BuildContext, t: NoteTarget): Row<'notes'> {
  const { rng, tenantId } = ctx;
  const shareable = t.entity !== 'contacts' && rng.chance(0.3);
  const at = officeInstantBetween(rng, t.from, t.to);
  return {
    id: newId(),
    tenant_id: tenantId,
    entity: t.entity,
    entity_id: t.entityId,
    body: fill(rng.pick(shareable ? SHAREABLE_NOTES : INTERNAL_NOTES), { contact: rng.pick(t.account.contacts).name }),
    visibility: shareable ? 'shareable' : 'internal',
    author_id: t.author.id,
    created_at: at,
    updated_at: at,
  };
}

export function buildNotes(ctx: BuildContext, accounts: readonly DemoAccount[], deals: readonly DemoOpportunity[]): Row<'notes'>[] {
  const { rng, clock } = ctx;
  const targets: NoteTarget[] = [];
  for (const account of accounts) {
    const from = new Date(workedSince(clock, account));
    const base = { account, author: account.owner, from, to: clock.now };
    if (rng.chance(0.6)) for (let i = rng.int(1, 3); i > 0; i--) targets.push({ ...base, entity: 'accounts', entityId: account.id });
    for (const contact of account.contacts) if (rng.chance(0.12)) targets.push({ ...base, entity: 'contacts', entityId: contact.id });
  }
  for (const deal of deals) {
    if (!rng.chance(0.45) || deal.activeUntil.getTime() <= recordedFrom(clock, deal)) continue;
    for (let i = rng.int(1, 2); i > 0; i--) targets.push({ entity: 'opportunities', entityId: deal.id, account: deal.account, author: deal.owner, from: new Date(recordedFrom(clock, deal)), to: deal.activeUntil });
  }
  return targets.map((t) => noteRow(ctx, t));
}
