import { z } from 'zod';
import { STATUSES } from '../agreements/status.js';
import { AppError, type FieldProblem } from '../http/errors.js';
import { validationMessage, type Locale } from '../http/i18n.js';

/** Deep pages cost the database and serve no reader: past this, narrow the search. */
export const MAX_PAGE = 500;
const code = z.string().regex(/^[a-z0-9_]{1,40}$/, 'Kode tidak dikenal. || Unknown code.');

/** The public register's filters: the same for the search page and the open-data list. */
export const publicListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe('Kata kunci (judul, nomor, mitra, ruang lingkup, isi salinan publik); "frasa", -kata'),
  unit: z.uuid().optional().describe('Kanwil atau unit: naskahnya dan naskah unit di bawahnya'),
  kind: code.optional().describe('Jenis naskah (mou, pks, adendum, …)'),
  status: z.enum(STATUSES).optional().describe('Status turunan dari tanggal'),
  category: code.optional().describe('Kategori mitra'),
  scope: code.optional().describe('Ruang lingkup'),
  year: z.coerce.number().int().min(1945).max(2100).optional().describe('Tahun penandatanganan'),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE, `Halaman paling jauh ${MAX_PAGE}. Persempit pencarian dengan filter. || At most page ${MAX_PAGE}. Narrow the search with filters.`)
    .default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  lang: z.enum(['id', 'en']).optional().describe('Bahasa halaman (id/en)'),
});
export type PublicListQuery = z.infer<typeof publicListQuery>;

export const pageQuery = z.strictObject({
  page: publicListQuery.shape.page,
  lang: publicListQuery.shape.lang,
});

/**
 * Query parameters a person typed or a link carried: empty fields (an unused filter in the form) are left out
 * before validation, and problems come back as one AppError with a message per field in the reader's language.
 */
export function parseQuery<S extends z.ZodType>(schema: S, raw: unknown, locale: Locale): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  const r = schema.safeParse(cleaned);
  if (r.success) return r.data;
  const fields: FieldProblem[] = r.error.issues.map((i) => ({
    path: i.path.join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? '' : ''),
    message: validationMessage(i as never, locale),
  }));
  throw new AppError('VALIDATION_FAILED', {}, fields);
}

const ref = z.object({ id: z.string(), name: z.string(), url: z.string() });

export const publicAgreementDto = z.object({
  id: z.string(),
  url: z.string().describe('Halaman naskah di portal'),
  kind: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  numberFirst: z.string().nullable(),
  numberSecond: z.string().nullable(),
  unit: ref,
  partners: z.array(ref),
  partnerCategories: z.array(z.string()),
  scopes: z.array(z.string()),
  signingDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  publishedAt: z.string(),
});

const relativeDto = z.object({ id: z.string(), url: z.string(), kind: z.string(), title: z.string(), numberFirst: z.string().nullable(), status: z.enum(STATUSES) });

export const publicDetailDto = publicAgreementDto.extend({
  signatories: z.array(z.object({ party: z.enum(['pertama', 'kedua']), name: z.string(), position: z.string() })),
  scopeOther: z.string().nullable(),
  purpose: z.string().nullable(),
  durationText: z.string().nullable(),
  relations: z.object({
    parent: relativeDto.nullable(),
    children: z.array(relativeDto),
    amends: relativeDto.nullable(),
    amendedBy: z.array(relativeDto),
    renews: relativeDto.nullable(),
    renewedBy: z.array(relativeDto),
  }),
  publicCopy: z
    .object({ url: z.string().describe('Dibuka di peramban'), downloadUrl: z.string(), mime: z.string(), size: z.number().int(), pages: z.number().int().nullable(), sha256: z.string() })
    .nullable(),
});

export const publicListDto = z.object({
  items: z.array(publicAgreementDto.extend({ snippets: z.array(z.string()).describe('Kutipan salinan publik; hanya <mark> di sekitar kata yang cocok') })),
  total: z.number().int(),
  totalIsLowerBound: z.boolean().describe('true bila lebih dari 10.000 naskah cocok: total adalah batas bawah (persempit dengan filter)'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const countDto = z.object({ key: z.string().nullable(), label: z.string(), count: z.number().int() });
export const statisticsDto = z.object({
  published: z.number().int(),
  inForce: z.number().int(),
  inForceByKanwil: z.array(countDto),
  inForceByKind: z.array(countDto),
  inForceByPartnerCategory: z.array(countDto),
  publishedBySigningYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
  generatedAt: z.string(),
});
