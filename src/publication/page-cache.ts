import crypto from 'node:crypto';
import type { AppDeps } from '../http/context.js';
import { todayIn } from '../shared/dates.js';
import { publicationVersion } from './publication.repository.js';

/**
 * Rendered public answers, kept in memory and tagged with the publication version they were made at.
 *
 * `publication_state.version` changes in the transaction of every change a public page shows (migration 0010).
 * Before answering, a request reads the version with a query that STARTS AFTER the request arrived (concurrent
 * requests share one such read), and serves a kept answer only if it was made at that very version. So once a
 * withdrawal has committed — on this process or any other one sharing the database — no request arriving later
 * gets the old page: there is no staleness window to tune. The date is part of the version because the derived
 * status ("berlaku", "berakhir", …) moves with it.
 *
 * A render reads the version first and the data after, so an answer can only be tagged older than its data
 * (one needless re-render), never newer.
 */
export interface Answer {
  status: number;
  type: string;
  /** Bytes, encoded once when the answer is made rather than at every send. */
  body: Buffer;
  /** Strong for pages (a hash of the bytes), weak where the body carries a timestamp (statistics). */
  etag: string | null;
  location?: string;
  cacheControl: string;
  vary: string;
}

const MAX_ENTRIES = 5_000;
const MAX_BYTES = 64 * 1024 * 1024;

/** One version read in flight at a time; a request joins only a read that started after it arrived. */
export class VersionGate {
  private inflight: Promise<number> | null = null;
  private next: Promise<number> | null = null;
  constructor(private readonly read: () => Promise<number>) {}

  current(): Promise<number> {
    if (!this.inflight) return this.start();
    // The read in flight began before this request: its answer may predate a commit this request must see.
    this.next ??= this.inflight.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<number> {
    this.next = null;
    return this.start();
  }

  private start(): Promise<number> {
    const p = this.read();
    this.inflight = p;
    const done = () => {
      if (this.inflight === p) this.inflight = null;
    };
    p.then(done, done);
    return p;
  }
}

interface Entry {
  version: string;
  value: unknown;
  bytes: number;
}

/** Least recently used first (a Map keeps insertion order; a hit re-inserts). */
class Lru {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  get(key: string, version: string): unknown {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.version !== version) {
      this.bytes -= e.bytes;
      return undefined;
    }
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, e: Entry) {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, e);
    this.bytes += e.bytes;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.entries.delete(k);
      this.bytes -= v.bytes;
    }
  }
}

interface State {
  gate: VersionGate;
  lru: Lru;
  /** Renders in progress by key and version: fifty readers of a page that just changed cause one render. */
  rendering: Map<string, Promise<unknown>>;
}
const states = new WeakMap<object, State>();

function stateOf(deps: AppDeps): State {
  let s = states.get(deps.database);
  if (!s) {
    const db = deps.database.db;
    s = { gate: new VersionGate(() => publicationVersion(db)), lru: new Lru(), rendering: new Map() };
    states.set(deps.database, s);
  }
  return s;
}

/** The version an answer made now would carry: the database's publication version and today's date. */
export async function currentVersion(deps: AppDeps): Promise<string> {
  const v = await stateOf(deps).gate.current();
  return `${v}.${todayCached(deps.now())}`;
}

// Time zones move by whole minutes, so the date is the same all through a minute: one formatting per minute
// (an Intl.DateTimeFormat per request cost 2–3 % of a busy process).
let lastDay = { minute: NaN, day: '' };
export function todayCached(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastDay.minute) lastDay = { minute, day: todayIn(now) };
  return lastDay.day;
}

/**
 * The value kept under `key` at the current version, or a fresh one from `make` (kept when `keep` says so).
 * Errors are never kept.
 */
export async function versioned<T>(deps: AppDeps, key: string, make: () => Promise<T>, size: (v: T) => number = () => 1024, keep: (v: T) => boolean = () => true): Promise<T> {
  const s = stateOf(deps);
  const version = await currentVersion(deps);
  const hit = s.lru.get(key, version);
  if (hit !== undefined) return hit as T;
  const flight = `${version} ${key}`;
  let p = s.rendering.get(flight) as Promise<T> | undefined;
  if (!p) {
    p = make();
    s.rendering.set(flight, p);
    const done = () => s.rendering.delete(flight);
    p.then(
      (value) => {
        done();
        if (keep(value)) s.lru.set(key, { version, value, bytes: size(value) });
      },
      done,
    );
  }
  return p;
}

/** Answers worth keeping: pages and redirects to them; never errors or "not found" (anyone can invent those). */
const KEEP = new Set([200, 301]);

export function cachedAnswer(deps: AppDeps, key: string, render: () => Promise<Answer>): Promise<Answer> {
  return versioned(deps, key, render, (a) => a.body.length + 512, (a) => KEEP.has(a.status));
}

export const strongEtag = (body: Buffer | string) => `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
export const weakEtag = (source: string) => `W/${strongEtag(source)}`;

/** Whether the client's If-None-Match names this validator (weak comparison, as for GET). */
export function matches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.startsWith('W/') ? etag.slice(2) : etag;
  return String(ifNoneMatch)
    .split(',')
    .some((x) => {
      const t = x.trim();
      return t === '*' || t === bare || t === `W/${bare}`;
    });
}
