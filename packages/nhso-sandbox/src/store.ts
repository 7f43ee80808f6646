import { type AuthenCodeStatus, canTransition } from '@authenkit/authen-code';
import { isSandboxError, SandboxError } from './errors.js';
import { type OpenSqliteOptions, openSqlite, type SqliteDatabase, type SqliteDriverName } from './sqlite.js';

/**
 * Kinds of Authen Code the sandbox issues: `PP` (Agent / kiosk / LINE / AuthenCode by PID) and `EP` (close claim).
 *
 * @example
 * ```ts
 * import type { AuthenCodeKind } from '@authenkit/nhso-sandbox';
 * const kind: AuthenCodeKind = 'EP';
 * console.log(kind);
 * ```
 */
export type AuthenCodeKind = 'PP' | 'EP';

/**
 * Usage status of an Authen Code (สถานะการใช้งาน) — the `AuthenCodeStatus` of `@authenkit/authen-code`.
 *
 * @example
 * ```ts
 * import type { CodeStatus } from '@authenkit/nhso-sandbox';
 * const s: CodeStatus = 'cancelled';
 * console.log(s);
 * ```
 */
export type CodeStatus = AuthenCodeStatus;

/**
 * One issued Authen Code as stored by the sandbox.
 *
 * @example
 * ```ts
 * import type { IssuedCode } from '@authenkit/nhso-sandbox';
 * const show = (c: IssuedCode) => `${c.claimCode} ${c.channel} ${c.status}`;
 * console.log(typeof show);
 * ```
 */
export interface IssuedCode {
  /** Insertion sequence (also the report `transId`). */
  seq: number;
  /** `PP…` or `EP…` + 10 digits. */
  claimCode: string;
  /** `PP` or `EP`. */
  kind: AuthenCodeKind;
  /** Patient PID. */
  pid: string;
  /** Service unit. */
  hcode: string;
  /** Claim type / service code, e.g. `PG0060001`. */
  claimType: string;
  /** Bangkok service date `YYYY-MM-DD`. */
  serviceDate: string;
  /** Bangkok service date-time `YYYY-MM-DDTHH:mm:ss`. */
  serviceDateTime: string;
  /** Bangkok record date-time `YYYY-MM-DDTHH:mm:ss`. */
  createdAt: string;
  /** Channel (ช่องทางขอ Authen Code), an `AuthenChannel`: `AGENT`, `KIOSK`, `LINE`, `ENDPOINT`, `ERM_ONLINE`. */
  channel: string;
  /** Verification method (วิธีการพิสูจน์ตัวตน), a `VerificationMethod`: `SMART_CARD`, `PID_ENTRY`, `QR_LINE`, `FACE`. */
  method: string;
  /** Certifier (ผู้รับรองการเข้ารับบริการ), a `CertifierRole`: `PATIENT`, `PARENT`, `CAREGIVER`, `STAFF`. */
  certifier: string;
  /** PID of the recording staff (ผู้บันทึกข้อมูล), if any. */
  recorderPid: string | null;
  /** HN at the hospital. */
  hn: string | null;
  /** AN (admissions). */
  an: string | null;
  /** Mobile number given with the request. */
  mobile: string | null;
  /** Close-claim transaction id. */
  transactionId: string | null;
  /** Usage status. */
  status: CodeStatus;
  /** Reason of the last status change (เหตุผลการยกเลิก). */
  statusReason: string | null;
  /** PID of the editor of the last status change (ผู้แก้ไข). */
  editedBy: string | null;
  /** When the status was last changed (Bangkok local). */
  editedAt: string | null;
}

/**
 * What an issuance writes (the store assigns `seq` and `claimCode`).
 *
 * @example
 * ```ts
 * import type { NewCode } from '@authenkit/nhso-sandbox';
 * const n: Partial<NewCode> = { kind: 'PP', channel: 'AGENT' };
 * console.log(n.kind);
 * ```
 */
export type NewCode = Omit<
  IssuedCode,
  'seq' | 'claimCode' | 'status' | 'statusReason' | 'editedBy' | 'editedAt'
>;

/**
 * Result of {@link SandboxStore.issue}: a fresh code, or the earlier code for a repeated idempotency key.
 *
 * @example
 * ```ts
 * import type { IssueResult } from '@authenkit/nhso-sandbox';
 * const f = (r: IssueResult) => (r.replayed ? 'same visit, same code' : 'new code');
 * console.log(typeof f);
 * ```
 */
export interface IssueResult {
  /** The code. */
  code: IssuedCode;
  /** True when an earlier request with the same idempotency key already issued it. */
  replayed: boolean;
}

/**
 * A LINE citizen registration.
 *
 * @example
 * ```ts
 * import type { CitizenRecord } from '@authenkit/nhso-sandbox';
 * const c: CitizenRecord = { lineUserId: 'U1', consent: 'ACCEPTED', consentAt: '', pid: null, phone: null };
 * console.log(c.consent);
 * ```
 */
export interface CitizenRecord {
  /** LINE user id. */
  lineUserId: string;
  /** Consent decision. */
  consent: 'ACCEPTED' | 'DECLINED';
  /** When the decision was made (Bangkok local). */
  consentAt: string;
  /** Registered PID (after `register`). */
  pid: string | null;
  /** Registered phone. */
  phone: string | null;
}

/**
 * A bearer / UC / SRM token held by the sandbox.
 *
 * @example
 * ```ts
 * import type { TokenRecord } from '@authenkit/nhso-sandbox';
 * const t: TokenRecord = { token: 'x', kind: 'bearer', pid: '0000000000000', hcode: '10699', expiresAt: null };
 * console.log(t.kind);
 * ```
 */
export interface TokenRecord {
  /** The secret. */
  token: string;
  /** `bearer` (REST), `uc` (SOAP smctoken), `srm-access`, `srm-refresh`. */
  kind: 'bearer' | 'uc' | 'srm-access' | 'srm-refresh';
  /** Staff PID the token belongs to. */
  pid: string;
  /** Staff hcode. */
  hcode: string;
  /** Expiry (epoch ms); `null` = never (configured development tokens). */
  expiresAt: number | null;
}

/**
 * Durable storage of the sandbox (SQLite via {@link openSqlite}: `node:sqlite` or better-sqlite3, WAL). Every mutation is one transaction, so a
 * crash at any point leaves either the whole issuance or nothing.
 *
 * @example
 * ```ts
 * import { openStore } from '@authenkit/nhso-sandbox';
 * const store = openStore(); // in memory
 * console.log(store.listCodes().length); // 0
 * store.close();
 * ```
 */
export interface SandboxStore {
  /** File path, or `:memory:`. */
  readonly path: string;
  /** The SQLite driver in use (see {@link openSqlite}). */
  readonly driver: SqliteDriverName;
  /**
   * Issue a code atomically. Enforces the same-day duplicate rule (one active code per kind, PID, hcode,
   * claim type and Bangkok service date) and idempotency keys (same key → same code, `replayed: true`).
   */
  issue(code: NewCode, idempotencyKey?: string, fingerprint?: string): IssueResult;
  /** Find an active (not cancelled) code for the duplicate rule. */
  findActive(
    kind: AuthenCodeKind,
    pid: string,
    hcode: string,
    claimType: string,
    serviceDate: string,
  ): IssuedCode | undefined;
  /** Look up by code. */
  getCode(claimCode: string): IssuedCode | undefined;
  /** All codes of a PID, newest first. */
  codesOfPid(pid: string): IssuedCode[];
  /** Every code, oldest first. */
  listCodes(): IssuedCode[];
  /** Change the usage status (`issued` → `used` | `cancelled`, the authen-code lifecycle) with reason and editor. */
  setStatus(
    claimCode: string,
    status: 'used' | 'cancelled',
    reason: string | null,
    editor: string,
    at: string,
  ): IssuedCode;
  /** Record a LINE consent decision. */
  setConsent(lineUserId: string, consent: 'ACCEPTED' | 'DECLINED', at: string): CitizenRecord;
  /** Register PID + phone for a LINE user (self only: one PID per LINE account and one account per PID). */
  registerCitizen(lineUserId: string, pid: string, phone: string): CitizenRecord;
  /** Get a LINE user. */
  getCitizen(lineUserId: string): CitizenRecord | undefined;
  /** Save a token. */
  putToken(t: TokenRecord): void;
  /** Get a token. */
  getToken(token: string): TokenRecord | undefined;
  /** Delete a token. */
  deleteToken(token: string): void;
  /** Close the database. */
  close(): void;
}

interface CodeRow {
  seq: number;
  claim_code: string;
  kind: AuthenCodeKind;
  pid: string;
  hcode: string;
  claim_type: string;
  service_date: string;
  service_datetime: string;
  created_at: string;
  channel: string;
  method: string;
  certifier: string;
  recorder_pid: string | null;
  hn: string | null;
  an: string | null;
  mobile: string | null;
  transaction_id: string | null;
  status: CodeStatus;
  status_reason: string | null;
  edited_by: string | null;
  edited_at: string | null;
}

const toCode = (r: CodeRow): IssuedCode => ({
  seq: r.seq,
  claimCode: r.claim_code,
  kind: r.kind,
  pid: r.pid,
  hcode: r.hcode,
  claimType: r.claim_type,
  serviceDate: r.service_date,
  serviceDateTime: r.service_datetime,
  createdAt: r.created_at,
  channel: r.channel,
  method: r.method,
  certifier: r.certifier,
  recorderPid: r.recorder_pid,
  hn: r.hn,
  an: r.an,
  mobile: r.mobile,
  transactionId: r.transaction_id,
  status: r.status,
  statusReason: r.status_reason,
  editedBy: r.edited_by,
  editedAt: r.edited_at,
});

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS codes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  claim_code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, pid TEXT NOT NULL, hcode TEXT NOT NULL, claim_type TEXT NOT NULL,
  service_date TEXT NOT NULL, service_datetime TEXT NOT NULL, created_at TEXT NOT NULL,
  channel TEXT NOT NULL, method TEXT NOT NULL, certifier TEXT NOT NULL, recorder_pid TEXT,
  hn TEXT, an TEXT, mobile TEXT, transaction_id TEXT,
  status TEXT NOT NULL DEFAULT 'issued', status_reason TEXT, edited_by TEXT, edited_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS codes_same_day ON codes(kind, pid, hcode, claim_type, service_date) WHERE status <> 'cancelled';
CREATE INDEX IF NOT EXISTS codes_pid ON codes(pid);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, claim_code TEXT NOT NULL, fingerprint TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS citizens (line_user_id TEXT PRIMARY KEY, consent TEXT NOT NULL, consent_at TEXT NOT NULL, pid TEXT, phone TEXT);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, kind TEXT NOT NULL, pid TEXT NOT NULL, hcode TEXT NOT NULL, expires_at INTEGER);
`;

/** Multiplier coprime with 10^10: `seq → (seq·A + B) mod 10^10` is a bijection, so codes never collide. */
const CODE_A = 3_754_811_137n;
const CODE_MOD = 10_000_000_000n;

/**
 * Options of {@link openStore}.
 *
 * @example
 * ```ts
 * import type { StoreOptions } from '@authenkit/nhso-sandbox';
 * const o: StoreOptions = { path: '/tmp/sandbox.db', seed: 1 };
 * console.log(o.path);
 * ```
 */
export interface StoreOptions {
  /** SQLite file; default `:memory:`. */
  path?: string;
  /** Seed of the code scrambler for a new database (kept in the file afterwards). Default 1. */
  seed?: number;
  /** SQLite driver; default `auto` (see {@link openSqlite}). */
  driver?: OpenSqliteOptions['driver'];
}

/**
 * Open (or create) the sandbox database. File databases use WAL with `synchronous=FULL`: once `issue()`
 * returns, the code survives a `kill -9` of the process.
 *
 * @example
 * ```ts
 * import { openStore } from '@authenkit/nhso-sandbox';
 * const store = openStore({ path: ':memory:' });
 * const { code } = store.issue({
 *   kind: 'PP', pid: '8000000000001', hcode: '10699', claimType: 'PG0060001', serviceDate: '2026-01-15',
 *   serviceDateTime: '2026-01-15T09:00:00', createdAt: '2026-01-15T09:00:00', channel: 'AGENT', method: 'SMART_CARD',
 *   certifier: 'PATIENT', recorderPid: null, hn: null, an: null, mobile: null, transactionId: null,
 * });
 * console.log(code.claimCode.startsWith('PP')); // true
 * store.close();
 * ```
 */
export function openStore(options: StoreOptions = {}): SandboxStore {
  const path = options.path ?? ':memory:';
  let db: SqliteDatabase;
  try {
    db = openSqlite(path, { driver: options.driver ?? 'auto' });
  } catch (cause) {
    // a missing driver keeps its own code and install hint
    if (isSandboxError(cause, 'MISSING_DEPENDENCY')) throw cause;
    throw new SandboxError('STORAGE_ERROR', 'cannot open the sandbox database', { cause });
  }
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const seedRow = db.prepare('SELECT value FROM meta WHERE key = ?').get<{ value: string }>('code_offset');
  let offset: bigint;
  if (seedRow) offset = BigInt(seedRow.value);
  else {
    offset = (BigInt(Math.abs(Math.trunc(options.seed ?? 1))) * 2_654_435_761n + 1_238_504_971n) % CODE_MOD;
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('code_offset', offset.toString());
  }

  const q = {
    insert:
      db.prepare(`INSERT INTO codes (claim_code, kind, pid, hcode, claim_type, service_date, service_datetime, created_at,
      channel, method, certifier, recorder_pid, hn, an, mobile, transaction_id)
      VALUES (@claim_code, @kind, @pid, @hcode, @claim_type, @service_date, @service_datetime, @created_at,
      @channel, @method, @certifier, @recorder_pid, @hn, @an, @mobile, @transaction_id)`),
    nextSeq: db.prepare(
      "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'codes'), 0) + 1 AS n",
    ),
    active: db.prepare(
      "SELECT * FROM codes WHERE kind = ? AND pid = ? AND hcode = ? AND claim_type = ? AND service_date = ? AND status <> 'cancelled'",
    ),
    byCode: db.prepare('SELECT * FROM codes WHERE claim_code = ?'),
    byPid: db.prepare('SELECT * FROM codes WHERE pid = ? ORDER BY seq DESC'),
    all: db.prepare('SELECT * FROM codes ORDER BY seq'),
    idem: db.prepare('SELECT claim_code, fingerprint FROM idempotency WHERE key = ?'),
    idemPut: db.prepare('INSERT INTO idempotency (key, claim_code, fingerprint) VALUES (?, ?, ?)'),
    status: db.prepare(
      'UPDATE codes SET status = ?, status_reason = ?, edited_by = ?, edited_at = ? WHERE claim_code = ?',
    ),
    citizen: db.prepare('SELECT * FROM citizens WHERE line_user_id = ?'),
    citizenByPid: db.prepare('SELECT line_user_id FROM citizens WHERE pid = ? AND line_user_id <> ?'),
    consent: db.prepare(`INSERT INTO citizens (line_user_id, consent, consent_at) VALUES (?, ?, ?)
      ON CONFLICT(line_user_id) DO UPDATE SET consent = excluded.consent, consent_at = excluded.consent_at`),
    register: db.prepare('UPDATE citizens SET pid = ?, phone = ? WHERE line_user_id = ?'),
    tokenPut: db.prepare(
      'INSERT OR REPLACE INTO tokens (token, kind, pid, hcode, expires_at) VALUES (@token, @kind, @pid, @hcode, @expires_at)',
    ),
    tokenGet: db.prepare('SELECT * FROM tokens WHERE token = ?'),
    tokenDel: db.prepare('DELETE FROM tokens WHERE token = ?'),
  };
  const getCode = (c: string): IssuedCode | undefined => {
    const r = q.byCode.get(c) as CodeRow | undefined;
    return r ? toCode(r) : undefined;
  };
  const toCitizen = (r: {
    line_user_id: string;
    consent: 'ACCEPTED' | 'DECLINED';
    consent_at: string;
    pid: string | null;
    phone: string | null;
  }): CitizenRecord => ({
    lineUserId: r.line_user_id,
    consent: r.consent,
    consentAt: r.consent_at,
    pid: r.pid,
    phone: r.phone,
  });

  const immediate = { immediate: true };
  const issueTx = db.transaction((c: NewCode, key: string | undefined, fingerprint: string): IssueResult => {
    if (key !== undefined) {
      const prev = q.idem.get(key) as { claim_code: string; fingerprint: string } | undefined;
      if (prev) {
        if (prev.fingerprint !== fingerprint)
          throw new SandboxError(
            'IDEMPOTENCY_MISMATCH',
            'the idempotency key was used for a different request',
            { details: { reason: 'idempotency-key' } },
          );
        const code = getCode(prev.claim_code);
        if (code) return { code, replayed: true };
      }
    }
    const dup = q.active.get(c.kind, c.pid, c.hcode, c.claimType, c.serviceDate) as CodeRow | undefined;
    if (dup)
      throw new SandboxError(
        'DUPLICATE_AUTHEN_CODE',
        'an active Authen Code already exists for this person, unit, service and day',
        {
          details: { claimCode: dup.claim_code },
        },
      );
    const n = BigInt((q.nextSeq.get() as { n: number }).n);
    const digits = ((n * CODE_A + offset) % CODE_MOD).toString().padStart(10, '0');
    const claimCode = `${c.kind}${digits}`;
    q.insert.run({
      claim_code: claimCode,
      kind: c.kind,
      pid: c.pid,
      hcode: c.hcode,
      claim_type: c.claimType,
      service_date: c.serviceDate,
      service_datetime: c.serviceDateTime,
      created_at: c.createdAt,
      channel: c.channel,
      method: c.method,
      certifier: c.certifier,
      recorder_pid: c.recorderPid,
      hn: c.hn,
      an: c.an,
      mobile: c.mobile,
      transaction_id: c.transactionId,
    });
    if (key !== undefined) q.idemPut.run(key, claimCode, fingerprint);
    return { code: getCode(claimCode) as IssuedCode, replayed: false };
  }, immediate);

  return {
    path,
    driver: db.driver,
    issue: (c, key, fingerprint = '') => issueTx(c, key, fingerprint),
    findActive: (kind, pid, hcode, claimType, serviceDate) => {
      const r = q.active.get(kind, pid, hcode, claimType, serviceDate) as CodeRow | undefined;
      return r ? toCode(r) : undefined;
    },
    getCode,
    codesOfPid: (pid) => (q.byPid.all(pid) as CodeRow[]).map(toCode),
    listCodes: () => (q.all.all() as CodeRow[]).map(toCode),
    setStatus: (claimCode, status, reason, editor, at) => {
      const tx = db.transaction(() => {
        const cur = getCode(claimCode);
        if (!cur) throw new SandboxError('CODE_NOT_FOUND', 'no such Authen Code');
        if (!canTransition(cur.status, status === 'used' ? 'use' : 'cancel'))
          throw new SandboxError('INVALID_STATUS_CHANGE', `cannot move a ${cur.status} code to ${status}`, {
            details: {
              from: cur.status,
              to: status,
              reasonTh: cur.status === 'cancelled' ? 'Authen Code ถูกยกเลิกแล้ว' : 'Authen Code ถูกใช้งานแล้ว',
            },
          });
        if (status === 'cancelled' && !reason)
          throw new SandboxError('INVALID_REQUEST', 'cancelling needs a reason', {
            details: { field: 'reason', reasonTh: 'กรุณาระบุเหตุผลการยกเลิก' },
          });
        q.status.run(status, reason, editor, at, claimCode);
        return getCode(claimCode) as IssuedCode;
      }, immediate);
      return tx();
    },
    setConsent: (id, consent, at) => {
      q.consent.run(id, consent, at);
      return toCitizen(q.citizen.get(id) as never);
    },
    registerCitizen: (id, pid, phone) =>
      db.transaction(() => {
        const cur = q.citizen.get(id) as { pid: string | null } | undefined;
        const other = q.citizenByPid.get(pid, id) as { line_user_id: string } | undefined;
        if ((cur?.pid && cur.pid !== pid) || other)
          throw new SandboxError(
            'ALREADY_REGISTERED',
            'a LINE account registers its own citizen ID only, once',
            { details: { reason: 'already-registered' } },
          );
        q.register.run(pid, phone, id);
        return toCitizen(q.citizen.get(id) as never);
      }, immediate)(),
    getCitizen: (id) => {
      const r = q.citizen.get(id);
      return r ? toCitizen(r as never) : undefined;
    },
    putToken: (t) => {
      q.tokenPut.run({ token: t.token, kind: t.kind, pid: t.pid, hcode: t.hcode, expires_at: t.expiresAt });
    },
    getToken: (token) => {
      const r = q.tokenGet.get(token) as
        | { token: string; kind: TokenRecord['kind']; pid: string; hcode: string; expires_at: number | null }
        | undefined;
      return r
        ? { token: r.token, kind: r.kind, pid: r.pid, hcode: r.hcode, expiresAt: r.expires_at }
        : undefined;
    },
    deleteToken: (token) => {
      q.tokenDel.run(token);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
