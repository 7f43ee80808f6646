import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { SandboxError } from './errors.js';

/**
 * The SQLite drivers {@link openSqlite} can use: Node's built-in `node:sqlite` (`DatabaseSync`, Node ≥ 22.13 /
 * 23.4) or the `better-sqlite3` native addon (Node 20).
 *
 * @example
 * ```ts
 * import type { SqliteDriverName } from '@authenkit/nhso-sandbox';
 * const d: SqliteDriverName = 'node:sqlite';
 * console.log(d);
 * ```
 */
export type SqliteDriverName = 'node:sqlite' | 'better-sqlite3';

/**
 * A value SQLite can bind. Bind `null`, not `undefined`, and numbers instead of booleans: both drivers reject
 * `undefined` and booleans.
 *
 * @example
 * ```ts
 * import type { SqliteValue } from '@authenkit/nhso-sandbox';
 * const v: SqliteValue[] = ['10699', 1, null];
 * console.log(v.length);
 * ```
 */
export type SqliteValue = string | number | bigint | Uint8Array | null;

/**
 * Parameters of a statement: positional values (`?`), or one object for named parameters. Write named
 * parameters as `@name` in the SQL and `{ name }` in the object (no prefix) — the form both drivers accept.
 *
 * @example
 * ```ts
 * import type { SqliteParams } from '@authenkit/nhso-sandbox';
 * const positional: SqliteParams = ['8000000000001', '10699'];
 * const named: SqliteParams = [{ pid: '8000000000001', hcode: '10699' }];
 * console.log(positional.length, named.length);
 * ```
 */
export type SqliteParams = SqliteValue[] | [Record<string, SqliteValue>];

/**
 * What {@link SqliteStatement.run} returns.
 *
 * @example
 * ```ts
 * import { openSqlite } from '@authenkit/nhso-sandbox';
 * const db = openSqlite(':memory:');
 * db.exec('CREATE TABLE t (x TEXT)');
 * const r = db.prepare('INSERT INTO t (x) VALUES (?)').run('a');
 * console.log(r.changes, r.lastInsertRowid); // 1 1
 * db.close();
 * ```
 */
export interface SqliteRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
  /** Rowid of the last inserted row (a `bigint` only beyond `Number.MAX_SAFE_INTEGER`). */
  lastInsertRowid: number | bigint;
}

/**
 * A prepared statement. Rows are plain objects (`Object.prototype`) on both drivers; integers come back as
 * `number`.
 *
 * @example
 * ```ts
 * import { openSqlite } from '@authenkit/nhso-sandbox';
 * const db = openSqlite(':memory:');
 * db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a'), ('b')");
 * const rows = db.prepare('SELECT x FROM t ORDER BY x').all<{ x: string }>();
 * console.log(rows.map((r) => r.x).join()); // a,b
 * db.close();
 * ```
 */
export interface SqliteStatement {
  /** Execute (INSERT / UPDATE / DELETE …). */
  run(...params: SqliteParams): SqliteRunResult;
  /** First row, or `undefined`. */
  get<T = Record<string, unknown>>(...params: SqliteParams): T | undefined;
  /** All rows. */
  all<T = Record<string, unknown>>(...params: SqliteParams): T[];
}

/**
 * Options of {@link SqliteDatabase.transaction}.
 *
 * @example
 * ```ts
 * import type { SqliteTransactionOptions } from '@authenkit/nhso-sandbox';
 * const o: SqliteTransactionOptions = { immediate: true };
 * console.log(o.immediate);
 * ```
 */
export interface SqliteTransactionOptions {
  /**
   * `BEGIN IMMEDIATE` instead of `BEGIN`: take the write lock up front, so a read-then-write transaction never
   * fails half-way with `SQLITE_BUSY` when another connection writes. Default `false`.
   */
  immediate?: boolean;
}

/**
 * The small synchronous SQLite surface the sandbox (and the HIS example) need, the same on both drivers.
 *
 * @example
 * ```ts
 * import { openSqlite } from '@authenkit/nhso-sandbox';
 * const db = openSqlite(':memory:');
 * db.exec('CREATE TABLE visits (vn TEXT PRIMARY KEY, hn TEXT NOT NULL)');
 * const add = db.prepare('INSERT INTO visits (vn, hn) VALUES (@vn, @hn)');
 * const addMany = db.transaction((rows: { vn: string; hn: string }[]) => {
 *   for (const r of rows) add.run(r);
 * });
 * addMany([{ vn: 'V1', hn: 'H1' }, { vn: 'V2', hn: 'H2' }]);
 * console.log(db.prepare('SELECT count(*) AS n FROM visits').get<{ n: number }>()?.n); // 2
 * db.close();
 * ```
 */
export interface SqliteDatabase {
  /** The driver in use. */
  readonly driver: SqliteDriverName;
  /** File path, or `:memory:`. */
  readonly path: string;
  /** False after {@link SqliteDatabase.close}. */
  readonly open: boolean;
  /** True inside a transaction. */
  readonly inTransaction: boolean;
  /** Compile a statement (keep it and reuse it). */
  prepare(sql: string): SqliteStatement;
  /** Run one or more statements without parameters. */
  exec(sql: string): void;
  /** Run `PRAGMA <text>` and return its rows, e.g. `pragma('journal_mode = WAL')` → `[{ journal_mode: 'wal' }]`. */
  pragma(text: string): Record<string, unknown>[];
  /**
   * Wrap `fn` in a transaction, with better-sqlite3's semantics: `BEGIN` (or `BEGIN IMMEDIATE`), `COMMIT` when
   * `fn` returns, `ROLLBACK` and rethrow when it throws. Called inside another transaction it uses a
   * `SAVEPOINT`, so an inner failure undoes only the inner work. `fn` must be synchronous.
   */
  transaction<A extends unknown[], R>(
    fn: (...args: A) => R,
    options?: SqliteTransactionOptions,
  ): (...args: A) => R;
  /** Close the database (idempotent). */
  close(): void;
}

/**
 * Options of {@link openSqlite}.
 *
 * @example
 * ```ts
 * import type { OpenSqliteOptions } from '@authenkit/nhso-sandbox';
 * const o: OpenSqliteOptions = { driver: 'better-sqlite3' };
 * console.log(o.driver);
 * ```
 */
export interface OpenSqliteOptions {
  /**
   * `auto` (default): `node:sqlite` when the runtime has it, else `better-sqlite3`. The environment variable
   * `AUTHENKIT_SQLITE_DRIVER` (`node:sqlite` or `better-sqlite3`) overrides `auto`.
   */
  driver?: 'auto' | SqliteDriverName;
}

// ---- node:sqlite, typed structurally (the package builds against @types/node 20, which has no node:sqlite) ----

interface NodeStatementSync {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Record<string, unknown>[];
}
interface NodeDatabaseSync {
  prepare(sql: string): NodeStatementSync;
  exec(sql: string): void;
  close(): void;
  readonly isTransaction?: boolean;
}
interface NodeSqliteModule {
  DatabaseSync: new (path: string) => NodeDatabaseSync;
}

let nodeSqlite: NodeSqliteModule | null | undefined;

/**
 * Load `node:sqlite` if this runtime has it without flags. Node 22 prints "ExperimentalWarning: SQLite is an
 * experimental feature" on first load; that one warning (and only it) is swallowed, since the sandbox picks the
 * driver itself and the warning would only alarm operators. Every other warning goes through untouched.
 */
function loadNodeSqlite(): NodeSqliteModule | undefined {
  if (nodeSqlite !== undefined) return nodeSqlite ?? undefined;
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (typeof get !== 'function') {
    nodeSqlite = null;
    return undefined;
  }
  const original = process.emitWarning;
  process.emitWarning = function emitWarning(
    this: unknown,
    warning: string | Error,
    ...rest: unknown[]
  ): void {
    const first = rest[0];
    const type =
      typeof first === 'string'
        ? first
        : typeof first === 'object' && first !== null
          ? (first as { type?: unknown }).type
          : warning instanceof Error
            ? warning.name
            : undefined;
    const message = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && /\bSQLite\b/.test(message)) return;
    (original as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    const mod = get.call(process, 'node:sqlite') as NodeSqliteModule | undefined;
    nodeSqlite = mod && typeof mod.DatabaseSync === 'function' ? mod : null;
  } catch {
    nodeSqlite = null;
  } finally {
    process.emitWarning = original;
  }
  return nodeSqlite ?? undefined;
}

let betterSqlite: typeof BetterSqlite3 | null | undefined;
/** Why better-sqlite3 could not be loaded (set with `betterSqlite = null`). */
let betterSqliteProblem: 'missing' | 'crashes' | 'broken' | undefined;

/**
 * @internal The driver seam: how the optional `better-sqlite3` module is required. Tests replace `require` to
 * simulate a missing or broken module and call `reset()` to forget the cached outcome.
 */
export const sqliteDriverSeam = {
  require: (id: string): unknown => createRequire(import.meta.url)(id),
  reset(): void {
    betterSqlite = undefined;
    betterSqliteProblem = undefined;
  },
};

/**
 * better-sqlite3 ≤ 12 aborts the process on Node ≥ 24.19 (and 25+) as soon as a statement is garbage-collected
 * (`Assertion failed: (env) != nullptr` in `node::RemoveEnvironmentCleanupHook`, WiseLibs/better-sqlite3#1515):
 * there it counts as unavailable, so nothing can load it by accident.
 */
function betterSqliteCrashesHere(version: string, addonMajor: number): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return addonMajor <= 12 && (major > 24 || (major === 24 && minor >= 19));
}

function loadBetterSqlite(): typeof BetterSqlite3 | undefined {
  if (betterSqlite !== undefined) return betterSqlite ?? undefined;
  try {
    const { version } = sqliteDriverSeam.require('better-sqlite3/package.json') as { version: string };
    if (betterSqliteCrashesHere(process.versions.node, Number(version.split('.')[0]))) {
      betterSqlite = null;
      betterSqliteProblem = 'crashes';
    } else betterSqlite = sqliteDriverSeam.require('better-sqlite3') as typeof BetterSqlite3;
  } catch (e) {
    betterSqlite = null;
    betterSqliteProblem = (e as { code?: unknown })?.code === 'MODULE_NOT_FOUND' ? 'missing' : 'broken';
  }
  return betterSqlite ?? undefined;
}

/**
 * Whether a driver can be used in this process (`node:sqlite`: Node ≥ 22.13 / 23.4; `better-sqlite3`: the
 * addon is installed, built for this Node, and not version 12 on Node ≥ 24.19, where it aborts the process).
 *
 * @example
 * ```ts
 * import { sqliteDriverAvailable } from '@authenkit/nhso-sandbox';
 * console.log(sqliteDriverAvailable('node:sqlite') ? 'built-in SQLite' : 'better-sqlite3');
 * ```
 */
export function sqliteDriverAvailable(driver: SqliteDriverName): boolean {
  return driver === 'node:sqlite' ? loadNodeSqlite() !== undefined : loadBetterSqlite() !== undefined;
}

/**
 * The driver `openSqlite(path)` picks here: `AUTHENKIT_SQLITE_DRIVER` if set, else `node:sqlite` when
 * available, else `better-sqlite3`.
 *
 * @example
 * ```ts
 * import { defaultSqliteDriver } from '@authenkit/nhso-sandbox';
 * console.log(defaultSqliteDriver()); // better-sqlite3 on Node 20, node:sqlite on Node 24
 * ```
 */
export function defaultSqliteDriver(): SqliteDriverName {
  const env = process.env.AUTHENKIT_SQLITE_DRIVER;
  if (env === 'node:sqlite' || env === 'better-sqlite3') return env;
  return sqliteDriverAvailable('node:sqlite') ? 'node:sqlite' : 'better-sqlite3';
}

const plain = (row: Record<string, unknown>): Record<string, unknown> => ({ ...row });

/**
 * Open (or create) a SQLite database with the best driver of this runtime: Node's built-in `node:sqlite` where
 * it exists (Node ≥ 22.13 / 23.4), `better-sqlite3` 12 otherwise (Node 20). better-sqlite3 12 aborts the
 * process on Node ≥ 24.19 when a statement is garbage-collected (WiseLibs/better-sqlite3#1515), and 13 no
 * longer runs on Node 20, so neither driver alone covers every supported Node.
 *
 * @throws {@link SandboxError} `STORAGE_ERROR` when the driver is not available or the file cannot be opened.
 * @example
 * ```ts
 * import { openSqlite } from '@authenkit/nhso-sandbox';
 * const db = openSqlite(':memory:'); // { driver: 'better-sqlite3' } forces the addon
 * db.exec('CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT)');
 * db.prepare('INSERT INTO kv VALUES (?, ?)').run('hcode', '10699');
 * console.log(db.prepare('SELECT v FROM kv WHERE k = ?').get<{ v: string }>('hcode')?.v); // 10699
 * db.close();
 * ```
 */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const driver =
    options.driver === undefined || options.driver === 'auto' ? defaultSqliteDriver() : options.driver;
  return driver === 'node:sqlite' ? openNode(path) : openBetter(path);
}

const unavailable = (driver: SqliteDriverName): SandboxError => {
  const node = process.versions.node;
  if (driver === 'node:sqlite')
    return new SandboxError(
      'STORAGE_ERROR',
      `node:sqlite is not available on Node ${node} (needs Node >= 22.13 or 23.4)`,
      {
        details: { driver },
      },
    );
  if (betterSqliteProblem === 'missing')
    return new SandboxError(
      'MISSING_DEPENDENCY',
      `better-sqlite3 is not installed. Node ${node} has no built-in node:sqlite, so the sandbox needs the optional better-sqlite3 driver: run "npm install better-sqlite3@12" (or use Node >= 22.13, which needs nothing extra)`,
      {
        details: {
          driver,
          package: 'better-sqlite3@12',
          install: 'npm install better-sqlite3@12',
          reasonTh: `Node ${node} ไม่มี node:sqlite ในตัว ต้องติดตั้ง better-sqlite3 ก่อน: สั่ง npm install better-sqlite3@12 (หรือใช้ Node 22.13 ขึ้นไป ซึ่งไม่ต้องติดตั้งเพิ่ม)`,
        },
      },
    );
  return new SandboxError(
    'STORAGE_ERROR',
    betterSqliteProblem === 'crashes'
      ? `better-sqlite3 12 aborts the process on Node ${node} (WiseLibs/better-sqlite3#1515); use node:sqlite`
      : `better-sqlite3 is not built for Node ${node} (reinstall it: npm rebuild better-sqlite3)`,
    { details: { driver, reason: betterSqliteProblem ?? 'broken' } },
  );
};

const cannotOpen = (cause: unknown): SandboxError =>
  new SandboxError('STORAGE_ERROR', 'cannot open the SQLite database', { cause });

interface Core {
  exec(sql: string): void;
  inTransaction(): boolean;
}

/** better-sqlite3's transaction semantics over `exec`, shared by both drivers. */
function makeTransaction(core: Core, depth: { n: number }) {
  return <A extends unknown[], R>(fn: (...args: A) => R, options: SqliteTransactionOptions = {}) =>
    (...args: A): R => {
      const nested = depth.n > 0 || core.inTransaction();
      const savepoint = `authenkit_sp_${depth.n}`;
      core.exec(nested ? `SAVEPOINT ${savepoint}` : options.immediate ? 'BEGIN IMMEDIATE' : 'BEGIN');
      depth.n++;
      try {
        const result = fn(...args);
        if (result !== null && typeof (result as { then?: unknown })?.then === 'function')
          throw new TypeError('transaction functions must be synchronous (got a promise)');
        core.exec(nested ? `RELEASE ${savepoint}` : 'COMMIT');
        return result;
      } catch (error) {
        try {
          if (nested) core.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          else if (core.inTransaction()) core.exec('ROLLBACK');
        } catch {
          // SQLite already rolled back (e.g. SQLITE_FULL); the original error is what matters
        }
        throw error;
      } finally {
        depth.n--;
      }
    };
}

function openNode(path: string): SqliteDatabase {
  const mod = loadNodeSqlite();
  if (!mod) throw unavailable('node:sqlite');
  let db: NodeDatabaseSync;
  try {
    db = new mod.DatabaseSync(path);
  } catch (cause) {
    throw cannotOpen(cause);
  }
  let open = true;
  const depth = { n: 0 };
  const core: Core = {
    exec: (sql) => db.exec(sql),
    // `isTransaction` exists from Node 22.16 / 24.0; before that the depth counter is the truth
    inTransaction: () => (typeof db.isTransaction === 'boolean' ? db.isTransaction : depth.n > 0),
  };
  return {
    driver: 'node:sqlite',
    path,
    get open() {
      return open;
    },
    get inTransaction() {
      return core.inTransaction();
    },
    prepare(sql) {
      const s = db.prepare(sql);
      return {
        run: (...params) => {
          const r = s.run(...params);
          return { changes: Number(r.changes), lastInsertRowid: r.lastInsertRowid };
        },
        get: <T>(...params: SqliteParams) => {
          const row = s.get(...params);
          return (row === undefined ? undefined : plain(row)) as T | undefined;
        },
        all: <T>(...params: SqliteParams) => s.all(...params).map(plain) as T[],
      };
    },
    exec: core.exec,
    pragma: (text) => db.prepare(`PRAGMA ${text}`).all().map(plain),
    transaction: makeTransaction(core, depth),
    close() {
      if (!open) return;
      db.close();
      open = false;
    },
  };
}

function openBetter(path: string): SqliteDatabase {
  const Database = loadBetterSqlite();
  if (!Database) throw unavailable('better-sqlite3');
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path);
  } catch (cause) {
    throw cannotOpen(cause);
  }
  const depth = { n: 0 };
  const core: Core = { exec: (sql) => void db.exec(sql), inTransaction: () => db.inTransaction };
  return {
    driver: 'better-sqlite3',
    path,
    get open() {
      return db.open;
    },
    get inTransaction() {
      return db.inTransaction;
    },
    prepare(sql) {
      const s = db.prepare(sql);
      // better-sqlite3 refuses run() on statements that return data (e.g. `INSERT … RETURNING`); use get/all there
      return {
        run: (...params) => {
          const r = s.run(...params);
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        get: <T>(...params: SqliteParams) => s.get(...params) as T | undefined,
        all: <T>(...params: SqliteParams) => s.all(...params) as T[],
      };
    },
    exec: core.exec,
    pragma: (text) => db.pragma(text) as Record<string, unknown>[],
    transaction: makeTransaction(core, depth),
    close() {
      if (db.open) db.close();
    },
  };
}
