/**
 * The one error contract of every AuthenKit package. Each package's root error class (`AuthenCodeError`,
 * `ThaiIdCardError`, `NhsoError`, `QrServiceError`, `SandboxError`) extends {@link AuthenKitError}, so an HIS
 * logs, serialises (Electron IPC, a worker, HTTP) and branches on failures the same way everywhere:
 *
 * - `code` (stable, listed in the package's `ERROR_CODES`), English `message`, Thai `messageTh` for every code;
 * - `details`: structured context; `toJSON()` carries `name`, `code`, `message`, `messageTh`, `details`;
 * - a static `fromJSON()` that restores an instance of the package's class (`instanceof` holds);
 * - a guard `isXError(value, code?)` that also narrows by code (made with {@link errorGuard}).
 *
 * Personal data: every 13-digit run (a citizen ID) in `message` and in `details` (deeply) is masked with
 * `maskCitizenId` when the error is made, unless the thrower passes `personalData: true` because
 * the caller opted in (e.g. `includePersonalData`).
 *
 * @module
 */

/**
 * Options of every AuthenKit error constructor.
 *
 * @example
 * ```ts
 * import type { AuthenKitErrorOptions } from '@authenkit/authen-code';
 * const o: AuthenKitErrorOptions = { details: { field: 'pid' } };
 * console.log(Object.keys(o)); // ['details']
 * ```
 */
export interface AuthenKitErrorOptions<D extends object = Record<string, unknown>> {
  /** The underlying error (kept as `cause`; never serialised by `toJSON()`). */
  cause?: unknown;
  /** Structured context; citizen IDs in it are masked unless `personalData` is true. */
  details?: D;
  /** The caller opted in to personal data: leave citizen IDs in `message` and `details` unmasked. */
  personalData?: boolean;
}

/**
 * The plain form of an AuthenKit error (`toJSON()`), safe to log or to send over IPC.
 *
 * @example
 * ```ts
 * import type { AuthenKitErrorJSON } from '@authenkit/authen-code';
 * const j: AuthenKitErrorJSON = { name: 'AuthenCodeError', code: 'INVALID_DATE', message: 'bad', messageTh: 'วันที่ไม่ถูกต้อง' };
 * console.log(j.code); // 'INVALID_DATE'
 * ```
 */
export interface AuthenKitErrorJSON<
  N extends string = string,
  C extends string = string,
  D extends object = Record<string, unknown>,
> {
  name: N;
  code: C;
  message: string;
  messageTh: string;
  details?: D;
}

/**
 * `1-1017-xxxxx-xx-0` from 13 ASCII digits (the one masking format; `maskCitizenId` uses it too).
 * @internal
 */
export function maskThirteenDigits(digits: string, m = 'x'): string {
  return `${digits[0]}-${digits.slice(1, 5)}-${m.repeat(5)}-${m.repeat(2)}-${digits[12]}`;
}

const maskCitizenId = (text: string) => maskThirteenDigits(text.replace(/-/g, ''));

const PID_RUN = /(?<!\d)\d{13}(?!\d)/g;
const DASHED_PID = /(?<!\d)\d-\d{4}-\d{5}-\d{2}-\d(?!\d)/g;

/**
 * Masks every citizen ID in `text` (13 digits in a row, or the dashed `1-2345-67890-12-3` form) as
 * `1-1017-xxxxx-xx-0`.
 *
 * @example
 * ```ts
 * import { maskCitizenIdsInText } from '@authenkit/authen-code';
 * console.log(maskCitizenIdsInText('no card for 1101700203450')); // 'no card for 1-1017-xxxxx-xx-0'
 * ```
 */
export function maskCitizenIdsInText(text: string): string {
  return text.replace(PID_RUN, (m) => maskCitizenId(m)).replace(DASHED_PID, (m) => maskCitizenId(m));
}

/**
 * Returns a copy of `value` with every citizen ID in its strings masked (deeply, through arrays and plain
 * objects; numbers of 13 digits become masked strings). Cycles and depth over 8 are cut to `'[…]'`.
 *
 * @example
 * ```ts
 * import { maskCitizenIdsDeep } from '@authenkit/authen-code';
 * console.log(maskCitizenIdsDeep({ pid: 1101700203450, note: ['x 1101700203450'] }));
 * // { pid: '1-1017-xxxxx-xx-0', note: ['x 1-1017-xxxxx-xx-0'] }
 * ```
 */
export function maskCitizenIdsDeep<T>(value: T): T {
  return maskDeep(value, 0, new WeakSet()) as T;
}

function maskDeep(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskCitizenIdsInText(value);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e12 && value < 1e13) {
    return maskCitizenId(String(value));
  }
  if (typeof value === 'bigint') return maskCitizenIdsInText(String(value));
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1, seen));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // typed arrays, dates, errors …: kept as they are (they are not text a log prints as an ID)
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1, seen);
  return out;
}

/**
 * The root of every AuthenKit error class. Not thrown itself: each package extends it with its own `name`,
 * its codes and its Thai messages.
 *
 * @example
 * ```ts
 * import { AuthenCodeError, AuthenKitError } from '@authenkit/authen-code';
 * const e = new AuthenCodeError('INVALID_DATE', 'month 13');
 * console.log(e instanceof AuthenKitError, e.messageTh); // true 'วันที่ไม่ถูกต้อง'
 * ```
 */
export abstract class AuthenKitError<
  C extends string = string,
  D extends object = Record<string, unknown>,
> extends Error {
  /** Stable machine-readable code (one of the package's `ERROR_CODES`). */
  readonly code: C;
  /** A short Thai explanation for staff (same meaning as `code`). */
  readonly messageTh: string;
  /** Structured context (citizen IDs masked unless the caller opted in). */
  readonly details: Readonly<D> | undefined;

  protected constructor(code: C, message: string, messageTh: string, options?: AuthenKitErrorOptions<D>) {
    const keep = options?.personalData === true;
    super(
      keep ? message : maskCitizenIdsInText(String(message)),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.messageTh = messageTh;
    this.details =
      options?.details === undefined
        ? undefined
        : keep
          ? options.details
          : maskCitizenIdsDeep(options.details);
  }

  /** A plain object safe to log or send over IPC (`cause` and the stack are left out). */
  toJSON(): AuthenKitErrorJSON<string, C, D> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      messageTh: this.messageTh,
      ...(this.details ? { details: { ...this.details } as D } : {}),
    };
  }
}

/**
 * Reads the `toJSON()` form of an error of one package back: checks the shape and that `code` is one of
 * `codes` (or a released old name listed in `aliases`, mapped to its new code), then calls `make`. Used by
 * each package's static `fromJSON()`.
 *
 * @returns the restored error, or `undefined` when `json` is not such a form.
 * @example
 * ```ts
 * import { AuthenCodeError, ERROR_CODES, restoreError } from '@authenkit/authen-code';
 * const e = restoreError({ code: 'INVALID_DATE', message: 'x' }, ERROR_CODES, (c, m, o) => new AuthenCodeError(c, m, o));
 * console.log(e?.code); // 'INVALID_DATE'
 * ```
 */
export function restoreError<C extends string, E>(
  json: unknown,
  codes: readonly C[],
  make: (code: C, message: string, options: AuthenKitErrorOptions) => E,
  aliases: Readonly<Record<string, C>> = {},
): E | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const raw = json as { code?: unknown; message?: unknown; details?: unknown };
  const { message, details } = raw;
  const code =
    typeof raw.code === 'string' && Object.hasOwn(aliases, raw.code) ? aliases[raw.code] : raw.code;
  if (typeof code !== 'string' || !(codes as readonly string[]).includes(code)) return undefined;
  const d =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as Record<string, unknown>)
      : undefined;
  // already masked by the side that serialised it (or opted in there): restore as it came
  return make(code as C, typeof message === 'string' ? message : String(message ?? ''), {
    ...(d ? { details: d } : {}),
    personalData: true,
  });
}

/**
 * Makes the `isXError(value, code?)` guard of a package: true for an instance of `cls`, or (across realms,
 * e.g. after structured clone) an object whose `name` is `name`; with `code`, also narrows by code. A
 * released old code name listed in `aliases` matches its new code (e.g. `{ NO_CARD: 'CARD_NOT_PRESENT' }`).
 *
 * @example
 * ```ts
 * import { AuthenCodeError, errorGuard } from '@authenkit/authen-code';
 * const isIt = errorGuard(AuthenCodeError, 'AuthenCodeError');
 * console.log(isIt(new AuthenCodeError('INVALID_DATE', 'x'), 'INVALID_DATE')); // true
 * ```
 */
export function errorGuard<E extends { code: string }>(
  // biome-ignore lint/suspicious/noExplicitAny: any constructor signature (protected ones included)
  cls: abstract new (...args: any[]) => E,
  name: string,
  aliases: Readonly<Record<string, E['code']>> = {},
): <K extends E['code']>(value: unknown, code?: K) => value is E & { code: K } {
  return <K extends E['code']>(value: unknown, code?: K): value is E & { code: K } => {
    const ok =
      value instanceof cls ||
      (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name);
    const want = code !== undefined && Object.hasOwn(aliases, code) ? aliases[code] : code;
    return ok && (want === undefined || (value as { code?: unknown }).code === want);
  };
}
