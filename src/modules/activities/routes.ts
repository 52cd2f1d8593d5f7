// HTTP routes for activities, tasks (with one-click completion) and notes.
import { z } from 'zod';
import { id } from '../../platform/http/schemas.ts';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { activitiesResource } from './activities-resource.ts';
import { tasksResource } from './tasks-resource.ts';
import { notesResource } from './notes-resource.ts';
import { linkedRecordService } from './record-links.ts';
import { notesService } from './notes-service.ts';
import { completeTask } from './complete-task.ts';

const idParams = z.object({ id: id() });

export const activityRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, activitiesResource, linkedRecordService(activitiesResource));
  const tasks = registerResource(app, deps, tasksResource, linkedRecordService(tasksResource));
  registerResource(app, deps, notesResource, notesService());

  app.post('/api/tasks/:id/complete', { schema: { tags: ['tasks'], summary: 'Mark a task done', params: idParams } }, (req) =>
    inTenant(deps.db.kysely, req.ctx.tenantId, (trx) => completeTask(trx, req.ctx, tasks, req.params.id)),
  );
};
