// Root-cause tags for a forecast deviation, PROPOSED from the deal's timeline with the evidence
// quoted (the rep who owns the deal confirms or changes them): close date pushed again and again
// → 客户决策延迟; a competitor named in touches or notes → 竞对突袭; owner changed, or no touch for
// weeks → 内部资源错配. Pure: takes the timeline, returns proposals.
import { GENERIC_COMPETITOR_WORDS } from '../competitors/competitor-list.ts';

export const builtinTags = [
  { key: 'customer_decision_delay', label: '客户决策延迟', labelEn: 'Customer decision delayed' },
  { key: 'internal_resource_mismatch', label: '内部资源错配', labelEn: 'Internal resource mismatch' },
  { key: 'competitor_ambush', label: '竞对突袭', labelEn: 'Competitor ambush' },
] as const;
export type BuiltinTag = (typeof builtinTags)[number]['key'];

export interface Timeline {
  closeDateChanges: { at: Date; from: string | null; to: string | null }[];
  ownerChanges: { at: Date; from: string | null; to: string | null }[];
  /** touches and notes, with their text */
  entries: { at: Date; kind: 'activity' | 'note'; text: string }[];
  /** the window the deviation is about: the period, up to its end */
  until: Date;
}

export interface Proposal {
  tag: BuiltinTag;
  evidence: string[];
}

export const PUSHES_FOR_DELAY = 2;
export const QUIET_DAYS = 21;
// the shared words that point to a competitor (the tenant's named competitors are not read here yet)
const COMPETITOR_RE = new RegExp(`(${[...GENERIC_COMPETITOR_WORDS, 'rival'].join('|')})`, 'i');
const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

export function proposeRootCauses(t: Timeline): Proposal[] {
  const out: Proposal[] = [];
  const pushes = t.closeDateChanges.filter((c) => c.from !== null && c.to !== null && c.to > c.from && c.at <= t.until);
  if (pushes.length >= PUSHES_FOR_DELAY) out.push({ tag: 'customer_decision_delay', evidence: pushes.map((c) => `${day(c.at)}: expected close ${c.from} → ${c.to}`) });
  const mentions = t.entries.filter((e) => e.at <= t.until && COMPETITOR_RE.test(e.text));
  if (mentions.length) out.push({ tag: 'competitor_ambush', evidence: mentions.slice(-3).map((e) => `${day(e.at)} ${e.kind}: “${quote(e.text)}”`) });
  const resource: string[] = t.ownerChanges.filter((c) => c.at <= t.until).map((c) => `${day(c.at)}: owner changed`);
  const touches = t.entries.filter((e) => e.kind === 'activity' && e.at <= t.until).map((e) => e.at.getTime()).sort((a, b) => a - b);
  const last = touches.length ? touches[touches.length - 1] : null;
  if (last === null) resource.push('no recorded touch on this deal');
  else if (t.until.getTime() - last >= QUIET_DAYS * DAY_MS) resource.push(`no touch for ${Math.floor((t.until.getTime() - last) / DAY_MS)} days (last ${day(new Date(last))})`);
  if (resource.length) out.push({ tag: 'internal_resource_mismatch', evidence: resource });
  return out;
}

/** the sentence around the first competitor mention, at most 60 characters */
function quote(text: string): string {
  const m = COMPETITOR_RE.exec(text);
  const at = m ? m.index : 0;
  const start = Math.max(0, at - 25);
  return (start > 0 ? '…' : '') + text.slice(start, start + 60).trim() + (start + 60 < text.length ? '…' : '');
}
