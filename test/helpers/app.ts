import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { prepare } from '../../src/bootstrap.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-units.js';
import { buildApp, type App } from '../../src/http/app.js';
import type { AppDeps } from '../../src/http/context.js';
import { freshDatabase, type DbKind } from './databases.js';

export { DEMO_PASSWORD };

/** A clock tests can move. */
export class TestClock {
  constructor(public current = new Date()) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: App;
  deps: AppDeps;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
  login(username: string, password?: string): Promise<Session>;
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  /** Sends a request as this user (cookie + CSRF header on writes). */
  req(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
}

export interface Res {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A real app (demo data loaded) on a fresh database of the given kind, driven through `inject`. */
/** `demoRegister`: also load the demo agreements (off by default so tests count only what they create). */
export async function startTestApp(kind: DbKind, env: Record<string, string> = {}, opts: { demoRegister?: boolean } = {}): Promise<TestApp> {
  const db = await freshDatabase(kind);
  // Every test app stores its uploaded files in its own directory, removed again by close().
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2ma-files-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ARGON2_MEMORY_KIB: '8192', ARGON2_ITERATIONS: '1', STORAGE_DIR: storageDir, ...env }),
    database: db.config,
    demo: true,
  };
  const clock = new TestClock();
  const { deps } = await prepare(config, { now: clock.now, demoRegister: opts.demoRegister ?? false });
  const app = await buildApp(deps);
  await app.ready();
  const send = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body: parsed, headers: res.headers };
  };
  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'p2ma_session')!;
    const json = res.json() as { csrfToken: string; user: { id: string } };
    const cookieHeader = `p2ma_session=${cookie.value}`;
    return {
      cookie: cookieHeader,
      csrf: json.csrfToken,
      userId: json.user.id,
      req: (method, url, body, headers = {}) =>
        send(method, url, body, { cookie: cookieHeader, ...(method === 'GET' ? {} : { 'x-csrf-token': json.csrfToken }), ...headers }),
    };
  };
  return {
    app,
    deps,
    clock,
    config,
    login,
    close: async () => {
      await app.close();
      await deps.database.close();
      await db.drop();
      fs.rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export async function anonymous(t: TestApp, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  let parsed: unknown = res.body;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, body: parsed, headers: res.headers };
}

export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const row = await t.deps.database.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}
