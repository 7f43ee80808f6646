import { decodeServiceQr, isQrServiceError, type QrKeyInput, verifyServiceQr } from '@authenkit/qr-service';
import { bangkokParts } from '../../clock.js';
import { SandboxError } from '../../errors.js';
import { jsonObject, ok, type Route, route } from '../../http.js';
import { findHospital } from '../../population.js';
import { claimTypeName } from '../../responses.js';
import { assertCitizenEligible } from '../../rules.js';
import type { CitizenRecord } from '../../store.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_PATHS } from '../paths.js';

/**
 * The clinic-QR signing keys units registered: a poster of such a unit must carry a valid signature.
 * @internal
 */
export interface QrKeyRegistry {
  keysOf(hcode: string): readonly QrKeyInput[];
  /** Replace a unit's keys (`[]` removes them). */
  register(hcode: string, keys: readonly QrKeyInput[]): void;
}

/** @internal */
export function createQrKeyRegistry(
  initial: Readonly<Record<string, readonly QrKeyInput[]>> = {},
): QrKeyRegistry {
  const keys = new Map<string, readonly QrKeyInput[]>(Object.entries(initial));
  return {
    keysOf: (hcode) => keys.get(hcode) ?? [],
    register: (hcode, list) => {
      if (list.length === 0) keys.delete(hcode);
      else keys.set(hcode, [...list]);
    },
  };
}

const invalidQr = (cause: unknown, reason: string): SandboxError =>
  new SandboxError('INVALID_QR', 'the QR code is not a valid service QR', {
    cause,
    details: { reason: isQrServiceError(cause) ? cause.code : reason },
  });

/**
 * The citizen's LINE flow: consent, registration (PID + phone) and scanning a clinic QR for an Authen Code.
 * @internal
 */
export function lineRoutes(ctx: SandboxContext, qrKeys: QrKeyRegistry): Route[] {
  const { store } = ctx;
  const decodeQr = ctx.options.decodeQr ?? ((text: string, now: Date) => decodeServiceQr(text, { now }));
  const lineUser = (b: Record<string, unknown>): string => {
    const id = b.lineUserId;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
      throw new SandboxError('INVALID_REQUEST', 'lineUserId is required', {
        details: { field: 'lineUserId' },
      });
    return id;
  };
  const requireConsent = (id: string): CitizenRecord => {
    const c = store.getCitizen(id);
    if (c?.consent !== 'ACCEPTED')
      throw new SandboxError('CONSENT_REQUIRED', 'consent has not been accepted');
    return c;
  };
  /** Decode the poster; when its unit registered keys, its signature must verify with one of them. */
  const decodePoster = async (text: string): Promise<{ hcode: string; serviceCode: string }> => {
    const now = new Date(ctx.nowMs());
    let decoded: { hcode: string; serviceCode: string };
    try {
      decoded = await decodeQr(text, now);
    } catch (cause) {
      throw invalidQr(cause, 'decode');
    }
    const keys = qrKeys.keysOf(decoded.hcode);
    if (keys.length > 0) {
      try {
        verifyServiceQr(text, keys, { now });
      } catch (cause) {
        throw invalidQr(cause, 'signature');
      }
    }
    return decoded;
  };
  return [
    route(
      'line-consent',
      'POST',
      SANDBOX_PATHS.lineConsent,
      (req) => {
        const b = jsonObject(req);
        const id = lineUser(b);
        if (typeof b.accept !== 'boolean')
          throw new SandboxError('INVALID_REQUEST', 'accept must be true or false', {
            details: { field: 'accept' },
          });
        const rec = store.setConsent(
          id,
          b.accept ? 'ACCEPTED' : 'DECLINED',
          bangkokParts(ctx.nowMs()).dateTime,
        );
        return ok({ lineUserId: id, consent: rec.consent, consentAt: rec.consentAt }, true);
      },
      'sandbox',
    ),
    route(
      'line-register',
      'POST',
      SANDBOX_PATHS.lineRegister,
      (req) => {
        const b = jsonObject(req);
        const id = lineUser(b);
        requireConsent(id);
        if (typeof b.pid !== 'string')
          throw new SandboxError('INVALID_REQUEST', 'pid is required', { details: { field: 'pid' } });
        if (typeof b.phone !== 'string' || !/^0\d{9}$/.test(b.phone))
          throw new SandboxError('INVALID_REQUEST', 'phone must be 10 digits starting with 0', {
            details: { field: 'phone', reasonTh: 'เบอร์โทรศัพท์ไม่ถูกต้อง' },
          });
        const p = ctx.requirePerson(b.pid);
        assertCitizenEligible(p, ctx.nowMs());
        const rec = store.registerCitizen(id, p.pid, b.phone);
        return ok({ lineUserId: id, registered: true, consent: rec.consent }, true);
      },
      'sandbox',
    ),
    route(
      'line-authen-code',
      'POST',
      SANDBOX_PATHS.lineAuthenCode,
      async (req) => {
        const b = jsonObject(req);
        const id = lineUser(b);
        const c = requireConsent(id);
        if (!c.pid) throw new SandboxError('NOT_REGISTERED', 'register PID and phone first');
        if (typeof b.qr !== 'string' || b.qr === '')
          throw new SandboxError('INVALID_QR', 'qr is required', { details: { field: 'qr' } });
        const p = ctx.requirePerson(c.pid);
        assertCitizenEligible(p, ctx.nowMs());
        const decoded = await decodePoster(b.qr);
        const claimType = decoded.serviceCode === 'OPD' ? 'PG0060001' : decoded.serviceCode;
        const { code, replayed } = ctx.issueCode({
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
      },
      'sandbox',
    ),
  ];
}
