/**
 * The Thai ADM-applet PIN answer, as publicly reverse-engineered (Advanced-Logic
 * `AndroidThaiNationalIDCard`, `ThaiSmartCard.verifyPinCode`, marked experimental by its author):
 *
 * 1. `expanded` = PIN ASCII bytes followed by `FF` up to 32 bytes;
 * 2. `h` = SHA-1(expanded) (20 bytes);
 * 3. `key` = `00 01 02 … 1F`, with h[4i..4i+3] written at key[7i..7i+3] for i = 0..4;
 * 4. for i in 0, 8, 16: `x` = 3DES-CBC(IV 0, K1 = key[i..i+7], K2 = key[i+8..i+15], K3 = K1)(x),
 *    starting from the 32-byte card challenge;
 * 5. the final `x` is the VERIFY data.
 *
 * Not verified against a production card by this project.
 * @internal
 */
import { tripleDesCbcEncrypt } from './des.js';
import type { SecretPin } from './pin.js';

/** Steps 1–3: the 32-byte key template derived from the PIN. @internal */
export async function admDeriveKey(
  pin: SecretPin,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<Uint8Array> {
  const expanded = new Uint8Array(32).fill(0xff);
  pin.use((b) => expanded.set(b.subarray(0, 32)));
  let h: Uint8Array;
  try {
    h = new Uint8Array(await subtle.digest('SHA-1', expanded));
  } finally {
    expanded.fill(0);
  }
  const key = new Uint8Array(32);
  for (let i = 0; i < 32; i++) key[i] = i;
  for (let i = 0; i < 5; i++) key.set(h.subarray(i * 4, i * 4 + 4), i * 7);
  h.fill(0);
  return key;
}

/** Step 4: three 2-key 3DES-CBC passes over the challenge. @internal */
export function admAnswerWithKey(key: Uint8Array, challenge: Uint8Array): Uint8Array {
  if (challenge.length !== 32 || key.length !== 32)
    throw new RangeError('ADM challenge and key must be 32 bytes');
  let x: Uint8Array = Uint8Array.from(challenge);
  const iv = new Uint8Array(8);
  const k = new Uint8Array(24);
  for (let i = 0; i <= 16; i += 8) {
    k.set(key.subarray(i, i + 8), 0);
    k.set(key.subarray(i + 8, i + 16), 8);
    k.set(key.subarray(i, i + 8), 16);
    const next = tripleDesCbcEncrypt(k, iv, x);
    x.fill(0);
    x = next;
  }
  k.fill(0);
  return x;
}

/** The whole answer for one challenge. @internal */
export async function admPinAnswer(
  pin: SecretPin,
  challenge: Uint8Array,
  subtle?: SubtleCrypto,
): Promise<Uint8Array> {
  const key = await admDeriveKey(pin, subtle);
  try {
    return admAnswerWithKey(key, challenge);
  } finally {
    key.fill(0);
  }
}
