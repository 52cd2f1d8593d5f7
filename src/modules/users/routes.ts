// HTTP routes for users: everyone in the tenant may list them; admins create, change and deactivate.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { usersResource } from './users-resource.ts';
import { usersService } from './users-service.ts';

export const userRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, usersResource, usersService());
};
