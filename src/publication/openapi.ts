import { z } from 'zod';
import { errorBody } from '../http/schemas.js';

/** One operation of the public API, described by the same zod schemas that validate and shape it. */
export interface PublicOperation {
  path: string;
  summary: string;
  query?: z.ZodObject;
  pathParams?: z.ZodObject;
  /** JSON body schema, or a media type for files and feeds. */
  response: z.ZodType | { mediaType: string; description: string };
}

function parameters(where: 'query' | 'path', schema: z.ZodObject | undefined) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const f = field as z.ZodType;
    return {
      name,
      in: where,
      required: where === 'path' || !f.safeParse(undefined).success,
      ...(f.description ? { description: f.description } : {}),
      schema: z.toJSONSchema(f, { io: 'input', unrepresentable: 'any' }),
    };
  });
}

/**
 * The public API's own OpenAPI document (separate from the staff API's): generated from its zod schemas, so
 * what it promises is what the routes validate and return.
 */
export function publicOpenApi(ops: PublicOperation[], info: { version: string; serverUrl: string }) {
  const errorSchema = z.toJSONSchema(errorBody);
  const paths: Record<string, unknown> = {};
  for (const op of ops) {
    const ok =
      op.response instanceof z.ZodType
        ? { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(op.response, { io: 'output', unrepresentable: 'any' }) } } }
        : { description: op.response.description, content: { [op.response.mediaType]: { schema: { type: 'string', format: 'binary' } } } };
    const err = (d: string) => ({ description: d, content: { 'application/json': { schema: errorSchema } } });
    paths[op.path.replace(/:(\w+)/g, '{$1}')] = {
      get: {
        summary: op.summary,
        parameters: [...parameters('path', op.pathParams), ...parameters('query', op.query)],
        responses: { 200: ok, 304: { description: 'Tidak berubah (If-None-Match cocok dengan ETag)' }, 400: err('Parameter tidak valid'), 404: err('Tidak ditemukan'), 429: err('Terlalu banyak permintaan') },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'P2MA — API publik',
      description:
        'Data terbuka naskah kerja sama yang diterbitkan. Tanpa autentikasi; hanya GET/HEAD/OPTIONS (metode lain: 405). CORS terbuka (Access-Control-Allow-Origin: *), ETag dan Cache-Control, dibatasi jumlah permintaan per menit per alamat.',
      version: info.version,
    },
    servers: [{ url: `${info.serverUrl}/api/public/v1` }],
    paths,
  };
}
