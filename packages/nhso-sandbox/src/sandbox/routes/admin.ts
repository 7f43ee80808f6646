import { SandboxError } from '../../errors.js';
import type { FaultConfig } from '../../faults.js';
import { jsonObject, ok, q, type Route, route } from '../../http.js';
import type { SandboxAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_PATHS } from '../paths.js';
import type { QrKeyRegistry } from './line.js';
import { isShape } from './status.js';

/**
 * Admin (static token only, never faulted): fault injection, the card in the simulated reader, the default
 * check-authen-status shape, units' QR signing keys, population lookup; and the health check.
 * @internal
 */
export function adminRoutes(ctx: SandboxContext, auth: SandboxAuth, qrKeys: QrKeyRegistry): Route[] {
  const { faults, state, population } = ctx;
  const admin = (id: string, method: string, path: string, handler: Route['handler']): Route =>
    route(
      id,
      method,
      path,
      (req) => {
        auth.requireAdmin(req);
        return handler(req);
      },
      'sandbox',
    );
  return [
    admin('admin-faults-get', 'GET', SANDBOX_PATHS.adminFaults, () => ok(faults.config())),
    admin('admin-faults-put', 'PUT', SANDBOX_PATHS.adminFaults, (req) => {
      faults.configure(jsonObject(req) as unknown as FaultConfig);
      return ok(faults.config());
    }),
    admin('admin-faults-delete', 'DELETE', SANDBOX_PATHS.adminFaults, () => {
      faults.configure({ rules: [] });
      return ok(faults.config());
    }),
    admin('admin-card-put', 'PUT', SANDBOX_PATHS.adminCard, (req) => {
      const b = jsonObject(req);
      state.cardPid = ctx.requirePerson(typeof b.pid === 'string' ? b.pid : '').pid;
      return ok({ inserted: true });
    }),
    admin('admin-card-delete', 'DELETE', SANDBOX_PATHS.adminCard, () => {
      state.cardPid = undefined;
      return ok({ inserted: false });
    }),
    admin('admin-shape', 'PUT', SANDBOX_PATHS.adminAuthenStatusShape, (req) => {
      const b = jsonObject(req);
      if (!isShape(b.shape))
        throw new SandboxError('INVALID_REQUEST', 'shape must be nested, flat or string-results', {
          details: { field: 'shape' },
        });
      state.shape = b.shape;
      return ok({ shape: state.shape });
    }),
    admin('admin-qr-keys-put', 'PUT', SANDBOX_PATHS.adminQrKeys, (req) => {
      const b = jsonObject(req);
      const keys = Array.isArray(b.publicKeys) ? b.publicKeys : [];
      const hexKey = (k: unknown) => typeof k === 'string' && /^[0-9a-fA-F]{64}$/.test(k);
      if (typeof b.hcode !== 'string' || !/^\d{5}$/.test(b.hcode) || keys.length === 0 || !keys.every(hexKey))
        throw new SandboxError(
          'INVALID_REQUEST',
          'hcode (5 digits) and publicKeys (Ed25519 public keys, 64 hex characters each) are required',
          { details: { field: 'publicKeys' } },
        );
      qrKeys.register(b.hcode, keys as string[]);
      return ok({ hcode: b.hcode, keys: qrKeys.keysOf(b.hcode).length });
    }),
    admin('admin-qr-keys-delete', 'DELETE', SANDBOX_PATHS.adminQrKeys, (req) => {
      const hcode = q(req, 'hcode') ?? '';
      qrKeys.register(hcode, []);
      return ok({ hcode, keys: 0 });
    }),
    admin('admin-people', 'GET', SANDBOX_PATHS.adminPeople, (req) => {
      const pid = q(req, 'pid');
      if (pid) return ok(ctx.requirePerson(pid));
      const limit = Math.min(1000, Number(q(req, 'limit') ?? '20') || 20);
      return ok(population.people.slice(0, limit));
    }),
    route(
      'health',
      'GET',
      SANDBOX_PATHS.health,
      () => ok({ ok: true, people: population.people.length }),
      'sandbox',
    ),
  ];
}
