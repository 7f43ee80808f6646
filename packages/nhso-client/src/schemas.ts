/**
 * Raw wire shapes of every NHSO (สปสช.) interface that `@authenkit/nhso-client` talks to, as
 * [valibot](https://valibot.dev) schemas plus their inferred TypeScript types, and the path constants.
 *
 * This module is the one source of truth for both sides: `@authenkit/nhso-client` validates every
 * response with these schemas, and `@authenkit/nhso-sandbox` produces every response by them.
 * It is pure and browser-safe (no I/O, no Node built-ins).
 *
 * Shapes come from community reverse-engineering (there is no official NHSO spec), so the response
 * schemas are deliberately liberal: objects are *loose* (unknown extra fields are kept, never rejected),
 * optional fields accept `null`, and every known variant of a response is a member of a union.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentConfirmSaveResponseSchema, AGENT_PATHS } from '@authenkit/nhso-client/schemas';
 * const body = { pid: '1509900231582', claimType: 'PG0060001', claimCode: 'PP1238504971' };
 * console.log(AGENT_PATHS.confirmSave, v.parse(AgentConfirmSaveResponseSchema, body).claimCode);
 * ```
 *
 * @module
 */
import * as v from 'valibot';

// ---------------------------------------------------------------------------------------------------
// Paths and base URLs
// ---------------------------------------------------------------------------------------------------

/**
 * Paths of the local NHSO Smart Card Agent (default origin `http://localhost:8189`). Templates contain
 * `{pid}` placeholders; fill them with {@link fillPath}.
 *
 * @example
 * ```ts
 * import { AGENT_PATHS, fillPath } from '@authenkit/nhso-client/schemas';
 * console.log(fillPath(AGENT_PATHS.latestAuthenCode, { pid: '1101700203450' }));
 * // '/api/nhso-service/latest-authen-code/1101700203450'
 * ```
 */
export const AGENT_PATHS = {
  /** `GET` → {@link AgentTerminalsResponse}. */
  terminals: '/api/smartcard/terminals',
  /** `GET ?readImageFlag=true|false` → {@link AgentReadCardResponse}. */
  read: '/api/smartcard/read',
  /** `GET ?readImageFlag=true|false` → {@link AgentReadCardOnlyResponse}. */
  readCardOnly: '/api/smartcard/read-card-only',
  /** `GET` → {@link AgentProbeResponse} (right check by PID, no card). */
  probe: '/api/smartcard/probe/{pid}',
  /** `POST` {@link AgentConfirmSaveRequest} → {@link AgentSaveDraftResponse}. */
  saveDraft: '/api/nhso-service/save-as-draft',
  /** `POST` {@link AgentConfirmSaveRequest} → {@link AgentConfirmSaveResponse} (issues the Authen Code). */
  confirmSave: '/api/nhso-service/confirm-save',
  /** `GET` → {@link AgentLatestAuthenCodeResponse}. */
  latestAuthenCode: '/api/nhso-service/latest-authen-code/{pid}',
  /** `GET` → {@link AgentLatestAuthenCodesResponse} (array, sometimes a single object). */
  latestAuthenCodes: '/api/nhso-service/latest-5-authen-code-all-hospital/{pid}',
  /** `GET` → {@link AgentPreferenceResponse} (shape unknown; note the doubled `/api`). */
  preference: '/api/api/preference',
} as const;

/**
 * Paths of the NHSO cloud services. They are the same on production, test and the sandbox; only the
 * origin differs (see {@link NHSO_BASE_URLS}).
 *
 * @example
 * ```ts
 * import { NHSO_PATHS } from '@authenkit/nhso-client/schemas';
 * console.log(NHSO_PATHS.checkAuthenStatus); // '/authencodestatus/api/check-authen-status'
 * ```
 */
export const NHSO_PATHS = {
  /** `GET ?personalId&serviceDate&serviceCode?` (Bearer) → {@link CheckAuthenStatusResponse}. */
  checkAuthenStatus: '/authencodestatus/api/check-authen-status',
  /** Older flat-schema variant on `pucws.nhso.go.th` (same query). */
  checkAuthenStatusLegacy: '/authencodeapi/CheckAuthenStatus',
  /** `POST` {@link ClaimDetailRequest} (Bearer) → {@link ClaimDetailResponse} (EP Authen Code). */
  claimDetail: '/nhsoendpoint/api/nhso-claim-detail',
  /** `POST` {@link AuthenCodeByPidRequest} (Bearer) → {@link AuthenCodeByPidResponse}. */
  authenCode: '/nhsoendpoint/api/AuthenCode',
  /** `GET ?SOURCE_ID=<hcode>&PID=<cid>` (Bearer) → {@link RealPersonResponse}. */
  realPerson: '/nhsoendpoint/api/RealPerson',
  /** `GET ?pid&checkDate=YYYY-MM-DDT00:00:00` (Bearer) → {@link RightSearchResponse}. */
  rightSearchV2: '/nhsoendpoint/api/v2/right-search',
  /** `GET ?pid` (Bearer JWT) → {@link RightSearchResponse}. */
  srmRightSearch: '/api/ucws/v1/right-search',
  /** `POST` form `refresh-token=…` → {@link SrmAccessTokenResponse}. */
  srmAccessToken: '/api/scard/access-token',
  /** UCWS SOAP endpoint (`searchCurrentByPID`). */
  ucws: '/ucwstokenp1/UCWSTokenP1',
} as const;

/**
 * Public NHSO origins per environment, taken from the reference. Tests never contact them.
 *
 * @example
 * ```ts
 * import { NHSO_BASE_URLS, NHSO_PATHS } from '@authenkit/nhso-client/schemas';
 * console.log(NHSO_BASE_URLS.test.authenStatus + NHSO_PATHS.checkAuthenStatus);
 * ```
 */
export const NHSO_BASE_URLS = {
  /** Production origins. */
  production: {
    /** Authen-code status service. */
    authenStatus: 'https://authenucws.nhso.go.th',
    /** NHSO Endpoint (close claim, AuthenCode, RealPerson, v2 right search). */
    endpoint: 'https://nhsoapi.nhso.go.th',
    /** SRM right search and token refresh. */
    srm: 'https://srm.nhso.go.th',
    /** Legacy UCWS SOAP. */
    ucws: 'http://ucws.nhso.go.th',
  },
  /** Test origins. */
  test: {
    /** Authen-code status service. */
    authenStatus: 'https://test.nhso.go.th',
    /** NHSO Endpoint. */
    endpoint: 'https://test.nhso.go.th',
    /** SRM. */
    srm: 'https://tsrm.nhso.go.th',
    /** Legacy UCWS SOAP (no separate test host is known). */
    ucws: 'http://ucws.nhso.go.th',
  },
} as const;

/**
 * Default origin of the local Smart Card Agent.
 *
 * @example
 * ```ts
 * import { AGENT_DEFAULT_BASE_URL } from '@authenkit/nhso-client/schemas';
 * console.log(AGENT_DEFAULT_BASE_URL); // 'http://localhost:8189'
 * ```
 */
export const AGENT_DEFAULT_BASE_URL = 'http://localhost:8189';

/**
 * Replaces `{name}` placeholders of a path template with URI-encoded values.
 *
 * @example
 * ```ts
 * import { AGENT_PATHS, fillPath } from '@authenkit/nhso-client/schemas';
 * fillPath(AGENT_PATHS.probe, { pid: '1101700203450' }); // '/api/smartcard/probe/1101700203450'
 * ```
 */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`fillPath: missing value for {${name}}`);
    return encodeURIComponent(value);
  });
}

/**
 * Message pattern that identifies a same-day duplicate rejection from the Agent's `confirm-save`
 * (the exact status is not documented; clients saw a 400 whose body contains an error). The sandbox
 * uses a message that matches it; the client maps a matching 4xx (or any 409) to `DUPLICATE_AUTHEN_CODE`.
 *
 * @example
 * ```ts
 * import { DUPLICATE_AUTHEN_MESSAGE_PATTERN } from '@authenkit/nhso-client/schemas';
 * DUPLICATE_AUTHEN_MESSAGE_PATTERN.test('ไม่สามารถ Authen ซ้ำในวันเดียวกัน'); // true
 * ```
 */
export const DUPLICATE_AUTHEN_MESSAGE_PATTERN: RegExp = /ซ้ำ|duplicate|already (?:issued|exists|authen)/i;

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

/**
 * A 13-digit Thai citizen ID as a string (format only; the checksum is checked by `isValidCitizenId`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CitizenIdSchema } from '@authenkit/nhso-client/schemas';
 * v.is(CitizenIdSchema, '1101700203450'); // true
 * ```
 */
export const CitizenIdSchema = v.pipe(v.string(), v.regex(/^\d{13}$/, 'must be 13 digits'));

const optStr = v.nullish(v.string());
const numOrStr = v.union([v.number(), v.string()]);

/**
 * A boolean as NHSO sends it: `true`/`false` or the strings `"TRUE"`/`"true"`/`"false"` (any case).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { BooleanishSchema } from '@authenkit/nhso-client/schemas';
 * v.is(BooleanishSchema, 'TRUE'); // true
 * ```
 */
export const BooleanishSchema = v.union([v.boolean(), v.pipe(v.string(), v.regex(/^(?:true|false)$/i))]);
/** A boolean as NHSO sends it (output of {@link BooleanishSchema}). */
export type Booleanish = v.InferOutput<typeof BooleanishSchema>;

/**
 * `{hcode, hname}` as returned for `hospMain`, `hospSub`, `hospMainOp` and history hospitals.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { HospitalSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(HospitalSchema, { hcode: '10699', hname: 'รพ.ตัวอย่าง' });
 * ```
 */
export const HospitalSchema = v.looseObject({ hcode: v.string(), hname: optStr });
/** `{hcode, hname}` of a hospital in Agent and authen-status answers (output of {@link HospitalSchema}). */
export type WireHospital = v.InferOutput<typeof HospitalSchema>;

/**
 * `{id, name}` right object of the nested authen-status and right-search responses.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { IdNameSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(IdNameSchema, { id: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' });
 * ```
 */
export const IdNameSchema = v.looseObject({ id: v.string(), name: optStr });
/** `{id, name}` right object of the nested authen-status and right-search answers (output of {@link IdNameSchema}). */
export type WireIdName = v.InferOutput<typeof IdNameSchema>;

/**
 * The default Spring Boot error body (Agent 400/500 and NHSO Endpoint validation errors):
 * `{ timestamp, status, error, message, path, errors: [{ defaultMessage, code, field, … }] }`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { SpringErrorBodySchema } from '@authenkit/nhso-client/schemas';
 * const b = v.parse(SpringErrorBodySchema, { status: 400, error: 'Bad Request', errors: [{ defaultMessage: 'mobile must be 10 digits' }] });
 * console.log(b.errors?.[0]?.defaultMessage);
 * ```
 */
export const SpringErrorBodySchema = v.looseObject({
  timestamp: v.nullish(numOrStr),
  status: v.nullish(v.number()),
  error: optStr,
  message: optStr,
  path: optStr,
  errors: v.nullish(
    v.array(
      v.looseObject({
        codes: v.nullish(v.array(v.string())),
        arguments: v.nullish(v.array(v.unknown())),
        defaultMessage: optStr,
        objectName: optStr,
        field: optStr,
        rejectedValue: v.nullish(v.unknown()),
        code: optStr,
      }),
    ),
  ),
});
/** The default Spring Boot error body (`errors[].defaultMessage` …) (output of {@link SpringErrorBodySchema}). */
export type SpringErrorBody = v.InferOutput<typeof SpringErrorBodySchema>;

// ---------------------------------------------------------------------------------------------------
// Smart Card Agent (localhost:8189)
// ---------------------------------------------------------------------------------------------------

/**
 * One reader of `GET /api/smartcard/terminals`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentTerminalSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentTerminalSchema, { terminalName: 'ACS ACR39U 0', isPresent: true });
 * ```
 */
export const AgentTerminalSchema = v.looseObject({ terminalName: v.string(), isPresent: BooleanishSchema });
/** One reader of `GET /api/smartcard/terminals` (output of {@link AgentTerminalSchema}). */
export type AgentTerminal = v.InferOutput<typeof AgentTerminalSchema>;

/**
 * `GET /api/smartcard/terminals` response: an array of readers.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentTerminalsResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentTerminalsResponseSchema, [{ terminalName: 'ACS ACR39U 0', isPresent: false }]);
 * ```
 */
export const AgentTerminalsResponseSchema = v.array(AgentTerminalSchema);
/** `GET /api/smartcard/terminals` response (output of {@link AgentTerminalsResponseSchema}). */
export type AgentTerminalsResponse = v.InferOutput<typeof AgentTerminalsResponseSchema>;

/**
 * One entry of `claimTypes` on a card read: `{ claimType: 'PG0060001', claimTypeName }`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentClaimTypeSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentClaimTypeSchema, { claimType: 'PG0060001', claimTypeName: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' });
 * ```
 */
export const AgentClaimTypeSchema = v.looseObject({ claimType: v.string(), claimTypeName: optStr });
/** One entry of `claimTypes` on a card read (output of {@link AgentClaimTypeSchema}). */
export type AgentClaimType = v.InferOutput<typeof AgentClaimTypeSchema>;

const agentPersonEntries = {
  pid: CitizenIdSchema,
  // A title CODE such as `"001"`, not text.
  titleName: optStr,
  fname: optStr,
  lname: optStr,
  nation: optStr,
  // `YYYYMMDD`, Buddhist Era.
  birthDate: optStr,
  // Thai text (`ชาย`/`หญิง`).
  sex: optStr,
  age: optStr,
  image: optStr,
};

/**
 * `GET /api/smartcard/read-card-only` response: card data only.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentReadCardOnlyResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentReadCardOnlyResponseSchema, { pid: '1101700203450', fname: 'สมชาย', lname: 'ใจดี', birthDate: '25300101' });
 * ```
 */
export const AgentReadCardOnlyResponseSchema = v.looseObject({
  ...agentPersonEntries,
  correlationId: optStr,
});
/** `GET /api/smartcard/read-card-only` response (output of {@link AgentReadCardOnlyResponseSchema}). */
export type AgentReadCardOnlyResponse = v.InferOutput<typeof AgentReadCardOnlyResponseSchema>;

const agentRightEntries = {
  transDate: optStr,
  // `"(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ"`.
  mainInscl: optStr,
  // `"(89) ช่วงอายุ 12-59 ปี"`.
  subInscl: optStr,
  checkDate: optStr,
  claimTypes: v.nullish(v.array(AgentClaimTypeSchema)),
  hospSub: v.nullish(HospitalSchema),
  hospMainOp: v.nullish(HospitalSchema),
  hospMain: v.nullish(HospitalSchema),
  paidModel: optStr,
  startDateTime: optStr,
  expireDateTime: optStr,
};

/**
 * `GET /api/smartcard/read` response: card data, NHSO right, claim types and the `correlationId` that
 * must be echoed to `confirm-save`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentReadCardResponseSchema } from '@authenkit/nhso-client/schemas';
 * const r = v.parse(AgentReadCardResponseSchema, {
 *   pid: '1101700203450', mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
 *   correlationId: '4f376187-557c-497d-8377-b6a27d992537',
 * });
 * ```
 */
export const AgentReadCardResponseSchema = v.looseObject({
  ...agentPersonEntries,
  ...agentRightEntries,
  correlationId: v.string(),
});
/** `GET /api/smartcard/read` response (output of {@link AgentReadCardResponseSchema}). */
export type AgentReadCardResponse = v.InferOutput<typeof AgentReadCardResponseSchema>;

/**
 * `GET /api/smartcard/probe/{pid}` response. Not observed in public code; **inferred** to be the read
 * response without card-only fields, so everything but `pid` is optional.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentProbeResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentProbeResponseSchema, { pid: '1101700203450', mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ' });
 * ```
 */
export const AgentProbeResponseSchema = v.looseObject({
  ...agentPersonEntries,
  ...agentRightEntries,
  correlationId: optStr,
});
/** `GET /api/smartcard/probe/{pid}` response (output of {@link AgentProbeResponseSchema}). */
export type AgentProbeResponse = v.InferOutput<typeof AgentProbeResponseSchema>;

/**
 * Body of `POST /api/nhso-service/confirm-save` and `save-as-draft`. `mobile` is 10 digits (clients
 * validate it before sending); `hn`/`hcode` are sent only when known.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentConfirmSaveRequestSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentConfirmSaveRequestSchema, {
 *   pid: '1101700203450', claimType: 'PG0060001', mobile: '0812345678',
 *   correlationId: '4f376187-557c-497d-8377-b6a27d992537',
 * });
 * ```
 */
export const AgentConfirmSaveRequestSchema = v.object({
  pid: CitizenIdSchema,
  claimType: v.pipe(v.string(), v.regex(/^[A-Z]{2}\d{7}$/, 'claimType must look like PG0060001')),
  mobile: v.pipe(v.string(), v.regex(/^\d{10}$/, 'mobile must be 10 digits')),
  correlationId: v.pipe(v.string(), v.minLength(1)),
  hn: v.optional(v.string()),
  hcode: v.optional(v.pipe(v.string(), v.regex(/^\d{5}$/, 'hcode must be 5 digits'))),
});
/** Body of the Agent's `confirm-save` and `save-as-draft` (output of {@link AgentConfirmSaveRequestSchema}). */
export type AgentConfirmSaveRequest = v.InferOutput<typeof AgentConfirmSaveRequestSchema>;

/**
 * `confirm-save` success body (any 2xx; one client expects 201):
 * `{pid, claimType, correlationId, createdDate, claimCode, hn?, hcode?, mobile?}`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentConfirmSaveResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentConfirmSaveResponseSchema, { pid: '1509900231582', claimType: 'PG0060001', createdDate: '2023-08-04T15:32:17', claimCode: 'PP1238504971' });
 * ```
 */
export const AgentConfirmSaveResponseSchema = v.looseObject({
  pid: optStr,
  claimType: optStr,
  correlationId: optStr,
  createdDate: optStr,
  claimCode: v.pipe(v.string(), v.minLength(1)),
  hn: optStr,
  hcode: optStr,
  mobile: optStr,
});
/** `confirm-save` success body (output of {@link AgentConfirmSaveResponseSchema}). */
export type AgentConfirmSaveResponse = v.InferOutput<typeof AgentConfirmSaveResponseSchema>;

/**
 * `save-as-draft` success body: like confirm-save but without `claimCode`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentSaveDraftResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentSaveDraftResponseSchema, { pid: '1101700203450', claimType: 'PG0060001', createdDate: '2025-01-02T08:00:00' });
 * ```
 */
export const AgentSaveDraftResponseSchema = v.looseObject({
  pid: optStr,
  claimType: optStr,
  correlationId: optStr,
  createdDate: optStr,
});
/** `save-as-draft` success body (output of {@link AgentSaveDraftResponseSchema}). */
export type AgentSaveDraftResponse = v.InferOutput<typeof AgentSaveDraftResponseSchema>;

/**
 * One Authen Code as the Agent lists it: `{claimType, claimCode, claimDateTime, hcode, checkDate}`.
 * When the PID has no code, `latest-authen-code` answers an object **without** `claimCode`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentAuthenCodeItemSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentAuthenCodeItemSchema, { claimType: 'PG0060001', claimCode: 'PP1238504971', claimDateTime: '2025-01-02T08:00:00', hcode: '10699' });
 * ```
 */
export const AgentAuthenCodeItemSchema = v.looseObject({
  claimType: optStr,
  claimCode: optStr,
  claimDateTime: optStr,
  hcode: optStr,
  checkDate: optStr,
});
/** One Authen Code as the Agent lists it (output of {@link AgentAuthenCodeItemSchema}). */
export type AgentAuthenCodeItem = v.InferOutput<typeof AgentAuthenCodeItemSchema>;

/**
 * `GET /api/nhso-service/latest-authen-code/{pid}` response (an item, `claimCode` absent when none).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentLatestAuthenCodeResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentLatestAuthenCodeResponseSchema, { checkDate: '2025-01-02T08:00:00' }); // no code yet
 * ```
 */
export const AgentLatestAuthenCodeResponseSchema = AgentAuthenCodeItemSchema;
/** `latest-authen-code/{pid}` answer (output of {@link AgentLatestAuthenCodeResponseSchema}). */
export type AgentLatestAuthenCodeResponse = AgentAuthenCodeItem;

/**
 * `GET /api/nhso-service/latest-5-authen-code-all-hospital/{pid}` response: usually an array of up to
 * five items, sometimes a single object (clients wrap it), `null`/empty when there is none.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentLatestAuthenCodesResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentLatestAuthenCodesResponseSchema, { claimCode: 'PP1238504971', hcode: '10699' }); // single-object quirk
 * ```
 */
export const AgentLatestAuthenCodesResponseSchema = v.nullable(
  v.union([v.array(AgentAuthenCodeItemSchema), AgentAuthenCodeItemSchema]),
);
/** Up to five recent codes (output of {@link AgentLatestAuthenCodesResponseSchema}). */
export type AgentLatestAuthenCodesResponse = v.InferOutput<typeof AgentLatestAuthenCodesResponseSchema>;

/**
 * `GET /api/api/preference` response. The shape was never observed: any JSON object.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AgentPreferenceResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AgentPreferenceResponseSchema, { hcode: '10699' });
 * ```
 */
export const AgentPreferenceResponseSchema = v.looseObject({});
/** `GET /api/api/preference` response (output of {@link AgentPreferenceResponseSchema}). */
export type AgentPreferenceResponse = v.InferOutput<typeof AgentPreferenceResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// check-authen-status (three shapes)
// ---------------------------------------------------------------------------------------------------

/**
 * Query of `GET /authencodestatus/api/check-authen-status`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CheckAuthenStatusQuerySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(CheckAuthenStatusQuerySchema, { personalId: '1101700203450', serviceDate: '2025-01-02' });
 * ```
 */
export const CheckAuthenStatusQuerySchema = v.object({
  personalId: CitizenIdSchema,
  serviceDate: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'serviceDate must be YYYY-MM-DD')),
  serviceCode: v.optional(v.string()),
});
/** Query of `check-authen-status` (output of {@link CheckAuthenStatusQuerySchema}). */
export type CheckAuthenStatusQuery = v.InferOutput<typeof CheckAuthenStatusQuerySchema>;

/**
 * One `serviceHistories[]` item of the current (nested) authen-status response.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { NestedServiceHistorySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(NestedServiceHistorySchema, {
 *   hospital: { hcode: '10699', hname: 'รพ.ตัวอย่าง' }, serviceDateTime: '2025-01-02T08:00:00',
 *   claimCode: 'PP1238504971', service: { code: 'PG0060001', name: 'เข้ารับบริการรักษาทั่วไป (OPD/ IPD/ PP)' }, sourceChannel: 'ENDPOINT',
 * });
 * ```
 */
export const NestedServiceHistorySchema = v.looseObject({
  hospital: v.nullish(HospitalSchema),
  serviceDateTime: v.string(),
  claimCode: v.string(),
  service: v.nullish(v.looseObject({ code: v.string(), name: optStr })),
  sourceChannel: optStr,
});
/** One `serviceHistories[]` item of the nested authen-status answer (output of {@link NestedServiceHistorySchema}). */
export type NestedServiceHistory = v.InferOutput<typeof NestedServiceHistorySchema>;

/**
 * Current (nested) `check-authen-status` response.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CheckAuthenStatusNestedSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(CheckAuthenStatusNestedSchema, { statusAuthen: true, firstName: 'สมชาย', mainInscl: { id: 'UCS', name: '…' }, serviceHistories: [] });
 * ```
 */
export const CheckAuthenStatusNestedSchema = v.looseObject({
  statusAuthen: v.nullish(BooleanishSchema),
  statusMessage: optStr,
  firstName: optStr,
  lastName: optStr,
  sex: optStr,
  birthDate: v.nullish(v.looseObject({ year: v.nullish(numOrStr), month: v.nullish(numOrStr) })),
  nation: v.nullish(v.looseObject({ code: optStr, descriptionTh: optStr })),
  province: v.nullish(v.looseObject({ id: optStr, name: optStr })),
  mainInscl: v.nullish(IdNameSchema),
  subInscl: v.nullish(IdNameSchema),
  serviceHistories: v.nullish(v.array(NestedServiceHistorySchema)),
});
/** Current (nested) `check-authen-status` response (output of {@link CheckAuthenStatusNestedSchema}). */
export type CheckAuthenStatusNested = v.InferOutput<typeof CheckAuthenStatusNestedSchema>;

/**
 * One `serviceHistories[]` item of the older (flat) authen-status response.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { FlatServiceHistorySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(FlatServiceHistorySchema, { hcode: '10699', serviceDate: '2023-10-06T15:16:38', claimCode: 'PP1015363237', serviceCode: 'PG0060001' });
 * ```
 */
export const FlatServiceHistorySchema = v.looseObject({
  hcode: optStr,
  hname: optStr,
  serviceDate: v.string(),
  claimCode: v.string(),
  serviceCode: optStr,
  serviceName: optStr,
  sourceChannel: optStr,
  tel: optStr,
});
/** One `serviceHistories[]` item of the flat authen-status answer (output of {@link FlatServiceHistorySchema}). */
export type FlatServiceHistory = v.InferOutput<typeof FlatServiceHistorySchema>;

/**
 * Older (flat) `check-authen-status` response (`statusAuthen` may be the string `"TRUE"`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CheckAuthenStatusFlatSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(CheckAuthenStatusFlatSchema, { statusAuthen: 'TRUE', mainInscl: 'UCS', mainInsclName: '…', serviceHistories: [] });
 * ```
 */
export const CheckAuthenStatusFlatSchema = v.looseObject({
  statusAuthen: v.nullish(BooleanishSchema),
  statusMessage: optStr,
  personalId: optStr,
  firstName: optStr,
  middleName: optStr,
  lastName: optStr,
  fullName: optStr,
  sex: optStr,
  age: optStr,
  birthDate: optStr,
  nationCode: optStr,
  nationDescription: optStr,
  provinceCode: optStr,
  provinceName: optStr,
  mainInscl: optStr,
  mainInsclName: optStr,
  subInscl: optStr,
  subInsclName: optStr,
  hospSub: v.nullish(HospitalSchema),
  hospMainOp: v.nullish(HospitalSchema),
  hospMain: v.nullish(HospitalSchema),
  paidModel: optStr,
  serviceHistories: v.nullish(v.array(FlatServiceHistorySchema)),
});
/** Older (flat) `check-authen-status` answer (output of {@link CheckAuthenStatusFlatSchema}). */
export type CheckAuthenStatusFlat = v.InferOutput<typeof CheckAuthenStatusFlatSchema>;

/**
 * One item inside the JSON string of the `{success, results, message}` variant.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { StringResultsItemSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(StringResultsItemSchema, { hospitalCode: '10699', serviceDate: '2025-01-02T08:00:00', authCode: 'PP1238504971' });
 * ```
 */
export const StringResultsItemSchema = v.looseObject({
  hospitalCode: optStr,
  serviceDate: v.string(),
  authCode: v.string(),
  serviceCode: optStr,
});
/** One item of the string-results variant (output of {@link StringResultsItemSchema}). */
export type StringResultsItem = v.InferOutput<typeof StringResultsItemSchema>;

/**
 * The `results` string of the third variant, once `JSON.parse`d: an array of items (or one item).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { StringResultsPayloadSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(StringResultsPayloadSchema, JSON.parse('[{"hospitalCode":"10699","serviceDate":"2025-01-02","authCode":"PP1"}]'));
 * ```
 */
export const StringResultsPayloadSchema = v.nullable(
  v.union([v.array(StringResultsItemSchema), StringResultsItemSchema]),
);
/** The parsed `results` string of the third variant (output of {@link StringResultsPayloadSchema}). */
export type StringResultsPayload = v.InferOutput<typeof StringResultsPayloadSchema>;

/**
 * Third `check-authen-status` variant (a decompiled-HOSxP port): `{success, results: "<JSON string>", message}`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CheckAuthenStatusStringResultsSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(CheckAuthenStatusStringResultsSchema, { success: true, results: '[]', message: 'ok' });
 * ```
 */
export const CheckAuthenStatusStringResultsSchema = v.looseObject({
  success: v.nullish(BooleanishSchema),
  results: v.string(),
  message: optStr,
});
/** The string-results `check-authen-status` answer (output of {@link CheckAuthenStatusStringResultsSchema}). */
export type CheckAuthenStatusStringResults = v.InferOutput<typeof CheckAuthenStatusStringResultsSchema>;

/**
 * Any of the three `check-authen-status` shapes. Order matters: string-`results`, then nested (object
 * `mainInscl`, `serviceDateTime` in histories), then flat (string `mainInscl`, `serviceDate`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CheckAuthenStatusResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(CheckAuthenStatusResponseSchema, { statusAuthen: false, statusMessage: 'ไม่พบข้อมูล' });
 * ```
 */
export const CheckAuthenStatusResponseSchema = v.union([
  CheckAuthenStatusStringResultsSchema,
  CheckAuthenStatusNestedSchema,
  CheckAuthenStatusFlatSchema,
]);
/** Any of the three `check-authen-status` shapes (output of {@link CheckAuthenStatusResponseSchema}). */
export type CheckAuthenStatusResponse = v.InferOutput<typeof CheckAuthenStatusResponseSchema>;

/**
 * Error body of `check-authen-status` (mock: 400 `{statusAuthen:"false", statusMessage:"Missing required parameter…"}`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { CheckAuthenStatusErrorBodySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(CheckAuthenStatusErrorBodySchema, { statusAuthen: 'false', statusMessage: 'Missing required parameter personalId' });
 * ```
 */
export const CheckAuthenStatusErrorBodySchema = v.looseObject({
  statusAuthen: v.nullish(BooleanishSchema),
  statusMessage: optStr,
});
/** Error body of `check-authen-status` (output of {@link CheckAuthenStatusErrorBodySchema}). */
export type CheckAuthenStatusErrorBody = v.InferOutput<typeof CheckAuthenStatusErrorBodySchema>;

// ---------------------------------------------------------------------------------------------------
// NHSO Endpoint: close claim, AuthenCode by PID, RealPerson, v2 right-search
// ---------------------------------------------------------------------------------------------------

const amount = v.pipe(v.number(), v.minValue(0), v.maxValue(99_999_999.99));

/**
 * Body of `POST /nhsoendpoint/api/nhso-claim-detail` ("ปิดสิทธิ", Swagger v8). Date-times are epoch ms;
 * `transactionId` = `hcode + yyyyMMddHHmmss + 6 hex`, starts with `hcode`, ≤255 chars.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { ClaimDetailRequestSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(ClaimDetailRequestSchema, {
 *   hcode: '10699', mainInsclCode: 'UCS', serviceDateTime: 1735779600000, invoiceDateTime: 1735779600000,
 *   transactionId: '1069920250102080000a1b2c3', totalAmount: 500, paidAmount: 0, privilegeAmount: 500,
 *   claimServiceCode: 'PG0060001', pid: '1101700203450', sourceId: 'HIS', visitNumber: 'VN1', recorderPid: '3100100123451',
 * });
 * ```
 */
export const ClaimDetailRequestSchema = v.pipe(
  v.object({
    hcode: v.pipe(v.string(), v.regex(/^\d{5}$/, 'hcode must be 5 digits')),
    department: v.optional(v.object({ code: v.string(), name: v.string() })),
    mainInsclCode: v.string(),
    serviceDateTime: v.pipe(v.number(), v.integer()),
    invoiceDateTime: v.pipe(v.number(), v.integer()),
    transactionId: v.pipe(v.string(), v.minLength(6), v.maxLength(255)),
    totalAmount: amount,
    paidAmount: amount,
    privilegeAmount: amount,
    claimServiceCode: v.string(),
    pid: CitizenIdSchema,
    sourceId: v.pipe(v.string(), v.maxLength(50)),
    visitNumber: v.pipe(v.string(), v.maxLength(30)),
    recorderPid: CitizenIdSchema,
    mobile: v.optional(v.string()),
    tel: v.optional(v.string()),
    reservedId: v.optional(v.string()),
    latitude: v.optional(v.number()),
    longitude: v.optional(v.number()),
  }),
  v.check((b) => b.transactionId.startsWith(b.hcode), 'transactionId must start with hcode'),
);
/** Body of `nhso-claim-detail` ("ปิดสิทธิ") (output of {@link ClaimDetailRequestSchema}). */
export type ClaimDetailRequest = v.InferOutput<typeof ClaimDetailRequestSchema>;

/**
 * `nhso-claim-detail` success body: `{seq, authenCode}` (an `EP…` code).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { ClaimDetailResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(ClaimDetailResponseSchema, { seq: 1234, authenCode: 'EP1234567890' });
 * ```
 */
export const ClaimDetailResponseSchema = v.looseObject({
  seq: v.nullish(numOrStr),
  authenCode: v.pipe(v.string(), v.minLength(1)),
});
/** `nhso-claim-detail` success body (output of {@link ClaimDetailResponseSchema}). */
export type ClaimDetailResponse = v.InferOutput<typeof ClaimDetailResponseSchema>;

/**
 * Error body of NHSO Endpoint calls (HTTP 400/401/403/409): `dataError`, `error`, `message`,
 * `responseCode`/`statusCode`, possibly Spring's `errors[]`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { EndpointErrorBodySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(EndpointErrorBodySchema, { dataError: 'transactionId ซ้ำ', statusCode: 409 });
 * ```
 */
export const EndpointErrorBodySchema = v.looseObject({
  dataError: v.nullish(v.unknown()),
  error: optStr,
  message: optStr,
  responseCode: v.nullish(numOrStr),
  statusCode: v.nullish(numOrStr),
  errors: SpringErrorBodySchema.entries.errors,
});
/** Error body of NHSO Endpoint calls (HTTP 400/401/403/409) (output of {@link EndpointErrorBodySchema}). */
export type EndpointErrorBody = v.InferOutput<typeof EndpointErrorBodySchema>;

/**
 * Body of `POST /nhsoendpoint/api/AuthenCode` (Authen Code by PID, no card; purpose **inferred**).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AuthenCodeByPidRequestSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AuthenCodeByPidRequestSchema, {
 *   sourceId: 'HIS', transId: '1069920250102080000a1b2c3', pid: '1101700203450', hcode: '10699',
 *   serviceCode: 'PG0060001', recorderPid: '3100100123451',
 * });
 * ```
 */
export const AuthenCodeByPidRequestSchema = v.object({
  sourceId: v.string(),
  transId: v.string(),
  pid: CitizenIdSchema,
  firstName: v.optional(v.string()),
  midName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  sex: v.optional(v.string()),
  phone: v.optional(v.array(v.string())),
  latitude: v.optional(v.number()),
  longitude: v.optional(v.number()),
  hcode: v.pipe(v.string(), v.regex(/^\d{5}$/, 'hcode must be 5 digits')),
  hn: v.optional(v.string()),
  an: v.optional(v.string()),
  recorderPid: CitizenIdSchema,
  serviceCode: v.string(),
  house: v.optional(v.string()),
  subDistrictCode: v.optional(v.string()),
  subDistrict: v.optional(v.string()),
  districtCode: v.optional(v.string()),
  district: v.optional(v.string()),
  provinceCode: v.optional(v.string()),
  province: v.optional(v.string()),
  postCode: v.optional(v.string()),
  birthDay: v.optional(v.string()),
  weight: v.optional(v.number()),
  height: v.optional(v.number()),
  maininscl: v.optional(v.string()),
});
/** Body of `nhsoendpoint/api/AuthenCode` (Authen Code by PID) (output of {@link AuthenCodeByPidRequestSchema}). */
export type AuthenCodeByPidRequest = v.InferOutput<typeof AuthenCodeByPidRequestSchema>;

/**
 * `AuthenCode` success body: `{authenCode, …}`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { AuthenCodeByPidResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(AuthenCodeByPidResponseSchema, { authenCode: 'EP1234567890' });
 * ```
 */
export const AuthenCodeByPidResponseSchema = v.looseObject({
  authenCode: v.pipe(v.string(), v.minLength(1)),
  seq: v.nullish(numOrStr),
});
/** `AuthenCode` success body (output of {@link AuthenCodeByPidResponseSchema}). */
export type AuthenCodeByPidResponse = v.InferOutput<typeof AuthenCodeByPidResponseSchema>;

/**
 * Query of `GET /nhsoendpoint/api/RealPerson`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { RealPersonQuerySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(RealPersonQuerySchema, { SOURCE_ID: '10699', PID: '1101700203450' });
 * ```
 */
export const RealPersonQuerySchema = v.object({ SOURCE_ID: v.string(), PID: CitizenIdSchema });
/** Query of `GET /nhsoendpoint/api/RealPerson` (output of {@link RealPersonQuerySchema}). */
export type RealPersonQuery = v.InferOutput<typeof RealPersonQuerySchema>;

/**
 * `RealPerson` response. `mainInscl` is a `"(CODE) name"` string or the bare code; `mainInsclCode` and
 * `mainInsclName` are given separately; `birthDate` is BE `YYYYMMDD` or ISO, `birthDateNew` (mock) split.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { RealPersonResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(RealPersonResponseSchema, { pid: '1101700203450', firstName: 'สมชาย', mainInsclCode: 'UCS', mainInsclName: '…' });
 * ```
 */
export const RealPersonResponseSchema = v.looseObject({
  pid: CitizenIdSchema,
  firstName: optStr,
  middleName: optStr,
  lastName: optStr,
  fullName: optStr,
  sex: optStr,
  age: optStr,
  nationCode: optStr,
  nationDescription: optStr,
  provinceCode: optStr,
  provinceName: optStr,
  mainInscl: optStr,
  mainInsclCode: optStr,
  mainInsclName: optStr,
  subInscl: optStr,
  subInsclCode: optStr,
  subInsclName: optStr,
  birthDate: optStr,
  birthDateNew: v.nullish(
    v.looseObject({ year: v.nullish(numOrStr), month: v.nullish(numOrStr), day: v.nullish(numOrStr) }),
  ),
  paidModel: optStr,
  hospSubNew: v.nullish(HospitalSchema),
  hospMainOpNew: v.nullish(HospitalSchema),
  hospMainNew: v.nullish(HospitalSchema),
  hospNew: v.nullish(HospitalSchema),
  hospMain: v.nullish(HospitalSchema),
  hospSub: v.nullish(HospitalSchema),
  hospMainOp: v.nullish(HospitalSchema),
});
/** `RealPerson` response (output of {@link RealPersonResponseSchema}). */
export type RealPersonResponse = v.InferOutput<typeof RealPersonResponseSchema>;

/**
 * Query of `GET /nhsoendpoint/api/v2/right-search` (`checkDate` = `YYYY-MM-DDT00:00:00`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { RightSearchV2QuerySchema } from '@authenkit/nhso-client/schemas';
 * v.parse(RightSearchV2QuerySchema, { pid: '1101700203450', checkDate: '2025-01-02T00:00:00' });
 * ```
 */
export const RightSearchV2QuerySchema = v.object({
  pid: CitizenIdSchema,
  checkDate: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)),
});
/** Query of `GET /nhsoendpoint/api/v2/right-search` (output of {@link RightSearchV2QuerySchema}). */
export type RightSearchV2Query = v.InferOutput<typeof RightSearchV2QuerySchema>;

/**
 * One fund of a right-search response (v2 and SRM): `mainInscl{id,name}`, `subInscl{id,name}`, …
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { RightFundSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(RightFundSchema, { mainInscl: { id: 'UCS', name: '…' }, subInscl: { id: '89', name: '…' } });
 * ```
 */
export const RightFundSchema = v.looseObject({
  mainInscl: IdNameSchema,
  subInscl: v.nullish(IdNameSchema),
  cardId: optStr,
  hospMain: v.nullish(HospitalSchema),
  hospSub: v.nullish(HospitalSchema),
  hospMainOp: v.nullish(HospitalSchema),
  paidModel: optStr,
  startDateTime: optStr,
  expireDateTime: optStr,
});
/** One fund of a right-search response (v2 and SRM) (output of {@link RightFundSchema}). */
export type RightFund = v.InferOutput<typeof RightFundSchema>;

/**
 * Right-search response of NHSO Endpoint v2 and SRM: `{checkDate, deathDate?, status?, funds[]}`.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { RightSearchResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(RightSearchResponseSchema, { checkDate: '2025-01-02T00:00:00', funds: [{ mainInscl: { id: 'UCS', name: '…' } }] });
 * ```
 */
export const RightSearchResponseSchema = v.looseObject({
  pid: optStr,
  checkDate: optStr,
  deathDate: optStr,
  status: v.nullish(numOrStr),
  funds: v.nullish(v.array(RightFundSchema)),
});
/** Right-search response of NHSO Endpoint v2 and SRM (output of {@link RightSearchResponseSchema}). */
export type RightSearchResponse = v.InferOutput<typeof RightSearchResponseSchema>;

/**
 * SRM `POST /api/scard/access-token` response; both key spellings are seen (`access_token` and
 * `access-token`, `refresh_token` and `refresh-token`). At least one access-token key is required.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { SrmAccessTokenResponseSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(SrmAccessTokenResponseSchema, { 'access-token': 'eyJ…', 'refresh-token': 'r1' });
 * ```
 */
export const SrmAccessTokenResponseSchema = v.pipe(
  v.looseObject({
    access_token: optStr,
    'access-token': optStr,
    refresh_token: optStr,
    'refresh-token': optStr,
    expires_in: v.nullish(numOrStr),
  }),
  v.check((b) => Boolean(b.access_token ?? b['access-token']), 'no access token in refresh response'),
);
/** SRM `POST /api/scard/access-token` response (output of {@link SrmAccessTokenResponseSchema}). */
export type SrmAccessTokenResponse = v.InferOutput<typeof SrmAccessTokenResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// UCWS SOAP (legacy)
// ---------------------------------------------------------------------------------------------------

/**
 * Target namespace of the UCWS token web service.
 *
 * @example
 * ```ts
 * import { UCWS_NAMESPACE } from '@authenkit/nhso-client/schemas';
 * console.log(UCWS_NAMESPACE); // 'http://tokenws.ucws.nhso.go.th/'
 * ```
 */
export const UCWS_NAMESPACE = 'http://tokenws.ucws.nhso.go.th/';

/**
 * Request of SOAP `searchCurrentByPID` (namespace {@link UCWS_NAMESPACE}, `SOAPAction: ""`).
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { UcwsSearchCurrentByPidRequestSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(UcwsSearchCurrentByPidRequestSchema, { user_person_id: '3100100123451', smctoken: 'abcdEFGH12345678', person_id: '1101700203450' });
 * ```
 */
export const UcwsSearchCurrentByPidRequestSchema = v.object({
  user_person_id: CitizenIdSchema,
  smctoken: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]+$/, 'smctoken must be alphanumeric')),
  person_id: CitizenIdSchema,
});
/** Request of SOAP `searchCurrentByPID` (output of {@link UcwsSearchCurrentByPidRequestSchema}). */
export type UcwsSearchCurrentByPidRequest = v.InferOutput<typeof UcwsSearchCurrentByPidRequestSchema>;

/**
 * Every element of `nhsoDataSetC1`, in XSD order (a SOAP response builder must emit them in this order).
 *
 * @example
 * ```ts
 * import { NHSO_DATASET_C1_FIELDS } from '@authenkit/nhso-client/schemas';
 * console.log(NHSO_DATASET_C1_FIELDS.length, NHSO_DATASET_C1_FIELDS[0]); // 63 'birthdate'
 * ```
 */
export const NHSO_DATASET_C1_FIELDS = [
  'birthdate',
  'cardid',
  'chat',
  'count_select',
  'expdate',
  'fname',
  'hmain',
  'hmain_name',
  'hmain_op',
  'hmain_op_name',
  'hsub',
  'hsub_name',
  'lname',
  'maininscl',
  'maininscl_main',
  'maininscl_name',
  'mastercup_id',
  'nation',
  'new_date_register',
  'new_expdate',
  'new_hmain',
  'new_hmain_name',
  'new_hmain_op',
  'new_hmain_op_name',
  'new_hsub',
  'new_hsub_name',
  'new_maininscl',
  'new_maininscl_name',
  'new_mastercup_id',
  'new_paid_model',
  'new_purchaseprovince',
  'new_purchaseprovince_name',
  'new_staffname',
  'new_startdate',
  'new_subinscl',
  'new_subinscl_name',
  'new_type_register',
  'new_type_register_desc',
  'paid_model',
  'person_id',
  'primary_amphur_name',
  'primary_moo',
  'primary_mooban_name',
  'primary_province_name',
  'primary_tumbon_name',
  'primaryprovince',
  'purchaseprovince',
  'purchaseprovince_name',
  'sex',
  'startdate',
  'startdate_sss',
  'status',
  'status_desc',
  'subinscl',
  'subinscl_name',
  'title',
  'title_name',
  'ws_data_source',
  'ws_date_request',
  'ws_status',
  'ws_status_desc',
  'wsid',
  'wsid_batch',
] as const;

/** Name of one `nhsoDataSetC1` element. */
export type NhsoDataSetC1Field = (typeof NHSO_DATASET_C1_FIELDS)[number];

/**
 * `return` of `searchCurrentByPIDResponse` (`nhsoDataSetC1`) as parsed from XML: every element is text
 * (`count_select` is an xsd:int and `new_date_register`/`ws_date_request` xsd:dateTime, still as text);
 * missing/empty elements are absent or `""`. `ws_status` `NHSO-000001` = success, `NHSO-00003` = token
 * expired; empty `fname` = person not found. Unknown extra elements are kept.
 *
 * @example
 * ```ts
 * import type { NhsoDataSetC1 } from '@authenkit/nhso-client/schemas';
 * const d: NhsoDataSetC1 = { ws_status: 'NHSO-000001', person_id: '1101700203450', maininscl: 'UCS' };
 * ```
 */
export interface NhsoDataSetC1 {
  /** Birth date, Buddhist Era `YYYYMMDD`. */
  birthdate?: string | null;
  /** Card ID of the right. */
  cardid?: string | null;
  /** Changwat (province) code. */
  chat?: string | null;
  /** Number of rows found (xsd:int, as text). */
  count_select?: string | null;
  /** Right expiry date (BE `YYYYMMDD`). */
  expdate?: string | null;
  /** First name; empty = person not found. */
  fname?: string | null;
  /** Main hospital code. */
  hmain?: string | null;
  /** Main hospital name. */
  hmain_name?: string | null;
  /** Main OP hospital code. */
  hmain_op?: string | null;
  /** Main OP hospital name. */
  hmain_op_name?: string | null;
  /** Sub (primary-care) hospital code. */
  hsub?: string | null;
  /** Sub hospital name. */
  hsub_name?: string | null;
  /** Last name. */
  lname?: string | null;
  /** Main right code (e.g. `UCS`). */
  maininscl?: string | null;
  /** Main right group. */
  maininscl_main?: string | null;
  /** Main right name. */
  maininscl_name?: string | null;
  /** Master CUP ID. */
  mastercup_id?: string | null;
  /** Nationality code. */
  nation?: string | null;
  /** Registration date-time of the new right (xsd:dateTime, as text). */
  new_date_register?: string | null;
  /** New-right `new_expdate` element, as text. */
  new_expdate?: string | null;
  /** New-right `new_hmain` element, as text. */
  new_hmain?: string | null;
  /** New-right `new_hmain_name` element, as text. */
  new_hmain_name?: string | null;
  /** New-right `new_hmain_op` element, as text. */
  new_hmain_op?: string | null;
  /** New-right `new_hmain_op_name` element, as text. */
  new_hmain_op_name?: string | null;
  /** New-right `new_hsub` element, as text. */
  new_hsub?: string | null;
  /** New-right `new_hsub_name` element, as text. */
  new_hsub_name?: string | null;
  /** New-right `new_maininscl` element, as text. */
  new_maininscl?: string | null;
  /** New-right `new_maininscl_name` element, as text. */
  new_maininscl_name?: string | null;
  /** New-right `new_mastercup_id` element, as text. */
  new_mastercup_id?: string | null;
  /** New-right `new_paid_model` element, as text. */
  new_paid_model?: string | null;
  /** New-right `new_purchaseprovince` element, as text. */
  new_purchaseprovince?: string | null;
  /** New-right `new_purchaseprovince_name` element, as text. */
  new_purchaseprovince_name?: string | null;
  /** New-right `new_staffname` element, as text. */
  new_staffname?: string | null;
  /** New-right `new_startdate` element, as text. */
  new_startdate?: string | null;
  /** New-right `new_subinscl` element, as text. */
  new_subinscl?: string | null;
  /** New-right `new_subinscl_name` element, as text. */
  new_subinscl_name?: string | null;
  /** New-right `new_type_register` element, as text. */
  new_type_register?: string | null;
  /** New-right `new_type_register_desc` element, as text. */
  new_type_register_desc?: string | null;
  /** Paid model. */
  paid_model?: string | null;
  /** Citizen ID. */
  person_id?: string | null;
  /** `primary_amphur_name` element, as text. */
  primary_amphur_name?: string | null;
  /** `primary_moo` element, as text. */
  primary_moo?: string | null;
  /** `primary_mooban_name` element, as text. */
  primary_mooban_name?: string | null;
  /** `primary_province_name` element, as text. */
  primary_province_name?: string | null;
  /** `primary_tumbon_name` element, as text. */
  primary_tumbon_name?: string | null;
  /** `primaryprovince` element, as text. */
  primaryprovince?: string | null;
  /** `purchaseprovince` element, as text. */
  purchaseprovince?: string | null;
  /** `purchaseprovince_name` element, as text. */
  purchaseprovince_name?: string | null;
  /** Sex code. */
  sex?: string | null;
  /** Right start date (BE `YYYYMMDD`). */
  startdate?: string | null;
  /** `startdate_sss` element, as text. */
  startdate_sss?: string | null;
  /** Status code (`003` = discharged/dead). */
  status?: string | null;
  /** Status description (present = death/discharge). */
  status_desc?: string | null;
  /** Sub right code. */
  subinscl?: string | null;
  /** Sub right name. */
  subinscl_name?: string | null;
  /** Title code. */
  title?: string | null;
  /** Title text. */
  title_name?: string | null;
  /** Data source. */
  ws_data_source?: string | null;
  /** Request time (xsd:dateTime, as text). */
  ws_date_request?: string | null;
  /** `NHSO-000001` = success, `NHSO-00003` = token expired. */
  ws_status?: string | null;
  /** Status description. */
  ws_status_desc?: string | null;
  /** Web-service transaction ID. */
  wsid?: string | null;
  /** Batch ID. */
  wsid_batch?: string | null;
  /** Unknown extra elements. */
  [key: string]: unknown;
}

/**
 * Schema of {@link NhsoDataSetC1}: every element optional text (or `null`), extra elements kept.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { NhsoDataSetC1Schema } from '@authenkit/nhso-client/schemas';
 * v.parse(NhsoDataSetC1Schema, { ws_status: 'NHSO-000001', person_id: '1101700203450', maininscl: 'UCS', count_select: '1' });
 * ```
 */
export const NhsoDataSetC1Schema: v.GenericSchema<unknown, NhsoDataSetC1> = v.looseObject(
  Object.fromEntries(NHSO_DATASET_C1_FIELDS.map((f) => [f, optStr])) as Record<
    NhsoDataSetC1Field,
    typeof optStr
  >,
);

/**
 * A SOAP 1.1 `Fault` as parsed from XML.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { SoapFaultSchema } from '@authenkit/nhso-client/schemas';
 * v.parse(SoapFaultSchema, { faultcode: 'S:Server', faultstring: 'java.lang.NullPointerException' });
 * ```
 */
export const SoapFaultSchema = v.looseObject({
  faultcode: optStr,
  faultstring: optStr,
  detail: v.nullish(v.unknown()),
});
/** A SOAP 1.1 `Fault` as parsed from XML (output of {@link SoapFaultSchema}). */
export type SoapFault = v.InferOutput<typeof SoapFaultSchema>;

/**
 * UCWS `ws_status` that means success.
 *
 * @example
 * ```ts
 * import { UCWS_STATUS_OK } from '@authenkit/nhso-client/schemas';
 * console.log(UCWS_STATUS_OK === 'NHSO-000001'); // true
 * ```
 */
export const UCWS_STATUS_OK = 'NHSO-000001';
/**
 * UCWS `ws_status` that means the `smctoken` expired (renew it in UCAuthentication MX).
 *
 * @example
 * ```ts
 * import { UCWS_STATUS_TOKEN_EXPIRED } from '@authenkit/nhso-client/schemas';
 * console.log(UCWS_STATUS_TOKEN_EXPIRED); // 'NHSO-00003'
 * ```
 */
export const UCWS_STATUS_TOKEN_EXPIRED = 'NHSO-00003';
