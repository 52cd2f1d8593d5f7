// The account/opportunity the user looked at last, so the quick-log links a touch to it without a search.
export interface LastContext {
  accountId: string;
  accountName: string;
  opportunityId?: string;
  opportunityName?: string;
  at: number;
}

const KEY = 'sightline.lastContext';

export function rememberContext(context: Omit<LastContext, 'at'>): void {
  localStorage.setItem(KEY, JSON.stringify({ ...context, at: Date.now() }));
}

export function lastContext(): LastContext | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as LastContext | null;
    return value && typeof value.accountId === 'string' ? value : null;
  } catch {
    return null;
  }
}
