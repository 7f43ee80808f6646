/**
 * Stable error codes of `@authenkit/nhso-sandbox`.
 *
 * @example
 * ```ts
 * import { SandboxError } from '@authenkit/nhso-sandbox';
 * const err = new SandboxError('PERSON_NOT_FOUND', 'no such person in the population');
 * console.log(err.code); // 'PERSON_NOT_FOUND'
 * ```
 */
export type SandboxErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_REQUEST'
  | 'PERSON_NOT_FOUND'
  | 'DUPLICATE_AUTHEN_CODE'
  | 'IDEMPOTENCY_MISMATCH'
  | 'CONSENT_REQUIRED'
  | 'NOT_REGISTERED'
  | 'ALREADY_REGISTERED'
  | 'CITIZEN_UNDER_15'
  | 'CITIZEN_RIGHT_NOT_UC'
  | 'INVALID_QR'
  | 'REPORT_WINDOW_TOO_LONG'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CODE_NOT_FOUND'
  | 'INVALID_STATUS_CHANGE'
  | 'CARD_NOT_PRESENT'
  | 'READER_NOT_FOUND'
  | 'UPSTREAM_ERROR'
  | 'STORAGE_ERROR';

/**
 * The one error root of `@authenkit/nhso-sandbox`. Messages never contain a full citizen ID, a name or a token.
 *
 * @example
 * ```ts
 * import { SandboxError, isSandboxError } from '@authenkit/nhso-sandbox';
 * const err = new SandboxError('DUPLICATE_AUTHEN_CODE', 'already issued today', { status: 409 });
 * console.log(isSandboxError(err), err.status, JSON.stringify(err));
 * ```
 */
export class SandboxError extends Error {
  override readonly name = 'SandboxError' as const;
  /** Stable machine-readable code. */
  readonly code: SandboxErrorCode;
  /** HTTP status the sandbox answers with for this error. */
  readonly status: number;
  /** Thai message for staff / citizens. */
  readonly messageTh: string | undefined;
  /** Extra structured context (never personal data). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: SandboxErrorCode,
    message: string,
    options?: { status?: number; messageTh?: string; cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status ?? 400;
    this.messageTh = options?.messageTh;
    this.details = options?.details;
  }

  /** A plain object safe to log or send over HTTP. */
  toJSON(): {
    name: 'SandboxError';
    code: SandboxErrorCode;
    status: number;
    message: string;
    messageTh?: string;
    details?: Record<string, unknown>;
  } {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      message: this.message,
      ...(this.messageTh ? { messageTh: this.messageTh } : {}),
      ...(this.details ? { details: { ...this.details } } : {}),
    };
  }
}

/**
 * True when `value` is a {@link SandboxError}, also across realms (checks `name` as well as `instanceof`).
 *
 * @example
 * ```ts
 * import { isSandboxError } from '@authenkit/nhso-sandbox';
 * console.log(isSandboxError(new Error('x'))); // false
 * ```
 */
export function isSandboxError(value: unknown): value is SandboxError {
  return (
    value instanceof SandboxError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'SandboxError')
  );
}
