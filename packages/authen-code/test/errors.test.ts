import { AuthenCodeError, isAuthenCodeError } from '@authenkit/authen-code';
import { describe, expect, it } from 'vitest';

describe('AuthenCodeError', () => {
  it('carries a stable code and serialises', () => {
    const e = new AuthenCodeError('INVALID_DATE', 'bad month');
    expect(isAuthenCodeError(e)).toBe(true);
    expect(e.toJSON()).toEqual({ name: 'AuthenCodeError', code: 'INVALID_DATE', message: 'bad month' });
    expect(isAuthenCodeError(new Error('x'))).toBe(false);
  });
});
