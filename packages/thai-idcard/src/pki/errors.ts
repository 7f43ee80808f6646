import { ThaiIdCardError, type ThaiIdCardErrorCode, type ThaiIdCardErrorDetails } from '../errors.js';

/**
 * Builds a {@link ThaiIdCardError}. Callers never pass PIN bytes, citizen IDs or names here.
 * @internal
 */
export function pkiError(
  code: ThaiIdCardErrorCode,
  message: string,
  options?: { cause?: unknown; details?: ThaiIdCardErrorDetails },
): ThaiIdCardError {
  return new ThaiIdCardError(code, message, options);
}
