// QR payload fuzz suite (issue 12). CI size by default; a bigger run with e.g. AUTHENKIT_FUZZ_RUNS=100000.
// Asserts only: the decoder returns or throws a QrServiceError whose code is one the decoder documents, the
// same input always gives the same code, nothing else is thrown, and no input takes long (no hang).
import {
  crc16CcittFalse,
  type DecodeServiceQrOptions,
  decodeServiceQr,
  encodeServiceQr,
  generateQrSigningKeyPair,
  isQrServiceError,
  QR_ALPHANUMERIC_CHARSET,
  QR_SERVICE_CODES,
  type QrServiceErrorCode,
  toServiceQrUrl,
  verifyServiceQr,
} from '@authenkit/qr-service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const RUNS = Math.max(1, Number(process.env.AUTHENKIT_FUZZ_RUNS) || 400);
const TIMEOUT = 60_000 + RUNS * 20;
/** One decode of at most 512 characters takes well under a millisecond; this only catches hangs. */
const SLOW_MS = 1_500;

const DECODER_CODES: readonly QrServiceErrorCode[] = [
  'MALFORMED_PAYLOAD',
  'BAD_CHECKSUM',
  'BAD_SIGNATURE',
  'SIGNATURE_REQUIRED',
  'EXPIRED',
  'NOT_YET_VALID',
  'UNKNOWN_VERSION',
  'UNKNOWN_SERVICE',
  'INVALID_KEY',
];

const keys = generateQrSigningKeyPair();
const other = generateQrSigningKeyPair();
const NOW = new Date('2031-03-01T00:00:00Z');

type Outcome = { ok: true; signature: string; raw: string } | { ok: false; code: QrServiceErrorCode };

function outcome(fn: () => { signature: string; raw: string }): Outcome {
  const t0 = performance.now();
  try {
    const r = fn();
    return { ok: true, signature: r.signature, raw: r.raw };
  } catch (e) {
    if (!isQrServiceError(e)) throw new Error(`foreign throw: ${String((e as Error)?.stack ?? e)}`);
    expect(DECODER_CODES).toContain(e.code);
    expect(e).toBeInstanceOf(Error);
    return { ok: false, code: e.code };
  } finally {
    expect(performance.now() - t0, 'one decode must not hang').toBeLessThan(SLOW_MS);
  }
}

/** Decodes twice: the outcome must be the same (stable codes). */
function stable(fn: () => { signature: string; raw: string }): Outcome {
  const a = outcome(fn);
  expect(outcome(fn)).toEqual(a);
  return a;
}

const withCrc = (body: string): string =>
  body + crc16CcittFalse(body).toString(16).toUpperCase().padStart(4, '0');

const options: fc.Arbitrary<DecodeServiceQrOptions> = fc.record(
  {
    publicKey: fc.constantFrom<DecodeServiceQrOptions['publicKey']>(
      keys.publicKey,
      [other.publicKey, keys.publicKey],
      other.publicKey,
      [],
      'not a key',
      new Uint8Array(31),
    ),
    requireSignature: fc.boolean(),
    allowUnknownService: fc.boolean(),
    now: fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
    urlParam: fc.constantFrom('p', 'q'),
    expectedUrlBase: fc.constantFrom('https://liff.line.me/', 'http://x'),
  },
  { requiredKeys: [] },
);

const fieldsArb = fc.record({
  hcode: fc.stringMatching(/^\d{5}$/),
  serviceCode: fc.constantFrom(...QR_SERVICE_CODES),
  unitName: fc.option(
    fc.string({ unit: fc.constantFrom(...'กขคงฤฦฯะาำเแโใไ่้๊๋ัิีึืุู฿๏๙๚๛ .ABCz19é€'), minLength: 1, maxLength: 20 }),
    { nil: undefined },
  ),
  keyId: fc.option(fc.stringMatching(/^[0-9A-Z]{1,8}$/), { nil: undefined }),
  validFrom: fc.option(fc.constant(new Date('2030-01-01T00:00:00Z')), { nil: undefined }),
  validUntil: fc.option(
    fc.date({ min: new Date('2031-06-01'), max: new Date('2099-01-01'), noInvalidDate: true }),
    { nil: undefined },
  ),
});

/** A valid payload (raw or URL form, signed or not) to mutate. */
const validPayload = fc.tuple(fieldsArb, fc.boolean(), fc.boolean()).map(([f, signed, url]) => {
  const raw = encodeServiceQr(f, signed ? { signingKey: keys.privateKey } : {});
  return { raw, signed, text: url ? toServiceQrUrl(raw, 'https://liff.line.me/1234-Ab') : raw };
});

const alphabet = `${QR_ALPHANUMERIC_CHARSET}az\n\r\t#&?=%ก\u0000\ufffd😀`;
const mutation = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('digits' as const), at: fc.nat(), d: fc.stringMatching(/^\d{1,4}$/) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(s: string, m: Mutation): string {
  const i = s.length === 0 ? 0 : m.at % s.length;
  switch (m.op) {
    case 'replace':
      return s.slice(0, i) + m.ch + s.slice(i + 1);
    case 'insert':
      return s.slice(0, i) + m.ch + s.slice(i);
    case 'delete':
      return s.slice(0, i) + s.slice(i + m.n);
    case 'swap': {
      const j = s.length === 0 ? 0 : m.to % s.length;
      const a = [...s];
      [a[i], a[j]] = [a[j]!, a[i]!];
      return a.join('');
    }
    case 'truncate':
      return s.slice(0, i);
    case 'repeat':
      return s.slice(0, i) + s.slice(i, i + m.n).repeat(2) + s.slice(i + m.n);
    case 'digits':
      return s.slice(0, i) + m.d + s.slice(i + m.d.length);
  }
}

describe(`QR payload fuzz (${RUNS} runs per property; AUTHENKIT_FUZZ_RUNS for more)`, () => {
  it(
    'random text of every kind: only QrServiceError with a decoder code, stable, no hang',
    () => {
      const alnum = fc.string({ unit: fc.constantFrom(...QR_ALPHANUMERIC_CHARSET), maxLength: 600 });
      const tlvish = fc
        .array(fc.tuple(fc.integer({ min: 0, max: 99 }), alnum), { maxLength: 10 })
        .map((fs) =>
          fs.map(([t, v]) => String(t).padStart(2, '0') + String(v.length % 100).padStart(2, '0') + v),
        )
        .map((fs) => withCrc(`0004AK01${fs.join('')}6304`));
      const text = fc.oneof(
        fc.string({ maxLength: 700 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        alnum,
        tlvish,
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        alnum.map((a) => `https://liff.line.me/x?p=${encodeURIComponent(a)}&p=${a}`),
      );
      fc.assert(
        fc.property(text, options, (s, o) => {
          stable(() => decodeServiceQr(s, o));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'mutated valid payloads (CRC kept broken or recomputed): typed errors only; a signature never passes altered',
    () => {
      fc.assert(
        fc.property(
          validPayload,
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          (p, ms, fix) => {
            let s = ms.reduce(mutate, p.text);
            if (fix && /^0004AK/.test(s) && s.length > 4) s = withCrc(s.slice(0, -4));
            const o = stable(() => decodeServiceQr(s, { publicKey: keys.publicKey, now: NOW }));
            if (o.ok) {
              // a verified result can only be the payload that was signed, byte for byte
              expect(o.signature).toBe('valid');
              expect(o.raw).toBe(p.raw);
            }
            stable(() => decodeServiceQr(s, { now: NOW, allowUnknownService: true }));
            // an empty key list is never a pass (issue 12)
            expect(outcome(() => verifyServiceQr(s, []))).toEqual({ ok: false, code: 'INVALID_KEY' });
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'valid payloads decode, and verify with their key only',
    () => {
      fc.assert(
        fc.property(validPayload, (p) => {
          const o = stable(() => decodeServiceQr(p.text, { now: NOW }));
          expect(o).toEqual({ ok: true, signature: p.signed ? 'unverified' : 'unsigned', raw: p.raw });
          expect(outcome(() => verifyServiceQr(p.text, keys.publicKey, { now: NOW }))).toEqual(
            p.signed
              ? { ok: true, signature: 'valid', raw: p.raw }
              : { ok: false, code: 'SIGNATURE_REQUIRED' },
          );
          if (p.signed)
            expect(outcome(() => verifyServiceQr(p.text, other.publicKey, { now: NOW }))).toEqual({
              ok: false,
              code: 'BAD_SIGNATURE',
            });
        }),
        { numRuns: Math.max(1, Math.floor(RUNS / 4)) },
      );
    },
    TIMEOUT,
  );
});
