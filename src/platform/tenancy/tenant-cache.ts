// A short-lived in-process cache of per-tenant metadata (field policies, custom field
// definitions) read on every request. Writes on this instance invalidate it at once (via
// recordEvent); other instances see a change within TTL_MS.
export const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
const store = new Map<string, { at: number; value: Promise<unknown> }>();

export async function cachedForTenant<T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
  const k = `${tenantId}:${key}`;
  const hit = store.get(k);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  if (store.size >= MAX_ENTRIES) store.clear();
  const value = load();
  store.set(k, { at: now, value });
  value.catch(() => store.delete(k));
  return value;
}

export function invalidateTenantCache(tenantId: string): void {
  const prefix = `${tenantId}:`;
  for (const k of store.keys()) if (k.startsWith(prefix)) store.delete(k);
}

/** Record types whose changes invalidate the cache. */
export const cachedEntities = new Set(['custom_fields', 'field_policies', 'pipeline_settings']);
