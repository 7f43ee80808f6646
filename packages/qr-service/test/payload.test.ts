import {
  base45Encode,
  crc16CcittFalse,
  type DecodedServiceQr,
  decodeServiceQr,
  encodeServiceQr,
  generateQrSigningKeyPair,
  getQrPublicKey,
  isQrServiceError,
  QR_ALPHANUMERIC_CHARSET,
  QR_SERVICE_CODES,
  type QrServiceErrorCode,
  qrMatrix,
  toHex,
  verifyServiceQr,
} from '@authenkit/qr-service';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RFC8032_PUBLIC, RFC8032_SECRET } from './helpers.js';

const withCrc = (body: string): string =>
  body + crc16CcittFalse(body).toString(16).toUpperCase().padStart(4, '0');

function codeOf(fn: () => unknown): QrServiceErrorCode | 'NO_ERROR' | 'FOREIGN_ERROR' {
  try {
    fn();
    return 'NO_ERROR';
  } catch (e) {
    return isQrServiceError(e) ? e.code : 'FOREIGN_ERROR';
  }
}

// Test vectors published in docs/guides/qr-payload-spec.md.
const VECTORS = {
  minimal: '0004AK010105109980209PG00900016304AFAA',
  validity: '0004AK010105109980209PG001006503101767200400041017987363996304C8B9',
  signed:
    '0004AK010105109980209PG00900010518TPXOW+5INQO0QMJTW30602K162967FPW4C6XGF.BNRSEHLYDQIUBGD5/EJXIVKPD:3B+1067SXKSEEW-SC+A9HDFGZ4ZQJE7D8-NFNBGUM1VCH-TEYG3UN9KCMHN6304C472',
  url: 'https://liff.line.me/1234567890-AbCdEfGh?p=0004AK010105109980203OPD63048558',
  utf8Name: '0004AK010105109980203OPD0516UPN8ZEDOED374HNG6304E55F',
};

describe('encodeServiceQr: spec test vectors', () => {
  it('reproduces every vector of the spec', () => {
    expect(encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' })).toBe(VECTORS.minimal);
    expect(
      encodeServiceQr({
        hcode: '10998',
        serviceCode: 'PG0010065',
        validFrom: new Date('2026-01-01T00:00:00+07:00'),
        validUntil: new Date('2026-12-31T23:59:59+07:00'),
      }),
    ).toBe(VECTORS.validity);
    expect(
      encodeServiceQr(
        { hcode: '10998', serviceCode: 'PG0090001', unitName: 'รพ.ตัวอย่าง', keyId: 'K1' },
        { signingKey: RFC8032_SECRET },
      ),
    ).toBe(VECTORS.signed);
    expect(
      encodeServiceQr(
        { hcode: '10998', serviceCode: 'OPD' },
        { form: 'url', urlBase: 'https://liff.line.me/1234567890-AbCdEfGh' },
      ),
    ).toBe(VECTORS.url);
    expect(encodeServiceQr({ hcode: '10998', serviceCode: 'OPD', unitName: 'Clinic €' })).toBe(
      VECTORS.utf8Name,
    );
  });

  it('decodes every vector back to its fields', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(decodeServiceQr(VECTORS.minimal)).toMatchObject({
      hcode: '10998',
      serviceCode: 'PG0090001',
      version: 1,
    });
    const v = decodeServiceQr(VECTORS.validity, { now });
    expect(v.validFrom?.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(v.validUntil?.toISOString()).toBe('2026-12-31T16:59:59.000Z');
    const s = verifyServiceQr(VECTORS.signed, RFC8032_PUBLIC);
    expect(s).toMatchObject({ unitName: 'รพ.ตัวอย่าง', keyId: 'K1', signature: 'valid' });
    expect(decodeServiceQr(VECTORS.url)).toMatchObject({
      serviceCode: 'OPD',
      raw: VECTORS.url.split('=')[1],
    });
    expect(decodeServiceQr(VECTORS.utf8Name).unitName).toBe('Clinic €');
  });

  it('the RFC 8032 key pair is what the vectors use', () => {
    expect(toHex(getQrPublicKey(RFC8032_SECRET))).toBe(RFC8032_PUBLIC);
  });
});

describe('round trip for every QR service', () => {
  const keys = generateQrSigningKeyPair();
  for (const serviceCode of QR_SERVICE_CODES) {
    it(`${serviceCode}: raw payload is pure QR alphanumeric and round-trips signed`, () => {
      const raw = encodeServiceQr(
        { hcode: '10998', serviceCode, unitName: 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านหนองบัว' },
        { signingKey: keys.privateKey },
      );
      expect([...raw].every((c) => QR_ALPHANUMERIC_CHARSET.includes(c))).toBe(true);
      expect(qrMatrix(raw).modes.every((m) => m === 'Alphanumeric' || m === 'Numeric')).toBe(true);
      const d: DecodedServiceQr = verifyServiceQr(raw, keys.publicKey);
      expect(d).toMatchObject({ hcode: '10998', serviceCode, signature: 'valid', version: 1 });
      expect(d.service?.code).toBe(serviceCode);
      expect(d.service?.nameTh).toMatch(/[\u0E00-\u0E7F]|Fee/);
    });
  }
});

describe('decodeServiceQr: typed errors', () => {
  const keys = generateQrSigningKeyPair();
  const other = generateQrSigningKeyPair();
  const signed = encodeServiceQr(
    { hcode: '10998', serviceCode: 'PG0090001' },
    { signingKey: keys.privateKey },
  );

  it('BAD_CHECKSUM when a character changes', () => {
    expect(codeOf(() => decodeServiceQr(VECTORS.minimal.replace('10998', '10999')))).toBe('BAD_CHECKSUM');
  });
  it('BAD_SIGNATURE for a forged poster (CRC recomputed) and for the wrong key', () => {
    expect(codeOf(() => verifyServiceQr(signed, other.publicKey))).toBe('BAD_SIGNATURE');
    // forge: change the hcode and fix the CRC, as an attacker would
    const body = signed.slice(0, -4).replace('0105109980', '0105109990');
    const forged = body + crc16CcittFalse(body).toString(16).toUpperCase().padStart(4, '0');
    expect(codeOf(() => decodeServiceQr(forged))).toBe('NO_ERROR'); // CRC alone cannot tell
    expect(codeOf(() => verifyServiceQr(forged, keys.publicKey))).toBe('BAD_SIGNATURE');
  });
  it('SIGNATURE_REQUIRED for unsigned payloads when a key or requireSignature is given', () => {
    expect(codeOf(() => verifyServiceQr(VECTORS.minimal, keys.publicKey))).toBe('SIGNATURE_REQUIRED');
    expect(codeOf(() => decodeServiceQr(VECTORS.minimal, { requireSignature: true }))).toBe(
      'SIGNATURE_REQUIRED',
    );
  });
  it('a unit name (scheme T) with a byte outside TIS-620 proper is MALFORMED_PAYLOAD, Thai names round-trip', () => {
    const thai = 'โรงพยาบาลตัวอย่าง ฿๏๚๛';
    expect(
      decodeServiceQr(encodeServiceQr({ hcode: '10998', serviceCode: 'OPD', unitName: thai })).unitName,
    ).toBe(thai);
    for (const bad of [0x80, 0xa0, 0xdb, 0xff]) {
      const body = `0004AK010105109980203OPD0503T${base45Encode(Uint8Array.of(bad))}6304`;
      expect(
        codeOf(() => decodeServiceQr(withCrc(body))),
        bad.toString(16),
      ).toBe('MALFORMED_PAYLOAD');
    }
    const ok = `0004AK010105109980203OPD0503T${base45Encode(Uint8Array.of(0xa1))}6304`;
    expect(decodeServiceQr(withCrc(ok)).unitName).toBe('ก');
  });
  it('an empty key list is INVALID_KEY, never a pass (issue 12: a forged signed payload was "unverified")', () => {
    const body = signed.slice(0, -4).replace('0105109980', '0105109990');
    const forged = body + crc16CcittFalse(body).toString(16).toUpperCase().padStart(4, '0');
    for (const payload of [forged, signed, VECTORS.minimal]) {
      expect(codeOf(() => verifyServiceQr(payload, []))).toBe('INVALID_KEY');
      expect(codeOf(() => decodeServiceQr(payload, { publicKey: [] }))).toBe('INVALID_KEY');
      expect(codeOf(() => decodeServiceQr(payload, { publicKey: [], requireSignature: true }))).toBe(
        'INVALID_KEY',
      );
      // a JS caller that passes no key at all to verifyServiceQr
      expect(codeOf(() => verifyServiceQr(payload, undefined as unknown as string))).toBe('INVALID_KEY');
    }
    // a bad key in a list is INVALID_KEY whatever the payload
    expect(codeOf(() => decodeServiceQr(VECTORS.minimal, { publicKey: [keys.publicKey, 'zz'] }))).toBe(
      'INVALID_KEY',
    );
  });
  it('accepts any of several keys (rotation) and reports unverified without a key', () => {
    expect(verifyServiceQr(signed, [other.publicKey, keys.publicKey]).signature).toBe('valid');
    expect(decodeServiceQr(signed).signature).toBe('unverified');
  });
  it('EXPIRED / NOT_YET_VALID follow the injected clock (inclusive bounds)', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-01-31T00:00:00Z');
    const raw = encodeServiceQr({ hcode: '10998', serviceCode: 'OPD', validFrom: from, validUntil: until });
    expect(codeOf(() => decodeServiceQr(raw, { now: new Date('2025-12-31T23:59:59Z') }))).toBe(
      'NOT_YET_VALID',
    );
    expect(codeOf(() => decodeServiceQr(raw, { now: from }))).toBe('NO_ERROR');
    expect(codeOf(() => decodeServiceQr(raw, { now: until }))).toBe('NO_ERROR');
    expect(codeOf(() => decodeServiceQr(raw, { now: new Date('2026-01-31T00:00:01Z') }))).toBe('EXPIRED');
  });
  it('UNKNOWN_VERSION for a future AuthenKit version', () => {
    expect(codeOf(() => decodeServiceQr('0004AK020105109986304ABCD'))).toBe('UNKNOWN_VERSION');
  });
  it('UNKNOWN_SERVICE unless allowed', () => {
    expect(codeOf(() => encodeServiceQr({ hcode: '10998', serviceCode: 'PG9999999' }))).toBe(
      'UNKNOWN_SERVICE',
    );
    const raw = encodeServiceQr({ hcode: '10998', serviceCode: 'PG9999999' }, { allowUnknownService: true });
    expect(codeOf(() => decodeServiceQr(raw))).toBe('UNKNOWN_SERVICE');
    expect(decodeServiceQr(raw, { allowUnknownService: true }).service).toBeUndefined();
  });
  it('MALFORMED_PAYLOAD for foreign QR codes, lower case, and non-canonical fields', () => {
    for (const bad of ['', 'hello', 'HTTPS://EXAMPLE.COM', '000201010211', VECTORS.minimal.toLowerCase()])
      expect(codeOf(() => decodeServiceQr(bad))).toBe('MALFORMED_PAYLOAD');
    expect(codeOf(() => decodeServiceQr('https://x.example/?q=1'))).toBe('MALFORMED_PAYLOAD');
    expect(
      codeOf(() => decodeServiceQr(VECTORS.url, { expectedUrlBase: 'https://liff.line.me/OTHER' })),
    ).toBe('MALFORMED_PAYLOAD');
  });
  it('INVALID_ARGUMENT / INVALID_KEY on bad encoder input', () => {
    expect(codeOf(() => encodeServiceQr({ hcode: '1099', serviceCode: 'OPD' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => encodeServiceQr({ hcode: '10998', serviceCode: 'opd' }))).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() => encodeServiceQr({ hcode: '10998', serviceCode: 'OPD', unitName: 'ก'.repeat(65) })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        encodeServiceQr({
          hcode: '10998',
          serviceCode: 'OPD',
          validFrom: new Date('2026-02-01'),
          validUntil: new Date('2026-01-01'),
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => encodeServiceQr({ hcode: '10998', serviceCode: 'OPD' }, { signingKey: 'abc' }))).toBe(
      'INVALID_KEY',
    );
    expect(codeOf(() => encodeServiceQr({ hcode: '10998', serviceCode: 'OPD' }, { form: 'url' }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
  it('never puts the unit name or key material in error messages', () => {
    const raw = encodeServiceQr(
      { hcode: '10998', serviceCode: 'OPD', unitName: 'คลินิกลับ' },
      { signingKey: keys.privateKey },
    );
    try {
      verifyServiceQr(raw, other.publicKey);
    } catch (e) {
      const text = JSON.stringify(e) + String(e);
      expect(text).not.toContain('คลินิกลับ');
      expect(text).not.toContain(toHex(keys.privateKey));
      expect(text).not.toContain(toHex(other.publicKey));
    }
  });
});

describe('fast-check', () => {
  const keys = generateQrSigningKeyPair();
  const allowed = ['QrServiceError'];

  it('random strings never crash the decoder (only QrServiceError)', () => {
    const alnum = fc.string({ unit: fc.constantFrom(...QR_ALPHANUMERIC_CHARSET), maxLength: 300 });
    const tlvish = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 99 }), alnum), { maxLength: 8 })
      .map((fields) =>
        fields.map(([t, v]) => String(t).padStart(2, '0') + String(v.length).padStart(2, '0') + v).join(''),
      )
      .map((s) => `0004AK01${s}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), alnum, tlvish, fc.webUrl()), (s) => {
        try {
          decodeServiceQr(s, { publicKey: keys.publicKey });
        } catch (e) {
          expect(allowed).toContain((e as Error).name);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('random payloads with a valid CRC but junk fields never crash the decoder', () => {
    const alnum = fc.string({ unit: fc.constantFrom(...QR_ALPHANUMERIC_CHARSET), maxLength: 200 });
    fc.assert(
      fc.property(alnum, (s) => {
        const body = `0004AK01${s}6304`;
        const raw = body + crc16CcittFalse(body).toString(16).toUpperCase().padStart(4, '0');
        try {
          decodeServiceQr(raw, { allowUnknownService: true });
        } catch (e) {
          expect(allowed).toContain((e as Error).name);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every single-character alteration of a valid signed payload is rejected', () => {
    const fields = fc.record({
      hcode: fc.stringMatching(/^\d{5}$/),
      serviceCode: fc.constantFrom(...QR_SERVICE_CODES),
      unitName: fc.option(
        fc.string({ unit: fc.constantFrom(...'กขคงจฉชซ่้๊๋ัิีึืุู ะาำเแโใไ.ABC123'), minLength: 1, maxLength: 30 }),
        {
          nil: undefined,
        },
      ),
      keyId: fc.option(fc.stringMatching(/^[0-9A-Z]{1,8}$/), { nil: undefined }),
      validUntil: fc.option(
        fc.date({ min: new Date('2027-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }),
        {
          nil: undefined,
        },
      ),
    });
    const alphabet = `${QR_ALPHANUMERIC_CHARSET}abcz\n#&ก`;
    fc.assert(
      fc.property(fields, fc.nat(), fc.nat(), (f, pos, pick) => {
        const raw = encodeServiceQr(f, { signingKey: keys.privateKey });
        const now = new Date('2026-06-01');
        expect(verifyServiceQr(raw, keys.publicKey, { now }).signature).toBe('valid');
        const i = pos % raw.length;
        let ch = alphabet[pick % alphabet.length]!;
        if (ch === raw[i]) ch = alphabet[(pick + 1) % alphabet.length]!;
        const altered = raw.slice(0, i) + ch + raw.slice(i + 1);
        expect(codeOf(() => verifyServiceQr(altered, keys.publicKey, { now }))).not.toBe('NO_ERROR');
        // the unsigned path is protected by the CRC alone, and still catches every single change
        expect(codeOf(() => decodeServiceQr(altered, { now }))).not.toBe('NO_ERROR');
      }),
      { numRuns: 500 },
    );
  });

  it('exhaustively: all positions × all 45 alphanumeric characters of one signed payload are rejected', () => {
    const raw = encodeServiceQr(
      { hcode: '10998', serviceCode: 'PG0090001', unitName: 'รพ.ตัวอย่าง', keyId: 'K1' },
      { signingKey: RFC8032_SECRET },
    );
    let tried = 0;
    for (let i = 0; i < raw.length; i++)
      for (const ch of QR_ALPHANUMERIC_CHARSET) {
        if (ch === raw[i]) continue;
        tried++;
        const altered = raw.slice(0, i) + ch + raw.slice(i + 1);
        expect(codeOf(() => verifyServiceQr(altered, RFC8032_PUBLIC))).not.toBe('NO_ERROR');
      }
    expect(tried).toBe(raw.length * 44);
  });
});
