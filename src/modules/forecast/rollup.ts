// The forecast roll-up, pure: category amounts per rep, summed up the team tree (rep → team →
// parent team … → company), with managers' overrides replacing a node's commit / best-case
// amount, next to quota and attainment.
//
// Exactly:
// - a rep's computed amounts are the sums of their deals per category;
// - a team's computed amounts are the sums of the EFFECTIVE amounts of its members (users whose
//   team is this team, the manager included) and of its child teams;
// - the company node sums the root teams, users in no team and deals with no owner;
// - effective[c] = the override's amount where a node has an override for c (commit or
//   best_case), else computed[c]; pipeline, closed and omitted are never overridden;
// - so an override at a node replaces everything below it for that category, and the node's
//   parent sums the override, not the reps' numbers;
// - commit forecast = closed + effective commit; best-case forecast = that + effective best case;
// - attainment = closed / quota, null when no quota is set or it is 0 (missing is not zero).
//
// A credibility-weighted column (deal-evidence's loadCredibility) goes in ONE place: add a key
// (e.g. 'weighted') to `categories` below and fill it per owner in forecast-data.ts's
// categorySumsAt() as Σ amount × weight of the open deals (weight null → left out and flagged,
// never counted as 0). The sums, the tree, presentNode() and snapshots are generic over the
// keys, so it rolls up and is shown with no other change; it is never overridable.

export const categories = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type Category = (typeof categories)[number];
export const overridable = ['commit', 'best_case'] as const;
export type OverridableCategory = (typeof overridable)[number];

export type CategoryAmounts = Record<Category, bigint>;
export const zeroAmounts = (): CategoryAmounts => ({ pipeline: 0n, best_case: 0n, commit: 0n, closed: 0n, omitted: 0n });

export interface TreeTeam {
  id: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
}
export interface TreeUser {
  id: string;
  name: string;
  teamId: string | null;
}
export type SubjectKind = 'user' | 'team';
export interface OverrideInput {
  subjectKind: SubjectKind;
  subjectId: string;
  category: OverridableCategory;
  amountCents: bigint;
  originalCents: bigint;
  note: string | null;
  setBy: string | null;
  setByName: string | null;
  setAt: Date;
}
export interface QuotaInput {
  /** a company quota has subjectId null */
  subjectKind: SubjectKind | 'company';
  subjectId: string | null;
  amountCents: bigint;
}

export interface RollupNode {
  kind: 'user' | 'team' | 'company';
  /** null for the company node */
  id: string | null;
  name: string;
  /** the node above (team id; null for root teams and for the company) */
  parentId: string | null;
  managerId: string | null;
  childTeams: string[];
  members: string[];
  computed: CategoryAmounts;
  effective: CategoryAmounts;
  overrides: Partial<Record<OverridableCategory, OverrideInput>>;
  quotaCents: bigint | null;
  commitForecast: bigint;
  bestCaseForecast: bigint;
  /** closed / quota, 4 places; null when there is no quota (or it is 0) */
  attainment: number | null;
}

export interface Rollup {
  company: RollupNode;
  teams: Map<string, RollupNode>;
  users: Map<string, RollupNode>;
}

const add = (a: CategoryAmounts, b: CategoryAmounts) => {
  for (const c of categories) a[c] += b[c];
};

export const ratio4 = (part: bigint, whole: bigint | null): number | null => (whole === null || whole === 0n ? null : Math.round((Number(part) / Number(whole)) * 10_000) / 10_000);

export function buildRollup(input: {
  teams: readonly TreeTeam[];
  users: readonly TreeUser[];
  perOwner: ReadonlyMap<string | null, CategoryAmounts>;
  overrides: readonly OverrideInput[];
  quotas: readonly QuotaInput[];
}): Rollup {
  const teamIds = new Set(input.teams.map((t) => t.id));
  const overrideFor = (kind: SubjectKind, id: string) => {
    const out: Partial<Record<OverridableCategory, OverrideInput>> = {};
    for (const o of input.overrides) if (o.subjectKind === kind && o.subjectId === id) out[o.category] = o;
    return out;
  };
  const quotaFor = (kind: SubjectKind | 'company', id: string | null) => input.quotas.find((q) => q.subjectKind === kind && q.subjectId === id)?.amountCents ?? null;

  const finish = (node: RollupNode) => {
    node.effective = { ...node.computed };
    for (const c of overridable) {
      const o = node.overrides[c];
      if (o) node.effective[c] = o.amountCents;
    }
    node.commitForecast = node.effective.closed + node.effective.commit;
    node.bestCaseForecast = node.commitForecast + node.effective.best_case;
    node.attainment = ratio4(node.effective.closed, node.quotaCents);
    return node;
  };
  const blank = (kind: RollupNode['kind'], id: string | null, name: string, parentId: string | null, managerId: string | null): RollupNode => ({
    kind,
    id,
    name,
    parentId,
    managerId,
    childTeams: [],
    members: [],
    computed: zeroAmounts(),
    effective: zeroAmounts(),
    overrides: kind === 'company' || id === null ? {} : overrideFor(kind, id),
    quotaCents: kind === 'company' ? null : quotaFor(kind, id),
    commitForecast: 0n,
    bestCaseForecast: 0n,
    attainment: null,
  });

  const users = new Map<string, RollupNode>();
  for (const u of input.users) {
    const node = blank('user', u.id, u.name, u.teamId && teamIds.has(u.teamId) ? u.teamId : null, null);
    add(node.computed, input.perOwner.get(u.id) ?? zeroAmounts());
    users.set(u.id, finish(node));
  }
  const teams = new Map<string, RollupNode>();
  for (const t of input.teams) teams.set(t.id, blank('team', t.id, t.name, t.parentId && teamIds.has(t.parentId) ? t.parentId : null, t.managerId));
  for (const u of users.values()) if (u.parentId) teams.get(u.parentId)?.members.push(u.id as string);
  for (const t of teams.values()) if (t.parentId) teams.get(t.parentId)?.childTeams.push(t.id as string);

  // depth-first from the roots, so a child is finished before its parent sums it; a team in a
  // parent cycle has no root above it and is attached to the company as a root
  const done = new Set<string>();
  const visit = (id: string, path: Set<string>): RollupNode => {
    const node = teams.get(id) as RollupNode;
    if (done.has(id)) return node;
    path.add(id);
    for (const m of node.members) add(node.computed, (users.get(m) as RollupNode).effective);
    node.childTeams = node.childTeams.filter((c) => !path.has(c));
    for (const c of node.childTeams) add(node.computed, visit(c, path).effective);
    done.add(id);
    return finish(node);
  };
  const company = blank('company', null, '', null, null);
  for (const t of teams.values()) if (t.parentId === null) company.childTeams.push(t.id as string);
  for (const id of company.childTeams) add(company.computed, visit(id, new Set()).effective);
  for (const t of teams.values()) {
    if (!done.has(t.id as string)) {
      t.parentId = null;
      company.childTeams.push(t.id as string);
      add(company.computed, visit(t.id as string, new Set()).effective);
    }
  }
  for (const u of users.values()) {
    if (u.parentId === null) {
      company.members.push(u.id as string);
      add(company.computed, u.effective);
    }
  }
  // deals whose owner is no (longer a) user of the tenant
  for (const [ownerId, amounts] of input.perOwner) if (ownerId === null || !users.has(ownerId)) add(company.computed, amounts);
  company.quotaCents = quotaFor('company', null);
  return { company: finish(company), teams, users };
}

/** The teams below a team (itself included), following childTeams. */
export function subtreeTeams(rollup: Rollup, teamId: string): string[] {
  const out: string[] = [];
  const stack = [teamId];
  while (stack.length) {
    const id = stack.pop() as string;
    const node = rollup.teams.get(id);
    if (!node || out.includes(id)) continue;
    out.push(id);
    stack.push(...node.childTeams);
  }
  return out;
}
