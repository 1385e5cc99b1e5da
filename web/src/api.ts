/** Thin fetch wrapper for the staff API (docs/api.md): JSON, cookie session, CSRF header, error shape. */

export const API_BASE = '/api/v1';

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** Structured facts about the error (e.g. which document is missing), when the server gives them. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's message for one field (`path` "email" also matches "email.x" / "body.email"). */
  fieldMessage(name: string): string | undefined {
    return this.fields.find((f) => fieldMatches(f.path, name))?.message;
  }
}

export function fieldMatches(path: string, name: string): boolean {
  const clean = path.replace(/^\/+/, '').replace(/\//g, '.').replace(/^body\./, '');
  return clean === name || clean.startsWith(`${name}.`);
}

/** Errors that are about the credentials just typed, not about a missing session: never redirect for these. */
const CREDENTIAL_CODES = new Set(['INVALID_CREDENTIALS', 'TOTP_REQUIRED']);

interface ClientState {
  csrfToken: string | null;
  locale: string;
  onUnauthorized: ((err: ApiError) => void) | null;
  onPasswordChangeRequired: (() => void) | null;
}

const state: ClientState = { csrfToken: null, locale: 'id', onUnauthorized: null, onPasswordChangeRequired: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}
export function csrfToken(): string | null {
  return state.csrfToken;
}
export function setApiLocale(locale: string): void {
  state.locale = locale;
}
/** Called on a 401 from any request other than POST /auth/login (session missing or expired). */
export function setUnauthorizedHandler(fn: ((err: ApiError) => void) | null): void {
  state.onUnauthorized = fn;
}
/** Called on 403 PASSWORD_CHANGE_REQUIRED. */
export function setPasswordChangeRequiredHandler(fn: (() => void) | null): void {
  state.onPasswordChangeRequired = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, leaving out empty values. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': state.locale,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const safe = method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
  if (!safe && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;

  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }

  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) return data as T;

  const err = toApiError(res.status, data);
  const isLogin = path === '/auth/login';
  if (res.status === 401 && !isLogin && !CREDENTIAL_CODES.has(err.code)) state.onUnauthorized?.(err);
  if (res.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') state.onPasswordChangeRequired?.();
  throw err;
}

export function toApiError(status: number, data: unknown): ApiError {
  const e = (data as { error?: { code?: unknown; message?: unknown; fields?: unknown; details?: unknown } } | undefined)?.error;
  const code = typeof e?.code === 'string' ? e.code : `HTTP_${status}`;
  const message = typeof e?.message === 'string' ? e.message : '';
  const fields = Array.isArray(e?.fields)
    ? (e.fields as unknown[]).filter(isFieldProblem)
    : [];
  const details = typeof e?.details === 'object' && e.details !== null && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {};
  return new ApiError(status, code, message, fields, details);
}

function isFieldProblem(v: unknown): v is FieldProblem {
  return typeof v === 'object' && v !== null && typeof (v as FieldProblem).path === 'string' && typeof (v as FieldProblem).message === 'string';
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, undefined, { query, signal }),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

export interface UploadOptions {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Multipart upload with real progress (fetch cannot report upload progress): XMLHttpRequest, same headers
 * and error shape as `request`. Form fields must come before the file (the server reads them first).
 */
export function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', state.locale);
    if (state.csrfToken) xhr.setRequestHeader('x-csrf-token', state.csrfToken);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      const err = toApiError(xhr.status, data);
      if (xhr.status === 401) state.onUnauthorized?.(err);
      reject(err);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', ''));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
