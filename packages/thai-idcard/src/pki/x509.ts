import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '../apdu.js';
import { ThaiIdCardError } from '../errors.js';
import { copyBytes, toBase64 } from './bytes.js';

/**
 * Crypto options of every certificate / CMS function. The pkijs crypto engine is built from
 * `crypto` for each call and passed explicitly; the global pkijs engine is never set nor read.
 *
 * @example
 * ```ts
 * import { type CryptoOptions } from '@authenkit/thai-idcard/pki';
 * const o: CryptoOptions = { crypto: globalThis.crypto };
 * console.log(typeof o.crypto?.subtle);
 * ```
 */
export interface CryptoOptions {
  /** A WebCrypto implementation (default `globalThis.crypto`). */
  crypto?: Crypto;
}

/** @internal */
export function engineFor(options: CryptoOptions = {}): pkijs.ICryptoEngine {
  const crypto = options.crypto ?? globalThis.crypto;
  if (!crypto?.subtle)
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'no WebCrypto available: pass { crypto }');
  return new pkijs.CryptoEngine({ name: 'authenkit', crypto });
}

/** OIDs used here. @internal */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  ecdsaSha512: '1.2.840.10045.4.3.4',
  p256: '1.2.840.10045.3.1.7',
} as const;

/**
 * What {@link describeCertificate} tells about a certificate. `serialNumber` is the subject's
 * `serialNumber` attribute (2.5.4.5) — on the AuthenKit test PKI the holder's citizen ID; treat it as
 * personal data.
 *
 * @example
 * ```ts
 * import { type CertificateInfo } from '@authenkit/thai-idcard/pki';
 * const f = (c: CertificateInfo) => c.commonName;
 * console.log(typeof f);
 * ```
 */
export interface CertificateInfo {
  /** Subject common name. */
  commonName: string | undefined;
  /** Subject serialNumber attribute (2.5.4.5). Personal data on a citizen card. */
  serialNumber: string | undefined;
  /** Issuer common name. */
  issuerCommonName: string | undefined;
  /** Certificate serial number, hex. */
  certificateSerial: string;
  notBefore: Date;
  notAfter: Date;
  /** `RSA` or `EC`. */
  keyType: 'RSA' | 'EC';
  /** RSA modulus bits, or 256 for P-256. */
  keyBits: number;
  /** True when basicConstraints says CA. */
  isCA: boolean;
}

/**
 * Parses a DER certificate (pkijs object); `CERTIFICATE_INVALID` on garbage.
 * @internal
 */
export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  if (!(der instanceof Uint8Array) || der.length === 0) {
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate is empty', {
      details: { reason: 'empty' },
    });
  }
  try {
    const asn = asn1js.fromBER(copyBytes(der));
    if (asn.offset === -1 || asn.offset !== der.length) throw new Error('trailing or broken BER');
    return new pkijs.Certificate({ schema: asn.result });
  } catch (cause) {
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate is not valid DER X.509', {
      cause,
      details: { reason: 'parse' },
    });
  }
}

function attr(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  const v = tv?.value as { valueBlock?: { value?: unknown } } | undefined;
  return typeof v?.valueBlock?.value === 'string' ? v.valueBlock.value : undefined;
}

/**
 * Summarizes a DER certificate.
 *
 * @example
 * ```ts
 * import { describeCertificate } from '@authenkit/thai-idcard/pki';
 * import { generateTestPki } from '@authenkit/thai-idcard/virtual';
 * const pki = await generateTestPki({ kind: 'p256' });
 * console.log(describeCertificate(pki.root.certificate).isCA); // true
 * ```
 */
export function describeCertificate(der: Uint8Array): CertificateInfo {
  const c = parseCertificate(der);
  try {
    const alg = c.subjectPublicKeyInfo.algorithm.algorithmId;
    const keyType = alg === OID.ecPublicKey ? 'EC' : 'RSA';
    let keyBits = 256;
    if (keyType === 'RSA') {
      const pk = c.subjectPublicKeyInfo.parsedKey as pkijs.RSAPublicKey | undefined;
      const mod = pk?.modulus?.valueBlock.valueHexView;
      keyBits = mod ? (mod.length - (mod[0] === 0 ? 1 : 0)) * 8 : 0;
    }
    const bc = c.extensions?.find((e) => e.extnID === '2.5.29.19')?.parsedValue as
      | pkijs.BasicConstraints
      | undefined;
    return {
      commonName: attr(c.subject, OID.commonName),
      serialNumber: attr(c.subject, OID.serialNumber),
      issuerCommonName: attr(c.issuer, OID.commonName),
      certificateSerial: toHex(c.serialNumber.valueBlock.valueHexView),
      notBefore: c.notBefore.value,
      notAfter: c.notAfter.value,
      keyType,
      keyBits,
      isCA: bc?.cA === true,
    };
  } catch (cause) {
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate fields cannot be read', {
      cause,
      details: { reason: 'fields' },
    });
  }
}

/**
 * Validates `chain` (signer first, then intermediates) up to one of `trustedRoots` at `now`
 * (signatures, validity dates, CA flags). Throws `CERTIFICATE_INVALID` with `details.reason`.
 *
 * @example
 * ```ts
 * import { verifyCertificateChain } from '@authenkit/thai-idcard/pki';
 * import { generateTestPki } from '@authenkit/thai-idcard/virtual';
 * const pki = await generateTestPki({ kind: 'p256' });
 * await verifyCertificateChain([pki.card.certificate, pki.intermediate.certificate], {
 *   trustedRoots: [pki.root.certificate],
 * });
 * ```
 */
export async function verifyCertificateChain(
  chain: Uint8Array[],
  options: { trustedRoots: Uint8Array[]; now?: Date } & CryptoOptions,
): Promise<void> {
  if (!Array.isArray(chain) || chain.length === 0) {
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'empty certificate chain', {
      details: { reason: 'empty' },
    });
  }
  if (!Array.isArray(options?.trustedRoots) || options.trustedRoots.length === 0) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'trustedRoots must list at least one root certificate');
  }
  const certs = chain.map(parseCertificate);
  const roots = options.trustedRoots.map(parseCertificate);
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots,
    certs,
    checkDate: options.now ?? new Date(),
  });
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await engine.verify({}, engineFor(options));
  } catch (cause) {
    throw new ThaiIdCardError('CERTIFICATE_INVALID', 'certificate chain validation failed', {
      cause,
      details: { reason: 'chain' },
    });
  }
  if (!result.result) {
    throw new ThaiIdCardError(
      'CERTIFICATE_INVALID',
      `certificate chain is not trusted: ${result.resultMessage}`,
      {
        details: { reason: 'chain', resultCode: result.resultCode },
      },
    );
  }
}

/**
 * PEM-encodes DER certificates.
 *
 * @example
 * ```ts
 * import { toPem } from '@authenkit/thai-idcard/pki';
 * console.log(toPem([new Uint8Array([0x30, 0x00])]).startsWith('-----BEGIN CERTIFICATE-----')); // true
 * ```
 */
export function toPem(ders: Uint8Array[], label = 'CERTIFICATE'): string {
  return ders
    .map((der) => {
      const b64 = toBase64(der)
        .replace(/(.{64})/g, '$1\n')
        .replace(/\n$/, '');
      return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
    })
    .join('');
}
