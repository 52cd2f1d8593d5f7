// The opportunity stage machine as data: the stage keys in pipeline order, which moves are
// allowed (and for whom; the default, or a tenant's own), and what closing or reopening a
// deal does to its forecast.
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

/** a tenant's stage machine: the moves it allows, in the order they are offered */
export interface StageMachine {
  transitions: Transition[];
}

/** what a move is, from where it starts and ends */
export function transitionKind(from: StageKey, to: StageKey): TransitionKind {
  if (to === 'lost') return 'lose';
  if (!openStages.includes(from)) return 'reopen';
  return forwardPath.indexOf(to) > forwardPath.indexOf(from) ? 'advance' : 'step_back';
}

/** builds a machine from plain moves: leaving lost (or won) is a reopening that only `reopenRoles` may make */
export function machineFrom(moves: Array<{ from: StageKey; to: StageKey }>, reopenRoles: Role[]): StageMachine {
  return {
    transitions: moves.map(({ from, to }): Transition => (openStages.includes(from) ? { from, to, kind: transitionKind(from, to) } : { from, to, kind: transitionKind(from, to), roles: reopenRoles })),
  };
}

export const defaultReopenRoles: Role[] = ['manager', 'executive', 'admin'];

export const defaultMachine: StageMachine = machineFrom(
  [
    ...forwardPath.slice(1).map((to, i) => ({ from: forwardPath[i], to })),
    ...openStages.slice(1).map((from, i) => ({ from, to: openStages[i] })),
    ...openStages.map((from) => ({ from, to: 'lost' as const })),
    { from: 'lost', to: 'lead' },
    { from: 'lost', to: 'qualified' },
  ],
  defaultReopenRoles,
);
export const transitions = defaultMachine.transitions;

export const isStageKey = (value: string): value is StageKey => (stageKeys as readonly string[]).includes(value);

export const findTransition = (from: StageKey, to: StageKey, machine: StageMachine = defaultMachine): Transition | undefined =>
  machine.transitions.find((t) => t.from === from && t.to === to);

/** the stages this role may move a deal to from `from` */
export function allowedMoves(from: StageKey, role: Role, machine: StageMachine = defaultMachine): StageKey[] {
  return machine.transitions.filter((t) => t.from === from && (!t.roles || t.roles.includes(role))).map((t) => t.to);
}

/** why a move is refused, or null when the machine allows it for this role */
export function refusal(from: StageKey, to: StageKey, role: Role, machine: StageMachine = defaultMachine): string | null {
  const transition = findTransition(from, to, machine);
  const allowed = allowedMoves(from, role, machine);
  const options = allowed.length ? `From ${from} you may move to: ${allowed.join(', ')}.` : `A deal in ${from} cannot move any more.`;
  if (from === to) return `The deal is already in ${to}. ${options}`;
  if (!transition) return `A deal cannot move from ${from} to ${to}. ${options}`;
  if (transition.roles && !transition.roles.includes(role)) return `Only ${transition.roles.join(', ')} may ${transition.kind} a deal from ${from} to ${to}; ask your manager.`;
  return null;
}

/** the open stages from which no chain of moves (by anyone) reaches won */
export function stagesThatCannotWin(machine: StageMachine): StageKey[] {
  const canWin = new Set<StageKey>(['won']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of machine.transitions) {
      if (canWin.has(t.to) && !canWin.has(t.from)) {
        canWin.add(t.from);
        grew = true;
      }
    }
  }
  return openStages.filter((s) => !canWin.has(s));
}

/** the closing columns a move sets: closed on won/lost, back in the pipeline on reopening; null when unchanged */
export function closingState(from: StageKey, to: StageKey, now: Date): { closedAt: Date | null; forecastCategory: string } | null {
  if (to === 'won') return { closedAt: now, forecastCategory: 'closed' };
  if (to === 'lost') return { closedAt: now, forecastCategory: 'omitted' };
  if (!openStages.includes(from)) return { closedAt: null, forecastCategory: 'pipeline' };
  return null;
}
