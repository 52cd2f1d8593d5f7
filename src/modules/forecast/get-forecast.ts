// GET /api/forecast: a period's roll-up (company → teams → reps) in the viewer's scope, with the
// neutral forecast, its learning basis and whether the viewer may set quotas and overrides.
import { z } from 'zod';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { assertCanManage } from './forecast-scope.ts';
import { loadForecastView, presentNode, type ForecastView } from './forecast-view.ts';
import { periodKeySchema } from './periods.ts';
import type { RollupNode } from './rollup.ts';

const LATE = ' + deals not yet created, at the recent pace of new deals × what a new deal brought in within such a window';
const CELLS_METHOD = `won so far + Σ open deals × the share of such deals (same stage, close-date timing, category, time in stage and close-date pushes; sparse cells shrunk towards broader ones) won within as much time as is left, in past windows ending at month ends${LATE}`;
const MODEL_METHOD = `won so far + Σ open deals × the probability that the deal is won within as much time as is left, from the win model's features and gradient-boosted trees trained on the deals open at the start of past windows ending at month ends (labelled by whether each was won before its window closed; retrained hourly; deals created within the hour and deals of unknown stage at their cells' rate)${LATE}`;

export const forecastQuery = z.object({ period: periodKeySchema }).strict();

const may = (ctx: RequestContext, view: ForecastView, node: RollupNode) => {
  try {
    assertCanManage(ctx, view.scope, node.kind, node.id);
    return true;
  } catch {
    return false;
  }
};

export function presentForecast(ctx: RequestContext, view: ForecastView) {
  const { rollup, scope, neutral } = view;
  const teams = [...rollup.teams.values()].filter((t) => scope.teams.has(t.id as string));
  const users = [...rollup.users.values()].filter((u) => scope.users.has(u.id as string));
  return {
    period: view.period,
    timeZone: view.timeZone,
    asOf: view.asOf.toISOString(),
    company: scope.company ? presentNode(view, rollup.company, may(ctx, view, rollup.company)) : null,
    roots: scope.company ? ['company'] : scope.rootTeams.length ? scope.rootTeams.map((id) => `team:${id}`) : users.map((u) => `user:${u.id}`),
    teams: teams.map((t) => presentNode(view, t, may(ctx, view, t))),
    users: users.map((u) => presentNode(view, u, may(ctx, view, u))),
    neutral: {
      amount: fromCents(scope.company ? neutral.neutralCents : null),
      /** one standard deviation of what the open deals bring in (each won or lost independently at its rate); null with the amount */
      spread: fromCents(scope.company ? neutral.spreadCents : null),
      wonSoFar: fromCents(neutral.wonSoFarCents),
      openExpected: fromCents(neutral.openExpectedCents),
      late: fromCents(neutral.lateCents),
      lateFactor: neutral.lateFactor,
      openDeals: neutral.openDeals,
      learning: neutral.learning,
      rates: neutral.rates,
      flags: neutral.flags,
      /** which rated the open deals: 'model' (the win model's trees, trained on the past windows) or 'cells' */
      rating: neutral.modelRatedDeals > 0 ? 'model' : 'cells',
      modelRatedDeals: neutral.modelRatedDeals,
      method: neutral.modelRatedDeals > 0 ? MODEL_METHOD : CELLS_METHOD,
    },
  };
}

export async function getForecast(trx: Tx, ctx: RequestContext, query: z.output<typeof forecastQuery>) {
  return presentForecast(ctx, await loadForecastView(trx, ctx, query.period, new Date(), { weighted: true }));
}
