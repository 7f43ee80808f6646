/**
 * Stable error codes of `@authenkit/authen-code`.
 *
 * | code | thrown when |
 * |---|---|
 * | `INVALID_CITIZEN_ID` | a citizen ID has the wrong length, a non-digit or a bad check digit |
 * | `INVALID_DATE` | a Buddhist-era date, ISO date or date-time cannot be parsed or is out of range |
 * | `INVALID_AUTHEN_CODE` | an Authen Code does not match a known shape |
 * | `INVALID_INSCL` | an insurance-right (inscl) string cannot be parsed |
 * | `UNKNOWN_CLAIM_TYPE` | a claim type (service) code is not in the catalogue |
 * | `INVALID_VISIT_REQUEST` | a visit request fails validation (see `details.issues`) |
 * | `INVALID_FILTER` | a report filter is invalid (see `details.issues`) |
 * | `ILLEGAL_TRANSITION` | an Authen Code lifecycle event is not allowed in the current status |
 * | `INVALID_ARGUMENT` | any other bad argument |
 *
 * @example
 * ```ts
 * import { AuthenCodeError } from '@authenkit/authen-code';
 * try { throw new AuthenCodeError('INVALID_CITIZEN_ID', 'checksum digit does not match') } catch (e) {
 *   if (e instanceof AuthenCodeError) console.log(e.code); // 'INVALID_CITIZEN_ID'
 * }
 * ```
 */
export type AuthenCodeErrorCode =
  | 'INVALID_CITIZEN_ID'
  | 'INVALID_DATE'
  | 'INVALID_AUTHEN_CODE'
  | 'INVALID_INSCL'
  | 'UNKNOWN_CLAIM_TYPE'
  | 'INVALID_VISIT_REQUEST'
  | 'INVALID_FILTER'
  | 'ILLEGAL_TRANSITION'
  | 'INVALID_ARGUMENT';

/**
 * The one error root of `@authenkit/authen-code`. Every error thrown by this package is an
 * `AuthenCodeError` with a stable {@link AuthenCodeErrorCode}. Messages never contain a full citizen ID.
 *
 * @example
 * ```ts
 * import { AuthenCodeError, isAuthenCodeError } from '@authenkit/authen-code';
 * const err = new AuthenCodeError('INVALID_DATE', 'month 13 is out of range');
 * console.log(isAuthenCodeError(err), err.code); // true 'INVALID_DATE'
 * ```
 */
export class AuthenCodeError extends Error {
  override readonly name = 'AuthenCodeError' as const;
  /** Stable machine-readable code. */
  readonly code: AuthenCodeErrorCode;
  /** Extra structured context (never personal data). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: AuthenCodeErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }

  /** A plain object safe to log or send over IPC. */
  toJSON(): {
    name: 'AuthenCodeError';
    code: AuthenCodeErrorCode;
    message: string;
    details?: Record<string, unknown>;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.details ? { details: { ...this.details } } : {}),
    };
  }
}

/**
 * True when `value` is an {@link AuthenCodeError}, also across realms (checks `name` as well as `instanceof`).
 *
 * @example
 * ```ts
 * import { isAuthenCodeError, validateCitizenId } from '@authenkit/authen-code';
 * console.log(isAuthenCodeError(new Error('x'))); // false
 * ```
 */
export function isAuthenCodeError(value: unknown): value is AuthenCodeError {
  return (
    value instanceof AuthenCodeError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AuthenCodeError')
  );
}
