export {
  isNhsoError,
  maskPids,
  NHSO_ERROR_CODES,
  NHSO_ERROR_MESSAGES_TH,
  NhsoError,
  type NhsoErrorCode,
  type NhsoErrorDetails,
} from './errors.js';
