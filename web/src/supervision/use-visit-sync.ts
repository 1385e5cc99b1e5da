/** The interview form's link to its offline queue: one queue and sync engine per visit, and their status. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUser } from '../session.js';
import { OfflineQueue, type Json, type KeyValueStorage } from './offline-queue.js';
import { browserEnvironment, SyncEngine, type SyncStatus } from './sync-engine.js';
import { knownFromWorksheet, queueScope, syncTransport } from './sync-ops.js';
import type { Worksheet } from './types.js';

/** localStorage, or (storage blocked, e.g. a locked-down browser) a memory store that at least survives offline spells. */
function deviceStorage(): KeyValueStorage {
  try {
    const probe = '__p2ma_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const map = new Map<string, string>();
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  }
}

export interface VisitSync {
  engine: SyncEngine;
  status: SyncStatus;
  /** The value the form shows per record: the local change if there is one, else the server's. */
  values: ReadonlyMap<string, Json>;
  change: (key: string, value: Json) => void;
}

export function useVisitSync(planId: string, visitId: string, worksheet: Worksheet | undefined, onSynced: () => void): VisitSync {
  const userId = useUser().id;
  const engine = useMemo(() => {
    const queue = new OfflineQueue(deviceStorage(), queueScope(userId, planId, visitId));
    return new SyncEngine(queue, syncTransport(planId, visitId), browserEnvironment());
  }, [userId, planId, visitId]);
  const [status, setStatus] = useState<SyncStatus>(() => engine.status());
  const onSyncedRef = useRef(onSynced);
  onSyncedRef.current = onSynced;

  // The server's values become the bases of later changes each time the worksheet is (re)loaded.
  useEffect(() => {
    if (worksheet) engine.queue.setKnown(knownFromWorksheet(worksheet));
    setStatus(engine.status());
  }, [engine, worksheet]);

  useEffect(() => {
    let wasBusy = false;
    const off = engine.subscribe((s) => {
      setStatus(s);
      // Everything sent: read the worksheet again so the other members' answers show up.
      if (wasBusy && s.state === 'synced') onSyncedRef.current();
      wasBusy = s.state === 'syncing';
    });
    engine.start();
    // Another tab on the same visit wrote to the queue: show its state.
    const onStorage = (e: StorageEvent) => {
      if (e.key?.startsWith('p2ma.supervision.')) setStatus(engine.status());
    };
    window.addEventListener('storage', onStorage);
    return () => {
      off();
      engine.stop();
      window.removeEventListener('storage', onStorage);
    };
  }, [engine]);

  // Read again whenever the engine reports (every change, ack and conflict notifies).
  const values = useMemo(() => engine.queue.values(), [engine, status]);

  return {
    engine,
    status,
    values,
    change: (key, value) => engine.change(key, value),
  };
}
