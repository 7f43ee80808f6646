import { AuthenCodeError } from './errors.js';
import { type DateInput, toEpochMs } from './thai-time.js';

/**
 * Kind of Authen Code by prefix: `PP` — issued by the Smart Card Agent / kiosk (`confirm-save`), `PP` +
 * 10 digits; `EP` — issued by the NHSO Endpoint close-claim (ปิดสิทธิ); `OP` — as listed in the ERM
 * report (e.g. `OP1000001444`).
 *
 * @example
 * ```ts
 * import { parseAuthenCode, type AuthenCodeKind } from '@authenkit/authen-code';
 * const k: AuthenCodeKind = parseAuthenCode('PP1238504971').kind; // 'PP'
 * ```
 */
export type AuthenCodeKind = 'PP' | 'EP' | 'OP';

/**
 * A parsed Authen Code.
 *
 * @example
 * ```ts
 * import { parseAuthenCode, type AuthenCode } from '@authenkit/authen-code';
 * const a: AuthenCode = parseAuthenCode(' pp1238504971 ');
 * console.log(a.code, a.kind, a.digits); // 'PP1238504971' 'PP' '1238504971'
 * ```
 */
export interface AuthenCode {
  /** Normalised code (trimmed, upper case). */
  readonly code: string;
  readonly kind: AuthenCodeKind;
  /** The digits after the prefix. */
  readonly digits: string;
}

/**
 * Shape of each kind: `PP` exactly 10 digits (documented); `EP` and `OP` 6–16 digits (only a few samples
 * are public, so the length is kept lenient).
 *
 * @example
 * ```ts
 * import { AUTHEN_CODE_PATTERNS } from '@authenkit/authen-code';
 * console.log(AUTHEN_CODE_PATTERNS.PP.test('PP1238504971')); // true
 * ```
 */
export const AUTHEN_CODE_PATTERNS: Readonly<Record<AuthenCodeKind, RegExp>> = Object.freeze({
  PP: /^PP\d{10}$/,
  EP: /^EP\d{6,16}$/,
  OP: /^OP\d{6,16}$/,
});

/**
 * Parses and validates an Authen Code (รหัสการเข้ารับการรักษา). Trims and upper-cases the input.
 *
 * @throws {@link AuthenCodeError} `INVALID_AUTHEN_CODE` with `details.reason` `'EMPTY' | 'PREFIX' | 'SHAPE'`
 * @example
 * ```ts
 * import { parseAuthenCode } from '@authenkit/authen-code';
 * console.log(parseAuthenCode('OP1000001444').kind); // 'OP'
 * ```
 */
export function parseAuthenCode(input: string): AuthenCode {
  const s = typeof input === 'string' ? input.trim().toUpperCase() : '';
  if (s === '')
    throw new AuthenCodeError('INVALID_AUTHEN_CODE', 'Authen Code is empty', {
      details: { reason: 'EMPTY' },
    });
  const prefix = s.slice(0, 2);
  if (prefix !== 'PP' && prefix !== 'EP' && prefix !== 'OP') {
    throw new AuthenCodeError('INVALID_AUTHEN_CODE', 'Authen Code must start with PP, EP or OP', {
      details: { reason: 'PREFIX' },
    });
  }
  if (!AUTHEN_CODE_PATTERNS[prefix].test(s)) {
    throw new AuthenCodeError(
      'INVALID_AUTHEN_CODE',
      prefix === 'PP'
        ? 'PP Authen Code must be PP followed by 10 digits'
        : `${prefix} Authen Code must be ${prefix} followed by 6–16 digits`,
      { details: { reason: 'SHAPE', kind: prefix, length: s.length } },
    );
  }
  return { code: s, kind: prefix, digits: s.slice(2) };
}

/**
 * True when `value` is a well-formed Authen Code (same rules as {@link parseAuthenCode}).
 *
 * @example
 * ```ts
 * import { isAuthenCode } from '@authenkit/authen-code';
 * console.log(isAuthenCode('PP1238504971'), isAuthenCode('PP123')); // true false
 * ```
 */
export function isAuthenCode(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const s = value.trim().toUpperCase();
  const p = s.slice(0, 2);
  return (p === 'PP' || p === 'EP' || p === 'OP') && AUTHEN_CODE_PATTERNS[p].test(s);
}

/**
 * Usage status of an Authen Code (สถานะการใช้งาน).
 *
 * @example
 * ```ts
 * import type { AuthenCodeStatus } from '@authenkit/authen-code';
 * const s: AuthenCodeStatus = 'issued';
 * ```
 */
export type AuthenCodeStatus = 'issued' | 'used' | 'cancelled';

/**
 * Thai and English labels of each {@link AuthenCodeStatus}. The NHSO report's own wording for the
 * status column is not public; these labels are this package's.
 *
 * @example
 * ```ts
 * import { AUTHEN_CODE_STATUSES } from '@authenkit/authen-code';
 * console.log(AUTHEN_CODE_STATUSES.cancelled.th); // 'ยกเลิก'
 * ```
 */
export const AUTHEN_CODE_STATUSES: Readonly<
  Record<AuthenCodeStatus, { readonly code: AuthenCodeStatus; readonly th: string; readonly en: string }>
> = Object.freeze({
  issued: Object.freeze({ code: 'issued', th: 'ออกรหัสแล้ว', en: 'Issued' }),
  used: Object.freeze({ code: 'used', th: 'ใช้งานแล้ว', en: 'Used' }),
  cancelled: Object.freeze({ code: 'cancelled', th: 'ยกเลิก', en: 'Cancelled' }),
});

/**
 * The lifecycle state of one Authen Code (immutable; transitions return a new object).
 *
 * @example
 * ```ts
 * import { issueAuthenCode, type AuthenCodeState } from '@authenkit/authen-code';
 * const s: AuthenCodeState = issueAuthenCode({ code: 'PP1238504971', at: '2023-08-04T15:32:17' });
 * console.log(s.status); // 'issued'
 * ```
 */
export type AuthenCodeState =
  | { readonly status: 'issued'; readonly code: string; readonly issuedAt: number }
  | { readonly status: 'used'; readonly code: string; readonly issuedAt: number; readonly usedAt: number }
  | {
      readonly status: 'cancelled';
      readonly code: string;
      readonly issuedAt: number;
      readonly cancelledAt: number;
      /** Why it was cancelled (เหตุผลการยกเลิก); free text, non-empty. */
      readonly reason: string;
      /** Who cancelled it (ชื่อผู้แก้ไข), if recorded. */
      readonly by?: string;
    };

/**
 * An event of the Authen Code lifecycle: `use` (the visit is claimed) or `cancel` (with a reason).
 *
 * @example
 * ```ts
 * import type { AuthenCodeEvent } from '@authenkit/authen-code';
 * const e: AuthenCodeEvent = { type: 'cancel', at: Date.now(), reason: 'ผู้ป่วยไม่มารับบริการ' };
 * ```
 */
export type AuthenCodeEvent =
  | { readonly type: 'use'; readonly at: DateInput }
  | { readonly type: 'cancel'; readonly at: DateInput; readonly reason: string; readonly by?: string };

/**
 * Starts the lifecycle of a freshly issued Authen Code.
 *
 * @throws {@link AuthenCodeError} `INVALID_AUTHEN_CODE` / `INVALID_DATE`
 * @example
 * ```ts
 * import { issueAuthenCode } from '@authenkit/authen-code';
 * const s = issueAuthenCode({ code: 'PP1238504971', at: new Date() });
 * ```
 */
export function issueAuthenCode(input: { code: string; at: DateInput }): AuthenCodeState {
  const { code } = parseAuthenCode(input.code);
  return Object.freeze({ status: 'issued', code, issuedAt: toEpochMs(input.at) });
}

/**
 * Which events each status accepts: only `issued` codes can be used or cancelled; `used` and
 * `cancelled` are final.
 *
 * @example
 * ```ts
 * import { canTransition } from '@authenkit/authen-code';
 * console.log(canTransition('issued', 'cancel'), canTransition('used', 'cancel')); // true false
 * ```
 */
export function canTransition(status: AuthenCodeStatus, event: AuthenCodeEvent['type']): boolean {
  return status === 'issued' && (event === 'use' || event === 'cancel');
}

/**
 * Applies a lifecycle event (pure state machine: issued → used | cancelled).
 *
 * @throws {@link AuthenCodeError} `ILLEGAL_TRANSITION` (with `details.from` / `details.event`) for an event
 *   the status does not accept; `INVALID_ARGUMENT` for a cancel without a reason or an event before issue
 * @example
 * ```ts
 * import { issueAuthenCode, transitionAuthenCode } from '@authenkit/authen-code';
 * const issued = issueAuthenCode({ code: 'PP1238504971', at: '2023-08-04T15:32:17' });
 * const used = transitionAuthenCode(issued, { type: 'use', at: '2023-08-04T16:00' });
 * console.log(used.status); // 'used'
 * ```
 */
export function transitionAuthenCode(state: AuthenCodeState, event: AuthenCodeEvent): AuthenCodeState {
  if (!canTransition(state.status, event.type)) {
    throw new AuthenCodeError(
      'ILLEGAL_TRANSITION',
      `cannot ${event.type} an Authen Code that is ${state.status}`,
      { details: { from: state.status, event: event.type } },
    );
  }
  const at = toEpochMs(event.at);
  if (at < state.issuedAt) {
    throw new AuthenCodeError('INVALID_ARGUMENT', `${event.type} time is before the issue time`);
  }
  if (event.type === 'use') {
    return Object.freeze({ status: 'used', code: state.code, issuedAt: state.issuedAt, usedAt: at });
  }
  const reason = typeof event.reason === 'string' ? event.reason.trim() : '';
  if (reason === '') throw new AuthenCodeError('INVALID_ARGUMENT', 'a cancel needs a reason (เหตุผลการยกเลิก)');
  return Object.freeze({
    status: 'cancelled',
    code: state.code,
    issuedAt: state.issuedAt,
    cancelledAt: at,
    reason,
    ...(event.by === undefined ? {} : { by: event.by }),
  });
}

/**
 * Shorthand for `transitionAuthenCode(state, { type: 'use', at })`.
 *
 * @throws {@link AuthenCodeError} `ILLEGAL_TRANSITION`
 * @example
 * ```ts
 * import { issueAuthenCode, markAuthenCodeUsed } from '@authenkit/authen-code';
 * const s = markAuthenCodeUsed(issueAuthenCode({ code: 'PP1238504971', at: 0 }), 1000);
 * ```
 */
export function markAuthenCodeUsed(state: AuthenCodeState, at: DateInput): AuthenCodeState {
  return transitionAuthenCode(state, { type: 'use', at });
}

/**
 * Shorthand for `transitionAuthenCode(state, { type: 'cancel', at, reason, by })`.
 *
 * @throws {@link AuthenCodeError} `ILLEGAL_TRANSITION` / `INVALID_ARGUMENT`
 * @example
 * ```ts
 * import { cancelAuthenCode, issueAuthenCode } from '@authenkit/authen-code';
 * const s = cancelAuthenCode(issueAuthenCode({ code: 'PP1238504971', at: 0 }), { at: 1000, reason: 'ออกรหัสซ้ำ' });
 * console.log(s.status); // 'cancelled'
 * ```
 */
export function cancelAuthenCode(
  state: AuthenCodeState,
  cancel: { at: DateInput; reason: string; by?: string },
): AuthenCodeState {
  return transitionAuthenCode(state, { type: 'cancel', ...cancel });
}
