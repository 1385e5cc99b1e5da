import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_registry.js';
import * as m0003 from './0003_workflow.js';
import * as m0004 from './0004_intelligence.js';
import * as m0005 from './0005_operations.js';
import * as m0006 from './0006_publication.js';
import * as m0007 from './0007_supervision.js';
import * as m0008 from './0008_performance.js';
import * as m0009 from './0009_redaction.js';
import * as m0010 from './0010_publication_cache.js';
import * as m0011 from './0011_search_speed.js';

/** Ordered, append-only: never edit a migration that has shipped; add the next one. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registry': m0002,
  '0003_workflow': m0003,
  '0004_intelligence': m0004,
  '0005_operations': m0005,
  '0006_publication': m0006,
  '0007_supervision': m0007,
  '0008_performance': m0008,
  '0009_redaction': m0009,
  '0010_publication_cache': m0010,
  '0011_search_speed': m0011,
};
