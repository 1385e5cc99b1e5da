import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_registry.js';
import * as m0003 from './0003_workflow.js';
import * as m0004 from './0004_intelligence.js';
import * as m0005 from './0005_operations.js';

/** Ordered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registry': m0002,
  '0003_workflow': m0003,
  '0004_intelligence': m0004,
  '0005_operations': m0005,
};
