// HTTP routes for contacts.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { contactsResource, contactsService } from './contacts-resource.ts';

export const contactRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, contactsResource, contactsService);
};
