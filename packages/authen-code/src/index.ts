/**
 * `@authenkit/authen-code` — the pure, browser-safe domain model of NHSO (สปสช.) Authen Codes: Thai citizen
 * IDs, claim types, insurance rights, Buddhist-era dates and Bangkok time, Authen Code parsing and lifecycle,
 * visit requests, and the NHSO "รายงานสรุปการขอรหัส Authen Code" report with streaming CSV export.
 * XLSX export lives in `@authenkit/authen-code/xlsx` (Node only).
 *
 * @packageDocumentation
 */
export {
  AUTHEN_CODE_PATTERNS,
  AUTHEN_CODE_STATUSES,
  type AuthenCode,
  type AuthenCodeEvent,
  type AuthenCodeKind,
  type AuthenCodeState,
  type AuthenCodeStatus,
  cancelAuthenCode,
  canTransition,
  isAuthenCode,
  issueAuthenCode,
  markAuthenCodeUsed,
  parseAuthenCode,
  transitionAuthenCode,
} from './authen-code.js';
export { fromHex, toHex } from './bytes.js';
export {
  CITIZEN_ID_CATEGORIES,
  type CitizenIdCategory,
  type CitizenIdCategoryDigit,
  type CitizenIdInvalidReason,
  type CitizenIdValidation,
  citizenIdCategory,
  citizenIdCheckDigit,
  formatCitizenId,
  generateCitizenId,
  isValidCitizenId,
  maskCitizenId,
  normalizeCitizenId,
  type RandomSource,
  seededRandom,
  validateCitizenId,
} from './citizen-id.js';
export {
  type ClaimType,
  type ClaimTypeCode,
  type Confidence,
  claimTypes,
  findClaimTypeByName,
  getClaimType,
  isClaimTypeCode,
  requireClaimType,
  SERVICE_TYPES,
  type ServiceType,
  type ServiceTypeCode,
} from './claim-types.js';
export { type CsvOptions, csvField, toCsv, toCsvReadableStream } from './csv.js';
export {
  AuthenKitError,
  type AuthenKitErrorJSON,
  type AuthenKitErrorOptions,
  errorGuard,
  maskCitizenIdsDeep,
  maskCitizenIdsInText,
  restoreError,
} from './error-base.js';
export {
  AuthenCodeError,
  type AuthenCodeErrorCode,
  type AuthenCodeErrorJSON,
  ERROR_CODES,
  isAuthenCodeError,
} from './errors.js';
export {
  formatInscl,
  getInscl,
  type Inscl,
  type InsclInfo,
  MAIN_INSCL,
  type MainInsclCode,
  parseInscl,
  SUB_INSCL,
} from './inscl.js';
export {
  type AuthenCodeReportRecord,
  type DateRange,
  filterReport,
  NHSO_ZONES,
  REPORT_COLUMNS,
  type RecordSource,
  type ReportColumn,
  type ReportColumnKey,
  type ReportFilter,
  type ReportFilterIssue,
  type ReportSummary,
  recordServiceType,
  type StatusCounts,
  summarizeReport,
  validateReportFilter,
} from './report.js';
export { createReportRowFormatter, type ReportRowOptions, reportHeader } from './report-format.js';
export { type FetchedToken, type SingleFlightToken, singleFlightToken } from './single-flight.js';
export { type GenerateReportOptions, generateReportRecords } from './synthetic.js';
export {
  type Age,
  ageAt,
  type BangkokDateTime,
  type BuddhistDate,
  bangkokDateKey,
  bangkokNow,
  type DateInput,
  daysInMonth,
  type FormatThaiDateOptions,
  formatThaiAge,
  formatThaiDate,
  fromBangkok,
  isLeapYear,
  parseBuddhistDate,
  parseThaiAge,
  parseThaiDate,
  THAI_MONTHS,
  type ThaiDateStyle,
  toBangkok,
  toBuddhistDate,
  toEpochMs,
} from './thai-time.js';
export { type DecodeTis620Options, decodeTis620, encodeTis620, tryEncodeTis620 } from './tis620.js';
export {
  assertVisitRequest,
  normalizeThaiMobile,
  type ValidVisitRequest,
  type VisitRequest,
  type VisitRequestIssue,
  type VisitRequestIssueCode,
  type VisitRequestOptions,
  type VisitRequestValidation,
  validateVisitRequest,
} from './visit-request.js';
export {
  AUTHEN_CHANNELS,
  type AuthenChannel,
  CERTIFIER_ROLES,
  type CertifierRole,
  type Labelled,
  parseCertifierRole,
  parseChannel,
  parseVerificationMethod,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from './vocab.js';
