import { draftRoutes } from '../agreements/draft.routes.js';
import type { App } from '../http/app.js';
import type { AppDeps } from '../http/context.js';
import { extractionRoutes } from './extraction.routes.js';

/** The staff app's document-intelligence endpoints: re-reading a document, a draft started from its document. */
export function intelligenceRoutes(app: App, deps: AppDeps) {
  extractionRoutes(app, deps);
  draftRoutes(app, deps);
}
