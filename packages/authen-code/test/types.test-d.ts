import {
  type Age,
  type AuthenChannel,
  type AuthenCode,
  type AuthenCodeError,
  type AuthenCodeErrorCode,
  type AuthenCodeKind,
  type AuthenCodeReportRecord,
  type AuthenCodeState,
  ageAt,
  type BuddhistDate,
  type CertifierRole,
  type CitizenIdValidation,
  type ClaimType,
  type ClaimTypeCode,
  claimTypes,
  type FormatThaiDateOptions,
  filterReport,
  formatThaiDate,
  getClaimType,
  type Inscl,
  isAuthenCode,
  isAuthenCodeError,
  isValidCitizenId,
  parseAuthenCode,
  parseBuddhistDate,
  parseInscl,
  REPORT_COLUMNS,
  type ReportColumnKey,
  type ReportSummary,
  summarizeReport,
  type ThaiDateStyle,
  toCsv,
  transitionAuthenCode,
  type ValidVisitRequest,
  type VerificationMethod,
  validateCitizenId,
  validateVisitRequest,
} from '@authenkit/authen-code';
import { toXlsx, type XlsxResult } from '@authenkit/authen-code/xlsx';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types', () => {
  it('citizen ID validation is a discriminated union', () => {
    const r = validateCitizenId('1101700230708');
    expectTypeOf(r).toEqualTypeOf<CitizenIdValidation>();
    if (r.valid) expectTypeOf(r.value).toEqualTypeOf<string>();
    else expectTypeOf(r.reason).toEqualTypeOf<'EMPTY' | 'NON_DIGIT' | 'LENGTH' | 'CHECKSUM'>();
    const x: unknown = '1';
    if (isValidCitizenId(x)) expectTypeOf(x).toEqualTypeOf<string>();
  });

  it('codes are literal unions', () => {
    expectTypeOf<AuthenCodeKind>().toEqualTypeOf<'PP' | 'EP' | 'OP'>();
    expectTypeOf<AuthenChannel>().toEqualTypeOf<'ERM_ONLINE' | 'AGENT' | 'KIOSK' | 'LINE' | 'ENDPOINT'>();
    expectTypeOf<VerificationMethod>().toEqualTypeOf<'SMART_CARD' | 'PID_ENTRY' | 'QR_LINE' | 'FACE'>();
    expectTypeOf<CertifierRole>().toEqualTypeOf<'PATIENT' | 'PARENT' | 'CAREGIVER' | 'STAFF'>();
    expectTypeOf<'PG0060001'>().toMatchTypeOf<ClaimTypeCode>();
    expectTypeOf<'INVALID_CITIZEN_ID'>().toMatchTypeOf<AuthenCodeErrorCode>();
    expectTypeOf<ReportColumnKey>().toMatchTypeOf<keyof AuthenCodeReportRecord>();
  });

  it('parsers return the documented shapes', () => {
    expectTypeOf(parseInscl('UCS')).toEqualTypeOf<Inscl>();
    expectTypeOf<Inscl>().toEqualTypeOf<{ readonly code: string; readonly name: string | null }>();
    expectTypeOf(parseAuthenCode('PP1238504971')).toEqualTypeOf<AuthenCode>();
    expectTypeOf(parseAuthenCode('PP1238504971').kind).toEqualTypeOf<AuthenCodeKind>();
    const v: unknown = 'x';
    if (isAuthenCode(v)) expectTypeOf(v).toEqualTypeOf<string>();
    const d = parseBuddhistDate('25260800');
    expectTypeOf(d).toEqualTypeOf<BuddhistDate>();
    if (!d.lifelong) {
      expectTypeOf(d.year).toEqualTypeOf<number>();
      expectTypeOf(d.iso).toEqualTypeOf<string>();
    } else {
      expectTypeOf(d.iso).toEqualTypeOf<null>();
    }
    expectTypeOf(d.month).toEqualTypeOf<number | null>();
    expectTypeOf(ageAt('25260308')).toEqualTypeOf<Age>();
    expectTypeOf(formatThaiDate).parameter(1).toEqualTypeOf<FormatThaiDateOptions | undefined>();
    expectTypeOf<FormatThaiDateOptions['style']>().toEqualTypeOf<ThaiDateStyle | undefined>();
    expectTypeOf<FormatThaiDateOptions['locale']>().toEqualTypeOf<'th' | 'en' | undefined>();
  });

  it('catalogue and lifecycle', () => {
    expectTypeOf(claimTypes).toEqualTypeOf<readonly ClaimType[]>();
    expectTypeOf(getClaimType('x')).toEqualTypeOf<ClaimType | undefined>();
    expectTypeOf<ClaimType['confidence']>().toEqualTypeOf<'documented' | 'inferred'>();
    expectTypeOf(transitionAuthenCode).returns.toEqualTypeOf<AuthenCodeState>();
    expectTypeOf<AuthenCodeState['status']>().toEqualTypeOf<'issued' | 'used' | 'cancelled'>();
    const e: unknown = null;
    if (isAuthenCodeError(e)) expectTypeOf(e.code).toEqualTypeOf<AuthenCodeErrorCode>();
    expectTypeOf<AuthenCodeError['toJSON']>().returns.toHaveProperty('code');
  });

  it('visit requests and the report', () => {
    const r = validateVisitRequest({
      claimType: 'PG0060001',
      visitDateTime: new Date(),
      mobile: '0812345678',
      certifier: 'PATIENT',
      method: 'SMART_CARD',
    });
    if (r.valid) expectTypeOf(r.value).toEqualTypeOf<ValidVisitRequest>();
    else expectTypeOf(r.issues[0]!.field).toEqualTypeOf<keyof Parameters<typeof validateVisitRequest>[0]>();
    const neighbour = {
      claimType: 'x',
      visitDateTime: 0,
      mobile: '',
      certifier: 'NEIGHBOUR',
      method: 'FACE',
    } as const;
    // @ts-expect-error certifier must be a known role
    validateVisitRequest(neighbour);
    expectTypeOf(REPORT_COLUMNS[0]!.key).toEqualTypeOf<ReportColumnKey>();
    expectTypeOf(toCsv([])).toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf(filterReport([] as AuthenCodeReportRecord[], {})).toEqualTypeOf<
      AsyncIterable<AuthenCodeReportRecord>
    >();
    expectTypeOf(summarizeReport([])).resolves.toEqualTypeOf<ReportSummary>();
    expectTypeOf(toXlsx([], { file: 'x.xlsx' })).resolves.toEqualTypeOf<XlsxResult>();
    // @ts-expect-error unknown filter field
    filterReport([], { zoned: 4 });
  });
});
