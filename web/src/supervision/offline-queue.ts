/**
 * The interview form's changes, kept on the device until the server acknowledges them.
 *
 * Every change gets a client-made opId and stays in storage (one entry per visit) until the server answers for
 * that opId, so a reload, a crash or a lost response never loses or doubles an answer: the server remembers the
 * opIds it applied and answers a repeat as a duplicate. All state lives in storage and every operation is a
 * read-modify-write of it, so two tabs on the same visit see the same queue.
 *
 * Rules (each one exists for a reason):
 * - A change to a key whose pending change was never sent replaces it (only the latest answer travels).
 *   A change whose predecessor was already sent (outcome unknown) waits behind it: replacing it could send the
 *   same answer twice under two opIds, and the server would see our own first write as someone else's.
 * - At most one change per key goes in a batch; the next one is sent on top of the version the first produced.
 * - A conflict (someone else changed the key since our base version) is never resolved here: it is kept with both
 *   values until the user picks one.
 */

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** The part of Web Storage this module needs (localStorage in the browser, a Map in the unit test). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PendingOp {
  opId: string;
  /** What the change is about, e.g. "answer:<agreementId>:<questionId>". */
  key: string;
  value: Json;
  /** The server version this change was made on; null when the key had no value on the server. */
  baseVersion: number | null;
  /** Set while the change waits for an earlier change of the same key: its version becomes the base. */
  afterOpId: string | null;
  changedAt: string;
  /** Sends tried so far (0: never left the device, so it may still be replaced). */
  attempts: number;
}

export interface Conflict {
  key: string;
  mine: Json;
  theirs: Json;
  theirsVersion: number;
  theirsBy: string;
  theirsAt: string;
}

export interface Rejected {
  key: string;
  value: Json;
  message: string;
}

export interface KnownValue {
  value: Json;
  version: number;
}

export interface QueueState {
  pending: PendingOp[];
  conflicts: Conflict[];
  rejected: Rejected[];
  /** The last value and version the server confirmed per key (the base of the next change). */
  known: Record<string, KnownValue>;
}

/** What the sync endpoint answers per change. */
export type OpResult =
  | { opId: string; status: 'applied' | 'duplicate'; version: number; value?: Json }
  | { opId: string; status: 'conflict'; current: { value: Json; version: number; changedBy: string; changedAt: string } }
  | { opId: string; status: 'rejected'; message: string };

/** What goes over the wire for one change. */
export interface OutgoingOp {
  opId: string;
  key: string;
  value: Json;
  baseVersion: number | null;
  changedAt: string;
}

const EMPTY: QueueState = { pending: [], conflicts: [], rejected: [], known: {} };

/** A random opId that also works outside secure contexts (plain-HTTP field servers have no randomUUID). */
export function newOpId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function sameValue(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class OfflineQueue {
  private readonly storageKey: string;

  constructor(
    private readonly storage: KeyValueStorage,
    /** One queue per visit: "visit:<id>". */
    scope: string,
    private readonly now: () => Date = () => new Date(),
    private readonly makeId: () => string = newOpId,
  ) {
    this.storageKey = `p2ma.supervision.${scope}`;
  }

  read(): QueueState {
    const raw = this.storage.getItem(this.storageKey);
    if (!raw) return structuredClone(EMPTY);
    try {
      const s = JSON.parse(raw) as Partial<QueueState>;
      return { pending: s.pending ?? [], conflicts: s.conflicts ?? [], rejected: s.rejected ?? [], known: s.known ?? {} };
    } catch {
      // A damaged entry must not block the form; the server keeps everything already acknowledged.
      return structuredClone(EMPTY);
    }
  }

  private update<T>(fn: (s: QueueState) => T): T {
    const s = this.read();
    const out = fn(s);
    if (s.pending.length === 0 && s.conflicts.length === 0 && s.rejected.length === 0 && Object.keys(s.known).length === 0) {
      this.storage.removeItem(this.storageKey);
    } else {
      this.storage.setItem(this.storageKey, JSON.stringify(s));
    }
    return out;
  }

  /** The server's current values (from loading the visit): the bases of later changes. Local changes stay. */
  setKnown(entries: Record<string, KnownValue>): void {
    this.update((s) => {
      for (const [key, v] of Object.entries(entries)) {
        const had = s.known[key];
        if (!had || had.version <= v.version) s.known[key] = v;
      }
    });
  }

  /** Records one change made by the user. Returns the opId that will carry it. */
  change(key: string, value: Json): string {
    return this.update((s) => {
      const conflict = s.conflicts.find((c) => c.key === key);
      if (conflict) {
        // The user keeps typing while a conflict is open: "mine" follows, the choice stays theirs to make.
        conflict.mine = value;
        return '';
      }
      const forKey = s.pending.filter((p) => p.key === key);
      const last = forKey[forKey.length - 1];
      if (last && last.attempts === 0) {
        if (!last.afterOpId && sameValue(value, s.known[key]?.value ?? null) && s.known[key] !== undefined) {
          // Changed back to what the server has: nothing left to send.
          s.pending = s.pending.filter((p) => p.opId !== last.opId);
          return '';
        }
        last.value = value;
        last.changedAt = this.now().toISOString();
        return last.opId;
      }
      if (!last && s.known[key] !== undefined && sameValue(value, s.known[key]!.value)) return '';
      const op: PendingOp = {
        opId: this.makeId(),
        key,
        value,
        baseVersion: last ? null : (s.known[key]?.version ?? null),
        afterOpId: last ? last.opId : null,
        changedAt: this.now().toISOString(),
        attempts: 0,
      };
      s.pending.push(op);
      return op.opId;
    });
  }

  /** The value the form shows for a key: an open conflict's or a pending change's local value, else the server's. */
  localValue(key: string): Json | undefined {
    const s = this.read();
    const conflict = s.conflicts.find((c) => c.key === key);
    if (conflict) return conflict.mine;
    const forKey = s.pending.filter((p) => p.key === key);
    if (forKey.length > 0) return forKey[forKey.length - 1]!.value;
    return s.known[key]?.value;
  }

  /** Every key's local value at once (one storage read for a whole form render). */
  values(): Map<string, Json> {
    const s = this.read();
    const out = new Map<string, Json>();
    for (const [key, k] of Object.entries(s.known)) out.set(key, k.value);
    for (const p of s.pending) out.set(p.key, p.value);
    for (const c of s.conflicts) out.set(c.key, c.mine);
    return out;
  }

  /** The changes to send now: the oldest ready change per key, in the order they were made. Marks them tried. */
  takeBatch(max = 100): OutgoingOp[] {
    return this.update((s) => {
      const seen = new Set<string>();
      const batch: OutgoingOp[] = [];
      for (const op of s.pending) {
        if (seen.has(op.key)) continue;
        seen.add(op.key);
        if (op.afterOpId) continue; // its predecessor has not been acknowledged yet
        if (batch.length >= max) break;
        op.attempts += 1;
        batch.push({ opId: op.opId, key: op.key, value: op.value, baseVersion: op.baseVersion, changedAt: op.changedAt });
      }
      return batch;
    });
  }

  /** Applies the server's answers. Unknown opIds (another tab got there first) are ignored. */
  acknowledge(results: readonly OpResult[]): void {
    this.update((s) => {
      for (const r of results) {
        const op = s.pending.find((p) => p.opId === r.opId);
        if (!op) continue;
        s.pending = s.pending.filter((p) => p.opId !== r.opId);
        if (r.status === 'applied' || r.status === 'duplicate') {
          s.known[op.key] = { value: r.value ?? op.value, version: r.version };
          for (const next of s.pending) if (next.afterOpId === op.opId) {
            next.afterOpId = null;
            next.baseVersion = r.version;
          }
        } else if (r.status === 'conflict') {
          // Later local changes of the key fold into "mine": the user decides once, with the newest value.
          const later = s.pending.filter((p) => p.key === op.key);
          const mine = later.length > 0 ? later[later.length - 1]!.value : op.value;
          s.pending = s.pending.filter((p) => p.key !== op.key);
          s.known[op.key] = { value: r.current.value, version: r.current.version };
          s.conflicts = s.conflicts.filter((c) => c.key !== op.key);
          s.conflicts.push({
            key: op.key,
            mine,
            theirs: r.current.value,
            theirsVersion: r.current.version,
            theirsBy: r.current.changedBy,
            theirsAt: r.current.changedAt,
          });
        } else if (r.status === 'rejected') {
          const later = s.pending.filter((p) => p.key === op.key);
          s.pending = s.pending.filter((p) => p.key !== op.key);
          const value = later.length > 0 ? later[later.length - 1]!.value : op.value;
          s.rejected = s.rejected.filter((x) => x.key !== op.key);
          s.rejected.push({ key: op.key, value, message: r.message });
        }
      }
    });
  }

  /**
   * The user's choice for a conflict. "mine": send my value again on top of the version that won (a new opId:
   * the old one is settled). "theirs": take the other member's value; nothing is sent.
   */
  resolve(key: string, keep: 'mine' | 'theirs'): void {
    this.update((s) => {
      const c = s.conflicts.find((x) => x.key === key);
      if (!c) return;
      s.conflicts = s.conflicts.filter((x) => x.key !== key);
      s.known[key] = { value: c.theirs, version: c.theirsVersion };
      if (keep === 'mine' && !sameValue(c.mine, c.theirs)) {
        s.pending.push({ opId: this.makeId(), key, value: c.mine, baseVersion: c.theirsVersion, afterOpId: null, changedAt: this.now().toISOString(), attempts: 0 });
      }
    });
  }

  dismissRejected(key: string): void {
    this.update((s) => {
      s.rejected = s.rejected.filter((r) => r.key !== key);
    });
  }

  /** Answers still waiting for the server (what "N jawaban menunggu dikirim" counts): one per key. */
  pendingCount(): number {
    return new Set(this.read().pending.map((p) => p.key)).size;
  }
}
