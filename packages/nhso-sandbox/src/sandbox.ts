import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AUTHEN_CHANNELS,
  AUTHEN_CODE_STATUSES,
  type AuthenChannel,
  type AuthenCodeReportRecord,
  CERTIFIER_ROLES,
  type CertifierRole,
  filterReport,
  isAuthenCodeError,
  isValidCitizenId,
  toCsv,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from '@authenkit/authen-code';
import {
  AGENT_PATHS,
  AgentConfirmSaveRequestSchema,
  type AgentConfirmSaveResponse,
  type AgentLatestAuthenCodesResponse,
  type AgentProbeResponse,
  type AgentReadCardResponse,
  type AgentSaveDraftResponse,
  type AgentTerminalsResponse,
  AuthenCodeByPidRequestSchema,
  type AuthenCodeByPidResponse,
  ClaimDetailRequestSchema,
  type ClaimDetailResponse,
  type EndpointErrorBody,
  NHSO_PATHS,
  type SrmAccessTokenResponse,
  UCWS_STATUS_OK,
  UCWS_STATUS_TOKEN_EXPIRED,
} from '@authenkit/nhso-client/schemas';
import * as v from 'valibot';
import { personToCardSpec } from './card.js';
import { bangkokParts, type Clock, nextBangkokMidnight, parseBangkokLocal, systemClock } from './clock.js';
import { isSandboxError, SandboxError } from './errors.js';
import { createFaultInjector, type FaultConfig, type FaultInjector } from './faults.js';
import {
  type Handler,
  jsonBody,
  maskPath,
  matchRoute,
  type Route,
  type RouteRequest,
  type RouteResponse,
  readBody,
  route,
  send,
  springError,
} from './http.js';
import {
  findHospital,
  generatePopulation,
  type SandboxPerson,
  type SandboxPopulation,
} from './population.js';
import {
  type AuthenStatusShape,
  agentCardFields,
  agentCodeItem,
  agentRightFields,
  authenStatusBody,
  claimTypeName,
  realPersonBody,
  rightSearchBody,
  ucwsDataSet,
} from './responses.js';
import {
  assertCitizenEligible,
  type ReportFilter,
  toAuthenCodeFilter,
  validateReportWindow,
} from './rules.js';
import {
  type IssuedCode,
  type IssueResult,
  type NewCode,
  openStore,
  type SandboxStore,
  type TokenRecord,
} from './store.js';
import { searchCurrentByPidResponse, soapFault, ucwsWsdl, xmlText } from './ucws.js';

/**
 * The documented development bearer token, accepted by every sandbox started without `tokens`. Never use it
 * anywhere but a local sandbox.
 *
 * @example
 * ```ts
 * import { SANDBOX_DEV_TOKEN } from '@authenkit/nhso-sandbox';
 * console.log(SANDBOX_DEV_TOKEN);
 * ```
 */
export const SANDBOX_DEV_TOKEN = 'authenkit-sandbox-dev-token';

/**
 * Paths served by the sandbox beyond NHSO's own (LINE citizen flow, staff log-in, report, admin).
 *
 * @example
 * ```ts
 * import { SANDBOX_PATHS } from '@authenkit/nhso-sandbox';
 * console.log(SANDBOX_PATHS.authenCodeReport); // '/authencode/api/authencode-report'
 * ```
 */
export const SANDBOX_PATHS = {
  /** `GET` Authen Code summary report (authenservice), Bearer. */
  authenCodeReport: '/authencode/api/authencode-report',
  /** `POST {status: 'used'|'cancelled', reason}` change a code's usage status, Bearer. */
  authenCodeStatus: '/authencode/api/authencode/{claimCode}/status',
  /** `POST {pid}` → `{challenge}` staff log-in challenge. */
  staffChallenge: '/sandbox/staff/challenge',
  /** `POST {pid, challenge, signature?, certificate?}` → tokens. */
  staffLogin: '/sandbox/staff/login',
  /** `POST {lineUserId, accept}` LINE consent. */
  lineConsent: '/line/api/consent',
  /** `POST {lineUserId, pid, phone}` LINE registration. */
  lineRegister: '/line/api/register',
  /** `POST {lineUserId, qr}` scan a clinic QR → Authen Code. */
  lineAuthenCode: '/line/api/authen-code',
  /** `GET`/`PUT`/`DELETE` fault-injection settings (admin token). */
  adminFaults: '/sandbox/admin/faults',
  /** `PUT {pid}` / `DELETE` the card in the simulated reader (admin token). */
  adminCard: '/sandbox/admin/card',
  /** `PUT {shape}` default check-authen-status shape (admin token). */
  adminAuthenStatusShape: '/sandbox/admin/authen-status-shape',
  /** `GET ?pid=` population lookup (admin token). */
  adminPeople: '/sandbox/admin/people',
  /** `GET` health check. */
  health: '/sandbox/health',
} as const;

/**
 * What a staff log-in presents: the PID, the challenge the sandbox issued, and (with a real or virtual card)
 * the card's signature over the challenge and its certificate, base64.
 *
 * @example
 * ```ts
 * import type { StaffAssertion } from '@authenkit/nhso-sandbox';
 * const a: StaffAssertion = { pid: '8000000000001', challenge: 'AAEC', signature: 'c2ln' };
 * console.log(a.challenge);
 * ```
 */
export interface StaffAssertion {
  /** Staff PID. */
  pid: string;
  /** The challenge from `POST /sandbox/staff/challenge`, base64. */
  challenge: string;
  /** Signature over the challenge bytes, base64. */
  signature?: string;
  /** Signer certificate (DER), base64. */
  certificate?: string;
  /** An opaque signed assertion, e.g. the `assertion` of `staffLogin()` from `@authenkit/thai-idcard/pki`. */
  assertion?: unknown;
}

/**
 * Hook that decides whether a staff log-in assertion is genuine (plug in `@authenkit/thai-idcard`'s
 * signature verification here). Without a hook, the sandbox accepts any staff PID (development mode).
 *
 * @example
 * ```ts
 * import type { StaffAssertionVerifier } from '@authenkit/nhso-sandbox';
 * const requireSignature: StaffAssertionVerifier = async (a) => typeof a.signature === 'string' && a.signature.length > 0;
 * console.log(typeof requireSignature);
 * ```
 */
export type StaffAssertionVerifier = (assertion: StaffAssertion) => boolean | Promise<boolean>;

/**
 * Build a {@link StaffAssertionVerifier} from a signed-assertion checker such as `verifyStaffAssertion` of
 * `@authenkit/thai-idcard/pki` (CMS signature, certificate chain, echoed challenge, freshness). The log-in
 * passes only when the checker accepts `assertion.assertion` for the issued challenge AND the citizen ID it
 * proves equals the PID that asked for the challenge.
 *
 * @example
 * ```ts no-run
 * import { signedStaffAssertionVerifier, startSandbox } from '@authenkit/nhso-sandbox';
 * import { verifyStaffAssertion } from '@authenkit/thai-idcard/pki';
 * const trustedRoots: Uint8Array[] = []; // your card CA roots (DER)
 * const sandbox = await startSandbox({
 *   verifyStaffAssertion: signedStaffAssertionVerifier((a, o) => verifyStaffAssertion(a, { ...o, trustedRoots })),
 * });
 * await sandbox.close();
 * ```
 */
export function signedStaffAssertionVerifier(
  verify: (assertion: unknown, options: { challenge: string }) => Promise<{ citizenId: string }>,
): StaffAssertionVerifier {
  return async (a) => {
    if (a.assertion === undefined) return false;
    const v = await verify(a.assertion, { challenge: a.challenge });
    return v.citizenId === a.pid;
  };
}

/**
 * Options of {@link startSandbox}.
 *
 * @example
 * ```ts
 * import type { SandboxOptions } from '@authenkit/nhso-sandbox';
 * const o: SandboxOptions = { seed: 1, people: 200, port: 0 };
 * console.log(o.seed);
 * ```
 */
export interface SandboxOptions {
  /** Port; 0 (default) = ephemeral. */
  port?: number;
  /** Bind address; default `127.0.0.1`. */
  host?: string;
  /** SQLite file; default in memory. */
  db?: string;
  /** Population seed; default 1. */
  seed?: number;
  /** Population size; default 500. */
  people?: number;
  /** Accepted static bearer tokens (never expire). Default `[SANDBOX_DEV_TOKEN]`. */
  tokens?: string[];
  /** Clock (tests move time). Default the system clock. */
  clock?: Clock;
  /** Fault injection (off by default). */
  faults?: FaultConfig;
  /** Default `check-authen-status` shape. Default `nested`. */
  authenStatusShape?: AuthenStatusShape;
  /** Staff log-in verifier (see {@link StaffAssertionVerifier}). */
  verifyStaffAssertion?: StaffAssertionVerifier;
  /** Unit code used by the Agent paths when a request names none. Default the first staff member's unit. */
  hcode?: string;
  /** Decode a clinic QR payload (default: `decodeServiceQr` from `@authenkit/qr-service`). */
  decodeQr?: (
    text: string,
    now: Date,
  ) => { hcode: string; serviceCode: string } | Promise<{ hcode: string; serviceCode: string }>;
  /** Request log sink (no personal data is written). */
  log?: (line: string) => void;
}

/**
 * Input of {@link Sandbox.issueCode} (programmatic issuance, same rules as HTTP).
 *
 * @example
 * ```ts
 * import type { IssueCodeInput } from '@authenkit/nhso-sandbox';
 * const i: IssueCodeInput = { kind: 'PP', pid: '8000000000001', hcode: '10699', claimType: 'PG0060001', channel: 'KIOSK' };
 * console.log(i.kind);
 * ```
 */
export interface IssueCodeInput {
  /** `PP` or `EP`. */
  kind: 'PP' | 'EP';
  /** Patient PID. */
  pid: string;
  /** Service unit. */
  hcode: string;
  /** Claim type. */
  claimType: string;
  /** Channel. Default `AGENT`. */
  channel?: string;
  /** Verification method. Default `SMART_CARD`. */
  method?: string;
  /** Certifier. Default `SELF`. */
  certifier?: string;
  /** Recording staff PID. */
  recorderPid?: string | null;
  /** HN. */
  hn?: string | null;
  /** AN. */
  an?: string | null;
  /** Mobile. */
  mobile?: string | null;
  /** Close-claim transaction id. */
  transactionId?: string | null;
  /** Service time (epoch ms). Default now. */
  serviceTime?: number;
  /** Idempotency key: the same key returns the same code. */
  idempotencyKey?: string;
}

/**
 * A running sandbox.
 *
 * @example
 * ```ts no-run
 * import { startSandbox } from '@authenkit/nhso-sandbox';
 * const sandbox = await startSandbox({ people: 50 });
 * console.log(sandbox.url, sandbox.population.people.length); // http://127.0.0.1:PORT 50
 * await sandbox.close();
 * ```
 */
export interface Sandbox {
  /** Origin, e.g. `http://127.0.0.1:41234`; NHSO paths hang off it. */
  readonly url: string;
  /** A bearer token the cloud APIs accept (the first configured token). */
  readonly token: string;
  /** The synthetic population. */
  readonly population: SandboxPopulation;
  /** The database. */
  readonly store: SandboxStore;
  /** Fault injection control. */
  readonly faults: FaultInjector;
  /** The clock in use. */
  readonly clock: Clock;
  /** Issue a code with the same rules as the HTTP APIs. */
  issueCode(input: IssueCodeInput): IssueResult;
  /** Put a person's card into the simulated reader of the Agent paths (`undefined` removes it). */
  insertCard(pid: string | undefined): void;
  /** Log in a staff account and get its tokens (same as `POST /sandbox/staff/login` without a verifier). */
  loginStaff(pid: string): StaffTokens;
  /** Stop the server and close the database. */
  close(): Promise<void>;
}

/**
 * Tokens issued at staff log-in; all expire at the next midnight in Bangkok.
 *
 * @example
 * ```ts no-run
 * import { startSandbox } from '@authenkit/nhso-sandbox';
 * const sb = await startSandbox({ people: 20 });
 * const t = sb.loginStaff(sb.population.staff[0]!.pid);
 * console.log(t.ucToken.includes('#'), t.expiresAt);
 * await sb.close();
 * ```
 */
export interface StaffTokens {
  /** Bearer token for the REST APIs. */
  token: string;
  /** UC SOAP token `CID#TOKEN` (16 alphanumerics). */
  ucToken: string;
  /** SRM JWT access token. */
  accessToken: string;
  /** SRM refresh token. */
  refreshToken: string;
  /** ISO time of expiry (next midnight Bangkok). */
  expiresAt: string;
  /** Staff unit. */
  hcode: string;
}

type ErrorStyle = 'agent' | 'endpoint' | 'status' | 'sandbox';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomAlnum = (n: number): string => {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[(b[i] as number) % ALNUM.length];
  return s;
};
const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const fingerprint = (o: unknown): string => createHash('sha256').update(JSON.stringify(o)).digest('hex');

/** Messages of issuance errors as the Agent / Endpoint answer them (the duplicate one matches nhso-client's pattern). */
const NO_FAULT = { latencyMs: 0, before: undefined, retryAfterSeconds: 1, after: undefined } as const;

const DUPLICATE_MESSAGE = 'ไม่สามารถ Authen ซ้ำในวันเดียวกันได้ (duplicate Authen Code for this service today)';

/**
 * Start the simulated NHSO on loopback. Cloud APIs are served under NHSO's own paths from one origin, so
 * `createNhsoClient({ token, environment: { baseUrl: sandbox.url } })` works unchanged.
 *
 * @example
 * ```ts no-run
 * import { startSandbox } from '@authenkit/nhso-sandbox';
 * const sandbox = await startSandbox({ seed: 42, people: 100 });
 * const person = sandbox.population.people[0]!;
 * const res = await fetch(`${sandbox.url}/nhsoendpoint/api/v2/right-search?pid=${person.pid}&checkDate=2026-01-15T00:00:00`, {
 *   headers: { authorization: `Bearer ${sandbox.token}` },
 * });
 * console.log(res.status, (await res.json()).funds?.length);
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const population = generatePopulation({ seed: options.seed ?? 1, size: options.people ?? 500 });
  const store = openStore({ path: options.db ?? ':memory:', seed: options.seed ?? 1 });
  const faults = createFaultInjector(options.faults ?? { rules: [] });
  const staticTokens = new Set(
    options.tokens && options.tokens.length > 0 ? options.tokens : [SANDBOX_DEV_TOKEN],
  );
  const devStaff = population.staff[0] ?? population.people[0];
  if (!devStaff) throw new SandboxError('INVALID_ARGUMENT', 'population is empty');
  const defaultHcode = options.hcode ?? devStaff.staff?.hcode ?? '10699';
  let shape: AuthenStatusShape = options.authenStatusShape ?? 'nested';
  let cardPid: string | undefined;
  const challenges = new Map<string, { pid: string; expiresAt: number }>();
  const extraPeople = new Map<string, SandboxPerson>();
  const log = options.log ?? (() => {});
  let decodeQr = options.decodeQr;

  const person = (pid: string): SandboxPerson | undefined => population.get(pid) ?? extraPeople.get(pid);
  const nowMs = (): number => clock.now();

  // ---------------------------------------------------------------------------------------------
  // Auth
  // ---------------------------------------------------------------------------------------------
  const unauthorized = (expired: boolean): SandboxError =>
    new SandboxError('UNAUTHORIZED', expired ? 'token expired' : 'missing or unknown bearer token', {
      status: 401,
      messageTh: expired ? 'TOKEN หมดอายุ กรุณาขอ TOKEN ใหม่' : 'ไม่พบ TOKEN หรือ TOKEN ไม่ถูกต้อง',
      details: { reason: expired ? 'expired' : 'unknown' },
    });
  const bearer = (req: RouteRequest, kinds: TokenRecord['kind'][] = ['bearer']): TokenRecord => {
    const h = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) throw unauthorized(false);
    const tok = m[1] as string;
    if (staticTokens.has(tok))
      return { token: tok, kind: 'bearer', pid: devStaff.pid, hcode: defaultHcode, expiresAt: null };
    const rec = store.getToken(tok);
    if (!rec || !kinds.includes(rec.kind)) throw unauthorized(false);
    if (rec.expiresAt !== null && rec.expiresAt <= nowMs()) throw unauthorized(true);
    return rec;
  };
  const isAdmin = (req: RouteRequest): boolean => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    return Boolean(m && staticTokens.has(m[1] as string));
  };
  const requireAdmin = (req: RouteRequest): void => {
    if (!isAdmin(req))
      throw new SandboxError('FORBIDDEN', 'admin endpoints need a configured sandbox token', { status: 403 });
  };

  const loginStaff = (pid: string): StaffTokens => {
    const p = person(pid);
    if (!p?.staff)
      throw new SandboxError('FORBIDDEN', 'not a staff account', {
        status: 403,
        messageTh: 'ไม่ใช่บัญชีเจ้าหน้าที่',
      });
    const expiresAt = nextBangkokMidnight(nowMs());
    const hcode = p.staff.hcode;
    const token = randomUUID();
    const uc = randomAlnum(16);
    const refresh = randomAlnum(32);
    store.putToken({ token, kind: 'bearer', pid, hcode, expiresAt });
    store.putToken({ token: uc, kind: 'uc', pid, hcode, expiresAt });
    store.putToken({ token: refresh, kind: 'srm-refresh', pid, hcode, expiresAt });
    const access = newAccessToken(pid, hcode, expiresAt);
    return {
      token,
      ucToken: `${pid}#${uc}`,
      accessToken: access,
      refreshToken: refresh,
      expiresAt: new Date(expiresAt).toISOString(),
      hcode,
    };
  };
  const newAccessToken = (pid: string, hcode: string, refreshExpiry: number): string => {
    const exp = Math.min(nowMs() + 3600_000, refreshExpiry);
    const jwt = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ sub: pid, hcode, exp: Math.floor(exp / 1000), iss: 'authenkit-sandbox' }))}.${randomAlnum(43)}`;
    store.putToken({ token: jwt, kind: 'srm-access', pid, hcode, expiresAt: exp });
    return jwt;
  };

  // ---------------------------------------------------------------------------------------------
  // Issuance
  // ---------------------------------------------------------------------------------------------
  const requirePerson = (pid: string): SandboxPerson => {
    if (!isValidCitizenId(pid))
      throw new SandboxError('INVALID_REQUEST', 'invalid citizen ID', {
        status: 400,
        messageTh: 'เลขประจำตัวประชาชนไม่ถูกต้อง',
      });
    const p = person(pid);
    if (!p)
      throw new SandboxError('PERSON_NOT_FOUND', 'person not found', {
        status: 404,
        messageTh: 'ไม่พบข้อมูลบุคคล',
      });
    return p;
  };
  const issueCode = (input: IssueCodeInput): IssueResult => {
    const p = requirePerson(input.pid);
    if (p.deathDate)
      throw new SandboxError('FORBIDDEN', 'the person is recorded as deceased', {
        status: 400,
        messageTh: 'ผู้รับบริการมีสถานะเสียชีวิต',
      });
    if (!/^\d{5}$/.test(input.hcode))
      throw new SandboxError('INVALID_REQUEST', 'hcode must be 5 digits', { status: 400 });
    const t = input.serviceTime ?? nowMs();
    const svc = bangkokParts(t);
    const newCode: NewCode = {
      kind: input.kind,
      pid: p.pid,
      hcode: input.hcode,
      claimType: input.claimType,
      serviceDate: svc.date,
      serviceDateTime: svc.dateTime,
      createdAt: bangkokParts(nowMs()).dateTime,
      channel: input.channel ?? 'AGENT',
      method: input.method ?? 'SMART_CARD',
      certifier: input.certifier ?? 'PATIENT',
      recorderPid: input.recorderPid ?? null,
      hn: input.hn ?? null,
      an: input.an ?? null,
      mobile: input.mobile ?? null,
      transactionId: input.transactionId ?? null,
    };
    const fp = fingerprint({
      k: newCode.kind,
      p: newCode.pid,
      h: newCode.hcode,
      c: newCode.claimType,
      d: newCode.serviceDate,
    });
    return store.issue(newCode, input.idempotencyKey, fp);
  };

  // ---------------------------------------------------------------------------------------------
  // Handlers
  // ---------------------------------------------------------------------------------------------
  const parse = <S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> => {
    const r = v.safeParse(schema, value);
    if (!r.success) {
      const issue = r.issues[0];
      const path = issue?.path?.map((x) => String((x as { key?: unknown }).key)).join('.') ?? '';
      throw new SandboxError(
        'INVALID_REQUEST',
        `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid request'}`,
        {
          status: 400,
          messageTh: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
          details: { field: path },
        },
      );
    }
    return r.output;
  };
  const q = (req: RouteRequest, name: string): string | undefined => req.query.get(name) ?? undefined;
  const ok = (json: unknown, committed = false, status = 200): RouteResponse => ({ status, json, committed });

  const readerName = 'AuthenKit Sandbox Reader 0';
  const correlations = new Map<string, string>();
  const rememberCorrelation = (id: string, pid: string): void => {
    correlations.set(id, pid);
    if (correlations.size > 10_000) correlations.delete(correlations.keys().next().value as string);
  };
  /** The person's card photo (base64 JPEG), read from a thai-idcard virtual card of that person; cached. */
  const photos = new Map<string, string>();
  const photoOf = async (p: SandboxPerson): Promise<string | undefined> => {
    const cached = photos.get(p.pid);
    if (cached !== undefined) return cached;
    try {
      const [{ readThaiIdCard }, { createVirtualCard }] = await Promise.all([
        import('@authenkit/thai-idcard'),
        import('@authenkit/thai-idcard/virtual'),
      ]);
      const card = createVirtualCard({ image: personToCardSpec(p) });
      const data = await readThaiIdCard(card.transport(), { photo: true });
      const b64 = data.photo ? Buffer.from(data.photo).toString('base64') : undefined;
      if (b64 !== undefined) {
        if (photos.size >= 100) photos.delete(photos.keys().next().value as string);
        photos.set(p.pid, b64);
      }
      return b64;
    } catch {
      return undefined; // thai-idcard unavailable: answer without a photo
    }
  };
  const insertedPerson = (): SandboxPerson => {
    if (cardPid === undefined)
      throw new SandboxError('CARD_NOT_PRESENT', 'no card in the reader', {
        status: 500,
        messageTh: 'กรุณาเสียบบัตรประชาชนของผู้ป่วย',
      });
    return requirePerson(cardPid);
  };
  const certifierOf = (req: RouteRequest): string => {
    const c = req.headers['x-sandbox-certifier'];
    return c === 'PATIENT' || c === 'PARENT' || c === 'CAREGIVER' || c === 'STAFF' ? c : 'PATIENT';
  };
  const channelOf = (req: RouteRequest, fallback: string): string => {
    const c = req.headers['x-sandbox-channel'];
    return typeof c === 'string' && /^[A-Z_]{2,20}$/.test(c) ? c : fallback;
  };

  const agentConfirm = (req: RouteRequest, draft: boolean): RouteResponse => {
    const body = parse(AgentConfirmSaveRequestSchema, jsonBody(req));
    const p = requirePerson(body.pid);
    const hcode =
      body.hcode ??
      (typeof req.headers['x-sandbox-hcode'] === 'string' ? req.headers['x-sandbox-hcode'] : defaultHcode);
    const createdDate = bangkokParts(nowMs()).dateTime;
    if (draft) {
      const out: AgentSaveDraftResponse = {
        pid: p.pid,
        claimType: body.claimType,
        correlationId: body.correlationId,
        createdDate,
      };
      return ok(out);
    }
    const { code } = issueCode({
      kind: 'PP',
      pid: p.pid,
      hcode,
      claimType: body.claimType,
      channel: channelOf(req, 'AGENT'),
      method: 'SMART_CARD',
      certifier: certifierOf(req),
      hn: body.hn ?? null,
      mobile: body.mobile,
      idempotencyKey: `agent:${body.correlationId}`,
    });
    const out: AgentConfirmSaveResponse = {
      pid: code.pid,
      claimType: code.claimType,
      correlationId: body.correlationId,
      createdDate: code.createdAt,
      claimCode: code.claimCode,
      hn: code.hn,
      hcode: code.hcode,
      mobile: code.mobile,
    };
    return ok(out, true);
  };

  const reportItem = (c: IssuedCode): Record<string, unknown> => {
    const p = person(c.pid);
    const h = findHospital(c.hcode);
    return {
      transId: c.seq,
      hmain: c.hcode,
      hname: h?.hname ?? null,
      personalId: c.pid,
      patientName: p ? `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}` : null,
      addrNo: p?.address.houseNo ?? null,
      moo: p?.address.moo ?? null,
      moonanName: null,
      tumbonName: p?.address.tumbon ?? null,
      amphurName: p?.address.amphur ?? null,
      changwatName: p?.address.province ?? null,
      birthdate: p
        ? `${p.birthDate.year - 543}-${String(p.birthDate.month).padStart(2, '0')}-${String(p.birthDate.day).padStart(2, '0')}`
        : null,
      tel: c.mobile,
      mainInscl: p?.right?.mainInscl ?? null,
      mainInsclName: p?.right?.mainInsclName ?? null,
      subInscl: p?.right?.subInscl ?? null,
      subInsclName: p?.right?.subInsclName ?? null,
      mainInsclWithName: p?.right ? `(${p.right.mainInscl}) ${p.right.mainInsclName}` : null,
      claimStatus: c.status,
      claimStatusName: AUTHEN_CODE_STATUSES[c.status].th,
      patientType: c.kind,
      claimCode: c.claimCode,
      claimType: c.claimType,
      claimTypeName: claimTypeName(c.claimType),
      hnCode: c.hn,
      anCode: c.an,
      claimDate: c.serviceDateTime,
      createDate: c.createdAt,
      claimAuthen: c.method,
      authenMethod: c.method,
      authenMethodName: VERIFICATION_METHODS[c.method as VerificationMethod]?.th ?? c.method,
      certifier: c.certifier,
      certifierName: CERTIFIER_ROLES[c.certifier as CertifierRole]?.th ?? c.certifier,
      createBy: c.recorderPid,
      sourceChannel: c.channel,
      sourceChannelName: AUTHEN_CHANNELS[c.channel as AuthenChannel]?.th ?? c.channel,
      editDate: c.editedAt,
      editBy: c.editedBy,
      cancelReason: c.status === 'cancelled' ? c.statusReason : null,
    };
  };
  /** The store row as `@authenkit/authen-code`'s report record (so its `filterReport` is the one filter). */
  const reportRecord = (c: IssuedCode): AuthenCodeReportRecord & { code: IssuedCode } => {
    const p = person(c.pid);
    const h = findHospital(c.hcode);
    return {
      code: c,
      ...(h ? { zone: h.zone, provinceCode: `${h.provinceCode}00`, provinceName: h.provinceName } : {}),
      hcode: c.hcode,
      hname: h?.hname ?? '',
      pid: c.pid,
      fullName: p ? `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}` : '',
      authenCode: c.claimCode,
      claimType: c.claimType,
      ...(c.hn ? { hn: c.hn } : {}),
      ...(c.an ? { an: c.an } : {}),
      visitDateTime: parseBangkokLocal(c.serviceDateTime) ?? 0,
      recordDateTime: parseBangkokLocal(c.createdAt) ?? 0,
      status: c.status,
      channel: c.channel as AuthenChannel,
      verificationMethod: c.method as VerificationMethod,
      certifier: c.certifier as CertifierRole,
      editedAt: c.editedAt ? (parseBangkokLocal(c.editedAt) ?? null) : null,
      ...(c.editedBy ? { editorName: c.editedBy } : {}),
      ...(c.statusReason ? { cancelReason: c.statusReason } : {}),
      ...(c.recorderPid ? { recorderPid: c.recorderPid } : {}),
    };
  };

  const routes: (Route & { style: ErrorStyle })[] = [];
  const add = (id: string, method: string, path: string, style: ErrorStyle, handler: Handler): void => {
    routes.push({ ...route(id, method, path, handler), style });
  };

  // ---- Agent paths (simulated reader; no auth, like the NHSO Agent) ----
  add('terminals', 'GET', AGENT_PATHS.terminals, 'agent', () => {
    const out: AgentTerminalsResponse = [{ terminalName: readerName, isPresent: cardPid !== undefined }];
    return ok(out);
  });
  add('read', 'GET', AGENT_PATHS.read, 'agent', async (req) => {
    const p = insertedPerson();
    const correlationId = randomUUID();
    rememberCorrelation(correlationId, p.pid);
    const image = q(req, 'readImageFlag') === 'true' ? await photoOf(p) : undefined;
    const out: AgentReadCardResponse = {
      ...agentCardFields(p, nowMs(), correlationId, image),
      ...agentRightFields(p, nowMs()),
      correlationId,
    };
    return ok(out);
  });
  add('read-card-only', 'GET', AGENT_PATHS.readCardOnly, 'agent', async (req) => {
    const p = insertedPerson();
    const correlationId = randomUUID();
    rememberCorrelation(correlationId, p.pid);
    const image = q(req, 'readImageFlag') === 'true' ? await photoOf(p) : undefined;
    return ok(agentCardFields(p, nowMs(), correlationId, image));
  });
  add('probe', 'GET', AGENT_PATHS.probe, 'agent', (req) => {
    const p = requirePerson(req.params.pid ?? '');
    const card = agentCardFields(p, nowMs(), '');
    const { correlationId: _c, image: _i, ...rest } = card;
    const out: AgentProbeResponse = { ...rest, ...agentRightFields(p, nowMs()) };
    return ok(out);
  });
  add('save-as-draft', 'POST', AGENT_PATHS.saveDraft, 'agent', (req) => agentConfirm(req, true));
  add('confirm-save', 'POST', AGENT_PATHS.confirmSave, 'agent', (req) => agentConfirm(req, false));
  add('latest-authen-code', 'GET', AGENT_PATHS.latestAuthenCode, 'agent', (req) => {
    const p = requirePerson(req.params.pid ?? '');
    const latest = store.codesOfPid(p.pid).find((c) => c.kind === 'PP' && c.status !== 'cancelled');
    return ok(latest ? agentCodeItem(latest, nowMs()) : { checkDate: bangkokParts(nowMs()).dateTime });
  });
  add('latest-5', 'GET', AGENT_PATHS.latestAuthenCodes, 'agent', (req) => {
    const p = requirePerson(req.params.pid ?? '');
    const out: AgentLatestAuthenCodesResponse = store
      .codesOfPid(p.pid)
      .filter((c) => c.kind === 'PP' && c.status !== 'cancelled')
      .slice(0, 5)
      .map((c) => agentCodeItem(c, nowMs()));
    return ok(out);
  });
  add('preference', 'GET', AGENT_PATHS.preference, 'agent', () =>
    ok({ hcode: defaultHcode, version: 'authenkit-sandbox' }),
  );

  // ---- check-authen-status ----
  const authenStatus = (req: RouteRequest, forced?: AuthenStatusShape): RouteResponse => {
    bearer(req);
    const personalId = q(req, 'personalId');
    const serviceDate = q(req, 'serviceDate');
    if (!personalId || !serviceDate)
      return {
        status: 400,
        json: {
          statusAuthen: 'false',
          statusMessage: `Missing required parameter ${!personalId ? 'personalId' : 'serviceDate'}`,
        },
      };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate))
      return {
        status: 400,
        json: { statusAuthen: 'false', statusMessage: 'serviceDate must be YYYY-MM-DD' },
      };
    const serviceCode = q(req, 'serviceCode');
    const p = isValidCitizenId(personalId) ? person(personalId) : undefined;
    const codes = p
      ? store
          .codesOfPid(p.pid)
          .filter(
            (c) =>
              c.serviceDate === serviceDate &&
              c.status !== 'cancelled' &&
              (!serviceCode || c.claimType === serviceCode),
          )
          .reverse()
      : [];
    const hdr = req.headers['x-sandbox-shape'];
    const pick = forced ?? (hdr === 'nested' || hdr === 'flat' || hdr === 'string-results' ? hdr : shape);
    return ok(authenStatusBody(pick, p, codes, nowMs()));
  };
  add('check-authen-status', 'GET', NHSO_PATHS.checkAuthenStatus, 'status', (req) => authenStatus(req));
  add('check-authen-status-legacy', 'GET', NHSO_PATHS.checkAuthenStatusLegacy, 'status', (req) =>
    authenStatus(req, 'flat'),
  );

  // ---- NHSO Endpoint ----
  add('claim-detail', 'POST', NHSO_PATHS.claimDetail, 'endpoint', (req) => {
    const tok = bearer(req);
    const body = parse(ClaimDetailRequestSchema, jsonBody(req));
    if (tok.expiresAt !== null && body.recorderPid !== tok.pid)
      throw new SandboxError('FORBIDDEN', 'recorderPid must be the PID of the token owner', {
        status: 403,
        messageTh: 'recorderPid ต้องเป็นเจ้าของ TOKEN',
      });
    const { code } = issueCode({
      kind: 'EP',
      pid: body.pid,
      hcode: body.hcode,
      claimType: body.claimServiceCode,
      channel: 'ENDPOINT',
      method: 'PID_ENTRY',
      certifier: 'STAFF',
      recorderPid: body.recorderPid,
      mobile: body.mobile ?? body.tel ?? null,
      hn: body.visitNumber,
      transactionId: body.transactionId,
      serviceTime: body.serviceDateTime,
      idempotencyKey: `claim:${body.transactionId}`,
    });
    const out: ClaimDetailResponse = { seq: code.seq, authenCode: code.claimCode };
    return ok(out, true);
  });
  add('authen-code', 'POST', NHSO_PATHS.authenCode, 'endpoint', (req) => {
    bearer(req);
    const body = parse(AuthenCodeByPidRequestSchema, jsonBody(req));
    const { code } = issueCode({
      kind: 'PP',
      pid: body.pid,
      hcode: body.hcode,
      claimType: body.serviceCode,
      channel: channelOf(req, 'ENDPOINT'),
      method: 'PID_ENTRY',
      certifier: 'STAFF',
      recorderPid: body.recorderPid,
      hn: body.hn ?? null,
      an: body.an ?? null,
      mobile: body.phone?.[0] ?? null,
      idempotencyKey: `authencode:${body.transId}`,
    });
    const out: AuthenCodeByPidResponse = { authenCode: code.claimCode, seq: code.seq };
    return ok(out, true);
  });
  add('realperson', 'GET', NHSO_PATHS.realPerson, 'endpoint', (req) => {
    bearer(req);
    const pid = q(req, 'PID');
    if (!pid || !q(req, 'SOURCE_ID'))
      throw new SandboxError('INVALID_REQUEST', 'PID and SOURCE_ID are required', { status: 400 });
    return ok(realPersonBody(requirePerson(pid), nowMs()));
  });
  add('right-search-v2', 'GET', NHSO_PATHS.rightSearchV2, 'endpoint', (req) => {
    bearer(req);
    const pid = q(req, 'pid');
    const checkDate = q(req, 'checkDate') ?? `${bangkokParts(nowMs()).date}T00:00:00`;
    if (!pid) throw new SandboxError('INVALID_REQUEST', 'pid is required', { status: 400 });
    return ok(rightSearchBody(requirePerson(pid), checkDate));
  });

  // ---- SRM ----
  add('srm-right-search', 'GET', NHSO_PATHS.srmRightSearch, 'endpoint', (req) => {
    bearer(req, ['srm-access']);
    const pid = q(req, 'pid');
    if (!pid) throw new SandboxError('INVALID_REQUEST', 'pid is required', { status: 400 });
    return ok(rightSearchBody(requirePerson(pid), bangkokParts(nowMs()).dateTime));
  });
  add('srm-access-token', 'POST', NHSO_PATHS.srmAccessToken, 'endpoint', (req) => {
    let refresh: string | undefined;
    const ct = String(req.headers['content-type'] ?? '');
    if (ct.includes('json')) {
      const b = jsonBody(req) as Record<string, unknown>;
      refresh = (b['refresh-token'] ?? b.refresh_token ?? b.refreshToken) as string | undefined;
    } else {
      const f = new URLSearchParams(req.text);
      refresh = f.get('refresh-token') ?? f.get('refresh_token') ?? undefined;
    }
    if (!refresh) throw new SandboxError('INVALID_REQUEST', 'refresh-token is required', { status: 400 });
    const rec = store.getToken(refresh);
    if (rec?.kind !== 'srm-refresh') throw unauthorized(false);
    if (rec.expiresAt !== null && rec.expiresAt <= nowMs()) throw unauthorized(true);
    const access = newAccessToken(rec.pid, rec.hcode, rec.expiresAt ?? nextBangkokMidnight(nowMs()));
    const expiresIn = Math.max(
      0,
      Math.floor(((store.getToken(access)?.expiresAt ?? nowMs()) - nowMs()) / 1000),
    );
    const out: SrmAccessTokenResponse = {
      access_token: access,
      'access-token': access,
      refresh_token: refresh,
      'refresh-token': refresh,
      expires_in: expiresIn,
    };
    return ok(out, true);
  });

  // ---- UCWS SOAP ----
  add('ucws-wsdl', 'GET', NHSO_PATHS.ucws, 'sandbox', () => ({
    status: 200,
    body: ucwsWsdl(`${url}${NHSO_PATHS.ucws}`),
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  }));
  add('ucws', 'POST', NHSO_PATHS.ucws, 'sandbox', (req) => {
    const xml = (body: string, status = 200): RouteResponse => ({
      status,
      body,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
    });
    if (!/searchCurrentByPID/.test(req.text)) return xml(soapFault('S:Client', 'unknown operation'), 500);
    const user = xmlText(req.text, 'user_person_id') ?? '';
    const smctoken = xmlText(req.text, 'smctoken') ?? '';
    const personId = xmlText(req.text, 'person_id') ?? '';
    const rec = store.getToken(smctoken);
    const valid =
      rec && rec.kind === 'uc' && rec.pid === user && (rec.expiresAt === null || rec.expiresAt > nowMs());
    const staticOk = staticTokens.has(smctoken);
    if (!valid && !staticOk)
      return xml(
        searchCurrentByPidResponse(
          ucwsDataSet(
            undefined,
            personId,
            nowMs(),
            UCWS_STATUS_TOKEN_EXPIRED,
            'TOKEN หมดอายุ กรุณาเปิดโปรแกรม UcAuthentication MX ใหม่',
          ),
        ),
      );
    const p = isValidCitizenId(personId) ? person(personId) : undefined;
    return xml(
      searchCurrentByPidResponse(ucwsDataSet(p, personId, nowMs(), UCWS_STATUS_OK, p ? 'OK' : 'ไม่พบข้อมูล')),
    );
  });

  // ---- authenservice report + status ----
  add('authencode-report', 'GET', SANDBOX_PATHS.authenCodeReport, 'sandbox', async (req) => {
    const tok = bearer(req);
    const f: ReportFilter = {};
    // NHSO web-report query names (and authen-code's own names) → ReportFilter
    for (const [k, names] of [
      ['hcode', ['hcode']],
      ['zoneCode', ['zoneCode', 'zone']],
      ['provinceCode', ['provinceCode', 'province']],
      ['pid', ['pid', 'personalId']],
      ['claimCode', ['claimCode', 'authenCode']],
      ['claimType', ['claimType']],
      ['claimDateFrom', ['claimDateFrom']],
      ['claimDateTo', ['claimDateTo']],
      ['createDateFrom', ['createDateFrom']],
      ['createDateTo', ['createDateTo']],
      ['sourceChannel', ['sourceChannel', 'channel']],
      ['claimStatus', ['claimStatus', 'status']],
      ['certifier', ['certifier']],
      ['authenMethod', ['authenMethod', 'verificationMethod']],
      ['recorderPid', ['recorderPid']],
      ['serviceType', ['serviceType']],
    ] as const) {
      const val = names.map((n) => q(req, n)).find((x) => x !== undefined && x !== '');
      if (val !== undefined) f[k] = val;
    }
    validateReportWindow(f);
    if (!f.hcode)
      throw new SandboxError('INVALID_REQUEST', 'hcode is required', {
        status: 400,
        messageTh: 'กรุณาระบุหน่วยบริการที่ให้บริการ',
      });
    if (tok.expiresAt !== null && tok.hcode !== f.hcode)
      throw new SandboxError('FORBIDDEN', 'staff may only report on their own unit', {
        status: 403,
        messageTh: 'ดูรายงานได้เฉพาะหน่วยบริการของตนเอง',
      });
    const page = Number(q(req, 'page') ?? '0');
    const size = Number(q(req, 'size') ?? '20');
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 1000)
      throw new SandboxError('INVALID_REQUEST', 'page must be >= 0 and size 1..1000', { status: 400 });
    const [sortField = 'transId', sortDir = 'desc'] = (q(req, 'sort') ?? 'transId,desc').split(',');
    const key: Record<string, (c: IssuedCode) => string | number> = {
      transId: (c) => c.seq,
      claimDate: (c) => c.serviceDateTime,
      createDate: (c) => c.createdAt,
    };
    const getKey = key[sortField];
    if (!getKey)
      throw new SandboxError('INVALID_REQUEST', 'sort must be transId, claimDate or createDate', {
        status: 400,
      });
    const dir = sortDir.toLowerCase() === 'asc' ? 1 : -1;
    let filtered: AsyncIterable<AuthenCodeReportRecord & { code: IssuedCode }>;
    try {
      filtered = filterReport(store.listCodes().map(reportRecord), toAuthenCodeFilter(f));
    } catch (cause) {
      if (!isAuthenCodeError(cause)) throw cause;
      throw new SandboxError('INVALID_REQUEST', cause.message, {
        status: 400,
        messageTh: 'เงื่อนไขรายงานไม่ถูกต้อง',
        cause,
        details: { issues: cause.details?.issues ?? [] },
      });
    }
    const records: (AuthenCodeReportRecord & { code: IssuedCode })[] = [];
    for await (const r of filtered) records.push(r);
    const format = q(req, 'format');
    if (format === 'csv') {
      // The NHSO web report's export: every matching row (no paging), Thai (or `language=en`) headers.
      records.sort((a, b) => a.code.seq - b.code.seq);
      let csv = '';
      for await (const chunk of toCsv(
        records.map(({ code: _c, ...r }) => r),
        { language: q(req, 'language') === 'en' ? 'en' : 'th' },
      ))
        csv += chunk;
      return {
        status: 200,
        body: csv,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="authen-code-report-${f.hcode}.csv"`,
        },
      };
    }
    if (format !== undefined && format !== 'json')
      throw new SandboxError('INVALID_REQUEST', 'format must be json or csv', { status: 400 });
    const all = records.map((r) => r.code);
    all.sort((a, b) => {
      const x = getKey(a);
      const y = getKey(b);
      return (x < y ? -1 : x > y ? 1 : a.seq - b.seq) * dir;
    });
    const content = all.slice(page * size, page * size + size).map(reportItem);
    const totalPages = Math.ceil(all.length / size);
    return ok({
      content,
      totalElements: all.length,
      totalPages,
      number: page,
      size,
      numberOfElements: content.length,
      first: page === 0,
      last: page >= totalPages - 1,
      empty: content.length === 0,
    });
  });
  add('authencode-status', 'POST', SANDBOX_PATHS.authenCodeStatus, 'sandbox', (req) => {
    const tok = bearer(req);
    const b = jsonBody(req) as { status?: unknown; reason?: unknown };
    if (b.status !== 'used' && b.status !== 'cancelled')
      throw new SandboxError('INVALID_REQUEST', 'status must be used or cancelled', { status: 400 });
    const reason =
      typeof b.reason === 'string' && b.reason.trim() !== '' ? b.reason.trim().slice(0, 500) : null;
    const code = store.getCode(req.params.claimCode ?? '');
    if (code && tok.expiresAt !== null && code.hcode !== tok.hcode)
      throw new SandboxError('FORBIDDEN', 'staff may only edit codes of their own unit', { status: 403 });
    const updated = store.setStatus(
      req.params.claimCode ?? '',
      b.status,
      reason,
      tok.pid,
      bangkokParts(nowMs()).dateTime,
    );
    return ok(reportItem(updated), true);
  });

  add('staff-challenge', 'POST', SANDBOX_PATHS.staffChallenge, 'sandbox', (req) => {
    const b = jsonBody(req) as { pid?: unknown };
    if (typeof b.pid !== 'string' || !person(b.pid)?.staff)
      throw new SandboxError('FORBIDDEN', 'not a staff account', {
        status: 403,
        messageTh: 'ไม่ใช่บัญชีเจ้าหน้าที่',
      });
    const challenge = randomBytes(32).toString('base64');
    const expiresAt = nowMs() + 5 * 60_000;
    challenges.set(challenge, { pid: b.pid, expiresAt });
    return ok({ challenge, expiresAt: new Date(expiresAt).toISOString() });
  });
  add('staff-login', 'POST', SANDBOX_PATHS.staffLogin, 'sandbox', async (req) => {
    const b = jsonBody(req) as Partial<StaffAssertion>;
    if (typeof b.pid !== 'string' || typeof b.challenge !== 'string')
      throw new SandboxError('INVALID_REQUEST', 'pid and challenge are required', { status: 400 });
    const ch = challenges.get(b.challenge);
    challenges.delete(b.challenge);
    if (!ch || ch.pid !== b.pid || ch.expiresAt <= nowMs())
      throw new SandboxError('UNAUTHORIZED', 'unknown or expired challenge', {
        status: 401,
        messageTh: 'รหัสท้าทายหมดอายุ กรุณาเริ่มใหม่',
      });
    if (options.verifyStaffAssertion) {
      const assertion: StaffAssertion = { pid: b.pid, challenge: b.challenge };
      if (typeof b.signature === 'string') assertion.signature = b.signature;
      if (typeof b.certificate === 'string') assertion.certificate = b.certificate;
      if (b.assertion !== undefined) assertion.assertion = b.assertion;
      let good = false;
      try {
        good = await options.verifyStaffAssertion(assertion);
      } catch {
        good = false;
      }
      if (!good)
        throw new SandboxError('UNAUTHORIZED', 'the staff assertion did not verify', {
          status: 401,
          messageTh: 'ยืนยันตัวตนเจ้าหน้าที่ไม่สำเร็จ',
        });
    }
    return ok(loginStaff(b.pid), true);
  });

  // ---- LINE citizen flow ----
  const lineUser = (b: Record<string, unknown>): string => {
    const id = b.lineUserId;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
      throw new SandboxError('INVALID_REQUEST', 'lineUserId is required', { status: 400 });
    return id;
  };
  add('line-consent', 'POST', SANDBOX_PATHS.lineConsent, 'sandbox', (req) => {
    const b = jsonBody(req) as Record<string, unknown>;
    const id = lineUser(b);
    if (typeof b.accept !== 'boolean')
      throw new SandboxError('INVALID_REQUEST', 'accept must be true or false', { status: 400 });
    const rec = store.setConsent(id, b.accept ? 'ACCEPTED' : 'DECLINED', bangkokParts(nowMs()).dateTime);
    return ok({ lineUserId: id, consent: rec.consent, consentAt: rec.consentAt }, true);
  });
  const requireConsent = (id: string) => {
    const c = store.getCitizen(id);
    if (c?.consent !== 'ACCEPTED')
      throw new SandboxError('CONSENT_REQUIRED', 'consent has not been accepted', {
        status: 403,
        messageTh: 'หากไม่ยินยอม จะไม่สามารถใช้งาน Line Official Account สปสช. ได้',
      });
    return c;
  };
  add('line-register', 'POST', SANDBOX_PATHS.lineRegister, 'sandbox', (req) => {
    const b = jsonBody(req) as Record<string, unknown>;
    const id = lineUser(b);
    requireConsent(id);
    if (typeof b.pid !== 'string')
      throw new SandboxError('INVALID_REQUEST', 'pid is required', { status: 400 });
    if (typeof b.phone !== 'string' || !/^0\d{9}$/.test(b.phone))
      throw new SandboxError('INVALID_REQUEST', 'phone must be 10 digits starting with 0', {
        status: 400,
        messageTh: 'เบอร์โทรศัพท์ไม่ถูกต้อง',
      });
    const p = requirePerson(b.pid);
    assertCitizenEligible(p, nowMs());
    const rec = store.registerCitizen(id, p.pid, b.phone);
    return ok({ lineUserId: id, registered: true, consent: rec.consent }, true);
  });
  add('line-authen-code', 'POST', SANDBOX_PATHS.lineAuthenCode, 'sandbox', async (req) => {
    const b = jsonBody(req) as Record<string, unknown>;
    const id = lineUser(b);
    const c = requireConsent(id);
    if (!c.pid)
      throw new SandboxError('NOT_REGISTERED', 'register PID and phone first', {
        status: 403,
        messageTh: 'กรุณาลงทะเบียนเลขประจำตัวประชาชนและเบอร์โทรศัพท์',
      });
    if (typeof b.qr !== 'string' || b.qr === '')
      throw new SandboxError('INVALID_QR', 'qr is required', { status: 400 });
    const p = requirePerson(c.pid);
    assertCitizenEligible(p, nowMs());
    let decoded: { hcode: string; serviceCode: string };
    try {
      if (!decodeQr) {
        const mod = await import('@authenkit/qr-service');
        decodeQr = (text, now) => mod.decodeServiceQr(text, { now });
      }
      decoded = await decodeQr(b.qr, new Date(nowMs()));
    } catch (cause) {
      throw new SandboxError('INVALID_QR', 'the QR code is not a valid service QR', {
        status: 400,
        messageTh: 'QR Code ไม่ถูกต้องหรือหมดอายุ',
        cause,
      });
    }
    const claimType = decoded.serviceCode === 'OPD' ? 'PG0060001' : decoded.serviceCode;
    const { code, replayed } = issueCode({
      kind: 'PP',
      pid: p.pid,
      hcode: decoded.hcode,
      claimType,
      channel: 'LINE',
      method: 'QR_LINE',
      certifier: 'PATIENT',
      mobile: c.phone,
      ...(typeof b.requestId === 'string' ? { idempotencyKey: `line:${id}:${b.requestId}` } : {}),
    });
    return ok(
      {
        claimCode: code.claimCode,
        hcode: code.hcode,
        hname: findHospital(code.hcode)?.hname ?? null,
        claimType: code.claimType,
        claimTypeName: claimTypeName(code.claimType),
        claimDateTime: code.serviceDateTime,
        replayed,
      },
      true,
    );
  });

  // ---- admin ----
  add('admin-faults-get', 'GET', SANDBOX_PATHS.adminFaults, 'sandbox', (req) => {
    requireAdmin(req);
    return ok(faults.config());
  });
  add('admin-faults-put', 'PUT', SANDBOX_PATHS.adminFaults, 'sandbox', (req) => {
    requireAdmin(req);
    faults.configure(jsonBody(req) as FaultConfig);
    return ok(faults.config());
  });
  add('admin-faults-delete', 'DELETE', SANDBOX_PATHS.adminFaults, 'sandbox', (req) => {
    requireAdmin(req);
    faults.configure({ rules: [] });
    return ok(faults.config());
  });
  add('admin-card-put', 'PUT', SANDBOX_PATHS.adminCard, 'sandbox', (req) => {
    requireAdmin(req);
    const b = jsonBody(req) as { pid?: unknown };
    cardPid = requirePerson(typeof b.pid === 'string' ? b.pid : '').pid;
    return ok({ inserted: true });
  });
  add('admin-card-delete', 'DELETE', SANDBOX_PATHS.adminCard, 'sandbox', (req) => {
    requireAdmin(req);
    cardPid = undefined;
    return ok({ inserted: false });
  });
  add('admin-shape', 'PUT', SANDBOX_PATHS.adminAuthenStatusShape, 'sandbox', (req) => {
    requireAdmin(req);
    const b = jsonBody(req) as { shape?: unknown };
    if (b.shape !== 'nested' && b.shape !== 'flat' && b.shape !== 'string-results')
      throw new SandboxError('INVALID_REQUEST', 'shape must be nested, flat or string-results', {
        status: 400,
      });
    shape = b.shape;
    return ok({ shape });
  });
  add('admin-people', 'GET', SANDBOX_PATHS.adminPeople, 'sandbox', (req) => {
    requireAdmin(req);
    const pid = q(req, 'pid');
    if (pid) return ok(requirePerson(pid));
    const limit = Math.min(1000, Number(q(req, 'limit') ?? '20') || 20);
    return ok(population.people.slice(0, limit));
  });
  add('health', 'GET', SANDBOX_PATHS.health, 'sandbox', () =>
    ok({ ok: true, people: population.people.length }),
  );

  // ---------------------------------------------------------------------------------------------
  // Server
  // ---------------------------------------------------------------------------------------------
  const errorResponse = (err: unknown, style: ErrorStyle, path: string): RouteResponse => {
    const e = isSandboxError(err)
      ? err
      : new SandboxError('UPSTREAM_ERROR', 'internal sandbox error', { status: 500, cause: err });
    if (!isSandboxError(err)) log(`internal error on ${maskPath(path)}: ${(err as Error)?.name ?? 'Error'}`);
    const message =
      e.code === 'DUPLICATE_AUTHEN_CODE'
        ? DUPLICATE_MESSAGE
        : e.messageTh
          ? `${e.messageTh} (${e.message})`
          : e.message;
    let res: RouteResponse;
    if (style === 'agent') {
      // The Agent answers 500 for "no card" and 400 for a repeated same-day request.
      const status = e.code === 'DUPLICATE_AUTHEN_CODE' ? 400 : e.status;
      res = springError(status, message, path, e.details?.field as string | undefined);
    } else if (style === 'endpoint') {
      const body: EndpointErrorBody = { dataError: message, error: e.code, message, statusCode: e.status };
      res = { status: e.status, json: body };
    } else if (style === 'status') {
      res = { status: e.status, json: { statusAuthen: 'false', statusMessage: message } };
    } else {
      res = { status: e.status, json: { error: e.toJSON() } };
    }
    if (e.status === 401) res.headers = { 'www-authenticate': 'Bearer' };
    return res;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://sandbox');
    const method = (req.method ?? 'GET').toUpperCase();
    // `?wsdl` on the SOAP endpoint
    const path = u.pathname;
    const m = matchRoute(routes, method, path);
    if (m === undefined || m === 'method') {
      send(
        res,
        springError(m === 'method' ? 405 : 404, m === 'method' ? 'method not allowed' : 'not found', path),
      );
      return;
    }
    const r = m.route as Route & { style: ErrorStyle };
    // Admin and health routes are never faulted, so faults can always be cleared.
    const d = r.id.startsWith('admin-') || r.id === 'health' ? NO_FAULT : faults.decide(r.id);
    if (d.latencyMs > 0) await new Promise((ok) => setTimeout(ok, d.latencyMs));
    if (d.before === 'error') {
      send(
        res,
        errorResponse(new SandboxError('UPSTREAM_ERROR', 'injected fault', { status: 500 }), r.style, path),
      );
      return;
    }
    if (d.before === 'rate-limit') {
      const rr = errorResponse(
        new SandboxError('UPSTREAM_ERROR', 'too many requests (injected)', { status: 429 }),
        r.style,
        path,
      );
      rr.headers = { ...(rr.headers ?? {}), 'retry-after': String(d.retryAfterSeconds) };
      send(res, rr);
      return;
    }
    let out: RouteResponse;
    try {
      const text = await readBody(req);
      out = await r.handler({
        method,
        path,
        query: u.searchParams,
        params: m.params,
        headers: req.headers,
        text,
        routeId: r.id,
      });
    } catch (err) {
      out = errorResponse(err, r.style, path);
    }
    log(`${method} ${r.id} ${out.status}`);
    if (d.after === 'reset' && out.committed) {
      req.socket.destroy();
      return;
    }
    if (d.after === 'malformed' && out.status < 300 && out.json !== undefined) {
      const full = JSON.stringify(out.json);
      const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
      send(res, {
        status: out.status,
        body: cut,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
      return;
    }
    send(res, out);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`unhandled ${(err as Error)?.name ?? 'error'}`);
      if (!res.headersSent) send(res, springError(500, 'internal sandbox error', req.url ?? '/'));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  let closed = false;

  return {
    url,
    token: [...staticTokens][0] as string,
    population,
    store,
    faults,
    clock,
    issueCode,
    insertCard: (pid) => {
      cardPid = pid === undefined ? undefined : requirePerson(pid).pid;
    },
    loginStaff,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
