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
  /** `PUT {hcode, publicKeys}` register a unit's clinic-QR signing keys (admin token); `DELETE ?hcode=` removes them. */
  adminQrKeys: '/sandbox/admin/qr-keys',
  /** `GET ?pid=` population lookup (admin token). */
  adminPeople: '/sandbox/admin/people',
  /** `GET` health check. */
  health: '/sandbox/health',
} as const;
