import { sql, type Kysely } from 'kysely';

/**
 * Public copies made by redaction: which document was the source, which findings and extra rectangles were
 * blacked out (kinds and places only: the personal data itself is never copied here), the job that renders
 * it and the document it produced. The source document is never changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table public_copies (
      id uuid primary key default gen_random_uuid(),
      source_document_id uuid not null references documents(id) on delete cascade,
      agreement_id uuid not null references agreements(id) on delete cascade,
      job_id uuid references jobs(id) on delete set null,
      requested_by uuid references users(id) on delete set null,
      requested_at timestamptz not null default now(),
      -- [{id, kind, page}] of the accepted findings
      findings jsonb not null default '[]'::jsonb,
      -- [{page, x, y, width, height}] in points from the page's top left, findings' boxes and manual ones
      rectangles jsonb not null default '[]'::jsonb,
      result_document_id uuid references documents(id) on delete set null,
      error text,
      finished_at timestamptz
    );
    create index public_copies_source_idx on public_copies(source_document_id, requested_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists public_copies`.execute(db);
}
