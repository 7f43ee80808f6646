import { isValidCitizenId } from '@authenkit/authen-code';
import {
  AuthenCodeByPidRequestSchema,
  type AuthenCodeByPidResponse,
  ClaimDetailRequestSchema,
  type ClaimDetailResponse,
  NHSO_PATHS,
  type SrmAccessTokenResponse,
  UCWS_STATUS_OK,
  UCWS_STATUS_TOKEN_EXPIRED,
} from '@authenkit/nhso-client/schemas';
import { bangkokParts, nextBangkokMidnight } from '../../clock.js';
import { SandboxError } from '../../errors.js';
import { jsonBody, jsonObject, ok, parseWith, q, type Route, type RouteResponse, route } from '../../http.js';
import { realPersonBody, rightSearchBody, ucwsDataSet } from '../../responses.js';
import { searchCurrentByPidResponse, soapFault, ucwsWsdl, xmlText } from '../../ucws.js';
import type { SandboxAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { channelOf } from './agent.js';

const required = (field: string): SandboxError =>
  new SandboxError('INVALID_REQUEST', `${field} is required`, { details: { field } });

/**
 * The NHSO cloud: Endpoint (claim-detail, authen-code, RealPerson, right-search v2), SRM (right-search,
 * access-token) and the UCWS SOAP service with its WSDL.
 * @internal
 */
export function endpointRoutes(ctx: SandboxContext, auth: SandboxAuth): Route[] {
  const { store } = ctx;
  const xml = (body: string, status = 200): RouteResponse => ({
    status,
    body,
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  });
  return [
    route(
      'claim-detail',
      'POST',
      NHSO_PATHS.claimDetail,
      (req) => {
        const tok = auth.bearer(req);
        const body = parseWith(ClaimDetailRequestSchema, jsonBody(req));
        if (tok.expiresAt !== null && body.recorderPid !== tok.pid)
          throw new SandboxError('FORBIDDEN', 'recorderPid must be the PID of the token owner', {
            details: { field: 'recorderPid', reasonTh: 'recorderPid ต้องเป็นเจ้าของ TOKEN' },
          });
        const { code } = ctx.issueCode({
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
      },
      'endpoint',
    ),
    route(
      'authen-code',
      'POST',
      NHSO_PATHS.authenCode,
      (req) => {
        auth.bearer(req);
        const body = parseWith(AuthenCodeByPidRequestSchema, jsonBody(req));
        const { code } = ctx.issueCode({
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
      },
      'endpoint',
    ),
    route(
      'realperson',
      'GET',
      NHSO_PATHS.realPerson,
      (req) => {
        auth.bearer(req);
        const pid = q(req, 'PID');
        if (!pid || !q(req, 'SOURCE_ID')) throw required('PID and SOURCE_ID');
        return ok(realPersonBody(ctx.requirePerson(pid), ctx.nowMs()));
      },
      'endpoint',
    ),
    route(
      'right-search-v2',
      'GET',
      NHSO_PATHS.rightSearchV2,
      (req) => {
        auth.bearer(req);
        const pid = q(req, 'pid');
        const checkDate = q(req, 'checkDate') ?? `${bangkokParts(ctx.nowMs()).date}T00:00:00`;
        if (!pid) throw required('pid');
        return ok(rightSearchBody(ctx.requirePerson(pid), checkDate));
      },
      'endpoint',
    ),
    route(
      'srm-right-search',
      'GET',
      NHSO_PATHS.srmRightSearch,
      (req) => {
        auth.bearer(req, ['srm-access']);
        const pid = q(req, 'pid');
        if (!pid) throw required('pid');
        return ok(rightSearchBody(ctx.requirePerson(pid), bangkokParts(ctx.nowMs()).dateTime));
      },
      'endpoint',
    ),
    route(
      'srm-access-token',
      'POST',
      NHSO_PATHS.srmAccessToken,
      (req) => {
        let refresh: unknown;
        if (String(req.headers['content-type'] ?? '').includes('json')) {
          const b = jsonObject(req);
          refresh = b['refresh-token'] ?? b.refresh_token ?? b.refreshToken;
        } else {
          const f = new URLSearchParams(req.text);
          refresh = f.get('refresh-token') ?? f.get('refresh_token') ?? undefined;
        }
        if (typeof refresh !== 'string' || refresh === '') throw required('refresh-token');
        const rec = store.getToken(refresh);
        if (rec?.kind !== 'srm-refresh') throw auth.unauthorized(false);
        if (rec.expiresAt !== null && rec.expiresAt <= ctx.nowMs()) throw auth.unauthorized(true);
        const access = auth.newAccessToken(
          rec.pid,
          rec.hcode,
          rec.expiresAt ?? nextBangkokMidnight(ctx.nowMs()),
        );
        const expiresIn = Math.max(
          0,
          Math.floor(((store.getToken(access)?.expiresAt ?? ctx.nowMs()) - ctx.nowMs()) / 1000),
        );
        const out: SrmAccessTokenResponse = {
          access_token: access,
          'access-token': access,
          refresh_token: refresh,
          'refresh-token': refresh,
          expires_in: expiresIn,
        };
        return ok(out, true);
      },
      'endpoint',
    ),
    route(
      'ucws-wsdl',
      'GET',
      NHSO_PATHS.ucws,
      () => xml(ucwsWsdl(`${ctx.state.url}${NHSO_PATHS.ucws}`)),
      'sandbox',
    ),
    route(
      'ucws',
      'POST',
      NHSO_PATHS.ucws,
      (req) => {
        // SOAP 1.1: a fault is HTTP 500 with a SOAP Fault body (what NHSO answers and nhso-client expects).
        if (!/searchCurrentByPID/.test(req.text)) return xml(soapFault('S:Client', 'unknown operation'), 500);
        const user = xmlText(req.text, 'user_person_id') ?? '';
        const smctoken = xmlText(req.text, 'smctoken') ?? '';
        const personId = xmlText(req.text, 'person_id') ?? '';
        const rec = store.getToken(smctoken);
        const valid =
          rec &&
          rec.kind === 'uc' &&
          rec.pid === user &&
          (rec.expiresAt === null || rec.expiresAt > ctx.nowMs());
        if (!valid && !ctx.staticTokens.has(smctoken))
          return xml(
            searchCurrentByPidResponse(
              ucwsDataSet(
                undefined,
                personId,
                ctx.nowMs(),
                UCWS_STATUS_TOKEN_EXPIRED,
                'TOKEN หมดอายุ กรุณาเปิดโปรแกรม UcAuthentication MX ใหม่',
              ),
            ),
          );
        const p = isValidCitizenId(personId) ? ctx.person(personId) : undefined;
        return xml(
          searchCurrentByPidResponse(
            ucwsDataSet(p, personId, ctx.nowMs(), UCWS_STATUS_OK, p ? 'OK' : 'ไม่พบข้อมูล'),
          ),
        );
      },
      'sandbox',
    ),
  ];
}
