import { z } from 'zod';
import { IMPORT_STATUSES } from '../db/schema-registry.js';
import { IMPORT_FIELDS } from './import.fields.js';

const field = z.enum(IMPORT_FIELDS);
const mappingDto = z.record(z.string(), field).describe('kolom (judul kolom di berkas) → isian');
const problem = z.object({ path: z.string(), message: z.string() });

/** The form field that precedes the file in the multipart body. */
export const uploadFields = z.object({ unitId: z.uuid() });

/** The upload form as the OpenAPI document shows it (the body is streamed, so it never becomes `req.body`). */
export const uploadForm = z.object({
  unitId: z.uuid().describe('Unit pemilik bawaan untuk baris tanpa kolom unit; kirim sebelum berkas'),
  file: z.string().meta({ format: 'binary' }).describe('XLSX atau CSV (UTF-8), paling besar 10 MB'),
});

export const importDto = z.object({
  id: z.string(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  filename: z.string(),
  fileKind: z.enum(['xlsx', 'csv']),
  status: z.enum(IMPORT_STATUSES),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  mapping: mappingDto.nullable(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  skippedRows: z.number().int().describe('baris yang sudah ada di register (tidak diimpor ulang)'),
  invalidRows: z.number().int().describe('baris yang dilewati karena bermasalah'),
  progress: z.number().int().min(0).max(100).describe('persen baris yang sudah diproses'),
  problems: z.array(z.object({ row: z.number().int(), problems: z.array(problem) })),
  failure: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const uploadResponse = z.object({
  import: importDto.extend({ suggestedMapping: mappingDto, mappingSource: z.enum(['remembered', 'guessed']) }),
});

export const previewBody = z.object({
  mapping: z.record(z.string().max(200), field),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(100),
  show: z.enum(['all', 'valid', 'invalid', 'duplicate']).default('all'),
});

const rowDto = z.object({
  row: z.number().int().describe('nomor baris di lembar kerja'),
  status: z.enum(['valid', 'invalid', 'duplicate']),
  problems: z.array(problem),
  duplicateOf: z.object({ agreementId: z.string().nullable(), row: z.number().int().nullable(), inTrash: z.boolean() }).nullable(),
  agreement: z.object({
    unit: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    kindCode: z.string().nullable(),
    title: z.string(),
    numberFirst: z.string().nullable(),
    numberSecond: z.string().nullable(),
    signingPlace: z.string().nullable(),
    signingDate: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    durationText: z.string().nullable(),
    scopeCodes: z.array(z.string()),
    scopeOther: z.string().nullable(),
  }),
  partners: z.array(
    z.object({
      name: z.string(),
      action: z.enum(['matched', 'create']),
      partnerId: z.string().nullable(),
      matchedName: z.string().nullable(),
      categoryCode: z.string().nullable(),
      categorySource: z.enum(['file', 'name', 'fallback']).nullable(),
    }),
  ),
});

export const previewResponse = z.object({
  import: importDto,
  counts: z.object({ total: z.number().int(), valid: z.number().int(), invalid: z.number().int(), duplicates: z.number().int(), newPartners: z.number().int() }),
  rows: z.array(rowDto),
  page: z.number().int(),
  pageSize: z.number().int(),
  matchingRows: z.number().int().describe('jumlah baris yang cocok dengan filter show'),
});

export const runBody = z.object({ skipInvalid: z.boolean().default(false) });
export const runResponse = z.object({ import: importDto });
