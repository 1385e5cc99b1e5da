import { describe, expect, it } from 'vitest';
import { VersionGate } from '../../src/publication/page-cache.js';

/** The publication version must come from a read that started after the request arrived (page-cache.ts). */
describe('VersionGate', () => {
  function fakeDb() {
    let version = 1;
    const pending: { resolve: (v: number) => void; seen: number }[] = [];
    let reads = 0;
    return {
      gate: new VersionGate(() => {
        reads++;
        // The read sees the version committed when it starts, and answers later.
        const seen = version;
        return new Promise<number>((resolve) => pending.push({ resolve, seen }));
      }),
      commit: () => void version++,
      answerAll: async () => {
        while (pending.length) {
          const p = pending.shift()!;
          p.resolve(p.seen);
          await new Promise((r) => setTimeout(r, 0));
        }
      },
      reads: () => reads,
    };
  }

  it('never answers a request with a read that started before it arrived', async () => {
    const db = fakeDb();
    const first = db.gate.current();
    db.commit(); // e.g. a withdrawal commits while the first read is on its way
    const second = db.gate.current();
    await db.answerAll();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
  });

  it('lets requests that arrive together share one read', async () => {
    const db = fakeDb();
    const first = db.gate.current();
    const waiting = [db.gate.current(), db.gate.current(), db.gate.current()];
    await db.answerAll();
    await Promise.all([first, ...waiting]);
    expect(db.reads()).toBe(2);
  });

  it('passes a failed read on to its requests, and reads again for the next one', async () => {
    let fail = true;
    const gate = new VersionGate(async () => {
      if (fail) throw new Error('database down');
      return 7;
    });
    await expect(gate.current()).rejects.toThrow('database down');
    fail = false;
    expect(await gate.current()).toBe(7);
  });
});
