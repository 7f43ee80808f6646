import { SandboxError } from '../../errors.js';
import { jsonObject, ok, type Route, route } from '../../http.js';
import type { StaffAssertion } from '../../sandbox.js';
import type { SandboxAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_PATHS } from '../paths.js';

/**
 * Staff log-in: a challenge for a staff PID, then the log-in with the challenge (and, with a verifier, the
 * card's signed assertion) for REST, UC and SRM tokens.
 * @internal
 */
export function staffRoutes(ctx: SandboxContext, auth: SandboxAuth): Route[] {
  const verify = ctx.options.verifyStaffAssertion;
  return [
    route(
      'staff-challenge',
      'POST',
      SANDBOX_PATHS.staffChallenge,
      (req) => {
        const b = jsonObject(req);
        const { challenge, expiresAt } = auth.openChallenge(typeof b.pid === 'string' ? b.pid : '');
        return ok({ challenge, expiresAt: new Date(expiresAt).toISOString() });
      },
      'sandbox',
    ),
    route(
      'staff-login',
      'POST',
      SANDBOX_PATHS.staffLogin,
      async (req) => {
        const b = jsonObject(req) as Partial<Record<keyof StaffAssertion, unknown>>;
        if (typeof b.pid !== 'string' || typeof b.challenge !== 'string')
          throw new SandboxError('INVALID_REQUEST', 'pid and challenge are required');
        if (!auth.takeChallenge(b.challenge, b.pid))
          throw new SandboxError('UNAUTHORIZED', 'unknown or expired challenge', {
            details: { reason: 'challenge', reasonTh: 'รหัสท้าทายหมดอายุ กรุณาเริ่มใหม่' },
          });
        if (verify) {
          const assertion: StaffAssertion = { pid: b.pid, challenge: b.challenge };
          if (typeof b.signature === 'string') assertion.signature = b.signature;
          if (typeof b.certificate === 'string') assertion.certificate = b.certificate;
          if (b.assertion !== undefined) assertion.assertion = b.assertion;
          let good = false;
          try {
            good = await verify(assertion);
          } catch {
            good = false;
          }
          if (!good)
            throw new SandboxError('UNAUTHORIZED', 'the staff assertion did not verify', {
              details: { reason: 'assertion', reasonTh: 'ยืนยันตัวตนเจ้าหน้าที่ไม่สำเร็จ' },
            });
        }
        return ok(auth.loginStaff(b.pid), true);
      },
      'sandbox',
    ),
  ];
}
