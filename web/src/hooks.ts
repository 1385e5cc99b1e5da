import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.js';
import type { Lists } from './registry.js';
import type { Province, Unit } from './types.js';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data when `deps` change; keeps the previous data while a new request runs (no flicker when paging),
 * and ignores answers to requests that were superseded.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(ctrl.signal).then(
      (value) => {
        if (ctrl.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

export function useUnits(includeInactive = false): Resource<Unit[]> {
  return useResource(
    (signal) =>
      api
        .get<{ units: Unit[] }>('/units', includeInactive ? { includeInactive: true } : undefined, signal)
        .then((r) => r.units),
    [includeInactive],
  );
}

export function useProvinces(): Resource<Province[]> {
  return useResource((signal) => api.get<{ provinces: Province[] }>('/provinces', undefined, signal).then((r) => r.provinces), []);
}

/** Sets document.title to "<page> — P2MA". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — P2MA` : 'P2MA';
  }, [title]);
}

/** The value, settled: it changes only after `ms` without a new change (search as you type). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return settled;
}

let listsCache: Promise<Lists> | null = null;

/** The managed lists (kinds, categories, scopes, benefits, statuses); loaded once per page load. */
export function useLists(): Resource<Lists> {
  return useResource(() => {
    if (!listsCache) {
      listsCache = api.get<Lists>('/lists');
      listsCache.catch(() => {
        listsCache = null;
      });
    }
    return listsCache;
  }, []);
}
