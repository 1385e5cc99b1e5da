import { describe, expect, it } from 'vitest';
import { OfflineQueue, type KeyValueStorage, type OpResult, type OutgoingOp } from '../../web/src/supervision/offline-queue.js';
import { backoffDelay, SyncEngine, type SyncEnvironment } from '../../web/src/supervision/sync-engine.js';
import { fromSyncResult, keys, syncTransport, toSyncOp } from '../../web/src/supervision/sync-ops.js';

class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

function ids() {
  let n = 0;
  return () => `op-${++n}`;
}

function queue(storage = new MemoryStorage()) {
  return new OfflineQueue(storage, 'visit:v1', () => new Date('2026-06-27T03:00:00Z'), ids());
}

/** A server that keeps versions and the opIds it applied, like the sync endpoint. */
class FakeServer {
  values = new Map<string, { value: unknown; version: number; by: string }>();
  applied = new Map<string, number>();
  writes: string[] = [];
  down = false;
  calls = 0;
  async send(ops: OutgoingOp[], by = 'Ketua Tim'): Promise<OpResult[]> {
    this.calls++;
    if (this.down) throw Object.assign(new Error('offline'), { code: 'NETWORK_ERROR' });
    return ops.map((op) => {
      const done = this.applied.get(op.opId);
      if (done !== undefined) return { opId: op.opId, status: 'duplicate', version: done };
      const cur = this.values.get(op.key);
      if ((cur?.version ?? null) !== op.baseVersion && cur) {
        return { opId: op.opId, status: 'conflict', current: { value: cur.value as never, version: cur.version, changedBy: cur.by, changedAt: '2026-06-27T02:00:00Z' } };
      }
      const version = (cur?.version ?? 0) + 1;
      this.values.set(op.key, { value: op.value, version, by });
      this.applied.set(op.opId, version);
      this.writes.push(op.opId);
      return { opId: op.opId, status: 'applied', version };
    });
  }
}

class FakeEnv implements SyncEnvironment {
  online = true;
  timers: { fn: () => void; ms: number }[] = [];
  private listeners = new Set<(o: boolean) => void>();
  isOnline() {
    return this.online;
  }
  onConnectivity(l: (o: boolean) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  setTimeout(fn: () => void, ms: number) {
    const t = { fn, ms };
    this.timers.push(t);
    return t;
  }
  clearTimeout(h: unknown) {
    this.timers = this.timers.filter((t) => t !== h);
  }
  random() {
    return 1;
  }
  set(online: boolean) {
    this.online = online;
    for (const l of this.listeners) l(online);
  }
  async fireTimers() {
    const due = this.timers;
    this.timers = [];
    for (const t of due) t.fn();
  }
}

describe('offline queue', () => {
  it('keeps changes in storage, so a new queue object (a reload) sees them', () => {
    const storage = new MemoryStorage();
    queue(storage).change('a', 'Ya');
    const again = queue(storage);
    expect(again.pendingCount()).toBe(1);
    expect(again.localValue('a')).toBe('Ya');
  });

  it('folds unsent changes of one answer into one change, and drops a change back to the server value', () => {
    const q = queue();
    q.setKnown({ a: { value: 2, version: 3 } });
    q.change('a', 3);
    q.change('a', 4);
    expect(q.read().pending).toMatchObject([{ key: 'a', value: 4, baseVersion: 3 }]);
    q.change('a', 2);
    expect(q.pendingCount()).toBe(0);
    expect(q.localValue('a')).toBe(2);
  });

  it('never replaces a change that may have reached the server; the next one waits behind it', () => {
    const q = queue();
    q.change('a', 'satu');
    const first = q.takeBatch();
    expect(first).toHaveLength(1);
    q.change('a', 'dua');
    expect(q.read().pending.map((p) => [p.value, p.afterOpId])).toEqual([
      ['satu', null],
      ['dua', 'op-1'],
    ]);
    // Only one change per answer per batch; the second is not ready until the first is acknowledged.
    expect(q.takeBatch().map((o) => o.opId)).toEqual(['op-1']);
    q.acknowledge([{ opId: 'op-1', status: 'applied', version: 1 }]);
    expect(q.takeBatch()).toMatchObject([{ opId: 'op-2', value: 'dua', baseVersion: 1 }]);
    expect(q.pendingCount()).toBe(1);
  });

  it('turns a conflict into a choice with both values and who changed it; "mine" resends on the winning version', () => {
    const q = queue();
    q.setKnown({ a: { value: 'lama', version: 1 } });
    q.change('a', 'punya saya');
    const [op] = q.takeBatch();
    q.acknowledge([{ opId: op!.opId, status: 'conflict', current: { value: 'punya rekan', version: 2, changedBy: 'Anggota Tim', changedAt: '2026-06-27T02:00:00Z' } }]);
    expect(q.pendingCount()).toBe(0);
    expect(q.read().conflicts).toEqual([{ key: 'a', mine: 'punya saya', theirs: 'punya rekan', theirsVersion: 2, theirsBy: 'Anggota Tim', theirsAt: '2026-06-27T02:00:00Z' }]);
    q.resolve('a', 'mine');
    expect(q.read().conflicts).toEqual([]);
    expect(q.takeBatch()).toMatchObject([{ key: 'a', value: 'punya saya', baseVersion: 2 }]);
  });

  it('"theirs" takes the other value and sends nothing', () => {
    const q = queue();
    q.change('a', 'x');
    const [op] = q.takeBatch();
    q.acknowledge([{ opId: op!.opId, status: 'conflict', current: { value: 'y', version: 5, changedBy: 'B', changedAt: '2026-06-27T02:00:00Z' } }]);
    q.resolve('a', 'theirs');
    expect(q.pendingCount()).toBe(0);
    expect(q.localValue('a')).toBe('y');
    expect(q.read().known.a).toEqual({ value: 'y', version: 5 });
  });

  it('keeps a rejected change with the server message', () => {
    const q = queue();
    q.change('a', -5);
    const [op] = q.takeBatch();
    q.acknowledge([{ opId: op!.opId, status: 'rejected', message: 'Nilai harus 1–4.' }]);
    expect(q.read().rejected).toEqual([{ key: 'a', value: -5, message: 'Nilai harus 1–4.' }]);
    q.dismissRejected('a');
    expect(q.read().rejected).toEqual([]);
  });
});

describe('sync engine', () => {
  function setup() {
    const server = new FakeServer();
    const env = new FakeEnv();
    const q = queue();
    const engine = new SyncEngine(q, (ops) => server.send(ops), env, { baseDelayMs: 1000, maxDelayMs: 8000, now: () => 0 });
    engine.start();
    return { server, env, q, engine };
  }

  it('sends each change exactly once, also when a response is lost and the same opId is sent again', async () => {
    const { server, engine, q } = setup();
    engine.change('a', 'Ya');
    await engine.flush();
    expect(server.writes).toEqual(['op-1']);
    expect(engine.status().state).toBe('synced');

    // The server applies op-2 but the answer never arrives: the op stays and goes again with its opId.
    const lost = new OfflineQueue(new MemoryStorage(), 'visit:v2', () => new Date(), ids());
    lost.change('b', 1);
    const batch = lost.takeBatch();
    await server.send(batch);
    const again = lost.takeBatch();
    expect(again.map((o) => o.opId)).toEqual(batch.map((o) => o.opId));
    lost.acknowledge(await server.send(again));
    expect(lost.pendingCount()).toBe(0);
    expect(server.writes.filter((w) => w === batch[0]!.opId)).toHaveLength(1);
    expect(q.pendingCount()).toBe(0);
  });

  it('stays quiet offline, shows the pending count, and sends when the browser is back online', async () => {
    const { server, env, engine } = setup();
    env.set(false);
    engine.change('a', 'Ya');
    engine.change('b', 3);
    engine.change('c', 'catatan');
    await engine.flush();
    expect(server.calls).toBe(0);
    expect(engine.status()).toMatchObject({ state: 'offline', pending: 3 });
    env.set(true);
    await engine.flush();
    expect(engine.status()).toMatchObject({ state: 'synced', pending: 0 });
    expect(server.writes).toHaveLength(3);
  });

  it('retries a failed send with a growing delay and starts over after success', async () => {
    const { server, env, engine } = setup();
    server.down = true;
    engine.change('a', 'Ya');
    await engine.flush();
    expect(engine.status()).toMatchObject({ state: 'offline', failures: 1, pending: 1 });
    expect(env.timers.map((t) => t.ms)).toEqual([1000]);
    await env.fireTimers();
    await engine.flush();
    expect(env.timers.map((t) => t.ms)).toEqual([2000]);
    await env.fireTimers();
    await engine.flush();
    await env.fireTimers();
    await engine.flush();
    expect(env.timers.map((t) => t.ms)).toEqual([8000]); // capped
    server.down = false;
    await env.fireTimers();
    await engine.flush();
    expect(engine.status()).toMatchObject({ state: 'synced', failures: 0, pending: 0 });
    expect(server.writes).toHaveLength(1);
    expect(env.timers).toEqual([]);
  });

  it('reports a conflict with both values instead of overwriting the other member', async () => {
    const { server, engine } = setup();
    engine.queue.setKnown({ a: { value: 'Tidak', version: 1 } });
    server.values.set('a', { value: 'Sebagian', version: 2, by: 'Anggota Tim' });
    engine.change('a', 'Ya');
    await engine.flush();
    expect(server.values.get('a')!.value).toBe('Sebagian');
    expect(engine.status().conflicts).toMatchObject([{ key: 'a', mine: 'Ya', theirs: 'Sebagian', theirsBy: 'Anggota Tim' }]);
    engine.resolve('a', 'mine');
    await engine.flush();
    expect(server.values.get('a')).toMatchObject({ value: 'Ya', version: 3 });
    expect(engine.status()).toMatchObject({ state: 'synced', conflicts: [] });
  });

  it('computes the backoff with jitter inside 70–100 % of the plain delay', () => {
    expect(backoffDelay(1, 0)).toBe(700);
    expect(backoffDelay(3, 1)).toBe(4000);
    expect(backoffDelay(20, 1)).toBe(60_000);
  });
});

describe('supervision sync adapter', () => {
  const visitId = '11111111-1111-4111-8111-111111111111';
  const out = (key: string, value: unknown, baseVersion: number | null = null) => ({ opId: 'op-x', key, value: value as never, baseVersion, changedAt: '2026-11-19T03:00:00Z' });

  it('turns queue keys into the endpoint’s typed ops (no base revision is 0; unit questions have no agreement)', () => {
    expect(toSyncOp(visitId, out(keys.answer(null, 'q1'), 'Belum', null))).toEqual({ opId: 'op-x', visitId, type: 'answer.set', agreementId: null, questionId: 'q1', value: 'Belum', baseRevision: 0 });
    expect(toSyncOp(visitId, out(keys.answer('a1', 'q2'), 3, 4))).toMatchObject({ type: 'answer.set', agreementId: 'a1', questionId: 'q2', value: 3, baseRevision: 4 });
    expect(toSyncOp(visitId, out(keys.assessment('a1'), { benefitsUnit: true, mutual: null, recommendation: 'perbaiki', note: null }, 2))).toEqual({
      opId: 'op-x', visitId, type: 'assessment.set', agreementId: 'a1', baseRevision: 2, benefitsUnit: true, mutual: null, recommendation: 'perbaiki', note: null,
    });
    expect(toSyncOp(visitId, out(keys.interviewees(), [{ name: 'Budi', position: 'Kalapas' }], 1))).toMatchObject({ type: 'interviewees.set', interviewees: [{ name: 'Budi', position: 'Kalapas' }], baseRevision: 1 });
    expect(toSyncOp(visitId, out(keys.findings(), null, 1))).toMatchObject({ type: 'findings.set', findings: null });
    expect(toSyncOp(visitId, out(keys.unregistered('local-1'), { partnerName: 'CV Maju', title: 'Pemasaran roti', note: null, dueDate: null }))).toEqual({
      opId: 'op-x', visitId, type: 'unregistered.add', partnerName: 'CV Maju', title: 'Pemasaran roti', note: null, dueDate: null,
    });
  });

  it('reads the endpoint’s results: a replay is a duplicate, a conflict carries who changed it', () => {
    const base = { opId: 'o', revision: 2, id: null, followupId: null, current: null };
    expect(fromSyncResult({ ...base, status: 'applied', replayed: true })).toEqual({ opId: 'o', status: 'duplicate', version: 2 });
    expect(fromSyncResult({ ...base, status: 'applied', replayed: false })).toEqual({ opId: 'o', status: 'applied', version: 2 });
    expect(fromSyncResult({ ...base, status: 'conflict', replayed: false, current: { value: 'x', revision: 5, updatedBy: { id: 'u', name: 'Anggota' }, updatedAt: '2026-11-19T04:00:00Z' } })).toEqual({
      opId: 'o', status: 'conflict', current: { value: 'x', version: 5, changedBy: 'Anggota', changedAt: '2026-11-19T04:00:00Z' },
    });
  });

  it('turns a refused batch into per-answer refusals, so the rest of the queue is not stuck behind one answer', async () => {
    const body = { error: { code: 'RATING_OUT_OF_SCALE', message: 'Nilai harus 1–4', fields: [{ path: 'ops.1.value', message: 'Nilai "Pelaksanaan" harus bilangan bulat 1 sampai 4.' }] } };
    const calls: unknown[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (_url: string, init: { body: string }) => {
      calls.push(JSON.parse(init.body));
      return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    try {
      const send = syncTransport('p1', visitId);
      const results = await send([out(keys.answer('a1', 'q1'), 'ok'), { ...out(keys.answer('a1', 'q2'), 9), opId: 'op-bad' }]);
      expect(results).toEqual([{ opId: 'op-bad', status: 'rejected', message: 'Nilai "Pelaksanaan" harus bilangan bulat 1 sampai 4.' }]);
      expect(calls).toHaveLength(1);
      // A refusal that names no op (e.g. the plan was closed) is an error of the whole send: retried later.
      globalThis.fetch = (async () => new Response(JSON.stringify({ error: { code: 'SUPERVISION_LOCKED', message: 'Terkunci' } }), { status: 409 })) as unknown as typeof fetch;
      await expect(send([out(keys.findings(), 'x')])).rejects.toMatchObject({ code: 'SUPERVISION_LOCKED' });
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
