// Compact synchronous SHA-512 (FIPS 180-4) for @noble/ed25519's sync API. BigInt arithmetic keeps the
// browser bundle small (it replaces ~3.6 kB gzipped of @noble/hashes); it only ever hashes a few hundred
// bytes per signature, so speed is irrelevant. Round constants and initial values are derived exactly
// as FIPS 180-4 defines them (first 64 bits of the fractional parts of cube / square roots of the first
// primes) by integer Newton iteration. Tested against node:crypto on random inputs and block boundaries.

const M64 = (1n << 64n) - 1n;

function iroot(n: bigint, k: bigint): bigint {
  // floor(n^(1/k)) by Newton's method from an over-estimate
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

let K: bigint[] | undefined;
let IV: bigint[] | undefined;
function constants(): [bigint[], bigint[]] {
  if (!K || !IV) {
    const primes: bigint[] = [];
    for (let n = 2n; primes.length < 80; n++) if (primes.every((p) => n % p !== 0n)) primes.push(n);
    K = primes.map((p) => iroot(p << 192n, 3n) & M64);
    IV = primes.slice(0, 8).map((p) => iroot(p << 128n, 2n) & M64);
  }
  return [K, IV];
}

const rotr = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & M64;

/** SHA-512 of `msg` (64-byte digest). */
export function sha512(msg: Uint8Array): Uint8Array<ArrayBuffer> {
  const [k, iv] = constants();
  const len = msg.length;
  const total = Math.ceil((len + 17) / 128) * 128;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[len] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(total - 8, Math.floor(len / 0x20000000)); // high bits of (len * 8)
  view.setUint32(total - 4, (len * 8) >>> 0);
  const h = iv.slice();
  const w: bigint[] = new Array(80);
  for (let off = 0; off < total; off += 128) {
    for (let t = 0; t < 16; t++) w[t] = view.getBigUint64(off + t * 8);
    for (let t = 16; t < 80; t++) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      const s0 = rotr(a, 1n) ^ rotr(a, 8n) ^ (a >> 7n);
      const s1 = rotr(b, 19n) ^ rotr(b, 61n) ^ (b >> 6n);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) & M64;
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const t1 =
        (hh + (rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)) + ((e & f) ^ (~e & M64 & g)) + k[t]! + w[t]!) &
        M64;
      const t2 = ((rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & M64;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) & M64;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) & M64;
    }
    const v = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + v[i]!) & M64;
  }
  const out = new Uint8Array(64);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setBigUint64(i * 8, h[i]!);
  return out;
}
