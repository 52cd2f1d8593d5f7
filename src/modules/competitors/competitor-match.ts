// Finds the tenant's competitors named in free text (touch notes, deal notes), Chinese or Latin.
// Plain substring matching misfires on short Chinese names ("华为" inside "以精华为主"), so a
// name of one or two Chinese characters counts only where a neighbour closes it off as a word:
// on at least one side, the text's edge, punctuation or a non-Chinese character, or a function
// character that commonly sits next to a company name (和/与/跟/被/的/也/报价...). Latin names need word boundaries.
// Longer Chinese names (three characters and more) rarely collide and match as they are.
import { GENERIC_COMPETITOR_WORDS, type Competitor } from './competitor-list.ts';

export interface CompetitorHit {
  competitor: string;
  /** the name or alias found */
  term: string;
  excerpt: string;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** characters that commonly stand right before a company name */
const BEFORE = new Set([...'和与跟及或被对向同比选用找请让给把是了在从说称到见问约访系换试：:，,、（(“"「《 ']);
/** characters that commonly follow one */
const AFTER = new Set([...'的也在和与及或、，,。；;！!？?）)”"」》已还又都说对给把被报方公集产等来去要将会有没不上这那最今昨前刚正目近 ']);
const LATIN_WORD = /[\p{L}\p{N}_]/u;

const isCjk = (ch: string | undefined) => ch !== undefined && CJK.test(ch);

function termMatchesAt(text: string, index: number, term: string): boolean {
  const before = index > 0 ? text[index - 1] : undefined;
  const after = text[index + term.length];
  if (!isCjk(term[0])) {
    // a Latin (or mixed) name: not inside a longer word
    return !(before && LATIN_WORD.test(before) && !isCjk(before)) && !(after && LATIN_WORD.test(after) && !isCjk(after));
  }
  if ([...term].length >= 3) return true;
  const closedBefore = before === undefined || !isCjk(before) || BEFORE.has(before);
  const closedAfter = after === undefined || !isCjk(after) || AFTER.has(after);
  return closedBefore || closedAfter;
}

function excerptAt(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 12);
  const to = Math.min(text.length, index + length + 12);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

/** Every competitor named in the text (once each, with the first place it is named). */
export function findCompetitors(text: string, competitors: readonly Competitor[]): CompetitorHit[] {
  const hits: CompetitorHit[] = [];
  const lower = text.toLowerCase();
  for (const c of competitors) {
    const terms = [c.name, ...c.aliases].sort((a, b) => b.length - a.length);
    let found: CompetitorHit | null = null;
    for (const term of terms) {
      const needle = term.toLowerCase();
      for (let i = lower.indexOf(needle); i >= 0 && !found; i = lower.indexOf(needle, i + 1)) {
        if (termMatchesAt(lower, i, needle)) found = { competitor: c.name, term, excerpt: excerptAt(text, i, needle.length) };
      }
      if (found) break;
    }
    if (found) hits.push(found);
  }
  return hits;
}

/** Whether the text points to a competitor: one of the tenant's by name, or one unnamed (竞品, 友商...). */
export function mentionsCompetitor(text: string, competitors: readonly Competitor[]): boolean {
  const lower = text.toLowerCase();
  return GENERIC_COMPETITOR_WORDS.some((w) => lower.includes(w)) || findCompetitors(text, competitors).length > 0;
}
