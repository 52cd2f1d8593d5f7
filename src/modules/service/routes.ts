// HTTP routes for service tickets.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { serviceTicketsResource, serviceTicketsService } from './service-tickets-resource.ts';

export const serviceRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, serviceTicketsResource, serviceTicketsService);
};
