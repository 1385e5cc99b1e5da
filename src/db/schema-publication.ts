import type { ColumnType } from 'kysely';

/** The public portal's own search vectors (public fields, public copies' text); kept by triggers (0006). */
export interface AgreementPublicSearchTable {
  agreement_id: string;
  meta_tsv: ColumnType<string, unknown, unknown>;
  doc_tsv: ColumnType<string | null, unknown, unknown>;
}

export interface PublicationTables {
  agreement_public_search: AgreementPublicSearchTable;
}
