/**
 * The HIS side: a tiny visit table in SQLite, the way HOSxP keeps `visit_pttype.auth_code`.
 * Everything the NHSO calls return is stored here, so the end-of-day job can run again safely.
 * SQLite goes through the sandbox's driver seam: Node's built-in `node:sqlite` where the runtime has it,
 * better-sqlite3 on Node 20 (better-sqlite3 12 aborts on Node >= 24.19, and 13 does not run on Node 20).
 */
import { openSqlite, type SqliteDriverName } from '@authenkit/nhso-sandbox';

/** One visit (one row of `visits`). */
export interface VisitRow {
  /** Visit number (the HIS's own key). */
  vn: string;
  hn: string;
  /** 13-digit citizen ID. */
  pid: string;
  /** `YYYY-MM-DD`, Bangkok time. */
  serviceDate: string;
  /** `HH:MM`. */
  serviceTime: string;
  /** Claim type / service code, e.g. `PG0060001`. */
  claimType: string;
  /** Main right at the visit (`UCS`, …), needed to close the claim. */
  mainInscl: string | null;
  /** The Authen Code (PP…) recorded at the counter, or found by the end-of-day check. */
  authCode: string | null;
  /** `PENDING` (not checked yet), `CONFIRMED` (NHSO has the code), `MISSING` (NHSO has no code for the visit). */
  authStatus: 'PENDING' | 'CONFIRMED' | 'MISSING';
  checkedAt: string | null;
  /** The close-claim code (EP…) once the visit is closed with NHSO. */
  closeCode: string | null;
  closedAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS visits (
  vn           TEXT PRIMARY KEY,
  hn           TEXT NOT NULL,
  pid          TEXT NOT NULL CHECK (length(pid) = 13),
  service_date TEXT NOT NULL,
  service_time TEXT NOT NULL,
  claim_type   TEXT NOT NULL,
  main_inscl   TEXT,
  auth_code    TEXT,
  auth_status  TEXT NOT NULL DEFAULT 'PENDING' CHECK (auth_status IN ('PENDING', 'CONFIRMED', 'MISSING')),
  checked_at   TEXT,
  close_code   TEXT,
  closed_at    TEXT
);
CREATE INDEX IF NOT EXISTS visits_by_date ON visits (service_date);
`;

const COLUMNS = `vn, hn, pid, service_date AS serviceDate, service_time AS serviceTime, claim_type AS claimType, main_inscl AS mainInscl,
  auth_code AS authCode, auth_status AS authStatus, checked_at AS checkedAt, close_code AS closeCode, closed_at AS closedAt`;

/** The outcome of the end-of-day check for one visit. */
export interface CheckUpdate {
  vn: string;
  authCode: string | null;
  authStatus: VisitRow['authStatus'];
  checkedAt: string;
}

/** The visit table. */
export interface VisitStore {
  addVisit(
    v: Pick<VisitRow, 'vn' | 'hn' | 'pid' | 'serviceDate' | 'serviceTime' | 'claimType'> & {
      authCode?: string | null;
      mainInscl?: string | null;
    },
  ): VisitRow;
  get(vn: string): VisitRow | undefined;
  listByDate(date: string): VisitRow[];
  /** Records the outcome of the end-of-day check for many visits in one transaction. */
  recordChecks(updates: CheckUpdate[]): void;
  recordClose(vn: string, closeCode: string, closedAt: string): void;
  close(): void;
}

/** Opens (or creates) the visit store. `':memory:'` for tests; `driver` defaults to the runtime's best. */
export function openVisitStore(file = ':memory:', driver?: SqliteDriverName): VisitStore {
  const db = openSqlite(file, { driver: driver ?? 'auto' });
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO visits (vn, hn, pid, service_date, service_time, claim_type, main_inscl, auth_code)
     VALUES (@vn, @hn, @pid, @serviceDate, @serviceTime, @claimType, @mainInscl, @authCode)`,
  );
  const byVn = db.prepare(`SELECT ${COLUMNS} FROM visits WHERE vn = ?`);
  const byDate = db.prepare(`SELECT ${COLUMNS} FROM visits WHERE service_date = ? ORDER BY service_time, vn`);
  const setAuth = db.prepare(
    `UPDATE visits SET auth_code = COALESCE(@authCode, auth_code), auth_status = @authStatus, checked_at = @checkedAt WHERE vn = @vn`,
  );
  const setClose = db.prepare(
    `UPDATE visits SET close_code = @closeCode, closed_at = @closedAt WHERE vn = @vn`,
  );

  return {
    addVisit(
      v: Pick<VisitRow, 'vn' | 'hn' | 'pid' | 'serviceDate' | 'serviceTime' | 'claimType'> & {
        authCode?: string | null;
        mainInscl?: string | null;
      },
    ) {
      insert.run({
        vn: v.vn,
        hn: v.hn,
        pid: v.pid,
        serviceDate: v.serviceDate,
        serviceTime: v.serviceTime,
        claimType: v.claimType,
        authCode: v.authCode ?? null,
        mainInscl: v.mainInscl ?? null,
      });
      return byVn.get<VisitRow>(v.vn) as VisitRow;
    },
    get(vn: string): VisitRow | undefined {
      return byVn.get<VisitRow>(vn);
    },
    listByDate(date: string): VisitRow[] {
      return byDate.all<VisitRow>(date);
    },
    /** Records the outcome of the end-of-day check for many visits in one transaction. */
    recordChecks: db.transaction(
      (
        updates: {
          vn: string;
          authCode: string | null;
          authStatus: VisitRow['authStatus'];
          checkedAt: string;
        }[],
      ) => {
        for (const u of updates)
          setAuth.run({ vn: u.vn, authCode: u.authCode, authStatus: u.authStatus, checkedAt: u.checkedAt });
      },
    ),
    recordClose(vn: string, closeCode: string, closedAt: string) {
      setClose.run({ vn, closeCode, closedAt });
    },
    close() {
      db.close();
    },
  };
}
