/**
 * Pure mapping of raw NHSO wire shapes (see `@authenkit/nhso-client/schemas`) to the stable, normalised
 * results the clients return: ISO dates, `{code, name}` rights, booleans, arrays always.
 * @module
 */
import { type Inscl, parseBuddhistDate, parseInscl, toBangkok } from '@authenkit/authen-code';
import * as v from 'valibot';
import type {
  AgentAuthenCodeItem,
  AgentLatestAuthenCodesResponse,
  AgentProbeResponse,
  AgentReadCardOnlyResponse,
  AgentReadCardResponse,
  Booleanish,
  CheckAuthenStatusFlat,
  CheckAuthenStatusNested,
  NhsoDataSetC1,
  RealPersonResponse,
  RightSearchResponse,
  StringResultsItem,
  WireHospital,
} from './schemas.js';
import { AgentProbeResponseSchema } from './schemas.js';

/**
 * An insurance right, `{code, name}` (the `Inscl` of `@authenkit/authen-code`).
 *
 * @example
 * ```ts
 * import type { Right } from '@authenkit/nhso-client';
 * const ucs: Right = { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' };
 * ```
 */
export type Right = Inscl;

/**
 * A hospital reference `{hcode, hname}`.
 *
 * @example
 * ```ts
 * import type { HospitalRef } from '@authenkit/nhso-client';
 * const h: HospitalRef = { hcode: '10699', hname: null };
 * ```
 */
export interface HospitalRef {
  /** 5-digit hospital code. */
  hcode: string;
  /** Hospital name when NHSO gave one. */
  hname: string | null;
}

/**
 * A claim type offered on a card read, `{code, name}`.
 *
 * @example
 * ```ts
 * import type { ClaimTypeOption } from '@authenkit/nhso-client';
 * const opd: ClaimTypeOption = { code: 'PG0060001', name: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' };
 * ```
 */
export interface ClaimTypeOption {
  /** Claim-type code, e.g. `PG0060001`. */
  code: string;
  /** Thai name as returned. */
  name: string | null;
}

/**
 * Options shared by the normalisers.
 *
 * @example
 * ```ts
 * import { normalizeAgentAuthenCode, type NormalizeOptions } from '@authenkit/nhso-client';
 * const o: NormalizeOptions = { raw: true };
 * normalizeAgentAuthenCode({ claimCode: 'PP1' }, o)?.raw; // { claimCode: 'PP1' }
 * ```
 */
export interface NormalizeOptions {
  /** Keep the validated raw body under `raw`. */
  raw?: boolean;
}

/**
 * `true` for `true`/`"TRUE"`/`"true"`, `false` otherwise (including `null`/`undefined`).
 *
 * @example
 * ```ts
 * import { toBoolean } from '@authenkit/nhso-client';
 * toBoolean('TRUE'); // true
 * ```
 */
export function toBoolean(value: Booleanish | null | undefined): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

const NAIVE_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?$/;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Normalises an NHSO date-time to ISO 8601 with the Bangkok offset. NHSO sends zone-less Bangkok
 * wall-clock times (`2025-01-02T08:00:00`): they keep their wall-clock digits and gain `+07:00`, never
 * shifted by the host time zone. Zoned inputs are converted to Bangkok time; a bare date stays a date.
 * Returns `null` for empty/unparsable input.
 *
 * @example
 * ```ts
 * import { toBangkokIso } from '@authenkit/nhso-client';
 * toBangkokIso('2025-01-02T08:00:00'); // '2025-01-02T08:00:00+07:00'
 * toBangkokIso('2025-01-02T01:00:00Z'); // '2025-01-02T08:00:00+07:00'
 * ```
 */
export function toBangkokIso(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = value.trim();
  if (s === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const m = NAIVE_RE.exec(s);
  if (m) {
    const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2]!;
    return `${m[1]}T${time}${m[3] ?? ''}+07:00`;
  }
  try {
    const b = toBangkok(s);
    const ms = b.millisecond ? `.${pad(b.millisecond, 3)}` : '';
    return `${pad(b.year, 4)}-${pad(b.month)}-${pad(b.day)}T${pad(b.hour)}:${pad(b.minute)}:${pad(b.second)}${ms}+07:00`;
  } catch {
    return null;
  }
}

/**
 * The Bangkok calendar date (`YYYY-MM-DD`) of an NHSO date-time, or `null`.
 *
 * @example
 * ```ts
 * import { bangkokDateOf } from '@authenkit/nhso-client';
 * bangkokDateOf('2025-01-02T23:30:00'); // '2025-01-02'
 * ```
 */
export function bangkokDateOf(value: string | null | undefined): string | null {
  const iso = toBangkokIso(value);
  return iso ? iso.slice(0, 10) : null;
}

/**
 * Parses a right from `"(UCS) name"`, a bare code, or an `{id, name}` object; `null` when absent or
 * unrecognisable (never throws).
 *
 * @example
 * ```ts
 * import { toRight } from '@authenkit/nhso-client';
 * toRight('(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ'); // { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' }
 * ```
 */
export function toRight(
  value: string | Record<string, unknown> | null | undefined,
  name?: string | null,
): Right | null {
  if (value == null || value === '') return null;
  try {
    const r = parseInscl(value);
    const bare = typeof value === 'string' && !value.trim().startsWith('(');
    return name && (bare || !r.name) ? { code: r.code, name } : { code: r.code, name: r.name };
  } catch {
    return null;
  }
}

/**
 * Gregorian ISO birth date from BE `YYYYMMDD` (reduced precision when the card says `00`: `1987` or
 * `1987-03`), or from an ISO date; `null` when absent/invalid.
 *
 * @example
 * ```ts
 * import { toBirthDate } from '@authenkit/nhso-client';
 * toBirthDate('25480320'); // '2005-03-20'
 * ```
 */
export function toBirthDate(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = value.trim();
  if (/^\d{8}$/.test(s)) {
    try {
      return parseBuddhistDate(s).iso;
    } catch {
      return null;
    }
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  return null;
}

/** The card fields of a body whose right fields did not validate. */
function cardPart(body: AgentReadCardOnlyResponse | AgentProbeResponse): AgentProbeResponse {
  const { pid, titleName, fname, lname, nation, birthDate, sex, age, image, correlationId } = body;
  return { pid, titleName, fname, lname, nation, birthDate, sex, age, image, correlationId };
}

function hospital(h: WireHospital | null | undefined): HospitalRef | null {
  return h?.hcode ? { hcode: h.hcode, hname: h.hname ?? null } : null;
}

function withRaw<T extends object>(value: T, raw: unknown, options: NormalizeOptions | undefined): T {
  return options?.raw ? Object.assign(value, { raw }) : value;
}

// --- Agent --------------------------------------------------------------------------------------------

/**
 * Card data (and right, when read with `/read`) from the NHSO Smart Card Agent, normalised.
 *
 * @example
 * ```ts no-run
 * import { createAgentClient, type CardRead } from '@authenkit/nhso-client';
 * const card: CardRead = await createAgentClient().readCard();
 * console.log(card.mainInscl?.code, card.claimTypes.map((c) => c.code));
 * ```
 */
export interface CardRead {
  /** 13-digit citizen ID. */
  pid: string;
  /** Title code as on the card record (e.g. `001`), not text. */
  titleCode: string | null;
  /** Thai first name. */
  firstName: string | null;
  /** Thai last name. */
  lastName: string | null;
  /** Gregorian ISO birth date (reduced precision when unknown on the card). */
  birthDate: string | null;
  /** Sex as returned (Thai text, e.g. `ชาย`). */
  sex: string | null;
  /** Nationality code (e.g. `099`). */
  nation: string | null;
  /** Main right. */
  mainInscl: Right | null;
  /** Sub right. */
  subInscl: Right | null;
  /** Main hospital. */
  hospMain: HospitalRef | null;
  /** Sub (primary-care) hospital. */
  hospSub: HospitalRef | null;
  /** Main OP hospital. */
  hospMainOp: HospitalRef | null;
  /** Claim types the patient may request a code for. */
  claimTypes: ClaimTypeOption[];
  /** Echo this to `confirmSave` (absent on `readCardOnly`). */
  correlationId: string | null;
  /** When NHSO checked the right (ISO, +07:00). */
  checkDate: string | null;
  /** Right start (ISO, +07:00). */
  startDateTime: string | null;
  /** Right expiry (ISO, +07:00). */
  expireDateTime: string | null;
  /** Card photo (JPEG) when requested with `withPhoto`. */
  photo?: Uint8Array;
  /** The validated raw body (opt-in with `raw: true`). */
  raw?: unknown;
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Normalises an Agent `/read`, `/read-card-only` or `/probe` body.
 *
 * @example
 * ```ts
 * import { normalizeCardRead } from '@authenkit/nhso-client';
 * normalizeCardRead({ pid: '1101700203450', birthDate: '25480320', mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ', correlationId: 'c' }).birthDate; // '2005-03-20'
 * ```
 */
export function normalizeCardRead(
  body: AgentReadCardResponse | AgentReadCardOnlyResponse | AgentProbeResponse,
  options?: NormalizeOptions & { withPhoto?: boolean },
): CardRead {
  // A card-only read is validated without the right fields: read them only when they have their shape
  // (a stray `checkDate: []` on such a body is ignored, never a TypeError).
  const full = v.safeParse(AgentProbeResponseSchema, body);
  const b: AgentProbeResponse = full.success ? full.output : { ...cardPart(body) };
  const out: CardRead = {
    pid: b.pid,
    titleCode: b.titleName ?? null,
    firstName: b.fname ?? null,
    lastName: b.lname ?? null,
    birthDate: toBirthDate(b.birthDate),
    sex: b.sex ?? null,
    nation: b.nation ?? null,
    mainInscl: toRight(b.mainInscl),
    subInscl: toRight(b.subInscl),
    hospMain: hospital(b.hospMain),
    hospSub: hospital(b.hospSub),
    hospMainOp: hospital(b.hospMainOp),
    claimTypes: (b.claimTypes ?? []).map((c) => ({ code: c.claimType, name: c.claimTypeName ?? null })),
    correlationId: b.correlationId ?? null,
    checkDate: toBangkokIso(b.checkDate),
    startDateTime: toBangkokIso(b.startDateTime),
    expireDateTime: toBangkokIso(b.expireDateTime),
  };
  if (options?.withPhoto && b.image) {
    try {
      out.photo = base64ToBytes(b.image);
    } catch {
      /* a broken photo never fails the read */
    }
  }
  return withRaw(out, body, options);
}

/**
 * An Authen Code as listed by the Agent.
 *
 * @example
 * ```ts
 * import type { AgentAuthenCode } from '@authenkit/nhso-client';
 * const c: AgentAuthenCode = { claimCode: 'PP1238504971', claimType: 'PG0060001', claimDateTime: '2025-01-02T08:00:00+07:00', hcode: '10699' };
 * ```
 */
export interface AgentAuthenCode {
  /** The Authen Code (`PP…`/`EP…`). */
  claimCode: string;
  /** Claim type, e.g. `PG0060001`. */
  claimType: string | null;
  /** When the code was issued (ISO, +07:00). */
  claimDateTime: string | null;
  /** Issuing hospital. */
  hcode: string | null;
  /** The validated raw item (opt-in with `raw: true`). */
  raw?: unknown;
}

/**
 * Normalises one Agent item; `null` when it has no `claimCode` (no code yet).
 *
 * @example
 * ```ts
 * import { normalizeAgentAuthenCode } from '@authenkit/nhso-client';
 * normalizeAgentAuthenCode({ checkDate: '2025-01-02T08:00:00' }); // null
 * ```
 */
export function normalizeAgentAuthenCode(
  item: AgentAuthenCodeItem | null | undefined,
  options?: NormalizeOptions,
): AgentAuthenCode | null {
  if (!item?.claimCode) return null;
  return withRaw(
    {
      claimCode: item.claimCode,
      claimType: item.claimType ?? null,
      claimDateTime: toBangkokIso(item.claimDateTime),
      hcode: item.hcode ?? null,
    },
    item,
    options,
  );
}

/**
 * Normalises the latest-5 body (array, single object or null) to an array.
 *
 * @example
 * ```ts
 * import { normalizeAgentAuthenCodes } from '@authenkit/nhso-client';
 * normalizeAgentAuthenCodes({ claimCode: 'PP1238504971' }).length; // 1
 * ```
 */
export function normalizeAgentAuthenCodes(
  body: AgentLatestAuthenCodesResponse,
  options?: NormalizeOptions,
): AgentAuthenCode[] {
  const items = body == null ? [] : Array.isArray(body) ? body : [body];
  return items
    .map((i) => normalizeAgentAuthenCode(i, options))
    .filter((x): x is AgentAuthenCode => x !== null);
}

// --- check-authen-status -----------------------------------------------------------------------------

/**
 * One Authen Code in NHSO's history for a person and date.
 *
 * @example
 * ```ts
 * import type { AuthenHistory } from '@authenkit/nhso-client';
 * const h: AuthenHistory = { claimCode: 'PP1238504971', hcode: '10699', serviceDateTime: '2025-01-02T08:00:00+07:00', serviceCode: 'PG0060001' };
 * ```
 */
export interface AuthenHistory {
  /** The Authen Code. */
  claimCode: string;
  /** Hospital that got the code (`null` when NHSO omitted it). */
  hcode: string | null;
  /** Hospital name. */
  hname?: string;
  /** Service date-time (ISO; `+07:00` when NHSO gave a time, a bare date otherwise). */
  serviceDateTime: string;
  /** Claim type / service code (`null` when omitted). */
  serviceCode: string | null;
  /** Service name. */
  serviceName?: string;
  /** `ENDPOINT`, `API`, … */
  sourceChannel?: string;
}

/**
 * Person data that came with an authen-status answer.
 *
 * @example
 * ```ts
 * import type { AuthenStatusPerson } from '@authenkit/nhso-client';
 * const p: AuthenStatusPerson = { firstName: 'สมชาย', lastName: 'ใจดี', mainInscl: { code: 'UCS', name: null } };
 * ```
 */
export interface AuthenStatusPerson {
  /** First name. */
  firstName: string | null;
  /** Last name. */
  lastName: string | null;
  /** Main right. */
  mainInscl: Right | null;
  /** Sub right. */
  subInscl?: Right | null;
  /** Sex as returned. */
  sex?: string | null;
  /** Birth date: ISO (`YYYY-MM-DD`), or `YYYY-MM` when NHSO gave year and month only. */
  birthDate?: string | null;
  /** Province `{code, name}`. */
  province?: { code: string | null; name: string | null } | null;
}

/**
 * Normalised `check-authen-status` result. `found` is `false` (not an error) when NHSO has no record.
 *
 * @example
 * ```ts
 * import type { AuthenStatus } from '@authenkit/nhso-client';
 * const none: AuthenStatus = { found: false, histories: [], shape: 'nested' };
 * ```
 */
export interface AuthenStatus {
  /** At least one Authen Code exists for the query. */
  found: boolean;
  /** Codes, as NHSO listed them (filtered by `serviceCode` when it was given). */
  histories: AuthenHistory[];
  /** Person data, when the answer carried it. */
  person?: AuthenStatusPerson;
  /** NHSO's `statusMessage`/`message`. */
  message?: string;
  /** Which wire shape answered. */
  shape: 'nested' | 'flat' | 'string-results';
  /** The validated raw body (opt-in with `raw: true`). */
  raw?: unknown;
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Normalises the nested (current) authen-status shape.
 *
 * @example
 * ```ts
 * import { normalizeAuthenStatusNested } from '@authenkit/nhso-client';
 * normalizeAuthenStatusNested({ statusAuthen: false }).found; // false
 * ```
 */
export function normalizeAuthenStatusNested(
  body: CheckAuthenStatusNested,
  options?: NormalizeOptions & { serviceCode?: string },
): AuthenStatus {
  const histories = (body.serviceHistories ?? []).map((h) =>
    compact<AuthenHistory>({
      claimCode: h.claimCode,
      hcode: h.hospital?.hcode ?? null,
      hname: h.hospital?.hname ?? undefined,
      serviceDateTime: toBangkokIso(h.serviceDateTime) ?? h.serviceDateTime,
      serviceCode: h.service?.code ?? null,
      serviceName: h.service?.name ?? undefined,
      sourceChannel: h.sourceChannel ?? undefined,
    }),
  );
  const by = body.birthDate;
  const birthDate =
    by?.year != null
      ? by.month != null
        ? `${beToGregorian(by.year)}-${pad(Number(by.month))}`
        : String(beToGregorian(by.year))
      : null;
  const hasPerson = body.firstName != null || body.lastName != null || body.mainInscl != null;
  return finishStatus(
    {
      found: false,
      histories,
      ...(hasPerson
        ? {
            person: {
              firstName: body.firstName ?? null,
              lastName: body.lastName ?? null,
              mainInscl: body.mainInscl ? toRight(body.mainInscl) : null,
              subInscl: body.subInscl ? toRight(body.subInscl) : null,
              sex: body.sex ?? null,
              birthDate,
              province: body.province
                ? { code: body.province.id ?? null, name: body.province.name ?? null }
                : null,
            },
          }
        : {}),
      ...(body.statusMessage ? { message: body.statusMessage } : {}),
      shape: 'nested',
    },
    body,
    options,
  );
}

function beToGregorian(year: number | string): number {
  const y = Number(year);
  return y > 2400 ? y - 543 : y;
}

/**
 * Normalises the older flat authen-status shape (`statusAuthen` may be `"TRUE"`).
 *
 * @example
 * ```ts
 * import { normalizeAuthenStatusFlat } from '@authenkit/nhso-client';
 * normalizeAuthenStatusFlat({ statusAuthen: 'TRUE', serviceHistories: [{ serviceDate: '2023-10-06T15:16:38', claimCode: 'PP1015363237' }] }).found; // true
 * ```
 */
export function normalizeAuthenStatusFlat(
  body: CheckAuthenStatusFlat,
  options?: NormalizeOptions & { serviceCode?: string },
): AuthenStatus {
  const histories = (body.serviceHistories ?? []).map((h) =>
    compact<AuthenHistory>({
      claimCode: h.claimCode,
      hcode: h.hcode ?? null,
      hname: h.hname ?? undefined,
      serviceDateTime: toBangkokIso(h.serviceDate) ?? h.serviceDate,
      serviceCode: h.serviceCode ?? null,
      serviceName: h.serviceName ?? undefined,
      sourceChannel: h.sourceChannel ?? undefined,
    }),
  );
  const hasPerson = body.firstName != null || body.lastName != null || body.mainInscl != null;
  return finishStatus(
    {
      found: false,
      histories,
      ...(hasPerson
        ? {
            person: {
              firstName: body.firstName ?? null,
              lastName: body.lastName ?? null,
              mainInscl: toRight(body.mainInscl, body.mainInsclName),
              subInscl: toRight(body.subInscl, body.subInsclName),
              sex: body.sex ?? null,
              birthDate: toBirthDate(body.birthDate),
              province:
                body.provinceCode || body.provinceName
                  ? { code: body.provinceCode ?? null, name: body.provinceName ?? null }
                  : null,
            },
          }
        : {}),
      ...(body.statusMessage ? { message: body.statusMessage } : {}),
      shape: 'flat',
    },
    body,
    options,
  );
}

/**
 * Normalises the `{success, results: "<JSON>"}` shape, given its already-parsed `results` items.
 *
 * @example
 * ```ts
 * import { normalizeAuthenStatusStringResults } from '@authenkit/nhso-client';
 * normalizeAuthenStatusStringResults([{ hospitalCode: '10699', serviceDate: '2025-01-02', authCode: 'PP1' }], 'ok').histories[0]?.claimCode; // 'PP1'
 * ```
 */
export function normalizeAuthenStatusStringResults(
  items: StringResultsItem[],
  message: string | null | undefined,
  raw?: unknown,
  options?: NormalizeOptions & { serviceCode?: string },
): AuthenStatus {
  const histories = items.map((i) =>
    compact<AuthenHistory>({
      claimCode: i.authCode,
      hcode: i.hospitalCode ?? null,
      serviceDateTime: toBangkokIso(i.serviceDate) ?? i.serviceDate,
      serviceCode: i.serviceCode ?? null,
    }),
  );
  return finishStatus(
    { found: false, histories, ...(message ? { message } : {}), shape: 'string-results' },
    raw,
    options,
  );
}

function finishStatus(
  s: AuthenStatus,
  raw: unknown,
  options: (NormalizeOptions & { serviceCode?: string }) | undefined,
): AuthenStatus {
  const code = options?.serviceCode;
  if (code) s.histories = s.histories.filter((h) => h.serviceCode === null || h.serviceCode === code);
  s.found = s.histories.length > 0;
  return withRaw(s, raw, options);
}

// --- rights ---------------------------------------------------------------------------------------------

/**
 * Normalised right-search result (NHSO Endpoint v2 and SRM).
 *
 * @example
 * ```ts
 * import type { RightSearchResult } from '@authenkit/nhso-client';
 * const r: RightSearchResult = { funds: [], mainInscl: null, deathDate: null, checkDate: null };
 * ```
 */
export interface RightSearchResult {
  /** Every fund NHSO returned. */
  funds: Array<{
    /** Main right. */
    mainInscl: Right | null;
    /** Sub right. */
    subInscl: Right | null;
    /** Main hospital. */
    hospMain: HospitalRef | null;
    /** Sub hospital. */
    hospSub: HospitalRef | null;
    /** Start (ISO). */
    startDateTime: string | null;
    /** Expiry (ISO). */
    expireDateTime: string | null;
  }>;
  /** `funds[0].mainInscl`, the right clients use. */
  mainInscl: Right | null;
  /** Death date when NHSO reports one (ISO). */
  deathDate: string | null;
  /** When NHSO checked (ISO). */
  checkDate: string | null;
  /** The validated raw body (opt-in). */
  raw?: unknown;
}

/**
 * Normalises a right-search body.
 *
 * @example
 * ```ts
 * import { normalizeRightSearch } from '@authenkit/nhso-client';
 * normalizeRightSearch({ funds: [{ mainInscl: { id: 'UCS', name: 'x' } }] }).mainInscl?.code; // 'UCS'
 * ```
 */
export function normalizeRightSearch(
  body: RightSearchResponse,
  options?: NormalizeOptions,
): RightSearchResult {
  const funds = (body.funds ?? []).map((f) => ({
    mainInscl: toRight(f.mainInscl),
    subInscl: f.subInscl ? toRight(f.subInscl) : null,
    hospMain: hospital(f.hospMain),
    hospSub: hospital(f.hospSub),
    startDateTime: toBangkokIso(f.startDateTime),
    expireDateTime: toBangkokIso(f.expireDateTime),
  }));
  return withRaw(
    {
      funds,
      mainInscl: funds[0]?.mainInscl ?? null,
      deathDate: toBangkokIso(body.deathDate),
      checkDate: toBangkokIso(body.checkDate),
    },
    body,
    options,
  );
}

/**
 * Normalised `RealPerson` answer.
 *
 * @example
 * ```ts
 * import type { RealPerson } from '@authenkit/nhso-client';
 * const p: RealPerson = { pid: '1101700203450', firstName: null, lastName: null, birthDate: null, sex: null, mainInscl: null, subInscl: null, hospMain: null, hospSub: null, hospMainOp: null };
 * ```
 */
export interface RealPerson {
  /** Citizen ID. */
  pid: string;
  /** First name. */
  firstName: string | null;
  /** Last name. */
  lastName: string | null;
  /** ISO birth date. */
  birthDate: string | null;
  /** Sex as returned. */
  sex: string | null;
  /** Main right. */
  mainInscl: Right | null;
  /** Sub right. */
  subInscl: Right | null;
  /** Main hospital. */
  hospMain: HospitalRef | null;
  /** Sub hospital. */
  hospSub: HospitalRef | null;
  /** Main OP hospital. */
  hospMainOp: HospitalRef | null;
  /** The validated raw body (opt-in). */
  raw?: unknown;
}

/**
 * Normalises a `RealPerson` body.
 *
 * @example
 * ```ts
 * import { normalizeRealPerson } from '@authenkit/nhso-client';
 * normalizeRealPerson({ pid: '1101700203450', mainInsclCode: 'UCS', mainInsclName: 'x' }).mainInscl; // { code: 'UCS', name: 'x' }
 * ```
 */
export function normalizeRealPerson(body: RealPersonResponse, options?: NormalizeOptions): RealPerson {
  return withRaw(
    {
      pid: body.pid,
      firstName: body.firstName ?? null,
      lastName: body.lastName ?? null,
      birthDate: toBirthDate(body.birthDate),
      sex: body.sex ?? null,
      mainInscl: toRight(body.mainInsclCode ?? body.mainInscl, body.mainInsclName),
      subInscl: toRight(body.subInsclCode ?? body.subInscl, body.subInsclName),
      hospMain: hospital(body.hospMainNew ?? body.hospMain),
      hospSub: hospital(body.hospSubNew ?? body.hospSub),
      hospMainOp: hospital(body.hospMainOpNew ?? body.hospMainOp),
    },
    body,
    options,
  );
}

/**
 * Normalised UCWS `searchCurrentByPID` answer; `dataSet` keeps every `nhsoDataSetC1` element as text.
 *
 * @example
 * ```ts
 * import type { UcwsPerson } from '@authenkit/nhso-client';
 * const p: Pick<UcwsPerson, 'found'> = { found: false };
 * ```
 */
export interface UcwsPerson {
  /** `false` when `fname` is empty (person not found). */
  found: boolean;
  /** Citizen ID. */
  pid: string | null;
  /** First name. */
  firstName: string | null;
  /** Last name. */
  lastName: string | null;
  /** ISO birth date. */
  birthDate: string | null;
  /** Main right. */
  mainInscl: Right | null;
  /** Sub right. */
  subInscl: Right | null;
  /** Main hospital. */
  hospMain: HospitalRef | null;
  /** Sub hospital. */
  hospSub: HospitalRef | null;
  /** `status === "003"` or a `status_desc`: discharged / dead. */
  deceasedOrDischarged: boolean;
  /** `count_select` as a number. */
  countSelect: number | null;
  /** Every element of `nhsoDataSetC1`, as text. */
  dataSet: NhsoDataSetC1;
}

/**
 * Normalises `nhsoDataSetC1`.
 *
 * @example
 * ```ts
 * import { normalizeDataSetC1 } from '@authenkit/nhso-client';
 * normalizeDataSetC1({ ws_status: 'NHSO-000001', fname: '' }).found; // false
 * ```
 */
export function normalizeDataSetC1(d: NhsoDataSetC1): UcwsPerson {
  const n = d.count_select != null && d.count_select !== '' ? Number(d.count_select) : null;
  return {
    found: Boolean(d.fname && d.fname.trim() !== ''),
    pid: d.person_id || null,
    firstName: d.fname || null,
    lastName: d.lname || null,
    birthDate: toBirthDate(d.birthdate),
    mainInscl: toRight(d.maininscl, d.maininscl_name),
    subInscl: toRight(d.subinscl, d.subinscl_name),
    hospMain: d.hmain ? { hcode: d.hmain, hname: d.hmain_name || null } : null,
    hospSub: d.hsub ? { hcode: d.hsub, hname: d.hsub_name || null } : null,
    deceasedOrDischarged: d.status === '003' || Boolean(d.status_desc && d.status_desc.trim() !== ''),
    countSelect: n !== null && Number.isFinite(n) ? n : null,
    dataSet: d,
  };
}
