import { decodeTis620, tryEncodeTis620 } from '@authenkit/authen-code';
import { base45Decode, base45Encode, crc16CcittFalse, isQrAlphanumeric } from './codecs.js';
import { QrServiceError } from './errors.js';
import { type QrKeyInput, signBytes, toKeyBytes, verifyBytes } from './keys.js';
import { getQrService, type QrService } from './services.js';

/**
 * What a service QR says: which unit (hcode) offers which service, optionally for which period.
 * No personal data is ever part of a service QR.
 *
 * @example
 * ```ts
 * import type { ServiceQrFields } from '@authenkit/qr-service';
 * const f: ServiceQrFields = { hcode: '10998', serviceCode: 'PG0090001', unitName: 'โรงพยาบาลตัวอย่าง' };
 * ```
 */
export interface ServiceQrFields {
  /** 5-digit NHSO unit code (รหัสหน่วยบริการ 5 หลัก). */
  hcode: string;
  /** Service / claim-type code, e.g. `PG0090001`, or `OPD`: 2–20 characters `0-9A-Z`. */
  serviceCode: string;
  /** Start of validity (whole seconds; sub-second parts are dropped). */
  validFrom?: Date | undefined;
  /** End of validity, inclusive (whole seconds). */
  validUntil?: Date | undefined;
  /** Unit name shown on the poster, Thai allowed (≤ 64 TIS-620 bytes, or ≤ 64 UTF-8 bytes if not TIS-620). */
  unitName?: string | undefined;
  /** Optional key identifier (1–8 characters `0-9A-Z`) so verifiers can pick a key during rotation. */
  keyId?: string | undefined;
}

/**
 * Status of the Ed25519 signature of a decoded payload:
 * `valid` (verified with a given key), `unsigned` (no signature field), or `unverified` (signed, but no key
 * was given, so nothing was checked beyond the CRC).
 *
 * @example
 * ```ts
 * import type { SignatureStatus } from '@authenkit/qr-service';
 * const s: SignatureStatus = 'valid';
 * ```
 */
export type SignatureStatus = 'valid' | 'unsigned' | 'unverified';

/**
 * A decoded, checked service QR payload.
 *
 * @example
 * ```ts
 * import { decodeServiceQr, encodeServiceQr, type DecodedServiceQr } from '@authenkit/qr-service';
 * const d: DecodedServiceQr = decodeServiceQr(encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' }));
 * console.log(d.hcode, d.serviceCode, d.version, d.signature); // '10998' 'PG0090001' 1 'unsigned'
 * ```
 */
export interface DecodedServiceQr extends ServiceQrFields {
  /** Payload format version (this library writes and reads version 1). */
  version: 1;
  /** The raw (non-URL) payload text. */
  raw: string;
  /** Signature status. */
  signature: SignatureStatus;
  /** Names of the service from `@authenkit/authen-code`, when the code is known. */
  service: QrService | undefined;
}

/**
 * Options of {@link encodeServiceQr}.
 *
 * @example
 * ```ts
 * import type { EncodeServiceQrOptions } from '@authenkit/qr-service';
 * const o: EncodeServiceQrOptions = { form: 'url', urlBase: 'https://liff.line.me/1234567890-AbCdEfGh' };
 * ```
 */
export interface EncodeServiceQrOptions {
  /** Ed25519 private seed; when given, the payload carries a signature (field 62). */
  signingKey?: QrKeyInput | undefined;
  /** `raw` (default, pure QR-alphanumeric text) or `url` (`urlBase` + `?p=` + percent-encoded raw payload). */
  form?: 'raw' | 'url' | undefined;
  /** Base URL for `form: 'url'`, e.g. a LINE LIFF link. */
  urlBase?: string | undefined;
  /** Query parameter carrying the payload in the URL form (default `p`). */
  urlParam?: string | undefined;
  /** Allow service codes unknown to `@authenkit/authen-code` (default `false`). */
  allowUnknownService?: boolean | undefined;
}

/**
 * Options of {@link decodeServiceQr}.
 *
 * @example
 * ```ts
 * import type { DecodeServiceQrOptions } from '@authenkit/qr-service';
 * const o: DecodeServiceQrOptions = { now: new Date('2026-01-01T00:00:00Z'), requireSignature: false };
 * ```
 */
export interface DecodeServiceQrOptions {
  /**
   * Verify the signature with this public key (or any of these keys). Unsigned payloads are then rejected.
   * An empty list is an error (`INVALID_KEY`), never "nothing to verify".
   */
  publicKey?: QrKeyInput | readonly QrKeyInput[] | undefined;
  /** Reject unsigned payloads even without a key (`SIGNATURE_REQUIRED`). */
  requireSignature?: boolean | undefined;
  /** The clock for the validity window (default `new Date()`). */
  now?: Date | undefined;
  /** Accept service codes unknown to `@authenkit/authen-code` (default `false`). */
  allowUnknownService?: boolean | undefined;
  /** Query parameter carrying the payload in the URL form (default `p`). */
  urlParam?: string | undefined;
  /** When set, URL-form payloads must start with this base (e.g. your LIFF URL). */
  expectedUrlBase?: string | undefined;
}

/** Version 1 tag numbers. */
const TAG = {
  format: '00',
  hcode: '01',
  service: '02',
  validFrom: '03',
  validUntil: '04',
  unitName: '05',
  keyId: '06',
  signature: '62',
  crc: '63',
} as const;

/** Domain-separation prefix of the signed message (see docs/guides/qr-payload-spec.md). */
const SIG_CONTEXT = 'AUTHENKIT-QR-SIG-V1\n';
const MAX_NAME_BYTES = 64;
const ascii = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};
const tlv = (tag: string, value: string): string => {
  if (value.length < 1 || value.length > 99)
    throw new QrServiceError('INVALID_ARGUMENT', `field ${tag} must be 1–99 characters long after encoding`);
  return tag + String(value.length).padStart(2, '0') + value;
};
const crcHex = (s: string): string => crc16CcittFalse(s).toString(16).toUpperCase().padStart(4, '0');

function toEpochSeconds(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t) || t < 0 || t >= 1e15)
    throw new QrServiceError('INVALID_ARGUMENT', `${what} must be a valid Date after 1970`);
  return Math.floor(t / 1000);
}

function encodeUnitName(name: string): string {
  if (name.length === 0 || /[\u0000-\u001f\u007f]/.test(name))
    throw new QrServiceError('INVALID_ARGUMENT', 'unitName must be non-empty without control characters');
  const tis = tryEncodeTis620(name);
  const [scheme, bytes] = tis ? ['T', tis] : ['U', new TextEncoder().encode(name)];
  if (bytes.length > MAX_NAME_BYTES)
    throw new QrServiceError('INVALID_ARGUMENT', `unitName is longer than ${MAX_NAME_BYTES} bytes`, {
      details: { bytes: bytes.length },
    });
  return scheme + base45Encode(bytes);
}

function decodeUnitName(value: string): string {
  const scheme = value[0];
  const bytes = base45Decode(value.slice(1));
  if (bytes.length === 0 || bytes.length > MAX_NAME_BYTES)
    throw new QrServiceError('MALFORMED_PAYLOAD', 'unit name field has a bad length');
  let name: string;
  if (scheme === 'T') {
    try {
      name = decodeTis620(bytes, { strict: true });
    } catch (cause) {
      throw new QrServiceError('MALFORMED_PAYLOAD', 'unit name has a byte that is not a TIS-620 character', {
        cause,
      });
    }
  } else if (scheme === 'U') {
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new QrServiceError('MALFORMED_PAYLOAD', 'unit name is not valid UTF-8', { cause });
    }
    // Canonical: a name TIS-620 can carry must be written with scheme T.
    if (tryEncodeTis620(name))
      throw new QrServiceError('MALFORMED_PAYLOAD', 'unit name uses a non-canonical scheme');
  } else throw new QrServiceError('MALFORMED_PAYLOAD', 'unknown unit-name scheme');
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new QrServiceError('MALFORMED_PAYLOAD', 'unit name contains control characters');
  return name;
}

function checkFields(f: ServiceQrFields, allowUnknownService: boolean | undefined): void {
  if (typeof f.hcode !== 'string' || !/^\d{5}$/.test(f.hcode))
    throw new QrServiceError('INVALID_ARGUMENT', 'hcode must be exactly 5 digits');
  if (typeof f.serviceCode !== 'string' || !/^[0-9A-Z]{2,20}$/.test(f.serviceCode))
    throw new QrServiceError('INVALID_ARGUMENT', 'serviceCode must be 2–20 characters 0-9 A-Z');
  if (!allowUnknownService && !getQrService(f.serviceCode))
    throw new QrServiceError('UNKNOWN_SERVICE', `unknown service code ${f.serviceCode}`, {
      details: { serviceCode: f.serviceCode },
    });
  if (f.keyId !== undefined && !/^[0-9A-Z]{1,8}$/.test(f.keyId))
    throw new QrServiceError('INVALID_ARGUMENT', 'keyId must be 1–8 characters 0-9 A-Z');
}

/**
 * Encode a service QR payload (format version 1, see `docs/guides/qr-payload-spec.md`).
 *
 * The raw form is EMVCo-style TLV text made only of QR alphanumeric characters (the smallest QR symbol),
 * ending in a CRC-16/CCITT-FALSE; with `signingKey` it also carries an Ed25519 signature.
 *
 * @throws {@link QrServiceError} `INVALID_ARGUMENT`, `UNKNOWN_SERVICE`, `INVALID_KEY`.
 * @example
 * ```ts
 * import { encodeServiceQr } from '@authenkit/qr-service';
 * console.log(encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' }));
 * // '0004AK010105109980209PG00900016304AFAA'
 * const url = encodeServiceQr(
 *   { hcode: '10998', serviceCode: 'PG0090001' },
 *   { form: 'url', urlBase: 'https://liff.line.me/1234567890-AbCdEfGh' },
 * );
 * ```
 */
export function encodeServiceQr(fields: ServiceQrFields, options: EncodeServiceQrOptions = {}): string {
  checkFields(fields, options.allowUnknownService);
  let s = tlv(TAG.format, 'AK01') + tlv(TAG.hcode, fields.hcode) + tlv(TAG.service, fields.serviceCode);
  const from = fields.validFrom === undefined ? undefined : toEpochSeconds(fields.validFrom, 'validFrom');
  const until = fields.validUntil === undefined ? undefined : toEpochSeconds(fields.validUntil, 'validUntil');
  if (from !== undefined && until !== undefined && until < from)
    throw new QrServiceError('INVALID_ARGUMENT', 'validUntil is before validFrom');
  if (from !== undefined) s += tlv(TAG.validFrom, String(from));
  if (until !== undefined) s += tlv(TAG.validUntil, String(until));
  if (fields.unitName !== undefined) s += tlv(TAG.unitName, encodeUnitName(fields.unitName));
  if (fields.keyId !== undefined) s += tlv(TAG.keyId, fields.keyId);
  if (options.signingKey !== undefined) {
    const sig = signBytes(ascii(SIG_CONTEXT + s), options.signingKey);
    s += tlv(TAG.signature, base45Encode(sig));
  }
  s += `${TAG.crc}04`;
  s += crcHex(s);
  if (options.form === 'url') return toServiceQrUrl(s, options.urlBase ?? '', options.urlParam);
  return s;
}

/**
 * Wrap a raw payload in a URL (`urlBase` + `?p=` or `&p=` + percent-encoded payload), e.g. a LINE LIFF
 * link so a phone camera opens the right app. The URL form is larger (QR byte mode) than the raw form.
 *
 * @example
 * ```ts
 * import { encodeServiceQr, toServiceQrUrl } from '@authenkit/qr-service';
 * const raw = encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' });
 * console.log(toServiceQrUrl(raw, 'https://liff.line.me/1234567890-AbCdEfGh').startsWith('https://')); // true
 * ```
 */
export function toServiceQrUrl(raw: string, urlBase: string, urlParam = 'p'): string {
  if (!/^https?:\/\/[^\s#]+$/i.test(urlBase))
    throw new QrServiceError(
      'INVALID_ARGUMENT',
      'urlBase must be an absolute http(s) URL without a fragment',
    );
  const sep = urlBase.includes('?') ? (/[?&]$/.test(urlBase) ? '' : '&') : '?';
  return `${urlBase}${sep}${encodeURIComponent(urlParam)}=${encodeURIComponent(raw)}`;
}

/**
 * The keys to verify with, each checked (`INVALID_KEY`). `undefined` means "do not verify"; an empty list is
 * an error, never "nothing to check" (a forged signed payload would otherwise pass as `unverified`).
 */
function verificationKeys(publicKey: DecodeServiceQrOptions['publicKey']): Uint8Array[] {
  if (publicKey === undefined) return [];
  const list: readonly unknown[] = Array.isArray(publicKey) ? publicKey : [publicKey];
  if (list.length === 0)
    throw new QrServiceError(
      'INVALID_KEY',
      'publicKey is an empty list: give at least one key, or leave publicKey out to skip verification',
    );
  return list.map((k) => toKeyBytes(k as QrKeyInput, 'public'));
}

function extractRaw(text: string, options: DecodeServiceQrOptions): string {
  if (typeof text !== 'string') throw new QrServiceError('MALFORMED_PAYLOAD', 'payload must be a string');
  const trimmed = text.replace(/[\r\n]+$/, '');
  if (!/^https?:\/\//i.test(trimmed)) return trimmed;
  if (options.expectedUrlBase !== undefined && !trimmed.startsWith(options.expectedUrlBase))
    throw new QrServiceError('MALFORMED_PAYLOAD', 'URL does not start with the expected base');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new QrServiceError('MALFORMED_PAYLOAD', 'payload is not a valid URL', { cause });
  }
  const values = url.searchParams.getAll(options.urlParam ?? 'p');
  if (values.length !== 1)
    throw new QrServiceError('MALFORMED_PAYLOAD', 'URL has no single payload parameter');
  return values[0]!;
}

/**
 * Decode and check a service QR payload, raw or URL form. Checks, in order: format and version,
 * CRC-16, field syntax, signature (when a key is given or required), known service, validity window.
 *
 * @throws {@link QrServiceError} `MALFORMED_PAYLOAD`, `UNKNOWN_VERSION`, `BAD_CHECKSUM`, `BAD_SIGNATURE`,
 * `SIGNATURE_REQUIRED`, `UNKNOWN_SERVICE`, `NOT_YET_VALID`, `EXPIRED`, `INVALID_KEY`.
 * @example
 * ```ts
 * import { decodeServiceQr, encodeServiceQr } from '@authenkit/qr-service';
 * const raw = encodeServiceQr({ hcode: '10998', serviceCode: 'PG0010065', validUntil: new Date('2030-01-01') });
 * const qr = decodeServiceQr(raw, { now: new Date('2029-06-01') });
 * console.log(qr.hcode, qr.serviceCode, qr.validUntil?.toISOString()); // '10998' 'PG0010065' '2030-01-01T00:00:00.000Z'
 * ```
 */
export function decodeServiceQr(text: string, options: DecodeServiceQrOptions = {}): DecodedServiceQr {
  const keys = verificationKeys(options.publicKey);
  const raw = extractRaw(text, options);
  if (raw.length > 512 || !isQrAlphanumeric(raw))
    throw new QrServiceError(
      'MALFORMED_PAYLOAD',
      'payload is not QR-alphanumeric text of at most 512 characters',
    );
  // 1. format + version (tag 00 first)
  const fmt = /^0004AK(\d\d)/.exec(raw);
  if (!fmt) throw new QrServiceError('MALFORMED_PAYLOAD', 'not an AuthenKit service QR (missing 0004AK)');
  if (fmt[1] !== '01')
    throw new QrServiceError('UNKNOWN_VERSION', `payload version ${fmt[1]} is not supported`, {
      details: { version: fmt[1] },
    });
  // 2. CRC (tag 63, last, upper-case hex)
  const crcMatch = /6304([0-9A-F]{4})$/.exec(raw);
  if (!crcMatch) throw new QrServiceError('MALFORMED_PAYLOAD', 'payload does not end with a 6304 CRC field');
  const body = raw.slice(0, -4);
  if (crcHex(body) !== crcMatch[1])
    throw new QrServiceError('BAD_CHECKSUM', 'CRC-16 does not match the payload');
  // 3. TLV parse
  const fields = new Map<string, { value: string; start: number }>();
  let i = 0;
  let lastTag = -1;
  while (i < body.length) {
    const head = body.slice(i, i + 4);
    if (!/^\d{4}$/.test(head)) throw new QrServiceError('MALFORMED_PAYLOAD', 'bad TLV header');
    const tag = head.slice(0, 2);
    const len = Number(head.slice(2));
    const tagNum = Number(tag);
    if (tagNum <= lastTag) throw new QrServiceError('MALFORMED_PAYLOAD', 'TLV tags out of order or repeated');
    lastTag = tagNum;
    if (tag === TAG.crc) {
      if (len !== 4 || i + 4 !== body.length)
        throw new QrServiceError('MALFORMED_PAYLOAD', 'CRC field must be the last field');
      break;
    }
    if (len < 1 || i + 4 + len > body.length) throw new QrServiceError('MALFORMED_PAYLOAD', 'bad TLV length');
    if (!Object.values(TAG).includes(tag as (typeof TAG)[keyof typeof TAG]))
      throw new QrServiceError('MALFORMED_PAYLOAD', `unknown field ${tag}`, { details: { tag } });
    fields.set(tag, { value: body.slice(i + 4, i + 4 + len), start: i });
    i += 4 + len;
  }
  const get = (t: string) => fields.get(t)?.value;
  if (get(TAG.format) !== 'AK01') throw new QrServiceError('MALFORMED_PAYLOAD', 'bad format field');
  const hcode = get(TAG.hcode);
  const serviceCode = get(TAG.service);
  if (!hcode || !/^\d{5}$/.test(hcode))
    throw new QrServiceError('MALFORMED_PAYLOAD', 'hcode must be 5 digits');
  if (!serviceCode || !/^[0-9A-Z]{2,20}$/.test(serviceCode))
    throw new QrServiceError('MALFORMED_PAYLOAD', 'bad service code field');
  const time = (t: string): Date | undefined => {
    const v = get(t);
    if (v === undefined) return undefined;
    if (!/^(0|[1-9]\d{0,11})$/.test(v)) throw new QrServiceError('MALFORMED_PAYLOAD', `bad time field ${t}`);
    return new Date(Number(v) * 1000);
  };
  const validFrom = time(TAG.validFrom);
  const validUntil = time(TAG.validUntil);
  if (validFrom && validUntil && validUntil < validFrom)
    throw new QrServiceError('MALFORMED_PAYLOAD', 'validUntil is before validFrom');
  const nameField = get(TAG.unitName);
  const unitName = nameField === undefined ? undefined : decodeUnitName(nameField);
  const keyId = get(TAG.keyId);
  if (keyId !== undefined && !/^[0-9A-Z]{1,8}$/.test(keyId))
    throw new QrServiceError('MALFORMED_PAYLOAD', 'bad key id field');
  // 4. signature
  const sigField = fields.get(TAG.signature);
  let signature: SignatureStatus = 'unsigned';
  let sig: Uint8Array | undefined;
  if (sigField) {
    sig = base45Decode(sigField.value);
    if (sig.length !== 64) throw new QrServiceError('MALFORMED_PAYLOAD', 'signature must be 64 bytes');
    signature = 'unverified';
  }
  if (!sig && (keys.length > 0 || options.requireSignature))
    throw new QrServiceError('SIGNATURE_REQUIRED', 'payload is not signed');
  if (sig && sigField && keys.length > 0) {
    const message = ascii(SIG_CONTEXT + body.slice(0, sigField.start));
    if (!keys.some((k) => verifyBytes(sig, message, k)))
      throw new QrServiceError('BAD_SIGNATURE', 'Ed25519 signature does not verify with the given key(s)', {
        details: keyId === undefined ? {} : { keyId },
      });
    signature = 'valid';
  }
  // 5. service
  const service = getQrService(serviceCode);
  if (!service && !options.allowUnknownService)
    throw new QrServiceError('UNKNOWN_SERVICE', `unknown service code ${serviceCode}`, {
      details: { serviceCode },
    });
  // 6. validity
  const now = options.now ?? new Date();
  if (validFrom && now.getTime() < validFrom.getTime())
    throw new QrServiceError('NOT_YET_VALID', 'payload is not valid yet', {
      details: { validFrom: validFrom.toISOString() },
    });
  if (validUntil && now.getTime() > validUntil.getTime() + 999)
    throw new QrServiceError('EXPIRED', 'payload has expired', {
      details: { validUntil: validUntil.toISOString() },
    });
  return {
    version: 1,
    raw,
    hcode,
    serviceCode,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    ...(unitName !== undefined ? { unitName } : {}),
    ...(keyId !== undefined ? { keyId } : {}),
    signature,
    service,
  };
}

/**
 * Decode a payload and require a valid Ed25519 signature from `publicKey` (or one of several keys).
 * Same checks as {@link decodeServiceQr}; an unsigned payload fails with `SIGNATURE_REQUIRED`,
 * a forged or altered one with `BAD_SIGNATURE` (or `BAD_CHECKSUM` if the CRC already fails); no key or an
 * empty list of keys fails with `INVALID_KEY`.
 *
 * @example
 * ```ts
 * import { encodeServiceQr, generateQrSigningKeyPair, verifyServiceQr } from '@authenkit/qr-service';
 * const { privateKey, publicKey } = generateQrSigningKeyPair();
 * const raw = encodeServiceQr({ hcode: '10998', serviceCode: 'PG0090001' }, { signingKey: privateKey });
 * console.log(verifyServiceQr(raw, publicKey).signature); // 'valid'
 * ```
 */
export function verifyServiceQr(
  payload: string,
  publicKey: QrKeyInput | readonly QrKeyInput[],
  options: Omit<DecodeServiceQrOptions, 'publicKey' | 'requireSignature'> = {},
): DecodedServiceQr {
  if (publicKey === undefined || publicKey === null)
    throw new QrServiceError(
      'INVALID_KEY',
      'verifyServiceQr needs a public key (or a non-empty list of keys)',
    );
  return decodeServiceQr(payload, { ...options, publicKey, requireSignature: true });
}
