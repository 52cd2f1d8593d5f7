// The one competitor matcher both the deal warnings and the win model read texts with: the
// tenant's names and aliases as words (a short Chinese name not inside another word), and the
// generic words that point to some competitor unnamed.
import { describe, expect, it } from 'vitest';
import { findCompetitors, mentionsCompetitor } from './competitor-match.ts';

const list = [
  { name: '迈瑞', aliases: ['Mindray'] },
  { name: '华为', aliases: [] },
];

describe('competitor mentions', () => {
  it("finds the tenant's competitors by name or alias, and not a short name inside another word", () => {
    expect(findCompetitors('客户说迈瑞也在报价', list).map((h) => h.competitor)).toEqual(['迈瑞']);
    expect(findCompetitors('procurement met MINDRAY yesterday', list).map((h) => h.term)).toEqual(['Mindray']);
    expect(findCompetitors('这次方案以精华为主', list)).toEqual([]);
  });

  it('counts a text as pointing to a competitor when it names one or says 竞品/友商 without a name', () => {
    expect(mentionsCompetitor('客户提到友商报价更低', [])).toBe(true);
    expect(mentionsCompetitor('A competitor offered a discount', [])).toBe(true);
    expect(mentionsCompetitor('客户说迈瑞也在报价', list)).toBe(true);
    expect(mentionsCompetitor('这次方案以精华为主', list)).toBe(false);
    expect(mentionsCompetitor('客户说迈瑞也在报价', [])).toBe(false);
  });
});
