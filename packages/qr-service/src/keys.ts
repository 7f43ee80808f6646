import { fromHex, toHex } from '@authenkit/authen-code';
import { sha512 } from '@noble/hashes/sha2.js';
import { QrServiceError } from './errors.js';
import * as ed from './vendor/ed25519.js';

/**
 * An Ed25519 key as 32 raw bytes or as 64 hexadecimal characters.
 *
 * @example
 * ```ts
 * import type { QrKeyInput } from '@authenkit/qr-service';
 * const key: QrKeyInput = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
 * ```
 */
export type QrKeyInput = Uint8Array | string;

/**
 * An Ed25519 key pair for signing service QR payloads. `privateKey` is the 32-byte RFC 8032 seed.
 *
 * @example
 * ```ts
 * import { generateQrSigningKeyPair, type QrSigningKeyPair } from '@authenkit/qr-service';
 * const pair: QrSigningKeyPair = generateQrSigningKeyPair();
 * console.log(pair.publicKey.length); // 32
 * ```
 */
export interface QrSigningKeyPair {
  /** 32-byte Ed25519 private seed. Keep it secret (never log it). */
  readonly privateKey: Uint8Array;
  /** 32-byte Ed25519 public key, safe to publish to verifiers. */
  readonly publicKey: Uint8Array;
}

// @noble/ed25519's sync API takes its SHA-512 from `ed.hashes`. The copy imported here is qr-service's own:
// tsup bundles @noble/ed25519 into every dist file (it is a devDependency), so this assignment never reaches
// an app's @noble/ed25519. Set lazily, no import-time effect. (@noble/curves/ed25519 needs no such hook but
// costs 6.4 kB more gzipped than @noble/ed25519 + @noble/hashes: measured with scripts/size.mjs.)
function ready(): typeof ed {
  if (ed.hashes.sha512 !== sha512) ed.hashes.sha512 = sha512;
  return ed;
}

/** @internal */
export function toKeyBytes(key: QrKeyInput, what: 'private' | 'public'): Uint8Array {
  let bytes: Uint8Array;
  if (typeof key === 'string') {
    if (!/^[0-9a-fA-F]{64}$/.test(key))
      throw new QrServiceError('INVALID_KEY', `${what} key must be 32 bytes or 64 hexadecimal characters`);
    bytes = fromHex(key);
  } else if (key instanceof Uint8Array && key.length === 32) {
    bytes = key;
  } else {
    throw new QrServiceError('INVALID_KEY', `${what} key must be 32 bytes or 64 hexadecimal characters`);
  }
  return bytes;
}

// `toHex` (exported by this package since 0.1) is authen-code's one hex helper.
export { toHex };

/**
 * Generate a fresh Ed25519 key pair (uses `crypto.getRandomValues`, available in browsers and Node ≥ 20).
 *
 * @example
 * ```ts
 * import { generateQrSigningKeyPair, toHex } from '@authenkit/qr-service';
 * const { publicKey } = generateQrSigningKeyPair();
 * console.log(toHex(publicKey).length); // 64
 * ```
 */
export function generateQrSigningKeyPair(): QrSigningKeyPair {
  const privateKey = crypto.getRandomValues(new Uint8Array(32));
  return { privateKey, publicKey: ready().getPublicKey(privateKey) };
}

/**
 * The Ed25519 public key of a 32-byte private seed.
 *
 * @example
 * ```ts
 * import { getQrPublicKey, toHex } from '@authenkit/qr-service';
 * const pub = getQrPublicKey('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
 * console.log(toHex(pub)); // 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' (RFC 8032 test 1)
 * ```
 */
export function getQrPublicKey(privateKey: QrKeyInput): Uint8Array {
  return ready().getPublicKey(toKeyBytes(privateKey, 'private'));
}

/** @internal */
export function signBytes(message: Uint8Array, privateKey: QrKeyInput): Uint8Array {
  return ready().sign(message, toKeyBytes(privateKey, 'private'));
}

/** @internal */
export function verifyBytes(signature: Uint8Array, message: Uint8Array, publicKey: QrKeyInput): boolean {
  const pub = toKeyBytes(publicKey, 'public');
  try {
    return ready().verify(signature, message, pub, { zip215: false });
  } catch {
    return false;
  }
}
