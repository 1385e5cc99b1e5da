import type { ColumnType } from 'kysely';

/** The public portal's own search vectors (public fields, public copies' text); kept by triggers (0006). */
export interface AgreementPublicSearchTable {
  agreement_id: string;
  meta_tsv: ColumnType<string, unknown, unknown>;
  doc_tsv: ColumnType<string | null, unknown, unknown>;
  /** Meets the publication rule (kept by triggers, 0010): narrows the search; `published()` still decides what shows. */
  published: ColumnType<boolean, never, never>;
}

/** One row: bumped at the commit of anything a public page shows (0010); the portal's cache key. */
export interface PublicationStateTable {
  one: ColumnType<boolean, never, never>;
  version: ColumnType<number, never, never>;
}

export interface PublicationTables {
  agreement_public_search: AgreementPublicSearchTable;
  publication_state: PublicationStateTable;
}
