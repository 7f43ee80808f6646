/**
 * Synchronous private-key operations for the VIRTUAL card only (its applets answer APDUs
 * synchronously): raw RSA with CRT, EMSA-PKCS1-v1_5 / EMSA-PSS encoding, ECDSA P-256 on a digest,
 * (SHA-256 from node:crypto). Test-grade code: not constant-time, never used with real keys; it lives with the
 * virtual card (`/virtual`) and is never part of the production `/pki` entry.
 * @internal
 */
import { createHash } from 'node:crypto';
import { fromBase64 } from '../pki/bytes.js';

/** SHA-256, synchronous (the applets answer APDUs synchronously). */
function sha256(msg: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(msg).digest());
}

/** @internal */
export function bytesToBigInt(b: Uint8Array): bigint {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
}

/** @internal */
function bigIntToBytes(x: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let r = 1n;
  base = mod(base, m);
  while (exp > 0n) {
    if (exp & 1n) r = (r * base) % m;
    base = (base * base) % m;
    exp >>= 1n;
  }
  return r;
}

function modInv(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  globalThis.crypto.getRandomValues(b);
  return b;
}

// ───────────── RSA ─────────────
/** @internal */
export interface RsaPrivate {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
  k: number;
}

/** @internal */
export function rsaFromJwk(jwk: JsonWebKey): RsaPrivate {
  const b = (v: string | undefined) => bytesToBigInt(fromBase64(v ?? ''));
  const n = b(jwk.n);
  return {
    n,
    e: b(jwk.e),
    d: b(jwk.d),
    p: b(jwk.p),
    q: b(jwk.q),
    dp: b(jwk.dp),
    dq: b(jwk.dq),
    qi: b(jwk.qi),
    k: Math.ceil(n.toString(16).length / 2),
  };
}

function rsaPrivateOp(key: RsaPrivate, em: Uint8Array): Uint8Array {
  const m = bytesToBigInt(em);
  const m1 = modPow(m, key.dp, key.p);
  const m2 = modPow(m, key.dq, key.q);
  const h = mod(key.qi * (m1 - m2), key.p);
  return bigIntToBytes(m2 + h * key.q, key.k);
}

/** EMSA-PKCS1-v1_5 with `t` = DigestInfo (or any ≤ k−11 bytes) + RSA. Null when too long. @internal */
export function rsaPkcs1Sign(key: RsaPrivate, t: Uint8Array): Uint8Array | null {
  if (t.length > key.k - 11) return null;
  const em = new Uint8Array(key.k).fill(0xff);
  em[0] = 0;
  em[1] = 1;
  em[key.k - t.length - 1] = 0;
  em.set(t, key.k - t.length);
  return rsaPrivateOp(key, em);
}

function mgf1(seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let c = 0, o = 0; o < len; c++, o += 32) {
    const block = new Uint8Array(seed.length + 4);
    block.set(seed);
    new DataView(block.buffer).setUint32(seed.length, c);
    out.set(sha256(block).subarray(0, Math.min(32, len - o)), o);
  }
  return out;
}

/** EMSA-PSS (SHA-256, MGF1-SHA-256, salt 32) over a SHA-256 digest + RSA. @internal */
export function rsaPssSign(key: RsaPrivate, mHash: Uint8Array): Uint8Array | null {
  if (mHash.length !== 32) return null;
  const modBits = key.n.toString(2).length;
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(32);
  const mPrime = new Uint8Array(8 + 32 + 32);
  mPrime.set(mHash, 8);
  mPrime.set(salt, 40);
  const H = sha256(mPrime);
  const db = new Uint8Array(emLen - 33);
  db[db.length - 33] = 0x01;
  db.set(salt, db.length - 32);
  const mask = mgf1(H, db.length);
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >> (8 * emLen - emBits);
  const em = new Uint8Array(emLen);
  em.set(db);
  em.set(H, db.length);
  em[emLen - 1] = 0xbc;
  const full = new Uint8Array(key.k);
  full.set(em, key.k - emLen);
  return rsaPrivateOp(key, full);
}

// ───────────── ECDSA P-256 ─────────────
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;
type Jac = [bigint, bigint, bigint];

function jDouble([x, y, z]: Jac): Jac {
  if (y === 0n || z === 0n) return [0n, 1n, 0n];
  const yy = mod(y * y, P);
  const s = mod(4n * x * yy, P);
  const zz = mod(z * z, P);
  const m = mod(3n * (x - zz) * (x + zz), P); // a = −3
  const x3 = mod(m * m - 2n * s, P);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, P);
  return [x3, y3, mod(2n * y * z, P)];
}

function jAdd(a: Jac, b: Jac): Jac {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = mod(a[2] * a[2], P);
  const z2z2 = mod(b[2] * b[2], P);
  const u1 = mod(a[0] * z2z2, P);
  const u2 = mod(b[0] * z1z1, P);
  const s1 = mod(a[1] * b[2] * z2z2, P);
  const s2 = mod(b[1] * a[2] * z1z1, P);
  if (u1 === u2) return s1 === s2 ? jDouble(a) : [0n, 1n, 0n];
  const h = mod(u2 - u1, P);
  const r = mod(s2 - s1, P);
  const hh = mod(h * h, P);
  const hhh = mod(h * hh, P);
  const v = mod(u1 * hh, P);
  const x3 = mod(r * r - hhh - 2n * v, P);
  const y3 = mod(r * (v - x3) - s1 * hhh, P);
  return [x3, y3, mod(a[2] * b[2] * h, P)];
}

function mulG(k: bigint): bigint {
  let r: Jac = [0n, 1n, 0n];
  let q: Jac = [GX, GY, 1n];
  while (k > 0n) {
    if (k & 1n) r = jAdd(r, q);
    q = jDouble(q);
    k >>= 1n;
  }
  const zi = modInv(r[2], P);
  return mod(r[0] * zi * zi, P);
}

/** ECDSA P-256 over a digest (leftmost 256 bits used); returns raw r ‖ s (64 bytes). @internal */
export function ecdsaP256Sign(d: bigint, digest: Uint8Array): Uint8Array {
  const e = bytesToBigInt(digest.subarray(0, 32));
  for (;;) {
    const k = mod(bytesToBigInt(randomBytes(40)), N - 1n) + 1n;
    const r = mod(mulG(k), N);
    if (r === 0n) continue;
    const s = mod(modInv(k, N) * (e + r * d), N);
    if (s === 0n) continue;
    const out = new Uint8Array(64);
    out.set(bigIntToBytes(r, 32));
    out.set(bigIntToBytes(s, 32), 32);
    return out;
  }
}
