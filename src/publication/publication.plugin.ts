import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { publicApi } from './api.routes.js';
import { portalNotFound, portalRoutes } from './portal.routes.js';

/** The public portal (server-rendered pages at the site's root) and the open-data API (/api/public/v1). */
export async function registerPublication(app: App, deps: AppDeps): Promise<void> {
  portalRoutes(app, deps);
  await app.register(publicApi(deps), { prefix: '/api/public/v1' });
}

/** Unknown addresses outside the APIs and the staff app get the portal's own 404 page. */
export function isPortalAddress(url: string): boolean {
  return !url.startsWith('/api/') && url !== '/api' && !url.startsWith('/app');
}

export function portalNotFoundHandler(deps: AppDeps) {
  return (req: FastifyRequest, reply: FastifyReply) => portalNotFound(deps, req, reply);
}
