/**
 * `@authenkit/nhso-sandbox` — a faithful local simulator of the NHSO (สปสช.) side of every Authen Code flow
 * (cloud APIs under NHSO's own paths, LINE citizen flow, Authen Code report, UCWS SOAP) and an
 * Agent-API-compatible local service that reads real or virtual Thai ID cards.
 *
 * @packageDocumentation
 */

export {
  type Agent,
  type AgentCardData,
  type AgentCardSource,
  type AgentOptions,
  isLoopbackHost,
  readerManagerCardSource,
  startAgent,
  type TransportReader,
  transportCardSource,
  virtualCardSource,
} from './agent.js';
export { personToCardSpec, type SandboxCardSpec } from './card.js';
export {
  bangkokParts,
  type Clock,
  createManualClock,
  nextBangkokMidnight,
  parseBangkokLocal,
  systemClock,
} from './clock.js';
export {
  ERROR_CODE_ALIASES,
  ERROR_CODES,
  isSandboxError,
  SandboxError,
  type SandboxErrorCode,
  type SandboxErrorJSON,
  type SandboxErrorOptions,
} from './errors.js';
export {
  createFaultInjector,
  type FaultConfig,
  type FaultDecision,
  type FaultInjector,
  type FaultRule,
  parseFaultSpec,
  validateFaultConfig,
} from './faults.js';
export type { RouteRequest, RouteResponse } from './http.js';
export {
  ageInYears,
  type BuddhistDate,
  findHospital,
  formatBuddhistCompact,
  generatePopulation,
  MAIN_INSCL_NAMES,
  type PopulationOptions,
  SANDBOX_HOSPITALS,
  type SandboxHospital,
  type SandboxPerson,
  type SandboxPopulation,
  type SandboxRight,
  thaiAgeText,
} from './population.js';
export { createRandom, type SeededRandom } from './random.js';
export { type AuthenStatusShape, SANDBOX_CLAIM_TYPES } from './responses.js';
export {
  assertCitizenEligible,
  CITIZEN_MIN_AGE,
  REPORT_MAX_SPAN_DAYS,
  type ReportFilter,
  toAuthenCodeFilter,
  validateReportWindow,
} from './rules.js';
export {
  type IssueCodeInput,
  SANDBOX_DEV_TOKEN,
  SANDBOX_PATHS,
  type Sandbox,
  type SandboxOptions,
  type StaffAssertion,
  type StaffAssertionVerifier,
  type StaffTokens,
  signedStaffAssertionVerifier,
  startSandbox,
} from './sandbox.js';
export {
  defaultSqliteDriver,
  type OpenSqliteOptions,
  openSqlite,
  type SqliteDatabase,
  type SqliteDriverName,
  type SqliteParams,
  type SqliteRunResult,
  type SqliteStatement,
  type SqliteTransactionOptions,
  type SqliteValue,
  sqliteDriverAvailable,
} from './sqlite.js';
export {
  type AuthenCodeKind,
  type CitizenRecord,
  type CodeStatus,
  type IssuedCode,
  type IssueResult,
  type NewCode,
  openStore,
  type SandboxStore,
  type StoreOptions,
  type TokenRecord,
} from './store.js';
