import { isSandboxError, openSqlite, startSandbox } from '@authenkit/nhso-sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteDriverSeam } from '../src/sqlite.js';

const realRequire = sqliteDriverSeam.require;

describe('better-sqlite3 is optional', () => {
  afterEach(() => {
    sqliteDriverSeam.require = realRequire;
    sqliteDriverSeam.reset();
    delete process.env.AUTHENKIT_SQLITE_DRIVER;
  });

  it('without it (Node 20 and no node:sqlite) a clear English + Thai MISSING_DEPENDENCY says how to install it', async () => {
    sqliteDriverSeam.require = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    sqliteDriverSeam.reset();
    let err: unknown;
    try {
      openSqlite(':memory:', { driver: 'better-sqlite3' });
    } catch (e) {
      err = e;
    }
    expect(isSandboxError(err, 'MISSING_DEPENDENCY')).toBe(true);
    if (!isSandboxError(err, 'MISSING_DEPENDENCY')) return;
    expect(err.message).toContain('npm install better-sqlite3@12');
    expect(err.message).toMatch(/Node >= 22\.13/);
    expect(err.messageTh).toMatch(/[\u0E00-\u0E7F]/);
    expect(err.details).toMatchObject({
      package: 'better-sqlite3@12',
      install: 'npm install better-sqlite3@12',
    });
    expect(String(err.details?.reasonTh)).toContain('npm install better-sqlite3@12');
    // the sandbox fails the same way, before it listens
    process.env.AUTHENKIT_SQLITE_DRIVER = 'better-sqlite3';
    await expect(startSandbox({ people: 10 })).rejects.toMatchObject({ code: 'MISSING_DEPENDENCY' });
  });

  it('a broken install (not a missing module) stays a STORAGE_ERROR', () => {
    sqliteDriverSeam.require = () => {
      throw new Error('invalid ELF header');
    };
    sqliteDriverSeam.reset();
    expect(() => openSqlite(':memory:', { driver: 'better-sqlite3' })).toThrow(
      expect.objectContaining({ code: 'STORAGE_ERROR' }),
    );
  });
});
