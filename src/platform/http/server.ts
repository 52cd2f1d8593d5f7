// Builds the Fastify server: validation, the one error shape, authentication, OpenAPI docs,
// the module routes and the built web app, all on one port.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError } from './errors.ts';
import { authenticate, SESSION_COOKIE } from '../auth/authenticate.ts';
import type { RequestContext } from '../tenancy/context.ts';
import type { AppDeps } from './deps.ts';
import { databaseErrorToAppError } from './db-errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    /** routes open without a session or token */
    public?: boolean;
  }
}


export type ZodApp = ReturnType<typeof withZod>;
const withZod = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export type RouteRegistrar = (app: ZodApp, deps: AppDeps) => void | Promise<void>;

export interface ServerOptions {
  deps: AppDeps;
  routes: RouteRegistrar[];
  webDir?: string;
  logger?: boolean;
}

export async function buildServer({ deps, routes, webDir, logger = false }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024, trustProxy: true, ajv: undefined });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.removeContentTypeParser('text/plain'); // the API speaks JSON (and multipart for files) only

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Sightline API', version: deps.config.version, description: 'Sales management: accounts, pipeline, activities and more. Lists take ?limit= (≤200) and ?cursor=.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/') || req.routeOptions.config?.public || req.url.startsWith('/api/docs')) return;
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    req.ctx = await authenticate(deps.db.kysely, { bearer, session: req.cookies[SESSION_COOKIE] });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) req.log.error(err);
    if (appErr.status >= 500 && !logger) console.error(err);
    void reply.status(appErr.status).send(appErr.toJSON());
  });

  const zapp = withZod(app);
  for (const register of routes) await register(zapp, deps);

  const indexHtml = webDir ? path.join(webDir, 'index.html') : undefined;
  const hasWeb = indexHtml !== undefined && fs.existsSync(indexHtml);
  if (hasWeb && webDir) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    // a missing file (e.g. an old asset after a rebuild) is a 404, not the app's index.html
    const isFile = /\.[a-z0-9]+$/i.test(req.url.split('?')[0]);
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET' || isFile) {
      void reply.status(404).send(new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}. See /api/docs for the API.`).toJSON());
      return;
    }
    void reply.type('text/html').send(fs.createReadStream(indexHtml));
  });
  return app;
}

function toAppError(err: FastifyError & { validation?: unknown[]; validationContext?: string }): AppError {
  if (err instanceof AppError) return err;
  const db = databaseErrorToAppError(err);
  if (db) return db;
  if (err instanceof ZodError) {
    // a use case parsed its input itself (called from a job, an import or another module)
    const list = err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return new AppError('validation_failed', `Some fields are not valid: ${list.map((l) => `${l.path} (${l.message})`).join('; ')}.`, { issues: list });
  }
  if (err.code === 'FST_ERR_VALIDATION' || err.validation) {
    const issues = (err.validation ?? []) as Array<{ instancePath?: string; message?: string; params?: { issue?: { path?: unknown[]; message?: string } } }>;
    const list = issues.map((i) => {
      const p = i.params?.issue?.path ?? (i.instancePath ?? '').split('/').filter(Boolean);
      return { path: [err.validationContext, ...p.map(String)].filter((x) => x !== undefined).join('.'), message: i.params?.issue?.message ?? i.message ?? 'invalid' };
    });
    return new AppError('validation_failed', `Some fields are not valid: ${list.map((l) => `${l.path} (${l.message})`).join('; ')}.`, { issues: list });
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
    return new AppError('payload_too_large', 'The request is too large. Send a smaller body or file.');
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
    return new AppError('unsupported_media_type', 'Send the body as application/json.');
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new AppError('bad_request', 'The body is not valid JSON. Check quotes, commas and brackets.');
  }
  if (err.statusCode === 429) return new AppError('rate_limited', 'Too many requests. Wait a minute and try again.');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('bad_request', err.message);
  return new AppError('internal', 'Something went wrong on the server. Try again; if it keeps happening, tell your admin the time it happened.');
}
