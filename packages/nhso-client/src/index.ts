/**
 * `@authenkit/nhso-client`: typed, runtime-validated clients of the NHSO (สปสช.) Smart Card Agent,
 * the Authen Code status service, NHSO Endpoint, SRM and UCWS SOAP.
 *
 * @example
 * ```ts
 * import { createAgentClient, createNhsoClient } from '@authenkit/nhso-client';
 * const agent = createAgentClient();
 * const nhso = createNhsoClient({ token: process.env.NHSO_TOKEN ?? 'sandbox-token', environment: { baseUrl: process.env.NHSO_BASE_URL ?? 'http://127.0.0.1:8080' } });
 * ```
 *
 * @module
 */
export {
  AGENT_TIMEOUTS,
  type AgentClient,
  type AgentClientOptions,
  type ConfirmSaveResult,
  createAgentClient,
  type SaveDraftResult,
  type Terminal,
  type VisitAuthenRequest,
  type VisitAuthenResult,
} from './agent.js';
export type { CallOptions, ClientOptions } from './common.js';
export {
  ERROR_CODE_ALIASES,
  ERROR_CODES,
  isNhsoError,
  maskPids,
  NHSO_ERROR_CODES,
  NHSO_ERROR_MESSAGES_TH,
  NhsoError,
  type NhsoErrorCode,
  type NhsoErrorCodeAlias,
  type NhsoErrorDetails,
  type NhsoErrorJSON,
  type NhsoErrorOptions,
} from './errors.js';
export type { ClientHooks, FetchLike, HookEvent } from './http.js';
export {
  type AuthenStatusQuery,
  type BatchResult,
  type CloseClaimOptions,
  type CloseClaimResult,
  createNhsoClient,
  NHSO_TIMEOUTS,
  type NhsoClient,
  type NhsoClientOptions,
  type NhsoEnvironment,
} from './nhso.js';
export {
  type AgentAuthenCode,
  type AuthenHistory,
  type AuthenStatus,
  type AuthenStatusPerson,
  bangkokDateOf,
  type CardRead,
  type ClaimTypeOption,
  type HospitalRef,
  type NormalizeOptions,
  normalizeAgentAuthenCode,
  normalizeAgentAuthenCodes,
  normalizeAuthenStatusFlat,
  normalizeAuthenStatusNested,
  normalizeAuthenStatusStringResults,
  normalizeCardRead,
  normalizeDataSetC1,
  normalizeRealPerson,
  normalizeRightSearch,
  type RealPerson,
  type Right,
  type RightSearchResult,
  toBangkokIso,
  toBirthDate,
  toBoolean,
  toRight,
  type UcwsPerson,
} from './normalize.js';
export {
  decideIssue,
  type IssueAction,
  type IssueEvent,
  type IssuePolicy,
  type IssueState,
  initialIssueState,
  runIssueFlow,
  type SendOutcome,
} from './reconcile.js';
export { parseRetryAfter, type RetryPolicy, retryDelay } from './retry.js';
export { singleFlightToken, staticToken, type TokenProvider } from './tokens.js';
export {
  buildSearchCurrentByPidEnvelope,
  createUcwsClient,
  parseSearchCurrentByPidResponse,
  type UcwsClient,
  type UcwsClientOptions,
  type UcwsSearchInput,
} from './ucws.js';
