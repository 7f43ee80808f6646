import { isValidCitizenId } from '@authenkit/authen-code';
import { NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import { ok, q, type Route, type RouteRequest, type RouteResponse, route } from '../../http.js';
import { type AuthenStatusShape, authenStatusBody } from '../../responses.js';
import type { SandboxAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';

/** A 400 in check-authen-status' own form, with the stable `code` every error body carries. */
const badRequest = (statusMessage: string): RouteResponse => ({
  status: 400,
  json: { statusAuthen: 'false', statusMessage, code: 'INVALID_REQUEST', message: statusMessage },
});

const isShape = (s: unknown): s is AuthenStatusShape =>
  s === 'nested' || s === 'flat' || s === 'string-results';

/**
 * `check-authen-status` (in the shape of the moment: nested, flat or string-results; `x-sandbox-shape` picks
 * one per request) and its legacy path (always flat).
 * @internal
 */
export function statusRoutes(ctx: SandboxContext, auth: SandboxAuth): Route[] {
  const authenStatus = (req: RouteRequest, forced?: AuthenStatusShape): RouteResponse => {
    auth.bearer(req);
    const personalId = q(req, 'personalId');
    const serviceDate = q(req, 'serviceDate');
    // The NHSO mock's own words, verbatim (clients match on them).
    if (!personalId || !serviceDate)
      return badRequest(`Missing required parameter ${!personalId ? 'personalId' : 'serviceDate'}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate)) return badRequest('serviceDate must be YYYY-MM-DD');
    const serviceCode = q(req, 'serviceCode');
    const p = isValidCitizenId(personalId) ? ctx.person(personalId) : undefined;
    const codes = p
      ? ctx.store
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
    const pick = forced ?? (isShape(hdr) ? hdr : ctx.state.shape);
    return ok(authenStatusBody(pick, p, codes, ctx.nowMs()));
  };
  return [
    route('check-authen-status', 'GET', NHSO_PATHS.checkAuthenStatus, (req) => authenStatus(req), 'status'),
    route(
      'check-authen-status-legacy',
      'GET',
      NHSO_PATHS.checkAuthenStatusLegacy,
      (req) => authenStatus(req, 'flat'),
      'status',
    ),
  ];
}

export { isShape };
