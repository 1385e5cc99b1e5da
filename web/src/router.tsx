/** A tiny history-API router under the base path /app/. Paths inside the app are written without the base: "/unit". */
import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';

export const BASE = '/app';
const CHANGE = 'p2ma:navigate';

function read(): string {
  const { pathname, search } = window.location;
  const inner = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return (inner.startsWith('/') ? inner : `/${inner}`) + search;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

export function href(to: string): string {
  return BASE + (to.startsWith('/') ? to : `/${to}`);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = href(to);
  if (url === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

export interface Location {
  /** e.g. "/unit/123" ("/" for the dashboard) */
  path: string;
  query: URLSearchParams;
  /** path + search, for "come back here after sign-in" */
  full: string;
}

export function useLocation(): Location {
  const full = useSyncExternalStore(subscribe, read, read);
  const q = full.indexOf('?');
  const rawPath = q === -1 ? full : full.slice(0, q);
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : '/';
  return { path, query: new URLSearchParams(q === -1 ? '' : full.slice(q)), full };
}

/** Current app path (without base), outside React. */
export function currentPath(): string {
  return read();
}

/** Matches "/unit/:id" style patterns; returns params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i] as string;
    const seg = s[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; children: ReactNode };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  function handle(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  }
  return (
    <a href={href(to)} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
