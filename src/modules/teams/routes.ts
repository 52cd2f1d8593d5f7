// HTTP routes for teams: everyone may read the org chart; admins change it.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { teamsResource } from './teams-resource.ts';
import { teamsService } from './teams-service.ts';

export const teamRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, teamsResource, teamsService());
};
