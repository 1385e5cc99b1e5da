import { z } from 'zod';

export const idParam = z.object({ id: z.uuid() });
export const isoDate = z.iso.date();
export const pagination = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
};
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export const noContent = z.null().describe('No content');
/** Standard error answers, so the OpenAPI document lists them for every endpoint. */
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export function requestSource(req: { ip: string }) {
  return req.ip ?? null;
}
