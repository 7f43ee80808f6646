import type { QrKeyInput } from '@authenkit/qr-service';
import type { Clock } from './clock.js';
import type { FaultConfig, FaultInjector } from './faults.js';
import type { SandboxPopulation } from './population.js';
import type { AuthenStatusShape } from './responses.js';
import { createAuth } from './sandbox/auth.js';
import { createContext } from './sandbox/context.js';
import { adminRoutes } from './sandbox/routes/admin.js';
import { agentRoutes } from './sandbox/routes/agent.js';
import { endpointRoutes } from './sandbox/routes/endpoint.js';
import { createQrKeyRegistry, lineRoutes } from './sandbox/routes/line.js';
import { reportRoutes } from './sandbox/routes/report.js';
import { staffRoutes } from './sandbox/routes/staff.js';
import { statusRoutes } from './sandbox/routes/status.js';
import { startRouteServer } from './server.js';
import type { IssueResult, SandboxStore } from './store.js';

export { SANDBOX_DEV_TOKEN, SANDBOX_PATHS } from './sandbox/paths.js';

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
  /**
   * `Host` names accepted besides loopback (DNS-rebinding guard); `['*']` accepts any. Default none: a
   * sandbox bound to `0.0.0.0` still answers only `Host: 127.0.0.1` / `localhost` unless you list its name.
   */
  allowedHosts?: string[];
  /** Browser origins allowed to call the sandbox (CORS). Requests with any other `Origin` get 403. Default none. */
  allowedOrigins?: string[];
  /**
   * Clinic-QR signing keys (Ed25519 public, 32 bytes or 64 hex) by unit hcode: a LINE scan of a poster of
   * such a unit must carry a signature that verifies with one of them. Also `PUT /sandbox/admin/qr-keys`.
   */
  qrKeys?: Record<string, QrKeyInput[]>;
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
  const ctx = createContext(options);
  const auth = createAuth(ctx);
  const qrKeys = createQrKeyRegistry(options.qrKeys);
  const routes = [
    ...agentRoutes(ctx),
    ...statusRoutes(ctx, auth),
    ...endpointRoutes(ctx, auth),
    ...reportRoutes(ctx, auth),
    ...staffRoutes(ctx, auth),
    ...lineRoutes(ctx, qrKeys),
    ...adminRoutes(ctx, auth, qrKeys),
  ];
  let server: Awaited<ReturnType<typeof startRouteServer>>;
  try {
    server = await startRouteServer({
      routes,
      trust: { hosts: options.allowedHosts ?? [], origins: options.allowedOrigins ?? [] },
      log: ctx.log,
      // Admin and health routes are never faulted, so faults can always be cleared.
      decide: (r) => (r.id.startsWith('admin-') || r.id === 'health' ? undefined : ctx.faults.decide(r.id)),
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
    });
  } catch (err) {
    ctx.store.close();
    throw err;
  }
  ctx.state.url = server.url;
  let closed = false;
  return {
    url: server.url,
    token: [...ctx.staticTokens][0] as string,
    population: ctx.population,
    store: ctx.store,
    faults: ctx.faults,
    clock: ctx.clock,
    issueCode: ctx.issueCode,
    insertCard: (pid) => {
      ctx.state.cardPid = pid === undefined ? undefined : ctx.requirePerson(pid).pid;
    },
    loginStaff: auth.loginStaff,
    close: async () => {
      if (closed) return;
      closed = true;
      await server.close();
      ctx.store.close();
    },
  };
}
