// The 18:00 job's use case: one digest per seller and tenant-local date, written by the
// configured model (or offline), ledgered as a 'daily_digest' suggestion. Running it again for
// the same date adds only the missing digests.
import { sql } from 'kysely';
import type { AppDeps } from '../../platform/http/deps.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { recordSuggestion } from '../../platform/llm/ledger.ts';
import { OfflineProvider } from '../../platform/llm/provider.ts';
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';
import { loadSellerDays, loadSellers, tenantDayWindow, type SellerDay } from './digest-day.ts';
import { digestRequest, offlineDigest } from './compose-digest.ts';

export const DIGEST_FEATURE = 'daily_digest';

export interface DigestRun {
  created: number;
  /** sellers who already had their digest for the date */
  existing: number;
  /** sellers with nothing recorded that day (no digest is written for them) */
  quiet: number;
}

async function compose(deps: Pick<AppDeps, 'llm'>, day: SellerDay, dayEnd: Date) {
  const request = digestRequest(day, dayEnd);
  const completion = deps.llm instanceof OfflineProvider ? null : await deps.llm.complete(request);
  // the fallback provider answers offline when the model fails: the structured offline digest reads better than its generic extract
  if (!completion || completion.offline) return { request, text: offlineDigest(day, dayEnd), provider: 'offline', model: null };
  return { request, text: completion.text.trim(), provider: 'openai-compatible', model: completion.provider };
}

async function writeDigest(deps: Pick<AppDeps, 'db' | 'llm'>, tenantId: string, localDate: string, day: SellerDay, dayEnd: Date): Promise<boolean> {
  const digest = await compose(deps, day, dayEnd);
  const ctx: RequestContext = { tenantId, actor: { userId: day.seller.id, role: day.seller.role, teamId: day.seller.teamId } };
  return inTenant(deps.db.kysely, tenantId, async (trx) => {
    // one writer per seller and date, whichever instance or retry runs the job
    await sql`select pg_advisory_xact_lock(hashtext(${`digest:${tenantId}:${day.seller.id}:${localDate}`}))`.execute(trx);
    const exists = await trx.selectFrom('daily_digests').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', day.seller.id).where('local_date', '=', localDate).executeTakeFirst();
    if (exists) return false;
    const sources = { touchIds: day.touches.map((t) => t.id), noteIds: day.notes.map((n) => n.id), taskIds: day.tasks.map((t) => t.id) };
    const suggestion = await recordSuggestion(trx, ctx, {
      feature: DIGEST_FEATURE,
      provider: digest.provider,
      model: digest.model,
      inputs: { date: localDate, userId: day.seller.id, sources, messages: digest.request.messages },
      output: { text: digest.text },
    });
    const id = newId();
    await trx
      .insertInto('daily_digests')
      .values({ id, tenant_id: tenantId, user_id: day.seller.id, local_date: localDate, suggestion_id: suggestion.id, text: digest.text, sources: JSON.stringify(sources), updated_at: new Date() })
      .execute();
    await recordEvent(trx, ctx, { type: 'digest.created', entity: 'daily_digests', entityId: id, after: { userId: day.seller.id, date: localDate, provider: digest.provider } });
    return true;
  });
}

/** Writes the missing digests of a tenant-local date; `concurrency` digests are composed at once (model calls are slow). */
export async function generateDailyDigests(deps: Pick<AppDeps, 'db' | 'llm'>, tenantId: string, localDate: string, concurrency = 4): Promise<DigestRun> {
  const { days, window, existing, total } = await inTenant(deps.db.kysely, tenantId, async (trx) => {
    const window = await tenantDayWindow(trx, tenantId, localDate);
    const done = new Set((await trx.selectFrom('daily_digests').select('user_id').where('tenant_id', '=', tenantId).where('local_date', '=', localDate).execute()).map((r) => r.user_id));
    const sellers = await loadSellers(trx, tenantId);
    const pending = sellers.filter((s) => !done.has(s.id));
    return { days: await loadSellerDays(trx, tenantId, window, pending), window, existing: sellers.length - pending.length, total: sellers.length };
  });
  let created = 0;
  let next = 0;
  const worker = async () => {
    while (next < days.length) {
      const day = days[next++];
      if (await writeDigest(deps, tenantId, localDate, day, window.end)) created++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, days.length) }, worker));
  return { created, existing, quiet: total - existing - days.length };
}
