import {
  AUTHEN_CHANNELS,
  AUTHEN_CODE_STATUSES,
  type AuthenChannel,
  type AuthenCodeReportRecord,
  CERTIFIER_ROLES,
  type CertifierRole,
  filterReport,
  isAuthenCodeError,
  toCsv,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from '@authenkit/authen-code';
import { bangkokParts, parseBangkokLocal } from '../../clock.js';
import { SandboxError } from '../../errors.js';
import { jsonObject, ok, q, type Route, type RouteRequest, route } from '../../http.js';
import { findHospital, gregorianBirthDate } from '../../population.js';
import { claimTypeName } from '../../responses.js';
import { type ReportFilter, toAuthenCodeFilter, validateReportWindow } from '../../rules.js';
import type { IssuedCode } from '../../store.js';
import type { SandboxAuth } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { SANDBOX_PATHS } from '../paths.js';

type Row = AuthenCodeReportRecord & { code: IssuedCode };

/** NHSO web-report query names (and authen-code's own names) → ReportFilter keys. */
const FILTER_NAMES = [
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
] as const;

/** Sort keys of the JSON report (a Map: a prototype name such as `__proto__` is simply not a key). */
const SORT_KEYS = new Map<string, (c: IssuedCode) => string | number>([
  ['transId', (c) => c.seq],
  ['claimDate', (c) => c.serviceDateTime],
  ['createDate', (c) => c.createdAt],
]);

/**
 * The authenservice Authen Code report (JSON pages or the CSV export) and the usage-status change of a code.
 * @internal
 */
export function reportRoutes(ctx: SandboxContext, auth: SandboxAuth): Route[] {
  const fullName = (pid: string): string | null => {
    const p = ctx.person(pid);
    return p ? `${p.titleTh}${p.firstNameTh} ${p.lastNameTh}` : null;
  };
  /** One row as NHSO's report JSON names it. */
  const reportItem = (c: IssuedCode): Record<string, unknown> => {
    const p = ctx.person(c.pid);
    return {
      transId: c.seq,
      hmain: c.hcode,
      hname: findHospital(c.hcode)?.hname ?? null,
      personalId: c.pid,
      patientName: fullName(c.pid),
      addrNo: p?.address.houseNo ?? null,
      moo: p?.address.moo ?? null,
      moonanName: null,
      tumbonName: p?.address.tumbon ?? null,
      amphurName: p?.address.amphur ?? null,
      changwatName: p?.address.province ?? null,
      birthdate: p ? gregorianBirthDate(p.birthDate) : null,
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
  const reportRecord = (c: IssuedCode): Row => {
    const h = findHospital(c.hcode);
    return {
      code: c,
      ...(h ? { zone: h.zone, provinceCode: `${h.provinceCode}00`, provinceName: h.provinceName } : {}),
      hcode: c.hcode,
      hname: h?.hname ?? '',
      pid: c.pid,
      fullName: fullName(c.pid) ?? '',
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
  /** The request's filter, checked: window, unit given, staff only on their own unit. */
  const filterOf = (req: RouteRequest): ReportFilter => {
    const tok = auth.bearer(req);
    const f: ReportFilter = {};
    for (const [k, names] of FILTER_NAMES) {
      const val = names.map((n) => q(req, n)).find((x) => x !== undefined && x !== '');
      if (val !== undefined) f[k] = val;
    }
    validateReportWindow(f);
    if (!f.hcode)
      throw new SandboxError('INVALID_REQUEST', 'hcode is required', {
        details: { field: 'hcode', reasonTh: 'กรุณาระบุหน่วยบริการที่ให้บริการ' },
      });
    if (tok.expiresAt !== null && tok.hcode !== f.hcode)
      throw new SandboxError('FORBIDDEN', 'staff may only report on their own unit', {
        details: { reason: 'other-unit', reasonTh: 'ดูรายงานได้เฉพาะหน่วยบริการของตนเอง' },
      });
    return f;
  };
  const matching = async (f: ReportFilter): Promise<Row[]> => {
    let filtered: AsyncIterable<Row>;
    try {
      filtered = filterReport(ctx.store.listCodes().map(reportRecord), toAuthenCodeFilter(f));
    } catch (cause) {
      if (!isAuthenCodeError(cause)) throw cause;
      throw new SandboxError('INVALID_REQUEST', cause.message, {
        cause,
        details: { issues: cause.details?.issues ?? [], reasonTh: 'เงื่อนไขรายงานไม่ถูกต้อง' },
      });
    }
    const records: Row[] = [];
    for await (const r of filtered) records.push(r);
    return records;
  };
  const csv = async (records: Row[], hcode: string, language: 'th' | 'en') => {
    // The NHSO web report's export: every matching row (no paging), Thai (or `language=en`) headers.
    records.sort((a, b) => a.code.seq - b.code.seq);
    let text = '';
    for await (const chunk of toCsv(
      records.map(({ code: _c, ...r }) => r),
      { language },
    ))
      text += chunk;
    return {
      status: 200,
      body: text,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="authen-code-report-${hcode}.csv"`,
      },
    };
  };

  return [
    route(
      'authencode-report',
      'GET',
      SANDBOX_PATHS.authenCodeReport,
      async (req) => {
        const f = filterOf(req);
        const page = Number(q(req, 'page') ?? '0');
        const size = Number(q(req, 'size') ?? '20');
        if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 1000)
          throw new SandboxError('INVALID_REQUEST', 'page must be >= 0 and size 1..1000');
        const [sortField = 'transId', sortDir = 'desc'] = (q(req, 'sort') ?? 'transId,desc').split(',');
        const getKey = SORT_KEYS.get(sortField);
        if (!getKey)
          throw new SandboxError('INVALID_REQUEST', 'sort must be transId, claimDate or createDate', {
            details: { field: 'sort' },
          });
        const dir = sortDir.toLowerCase() === 'asc' ? 1 : -1;
        const records = await matching(f);
        const format = q(req, 'format');
        if (format === 'csv')
          return csv(records, f.hcode as string, q(req, 'language') === 'en' ? 'en' : 'th');
        if (format !== undefined && format !== 'json')
          throw new SandboxError('INVALID_REQUEST', 'format must be json or csv', {
            details: { field: 'format' },
          });
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
      },
      'sandbox',
    ),
    route(
      'authencode-status',
      'POST',
      SANDBOX_PATHS.authenCodeStatus,
      (req) => {
        const tok = auth.bearer(req);
        const b = jsonObject(req);
        if (b.status !== 'used' && b.status !== 'cancelled')
          throw new SandboxError('INVALID_REQUEST', 'status must be used or cancelled', {
            details: { field: 'status' },
          });
        const reason =
          typeof b.reason === 'string' && b.reason.trim() !== '' ? b.reason.trim().slice(0, 500) : null;
        const claimCode = req.params.claimCode ?? '';
        const code = ctx.store.getCode(claimCode);
        if (code && tok.expiresAt !== null && code.hcode !== tok.hcode)
          throw new SandboxError('FORBIDDEN', 'staff may only edit codes of their own unit', {
            details: { reason: 'other-unit' },
          });
        const updated = ctx.store.setStatus(
          claimCode,
          b.status,
          reason,
          tok.pid,
          bangkokParts(ctx.nowMs()).dateTime,
        );
        return ok(reportItem(updated), true);
      },
      'sandbox',
    ),
  ];
}
