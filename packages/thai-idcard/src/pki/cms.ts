import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ThaiIdCardError } from '../errors.js';
import { copyBytes } from './bytes.js';
import type { HashName, SignatureAlgorithm } from './profile.js';
import {
  type CertificateInfo,
  type CryptoOptions,
  describeCertificate,
  engineFor,
  OID,
  parseCertificate,
  verifyCertificateChain,
} from './x509.js';

/**
 * Anything that can make a signature with a certificate: a {@link PkiProfile} after PIN
 * verification plus its certificates, or a software key in tests.
 *
 * @example
 * ```ts
 * import { type CmsSigner } from '@authenkit/thai-idcard/pki';
 * const f = (s: CmsSigner) => s.certificates.length;
 * console.log(typeof f);
 * ```
 */
export interface CmsSigner {
  /** DER certificates, signer first, then intermediates (embedded in the CMS). */
  certificates: Uint8Array[];
  /** Signs a digest (see {@link PkiProfile.sign}); ECDSA may return raw `r ‖ s` or DER. */
  sign(digest: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array>;
}

/**
 * Options of {@link signCms}.
 *
 * @example
 * ```ts
 * import { type SignCmsOptions } from '@authenkit/thai-idcard/pki';
 * const o: SignCmsOptions = { hash: 'SHA-256', rsaScheme: 'pkcs1' };
 * console.log(o.hash);
 * ```
 */
export interface SignCmsOptions extends CryptoOptions {
  /** Digest algorithm (default SHA-256). */
  hash?: HashName;
  /** For RSA keys: PKCS#1 v1.5 (default) or PSS (SHA-256 only). */
  rsaScheme?: 'pkcs1' | 'pss';
  /** signingTime attribute (default now). */
  signingTime?: Date;
  /** Embed the content (default false: detached). */
  attached?: boolean;
}

const HASH_OID: Record<HashName, string> = {
  'SHA-256': OID.sha256,
  'SHA-384': OID.sha384,
  'SHA-512': OID.sha512,
};
const RSA_SIG_OID: Record<HashName, string> = {
  'SHA-256': OID.sha256WithRsa,
  'SHA-384': OID.sha384WithRsa,
  'SHA-512': OID.sha512WithRsa,
};
const EC_SIG_OID: Record<HashName, string> = {
  'SHA-256': OID.ecdsaSha256,
  'SHA-384': OID.ecdsaSha384,
  'SHA-512': OID.ecdsaSha512,
};

function hashAlgId(hash: HashName) {
  return new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OID[hash], algorithmParams: new asn1js.Null() });
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Raw `r ‖ s` → DER `ECDSA-Sig-Value`; DER input is returned unchanged. @internal */
function ecdsaToDer(sig: Uint8Array): Uint8Array {
  if (sig.length > 0 && sig[0] === 0x30 && sig.length !== 64 && sig.length !== 96 && sig.length !== 132)
    return sig;
  if (sig.length % 2 !== 0 || sig.length === 0)
    throw new ThaiIdCardError('INVALID_DATA', 'ECDSA signature has an odd length');
  return new Uint8Array(pkijs.createCMSECDSASignature(copyBytes(sig).buffer));
}

/**
 * Builds a CMS `SignedData` (RFC 5652) over `content` whose signature is made by `signer` (the card):
 * signed attributes contentType, signingTime, messageDigest (DER-sorted, so OpenSSL verifies it),
 * signer identified by issuer + serial, the certificate chain embedded. Detached by default.
 * Returns the DER `ContentInfo` (a `.p7s`).
 *
 * @example
 * ```ts
 * import { iso7816Pki, signCms, verifyCms } from '@authenkit/thai-idcard/pki';
 * import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
 * const { transport, pki } = await createVirtualTransport({ pin2: '1234', pki: 'p256' });
 * const card = iso7816Pki(transport);
 * await card.verifyPin('1234');
 * const certificates = await card.readCertificates();
 * const content = new TextEncoder().encode('hello');
 * const p7s = await signCms(content, { certificates, sign: (d, a) => card.sign(d, a) });
 * const ok = await verifyCms(p7s, content, { trustedRoots: [pki.root.certificate] });
 * console.log(ok.signer.keyType); // 'EC'
 * ```
 */
export async function signCms(
  content: Uint8Array,
  signer: CmsSigner,
  options: SignCmsOptions = {},
): Promise<Uint8Array> {
  if (!(content instanceof Uint8Array))
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'content must be a Uint8Array');
  if (!signer || !Array.isArray(signer.certificates) || signer.certificates.length === 0) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'signer needs at least its own certificate');
  }
  const hash = options.hash ?? 'SHA-256';
  if (!(hash in HASH_OID)) throw new ThaiIdCardError('INVALID_ARGUMENT', 'unsupported hash');
  const engine = engineFor(options);
  const certs = signer.certificates.map(parseCertificate);
  const leaf = certs[0]!;
  const isEc = leaf.subjectPublicKeyInfo.algorithm.algorithmId === OID.ecPublicKey;
  const pss = !isEc && options.rsaScheme === 'pss';
  if (pss && hash !== 'SHA-256')
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'RSA-PSS is supported with SHA-256 only');

  const contentDigest = new Uint8Array(await engine.digest({ name: hash }, copyBytes(content)));
  const attrs = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: copyBytes(contentDigest).buffer })),
  ]
    .map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a);

  let signatureAlgorithm: pkijs.AlgorithmIdentifier;
  let algorithm: SignatureAlgorithm;
  if (isEc) {
    signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: EC_SIG_OID[hash] });
    algorithm = { name: 'ECDSA', hash };
  } else if (pss) {
    const params = new pkijs.RSASSAPSSParams({
      hashAlgorithm: hashAlgId('SHA-256'),
      maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.mgf1,
        algorithmParams: hashAlgId('SHA-256').toSchema(),
      }),
      saltLength: 32,
    });
    signatureAlgorithm = new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaPss,
      algorithmParams: params.toSchema(),
    });
    algorithm = { name: 'RSA-PSS', hash };
  } else {
    signatureAlgorithm = new pkijs.AlgorithmIdentifier({
      algorithmId: RSA_SIG_OID[hash],
      algorithmParams: new asn1js.Null(),
    });
    algorithm = { name: 'RSASSA-PKCS1-v1_5', hash };
  }

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: hashAlgId(hash),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
    signatureAlgorithm,
  });
  // The signature covers the DER of the signed attributes with the universal SET tag (RFC 5652 §5.4).
  const toBeSigned = new Uint8Array(signerInfo.signedAttrs!.toSchema().toBER());
  toBeSigned[0] = 0x31;
  const tbsDigest = new Uint8Array(await engine.digest({ name: hash }, toBeSigned));
  let signature = await signer.sign(tbsDigest, algorithm);
  if (!(signature instanceof Uint8Array) || signature.length === 0) {
    throw new ThaiIdCardError('INVALID_DATA', 'the signer returned no signature');
  }
  if (isEc) signature = ecdsaToDer(signature);
  signerInfo.signature = new asn1js.OctetString({ valueHex: copyBytes(signature).buffer });

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [hashAlgId(hash)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.data,
      ...(options.attached
        ? { eContent: new asn1js.OctetString({ valueHex: copyBytes(content).buffer }) }
        : {}),
    }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER());
}

/**
 * Result of {@link verifyCms}.
 *
 * @example
 * ```ts
 * import { type CmsVerification } from '@authenkit/thai-idcard/pki';
 * const f = (v: CmsVerification) => v.signingTime;
 * console.log(typeof f);
 * ```
 */
export interface CmsVerification {
  /** DER of the signer certificate. */
  signerCertificate: Uint8Array;
  /** DER certificates embedded in the CMS. */
  certificates: Uint8Array[];
  /** signingTime attribute, when present. */
  signingTime: Date | undefined;
  /** Summary of the signer certificate. */
  signer: CertificateInfo;
}

/**
 * Verifies a detached (or attached) CMS `SignedData`: the signature over `content`, the
 * messageDigest attribute, and the signer's chain up to `trustedRoots` at `now`. Throws
 * `SIGNATURE_INVALID` or `CERTIFICATE_INVALID` (typed errors only, also for garbage input).
 *
 * @example
 * ```ts
 * import { verifyCms } from '@authenkit/thai-idcard/pki';
 * try { await verifyCms(new Uint8Array([1, 2, 3]), new Uint8Array(), { trustedRoots: [] }) } catch (e) {
 *   console.log((e as { code: string }).code); // 'INVALID_ARGUMENT'
 * }
 * ```
 */
export async function verifyCms(
  cms: Uint8Array,
  content: Uint8Array | undefined,
  options: { trustedRoots: Uint8Array[]; now?: Date } & CryptoOptions,
): Promise<CmsVerification> {
  if (!Array.isArray(options?.trustedRoots) || options.trustedRoots.length === 0) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'trustedRoots must list at least one root certificate');
  }
  if (!(cms instanceof Uint8Array) || cms.length === 0)
    throw new ThaiIdCardError('SIGNATURE_INVALID', 'empty CMS', { details: { reason: 'empty' } });
  const engine = engineFor(options);
  let signedData: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(copyBytes(cms));
    if (asn.offset === -1 || asn.offset !== cms.length) throw new Error('broken BER');
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: ci.content });
  } catch (cause) {
    throw new ThaiIdCardError('SIGNATURE_INVALID', 'not a CMS SignedData', {
      cause,
      details: { reason: 'parse' },
    });
  }
  if (signedData.signerInfos.length !== 1) {
    throw new ThaiIdCardError('SIGNATURE_INVALID', 'expected exactly one signer', {
      details: { reason: 'signers' },
    });
  }
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const certDers = certificates.map((c) => new Uint8Array(c.toSchema().toBER()));
  const now = options.now ?? new Date();
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signedData.verify(
      {
        signer: 0,
        ...(content ? { data: copyBytes(content).buffer } : {}),
        checkChain: false,
        checkDate: now,
        extendedMode: true,
      },
      engine,
    );
  } catch (cause) {
    const code = (cause as { code?: number }).code;
    throw new ThaiIdCardError('SIGNATURE_INVALID', 'CMS signature does not verify', {
      cause,
      details: { reason: 'signature', pkijsCode: code },
    });
  }
  if (!result.signatureVerified || !result.signerCertificate) {
    throw new ThaiIdCardError('SIGNATURE_INVALID', 'CMS signature does not verify', {
      details: { reason: 'signature' },
    });
  }
  const signerDer = new Uint8Array(result.signerCertificate.toSchema().toBER());
  const intermediates = certDers.filter(
    (d) => d.length !== signerDer.length || d.some((b, i) => b !== signerDer[i]),
  );
  await verifyCertificateChain([signerDer, ...intermediates], {
    trustedRoots: options.trustedRoots,
    now,
    ...(options.crypto ? { crypto: options.crypto } : {}),
  });
  const st = signedData.signerInfos[0]!.signedAttrs?.attributes.find((a) => a.type === OID.signingTime)
    ?.values[0];
  const signingTime =
    st instanceof asn1js.UTCTime || st instanceof asn1js.GeneralizedTime ? st.toDate() : undefined;
  return {
    signerCertificate: signerDer,
    certificates: certDers,
    signingTime,
    signer: describeCertificate(signerDer),
  };
}
