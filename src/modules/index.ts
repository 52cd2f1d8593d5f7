// Every module's routes, in one list the server registers.
import type { RouteRegistrar } from '../platform/http/server.ts';
import { systemRoutes } from './system/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { accountRoutes } from './accounts/routes.ts';

export const moduleRoutes: RouteRegistrar[] = [systemRoutes, authRoutes, accountRoutes];
