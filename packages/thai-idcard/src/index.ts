/**
 * `@authenkit/thai-idcard`: read Thai national ID cards (บัตรประจำตัวประชาชน) over PC/SC.
 * This entry is free of native code; PC/SC lives in `@authenkit/thai-idcard/pcsc`, the virtual card in
 * `@authenkit/thai-idcard/virtual`, APDU record/replay in `@authenkit/thai-idcard/replay`.
 *
 * @packageDocumentation
 */
export {
  type ApduTransport,
  type CommandApdu,
  type ExchangeOptions,
  encodeCommand,
  exchange,
  exchangeOk,
  formatSw,
  fromHex,
  getResponseCommand,
  parseCommand,
  parseResponse,
  RECEIVE_BUFFER_SIZE,
  type ResponseApdu,
  readBinaryCommand,
  STATUS_WORDS,
  selectCommand,
  statusError,
  statusText,
  toHex,
  withLe,
} from './apdu.js';
export {
  ADM_AID,
  CARD_PROFILES,
  type CardProfile,
  MOI_AID,
  MOI_LAYOUT,
  NHSO_AID,
  NHSO_LAYOUT,
  profileForAtr,
} from './card.js';
export { type CardDate, parseCardDate } from './dates.js';
export {
  type CanonicalCode,
  ERROR_CODE_ALIASES,
  ERROR_CODES,
  isThaiIdCardError,
  ThaiIdCardError,
  type ThaiIdCardErrorCode,
  type ThaiIdCardErrorDetails,
  type ThaiIdCardErrorJSON,
  thaiMessage,
} from './errors.js';
export { THAI_ID_CARD_JSON_SCHEMA, type ThaiIdCardJson, toThaiIdCardJson } from './json.js';
export {
  createReaderManager,
  type ReaderBackend,
  type ReaderBackendEvent,
  type ReaderInfo,
  type ReaderManager,
  type ReaderManagerEvents,
  type ReaderManagerOptions,
} from './manager.js';
export {
  ADDRESS_LABELS,
  ADM_INFO_LAYOUT,
  type AdmInfo,
  type CardFieldKind,
  CPLC_LAYOUT,
  type CplcInfo,
  MOI_FIELD_KINDS,
  type MoiData,
  NHSO_FIELD_KINDS,
  type NhsoData,
  type PersonName,
  parseAddress,
  parseAddressText,
  parseAdmInfo,
  parseCplc,
  parseIdentity,
  parseMoiData,
  parseMoiHeader,
  parseName,
  parseNhsoData,
  parsePhoto,
  type ThaiAddress,
  type ThaiIdHeader,
  type ThaiIdIdentity,
} from './parse.js';
export {
  moiReadPlan,
  type ReadEvent,
  type ReadOptions,
  readThaiIdCard,
  readThaiIdPhoto,
  streamThaiIdCard,
  type ThaiIdCardData,
} from './read.js';
export { decodeTis620, encodeTis620 } from './tis620.js';
export {
  acquireReaderLock,
  type PcscPlatform,
  raceSignal,
  scardCtlCode,
  type TransmitOptions,
  type Transport,
  withLock,
  wrapTransport,
} from './transport.js';
