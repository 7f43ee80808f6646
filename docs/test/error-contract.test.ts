/**
 * The one error contract across packages (issue 11): every package's root error class extends
 * `AuthenKitError`, serialises the same way, restores with its own `fromJSON`, and one concept has one code
 * name everywhere. (Each package's own contract test checks its codes one by one.)
 */
import * as authenCode from '@authenkit/authen-code';
import * as nhsoClient from '@authenkit/nhso-client';
import * as sandbox from '@authenkit/nhso-sandbox';
import * as qr from '@authenkit/qr-service';
import * as card from '@authenkit/thai-idcard';
import { describe, expect, it } from 'vitest';

const { AuthenKitError } = authenCode;
const packages = [
  {
    name: 'AuthenCodeError',
    mod: authenCode,
    cls: authenCode.AuthenCodeError,
    is: authenCode.isAuthenCodeError,
  },
  { name: 'ThaiIdCardError', mod: card, cls: card.ThaiIdCardError, is: card.isThaiIdCardError },
  { name: 'NhsoError', mod: nhsoClient, cls: nhsoClient.NhsoError, is: nhsoClient.isNhsoError },
  { name: 'QrServiceError', mod: qr, cls: qr.QrServiceError, is: qr.isQrServiceError },
  { name: 'SandboxError', mod: sandbox, cls: sandbox.SandboxError, is: sandbox.isSandboxError },
] as const;

type AnyErrorClass = new (
  code: string,
  message: string,
  options?: object,
) => InstanceType<typeof AuthenKitError>;

describe.each(packages)('$name', ({ name, mod, cls, is }) => {
  const codes = (mod as { ERROR_CODES: readonly string[] }).ERROR_CODES;

  it('extends AuthenKitError, and toJSON/fromJSON round-trip every code with a Thai message', () => {
    for (const code of codes) {
      const e = new (cls as unknown as AnyErrorClass)(code, `x ${code} 1101700203450`);
      expect(e).toBeInstanceOf(AuthenKitError);
      expect(e.name).toBe(name);
      expect(e.messageTh, `${name} ${code}`).toMatch(/[\u0E00-\u0E7F]/);
      const json = JSON.parse(JSON.stringify(e));
      expect(Object.keys(json).sort()).toEqual(
        expect.arrayContaining(['code', 'message', 'messageTh', 'name']),
      );
      expect(JSON.stringify(json)).not.toContain('1101700203450');
      const back = (cls as unknown as { fromJSON(j: unknown): unknown }).fromJSON(json);
      expect(back).toBeInstanceOf(cls);
      expect(is(back)).toBe(true);
      expect((back as { code: string }).code).toBe(code);
    }
  });

  it('one concept, one code name: the canonical names are used, the released old ones are aliases only', () => {
    expect(codes).not.toContain('NO_CARD');
    expect(codes).not.toContain('DUPLICATE_AUTHEN');
    for (const old of Object.keys((mod as { ERROR_CODE_ALIASES?: object }).ERROR_CODE_ALIASES ?? {})) {
      expect(codes).not.toContain(old);
    }
  });
});

it('the packages that name a card not in the reader, or a duplicate Authen Code, use the same code', () => {
  const all = packages.map((p) => (p.mod as { ERROR_CODES: readonly string[] }).ERROR_CODES);
  const users = (code: string) => all.filter((codes) => codes.includes(code)).length;
  expect(users('CARD_NOT_PRESENT')).toBeGreaterThanOrEqual(3); // thai-idcard, nhso-client, sandbox
  expect(users('DUPLICATE_AUTHEN_CODE')).toBeGreaterThanOrEqual(2); // nhso-client, sandbox
});
