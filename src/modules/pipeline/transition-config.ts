// Admins set the tenant's stage machine: which moves are allowed and who may reopen a closed
// deal. Refused unless every open stage can still reach won and won stays final (unless
// explicitly allowed), so no tenant can configure deals into a dead end.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { machineFrom, stageKeys, stagesThatCannotWin } from './stages.ts';
import { loadPipelineConfig, readPipelineConfig, savePipelineSettings, type PipelineConfig, type TransitionRules } from './pipeline-config.ts';

const stage = z.enum(stageKeys);
export const transitionsBody = z
  .object({
    transitions: z.array(z.object({ from: stage, to: stage }).strict()).min(1).max(stageKeys.length * stageKeys.length),
    reopenRoles: z.array(z.enum(['admin', 'executive', 'manager', 'rep'])).max(4),
    allowReopenWon: z.boolean().default(false),
  })
  .strict();

/** every reason these rules would break the pipeline */
export function transitionIssues(rules: TransitionRules): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const { from, to } of rules.moves) {
    const key = `${from}→${to}`;
    if (from === to) issues.push(`${key}: a stage cannot move to itself`);
    else if (seen.has(key)) issues.push(`${key} is listed twice`);
    seen.add(key);
    if (from === 'won' && !rules.allowReopenWon) issues.push(`${key}: won is final; set allowReopenWon to let deals leave won`);
  }
  const reopening = rules.moves.some((m) => m.from === 'won' || m.from === 'lost');
  if (reopening && rules.reopenRoles.length === 0) issues.push('reopenRoles is empty, so nobody could make the moves out of lost or won; name at least one role');
  const stuck = stagesThatCannotWin(machineFrom(rules.moves, rules.reopenRoles));
  if (stuck.length) issues.push(`deals in ${stuck.join(', ')} could never reach won; add moves that lead on to won`);
  return issues;
}

const present = (config: PipelineConfig) => ({
  transitions: config.machine.transitions.map(({ from, to, kind }) => ({ from, to, kind })),
  reopenRoles: config.rules.reopenRoles,
  allowReopenWon: config.rules.allowReopenWon,
  isDefault: !config.customised.transitions,
  updatedAt: config.updatedAt,
});

export async function readTransitions(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'pipeline_settings', 'read');
  return present(await loadPipelineConfig(trx, ctx.tenantId));
}

export async function writeTransitions(trx: Tx, ctx: RequestContext, input: z.input<typeof transitionsBody>) {
  authorize(ctx, 'pipeline_settings', 'update');
  const body = transitionsBody.parse(input);
  const rules: TransitionRules = { moves: body.transitions, reopenRoles: [...new Set(body.reopenRoles)], allowReopenWon: body.allowReopenWon };
  const issues = transitionIssues(rules);
  if (issues.length) throw new AppError('validation_failed', `The stage transitions were not saved: ${issues.join('; ')}.`, { issues: issues.map((message) => ({ path: 'transitions', message })) });
  const config = await readPipelineConfig(trx, ctx.tenantId);
  await savePipelineSettings(trx, ctx, { type: 'pipeline.transitions_changed', before: { rules: config.rules } }, { rules });
  return present(await readPipelineConfig(trx, ctx.tenantId));
}
