import { z } from 'zod';
import { listItemDto, listQuery } from '../agreements/agreement.schemas.js';

/** The register's filters, a query, and pages of results. */
export const searchQuery = listQuery
  .pick({ unitId: true, kind: true, status: true, partnerCategory: true, partnerId: true, scope: true, signingYear: true })
  .extend({
    q: z.string().trim().min(1).max(200).describe('Kata kunci; "frasa dalam tanda kutip", -kata untuk mengecualikan, atau kata1 or kata2'),
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  });
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchResponse = z.object({
  results: z.array(
    z.object({
      agreement: listItemDto,
      score: z.number(),
      snippets: z.array(z.object({ documentId: z.string(), page: z.number().int(), html: z.string().describe('Teks aman: hanya <mark> di sekitar kata yang cocok') })),
    }),
  ),
  total: z.number().int(),
  totalIsLowerBound: z.boolean().describe('true bila kecocokan yang hanya ada di isi berkas lebih dari 1.000 (tidak dihitung semua): total adalah batas bawah'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Search as you type in the register: agreement numbers and partner names. */
export const quickQuery = z.object({
  q: z.string().trim().min(2).max(150).describe('Bagian nomor naskah atau nama mitra (paling sedikit 2 karakter)'),
  limit: z.coerce.number().int().min(1).max(20).default(6),
});

export const quickResponse = z.object({
  agreements: z.array(z.object({ id: z.string(), title: z.string(), numberFirst: z.string().nullable(), numberSecond: z.string().nullable(), unitName: z.string() })),
  partners: z.array(z.object({ id: z.string(), name: z.string(), categoryName: z.string(), agreementCount: z.number().int().describe('Naskah mitra ini yang terlihat oleh pemanggil') })),
});
