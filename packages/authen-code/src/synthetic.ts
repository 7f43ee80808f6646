import type { AuthenCodeStatus } from './authen-code.js';
import { generateCitizenId, type RandomSource, seededRandom } from './citizen-id.js';
import { type ClaimTypeCode, getClaimType } from './claim-types.js';
import { AuthenCodeError } from './errors.js';
import type { AuthenCodeReportRecord } from './report.js';
import { type DateInput, toEpochMs } from './thai-time.js';
import type { AuthenChannel, CertifierRole, VerificationMethod } from './vocab.js';

const FIRST = [
  'ธิดา',
  'บดินทร์',
  'สว่าง',
  'บุญมี',
  'สมชาย',
  'สมหญิง',
  'ณัฐพล',
  'กมลชนก',
  'วิไล',
  'ประเสริฐ',
  'อรุณี',
  'ชวีวรรณ',
];
const LAST = ['ใจดี', 'ทองคำ', 'เทียบทอง', 'เกื้อกูล', 'ศรีสุข', 'มั่นคง', 'แก้วมณี', 'บุญเรือง', 'สุขสวัสดิ์', 'พิทักษ์ไทย'];
const CLAIMS: ClaimTypeCode[] = [
  'OPD',
  'PG0060001',
  'PG0060001',
  'PG0060001',
  'PG0130001',
  'PG0070001',
  'PG0010065',
];
const CHANNELS: AuthenChannel[] = ['ERM_ONLINE', 'AGENT', 'AGENT', 'KIOSK', 'LINE', 'ENDPOINT'];
const METHODS: VerificationMethod[] = [
  'SMART_CARD',
  'SMART_CARD',
  'SMART_CARD',
  'PID_ENTRY',
  'QR_LINE',
  'FACE',
];
const CERTIFIERS: CertifierRole[] = ['PATIENT', 'PATIENT', 'PATIENT', 'PARENT', 'CAREGIVER', 'STAFF'];
const TRICKY = ['สมชาย "ต้น" ใจดี', 'วิไล, ศรีสุข', 'บุญมี\nแก้วมณี', '=HYPERLINK("x")'];

/**
 * Options of {@link generateReportRecords}.
 *
 * @example
 * ```ts
 * import type { GenerateReportOptions } from '@authenkit/authen-code';
 * const o: GenerateReportOptions = { count: 1000, seed: 42, start: '2020-12-01', days: 7 };
 * ```
 */
export interface GenerateReportOptions {
  /** Number of records (required; may be large — records are generated lazily). */
  count: number;
  /** Seed of the built-in PRNG (default 1). Ignored when `rng` is given. */
  seed?: number;
  /** Random source. */
  rng?: RandomSource;
  /** First visit day (default `2020-12-01`, Bangkok). */
  start?: DateInput;
  /** Visits are spread over this many days (default 30). */
  days?: number;
  /** Service unit (default `10998` / `รพ.ตัวอย่าง`). */
  hcode?: string;
  hname?: string;
  /** NHSO zone and province of the unit (default 4 / พระนครศรีอยุธยา / 1400). */
  zone?: number;
  provinceCode?: string;
  provinceName?: string;
  /** Fraction of names with quotes, commas, newlines or a leading `=` (for CSV tests), default 0. */
  trickyNames?: number;
}

/**
 * Lazily generates synthetic report records (valid citizen IDs and Authen Codes, Thai names, realistic mix
 * of channels, methods and statuses) for demos, tests, benchmarks and sandboxes. Deterministic for a seed.
 *
 * @throws {@link AuthenCodeError} `INVALID_ARGUMENT` for a negative or non-integer count
 * @example
 * ```ts
 * import { generateReportRecords } from '@authenkit/authen-code';
 * const [first] = generateReportRecords({ count: 1, seed: 3 });
 * console.log(first?.authenCode.startsWith('PP'));
 * ```
 */
export function* generateReportRecords(options: GenerateReportOptions): Generator<AuthenCodeReportRecord> {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0) {
    throw new AuthenCodeError('INVALID_ARGUMENT', 'count must be a non-negative integer');
  }
  const rng = options.rng ?? seededRandom(options.seed ?? 1);
  const start = toEpochMs(options.start ?? '2020-12-01');
  const days = Math.max(1, options.days ?? 30);
  const tricky = options.trickyNames ?? 0;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const hcode = options.hcode ?? '10998';
  const hname = options.hname ?? 'รพ.ตัวอย่าง';
  const recorderPid = generateCitizenId(rng);
  let serial = 1_000_000_000;
  for (let i = 0; i < count; i++) {
    const visit = start + Math.floor(rng() * days) * 86_400_000 + (1 + Math.floor(rng() * 14)) * 3_600_000;
    const recordAt = visit + Math.floor(rng() * 30) * 60_000;
    const channel = pick(CHANNELS);
    const claimType = pick(CLAIMS);
    const roll = rng();
    const status: AuthenCodeStatus = roll < 0.03 ? 'cancelled' : roll < 0.7 ? 'used' : 'issued';
    const prefix = channel === 'ENDPOINT' ? 'EP' : channel === 'ERM_ONLINE' ? 'OP' : 'PP';
    serial += 1 + Math.floor(rng() * 50);
    const fullName = tricky > 0 && rng() < tricky ? pick(TRICKY) : `${pick(FIRST)} ${pick(LAST)}`;
    const rec: AuthenCodeReportRecord = {
      zone: options.zone ?? 4,
      provinceCode: options.provinceCode ?? '1400',
      provinceName: options.provinceName ?? 'พระนครศรีอยุธยา',
      hcode,
      hname,
      pid: generateCitizenId(rng, { category: rng() < 0.8 ? '1' : '3' }),
      fullName,
      authenCode: `${prefix}${serial}`,
      claimType,
      serviceType: getClaimType(claimType)!.serviceType,
      hn: `HN${String(Math.floor(rng() * 1_000_000)).padStart(6, '0')}`,
      an: rng() < 0.1 ? `AN${String(Math.floor(rng() * 100_000)).padStart(5, '0')}` : undefined,
      visitDateTime: new Date(visit),
      recordDateTime: new Date(recordAt),
      status,
      channel,
      verificationMethod: channel === 'LINE' ? 'QR_LINE' : pick(METHODS),
      certifier: pick(CERTIFIERS),
      editedAt: status === 'cancelled' ? new Date(recordAt + 3_600_000) : undefined,
      editorName: status === 'cancelled' ? 'เจ้าหน้าที่เวชระเบียน' : undefined,
      cancelReason: status === 'cancelled' ? 'ผู้ป่วยไม่มารับบริการ' : undefined,
      recorderPid,
    };
    yield rec;
  }
}
