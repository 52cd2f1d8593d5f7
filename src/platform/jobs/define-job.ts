// Jobs as typed data: an id, a zod payload schema and a handler, registered when defined so
// the jobs runtime starts a worker for each; enqueue() refuses a payload that does not fit.
import type PgBoss from 'pg-boss';
import { CompiledQuery } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../http/deps.ts';
import type { Tx } from '../tenancy/context.ts';
import { AppError } from '../http/errors.ts';

/** What enqueue needs from the running jobs runtime. */
export interface JobQueue {
  readonly boss: PgBoss;
  hasQueue(name: string): boolean;
  /** starts this instance's worker for the queue now instead of at its next poll */
  wake(name: string): void;
}

/** What job handlers and event subscribers are handed. */
export type JobDeps = AppDeps & { jobs: JobQueue };

export interface JobDef<P extends object> {
  id: string;
  payload: z.ZodType<P>;
  handler: (deps: JobDeps, payload: P) => Promise<void>;
  /** retries after a failed run (exponential back-off); default 3 */
  retryLimit: number;
}

const registry = new Map<string, JobDef<object>>();

export function defineJob<S extends z.ZodObject>(def: { id: string; payload: S; handler: (deps: JobDeps, payload: z.output<S>) => Promise<void>; retryLimit?: number }): JobDef<z.output<S>> {
  if (!/^[a-z][a-z0-9_.-]{0,99}$/.test(def.id)) throw new Error(`Job id "${def.id}" must be lower-case letters, digits, "_", "." or "-".`);
  if (registry.has(def.id)) throw new Error(`Two jobs share the id "${def.id}"; rename one.`);
  const job: JobDef<z.output<S>> = { id: def.id, payload: def.payload as unknown as z.ZodType<z.output<S>>, handler: def.handler, retryLimit: def.retryLimit ?? 3 };
  registry.set(job.id, job as unknown as JobDef<object>);
  return job;
}

export function definedJobs(): JobDef<object>[] {
  return [...registry.values()];
}

export interface EnqueueOptions {
  /** insert the job in this transaction: it exists only if the transaction commits */
  trx?: Tx;
  startAfter?: Date;
}

/** Lets pg-boss run its insert on a Kysely transaction. */
export function bossDbFor(trx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows };
    },
  };
}

/** Queues a job and returns its id. */
export async function enqueue<P extends object>(jobs: JobQueue, def: JobDef<P>, payload: P, options: EnqueueOptions = {}): Promise<string> {
  const parsed = def.payload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('validation_failed', `The ${def.id} job was not queued: ${z.prettifyError(parsed.error)}`, { issues: parsed.error.issues });
  }
  if (!jobs.hasQueue(def.id)) throw new Error(`Job ${def.id} has no queue: define it before the jobs runtime starts.`);
  const id = await jobs.boss.send(def.id, parsed.data, {
    retryLimit: def.retryLimit,
    retryBackoff: true,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.trx ? { db: bossDbFor(options.trx) } : {}),
  });
  if (!id) throw new Error(`pg-boss did not queue the ${def.id} job.`);
  // a job inside a transaction is not visible until commit; the worker's poll picks it up
  if (!options.trx) jobs.wake(def.id);
  return id;
}
