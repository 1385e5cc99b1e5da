import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authPlugin } from '../auth/auth.plugin.js';
import { authRoutes } from '../auth/auth.routes.js';
import { meRoutes } from '../auth/me.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { documentRoutes } from '../documents/document.routes.js';
import { healthRoutes } from './health.routes.js';
import { referenceRoutes } from '../reference/reference.routes.js';
import { unitRoutes } from '../units/unit.routes.js';
import { userRoutes } from '../users/user.routes.js';
import { agreementRoutes } from '../agreements/agreement.routes.js';
import { partnerRoutes } from '../partners/partner.routes.js';
import { listRoutes } from '../lists/list.routes.js';
import { exportRoutes } from '../exports/export.routes.js';
import { importRoutes } from '../imports/import.routes.js';
import { reportRoutes } from '../reports/report.routes.js';
import { workflowRoutes } from '../workflow/workflow.routes.js';
import { notificationRoutes } from '../notifications/notification.routes.js';
import { icalFeedRoute, icalRoutes } from '../workflow/ical.js';
import { monitoringRoutes } from '../monitoring/monitoring.routes.js';
import { backupRoutes } from '../backup/backup.routes.js';
import { jobRoutes } from '../jobs/job.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { suggestionRoutes } from '../documents/suggestion.routes.js';
import { isPortalAddress, portalNotFoundHandler, registerPublication } from '../publication/publication.plugin.js';
import { redactionRoutes } from '../documents/redaction.routes.js';
import { intelligenceRoutes } from '../documents/intelligence.routes.js';
import { supervisionRoutes } from '../supervision/supervision.routes.js';
import { followupRoutes } from '../supervision/followup.routes.js';
import type { AppDeps } from './context.js';
import { AppError, errorMessage, type ErrorCode } from './errors.js';
import { localeFromHeader, validationMessage } from './i18n.js';
import { securityHeaders } from './security.js';

export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

const WEB_DIR = path.resolve(import.meta.dirname, '../../dist/web');

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.log.level,
      ...(config.log.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('locale', 'id');
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    req.locale = localeFromHeader(req.headers['accept-language']);
    reply.header('x-request-id', req.id);
  });
  securityHeaders(app);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'P2MA API', description: 'Penyimpanan dan Publikasi Kerja Sama — API staf', version: deps.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'p2ma_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/app') && fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html', WEB_DIR);
    }
    if (isPortalAddress(req.url)) return portalNotFoundHandler(deps)(req, reply);
    return replyError(reply, req, new AppError('ROUTE_NOT_FOUND'));
  });

  await app.register(authPlugin(deps));
  await app.register(
    async (api) => {
      healthRoutes(api as App, deps);
      authRoutes(api as App, deps);
      meRoutes(api as App, deps);
      unitRoutes(api as App, deps);
      userRoutes(api as App, deps);
      auditRoutes(api as App, deps);
      documentRoutes(api as App, deps);
      referenceRoutes(api as App, deps);
      partnerRoutes(api as App, deps);
      agreementRoutes(api as App, deps);
      listRoutes(api as App, deps);
      exportRoutes(api as App, deps);
      importRoutes(api as App, deps);
      reportRoutes(api as App, deps);
      workflowRoutes(api as App, deps);
      notificationRoutes(api as App, deps);
      icalRoutes(api as App, deps);
      monitoringRoutes(api as App, deps);
      backupRoutes(api as App, deps);
      jobRoutes(api as App, deps);
      searchRoutes(api as App, deps);
      suggestionRoutes(api as App, deps);
      redactionRoutes(api as App, deps);
      intelligenceRoutes(api as App, deps);
      supervisionRoutes(api as App, deps);
      followupRoutes(api as App, deps);
      api.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );

  if (fs.existsSync(WEB_DIR)) {
    await app.register(fastifyStatic, { root: WEB_DIR, prefix: '/app/', decorateReply: true, index: 'index.html' });
  }
  await registerPublication(app as App, deps);
  icalFeedRoute(app as App, deps);

  return app;
}

function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return replyError(reply, req, err);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err as { validationContext?: string }).validationContext || '',
      message: validationMessage({ code: v.keyword, message: v.message, ...(v.params as object) }, req.locale),
    }));
    return replyError(reply, req, new AppError('VALIDATION_FAILED', {}, fields));
  }
  const statusCode = (err as { statusCode?: number }).statusCode;
  const fastifyCode = (err as { code?: string }).code;
  const mapped: ErrorCode | undefined =
    statusCode === 413 || fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? 'PAYLOAD_TOO_LARGE'
      : statusCode === 415
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : statusCode === 429
          ? 'RATE_LIMITED'
          : statusCode === 405
            ? 'METHOD_NOT_ALLOWED'
            : statusCode && statusCode >= 400 && statusCode < 500
              ? 'BAD_REQUEST'
              : undefined;
  if (mapped) return replyError(reply, req, new AppError(mapped));
  req.log.error({ err }, 'unhandled error');
  return replyError(reply, req, new AppError('INTERNAL'));
}

export function replyError(reply: FastifyReply, req: FastifyRequest, err: AppError) {
  const body: { error: { code: string; message: string; fields?: { path: string; message: string }[]; details?: Record<string, unknown> } } = {
    error: { code: err.code, message: err.messageFor(req.locale) },
  };
  if (err.fields?.length) body.error.fields = err.fields;
  if (err.details) body.error.details = err.details;
  return reply.status(err.status).type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
}

export { errorMessage };
