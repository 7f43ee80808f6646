import { AuthenKitError } from '@authenkit/authen-code';
import {
  ERROR_CODE_ALIASES,
  ERROR_CODES,
  isSandboxError,
  REPORT_MAX_SPAN_DAYS,
  SandboxError,
  type SandboxErrorCode,
} from '@authenkit/nhso-sandbox';
import { describe, expect, it } from 'vitest';

const THAI = /[\u0E00-\u0E7F]/;

describe('SandboxError contract', () => {
  it('every code has a Thai message and an HTTP status, and extends AuthenKitError', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) {
      const e = new SandboxError(code, 'x');
      expect(e).toBeInstanceOf(AuthenKitError);
      expect(e.messageTh, code).toMatch(THAI);
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.status, code).toBeLessThan(600);
    }
    expect(new SandboxError('REPORT_WINDOW_TOO_LONG', 'x').messageTh).toContain(String(REPORT_MAX_SPAN_DAYS));
    expect(new SandboxError('FORBIDDEN', 'x', { status: 400 }).status).toBe(400);
  });

  it('fromJSON(toJSON(e)) round trips: instanceof, code, messageTh, status, details', () => {
    for (const code of ERROR_CODES) {
      const e = new SandboxError(code, `failed: ${code}`, { status: 499, details: { field: 'pid', n: 1 } });
      const json = JSON.parse(JSON.stringify(e));
      expect(json).toEqual(e.toJSON());
      expect(json).not.toHaveProperty('stack');
      const back = SandboxError.fromJSON(json);
      expect(back).toBeInstanceOf(SandboxError);
      expect([back.code, back.message, back.messageTh, back.status]).toEqual([
        code,
        e.message,
        e.messageTh,
        499,
      ]);
      expect(back.details).toEqual({ field: 'pid', n: 1 });
    }
    for (const bad of [null, 1, 'x', {}, { code: 'NOPE', message: 'x' }, { code: 42 }])
      expect(() => SandboxError.fromJSON(bad)).toThrow(
        expect.objectContaining({ name: 'SandboxError', code: 'INVALID_ARGUMENT' }),
      );
  });

  it('the guard narrows by code, also across realms; there are no aliases to accept', () => {
    const e: unknown = new SandboxError('DUPLICATE_AUTHEN_CODE', 'dup', { details: { claimCode: 'PP1' } });
    expect(isSandboxError(e)).toBe(true);
    expect(isSandboxError(e, 'DUPLICATE_AUTHEN_CODE')).toBe(true);
    expect(isSandboxError(e, 'CARD_NOT_PRESENT')).toBe(false);
    if (isSandboxError(e, 'DUPLICATE_AUTHEN_CODE')) {
      const c: 'DUPLICATE_AUTHEN_CODE' = e.code;
      expect(c).toBe('DUPLICATE_AUTHEN_CODE');
    }
    const cloned = structuredClone(new SandboxError('CARD_NOT_PRESENT', 'x').toJSON());
    expect(isSandboxError(cloned, 'CARD_NOT_PRESENT')).toBe(true);
    expect(isSandboxError(new Error('x'))).toBe(false);
    expect(Object.keys(ERROR_CODE_ALIASES)).toEqual([]);
  });

  it('a 13-digit citizen ID never survives into message or toJSON() unless opted in', () => {
    const pid = '8123456789014';
    const e = new SandboxError('PERSON_NOT_FOUND', `no person ${pid}`, {
      details: { pid, nested: [{ note: `pid=${pid}` }], asNumber: Number(pid) },
    });
    expect(e.message).not.toContain(pid);
    expect(JSON.stringify(e)).not.toMatch(/\d{13}/);
    expect(JSON.stringify(SandboxError.fromJSON(e.toJSON()))).not.toMatch(/\d{13}/);
    const opted = new SandboxError('PERSON_NOT_FOUND', `no person ${pid}`, {
      personalData: true,
      details: { pid },
    });
    expect(opted.message).toContain(pid);
    expect(opted.details?.pid).toBe(pid);
  });

  it('every code is documented in the ERROR_CODES table of the TSDoc', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8');
    for (const code of ERROR_CODES as readonly SandboxErrorCode[])
      expect(src, code).toContain(`| \`${code}\` |`);
  });
});
