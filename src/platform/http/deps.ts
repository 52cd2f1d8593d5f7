// What route registrars and jobs get handed: the database, the config and shared services.
import type { Db } from '../db/connection.ts';
import type { Config } from '../config.ts';
import type { LlmProvider } from '../llm/provider.ts';
import type { FileStore } from '../storage/file-store.ts';
import type { JobQueue } from '../jobs/define-job.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  llm: LlmProvider;
  files: FileStore;
  /** the running jobs runtime, set once it has started (null when this instance runs none) */
  jobs: JobQueue | null;
}
