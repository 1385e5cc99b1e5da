import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration', () => {
  it('defaults to the embedded database under ./data, port 3000, demo mode outside production', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.database.kind === 'pglite' && c.database.dataDir.endsWith('/data/pglite')).toBe(true);
    expect(c.demo).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/p2ma' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/p2ma' });
  });

  it('turns demo mode off in production and refuses to turn it on there', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'true' })).toThrow(/DEMO/);
  });

  it('refuses to start with a readable list of every bad setting', () => {
    try {
      loadConfig({ PORT: 'delapan', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL: harus diawali postgres/);
      expect(problems).toMatch(/LOG_LEVEL/);
      expect((err as ConfigError).problems).toHaveLength(3);
    }
  });
});
