// The opportunity stage machine as data: the stage keys in pipeline order, which moves are
// allowed (and for whom), and what closing or reopening a deal does to its forecast.
import type { Role } from '../../platform/tenancy/context.ts';

export const stageKeys = ['lead', 'qualified', 'solution', 'quoted', 'negotiation', 'won', 'lost'] as const;
export type StageKey = (typeof stageKeys)[number];

/** the path a deal walks forward, ending in a win */
const forwardPath: StageKey[] = ['lead', 'qualified', 'solution', 'quoted', 'negotiation', 'won'];
export const openStages: StageKey[] = forwardPath.slice(0, -1);
/** stages a new opportunity may start in; anything later is reached through moves and their gates */
export const entryStages = ['lead', 'qualified'] as const satisfies readonly StageKey[];

export type TransitionKind = 'advance' | 'step_back' | 'lose' | 'reopen';

export interface Transition {
  from: StageKey;
  to: StageKey;
  kind: TransitionKind;
  /** who may make this move; absent means anyone who may change the deal */
  roles?: Role[];
}

const leaders: Role[] = ['manager', 'executive', 'admin'];

export const transitions: Transition[] = [
  ...forwardPath.slice(1).map((to, i): Transition => ({ from: forwardPath[i], to, kind: 'advance' })),
  ...openStages.slice(1).map((from, i): Transition => ({ from, to: openStages[i], kind: 'step_back' })),
  ...openStages.map((from): Transition => ({ from, to: 'lost', kind: 'lose' })),
  { from: 'lost', to: 'lead', kind: 'reopen', roles: leaders },
  { from: 'lost', to: 'qualified', kind: 'reopen', roles: leaders },
];

export const isStageKey = (value: string): value is StageKey => (stageKeys as readonly string[]).includes(value);

export const findTransition = (from: StageKey, to: StageKey): Transition | undefined => transitions.find((t) => t.from === from && t.to === to);

/** the stages this role may move a deal to from `from` */
export function allowedMoves(from: StageKey, role: Role): StageKey[] {
  return transitions.filter((t) => t.from === from && (!t.roles || t.roles.includes(role))).map((t) => t.to);
}

/** why a move is refused, or null when the machine allows it for this role */
export function refusal(from: StageKey, to: StageKey, role: Role): string | null {
  const transition = findTransition(from, to);
  const allowed = allowedMoves(from, role);
  const options = allowed.length ? `From ${from} you may move to: ${allowed.join(', ')}.` : `A deal in ${from} cannot move any more.`;
  if (from === to) return `The deal is already in ${to}. ${options}`;
  if (!transition) return `A deal cannot move from ${from} to ${to}. ${options}`;
  if (transition.roles && !transition.roles.includes(role)) return `Only ${transition.roles.join(', ')} may ${transition.kind} a deal from ${from} to ${to}; ask your manager.`;
  return null;
}

/** the closing columns a move sets: closed on won/lost, back in the pipeline on reopening; null when unchanged */
export function closingState(from: StageKey, to: StageKey, now: Date): { closedAt: Date | null; forecastCategory: string } | null {
  if (to === 'won') return { closedAt: now, forecastCategory: 'closed' };
  if (to === 'lost') return { closedAt: now, forecastCategory: 'omitted' };
  if (!openStages.includes(from)) return { closedAt: null, forecastCategory: 'pipeline' };
  return null;
}
