// Every module's routes, in one list the server registers.
import type { RouteRegistrar } from '../platform/http/server.ts';
import { systemRoutes } from './system/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { pipelineRoutes } from './pipeline/routes.ts';
import { pipelineRulesRoutes } from './pipeline/gates-routes.ts';
import { contactRoutes } from './contacts/routes.ts';
import { leadRoutes } from './leads/routes.ts';
import { contractRoutes } from './contracts/routes.ts';
import { serviceRoutes } from './service/routes.ts';
import { activityRoutes } from './activities/routes.ts';
import { userRoutes } from './users/routes.ts';
import { teamRoutes } from './teams/routes.ts';
import { customFieldRoutes } from './custom-fields/routes.ts';
import { fieldPolicyRoutes } from './field-policies/routes.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { aiRoutes } from './ai/routes.ts';
import { alertRoutes } from './alerts/routes.ts';
import { digestRoutes } from './digest/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { visitRoutes } from './visits/routes.ts';
import { touchMetricRoutes } from './touch-metrics/routes.ts';
import { customerPoolRoutes } from './customer-pool/routes.ts';
import { collectionRoutes } from './contracts/collections-routes.ts';
import { processCompletenessRoutes } from './process-completeness/routes.ts';
import { winModelRoutes } from './win-model/routes.ts';

export const moduleRoutes: RouteRegistrar[] = [systemRoutes, authRoutes, accountRoutes, pipelineRoutes, pipelineRulesRoutes, contactRoutes, leadRoutes, contractRoutes, serviceRoutes, activityRoutes, userRoutes, teamRoutes, customFieldRoutes, fieldPolicyRoutes, attachmentRoutes, aiRoutes, alertRoutes, digestRoutes, importRoutes, visitRoutes, touchMetricRoutes, customerPoolRoutes, collectionRoutes, processCompletenessRoutes, winModelRoutes];
