/** Multipart sends for supervision files (assignment letter: PUT; evidence: POST), with the session's CSRF header. */
import { API_BASE, ApiError, csrfToken, toApiError } from '../api.js';
import { currentLocale } from '../i18n.js';

export async function sendFile<T>(method: 'PUT' | 'POST', path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { method, body: form, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res.status, data);
  return data as T;
}

/** A link to a file the API serves (download buttons, evidence, the letter). */
export function apiHref(path: string): string {
  return `${API_BASE}${path}`;
}
