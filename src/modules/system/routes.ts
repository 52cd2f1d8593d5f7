// Health check: is the server up and which database engine it runs on.
import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';

export const systemRoutes: RouteRegistrar = (app, deps) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Health and database engine', response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() }) } },
    },
    async () => {
      await sql`select 1`.execute(deps.db.kysely);
      return { status: 'ok' as const, db: deps.db.kind, version: deps.config.version };
    },
  );
};
