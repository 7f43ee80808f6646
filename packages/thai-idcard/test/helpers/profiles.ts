/** Card-profile helpers shared by the in-process and the pcscd tests of PIN 2 / signing. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toPem } from '@authenkit/thai-idcard/pki';

/** The two GET RESPONSE variants, by ATR (the card profile is chosen from it). */
export const GET_RESPONSE_VARIANTS = [
  { name: 'GET RESPONSE P2=00 (ATR 3B 79)', atr: '3b79960000544820' + '4e4944203138', p2: 0x00 },
  { name: 'GET RESPONSE P2=01 (ATR 3B 67)', atr: '3b6700005448204e4944', p2: 0x01 },
] as const;

/** `openssl cms -verify` of a detached DER CMS against `root`; throws when openssl refuses it. */
export function opensslVerify(p7s: Uint8Array, content: Uint8Array, root: Uint8Array, where: string) {
  writeFileSync(join(where, 'data.bin'), content);
  writeFileSync(join(where, 'sig.p7s'), p7s);
  writeFileSync(join(where, 'root.pem'), toPem([root]));
  execFileSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      join(where, 'sig.p7s'),
      '-content',
      join(where, 'data.bin'),
      '-CAfile',
      join(where, 'root.pem'),
      '-purpose',
      'any',
      '-out',
      join(where, 'out.bin'),
    ],
    { stdio: 'pipe' },
  );
}
