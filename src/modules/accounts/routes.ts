// HTTP routes for accounts.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { accountsResource } from './accounts-resource.ts';

export const accountRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, accountsResource);
};
