// HTTP routes for custom field definitions: everyone may read them (forms need them); admins change them.
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { registerResource } from '../../platform/http/resource.ts';
import { customFieldsResource } from './custom-fields-resource.ts';
import { customFieldsService } from './custom-fields-service.ts';

export const customFieldRoutes: RouteRegistrar = (app, deps) => {
  registerResource(app, deps, customFieldsResource, customFieldsService());
};
