import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ThaiIdCardError } from '../errors.js';
import { copyBytes } from '../pki/bytes.js';
import { type CryptoOptions, engineFor, OID } from '../pki/x509.js';

/**
 * Key type of a generated test PKI.
 *
 * @example
 * ```ts
 * import { type TestPkiKind } from '@authenkit/thai-idcard/virtual';
 * const k: TestPkiKind = 'rsa2048';
 * console.log(k);
 * ```
 */
export type TestPkiKind = 'rsa2048' | 'p256';

/**
 * A generated test PKI: root CA → intermediate CA → card certificate. Private keys exist only in
 * memory (never written to disk by this library); the card key is extractable because the virtual
 * card signs with it.
 *
 * @example
 * ```ts
 * import { generateTestPki } from '@authenkit/thai-idcard/virtual';
 * const pki = await generateTestPki({ kind: 'p256' });
 * console.log(pki.kind, pki.card.certificate[0]); // 'p256' 48
 * ```
 */
export interface TestPki {
  kind: TestPkiKind;
  root: { certificate: Uint8Array; privateKey: CryptoKey };
  intermediate: { certificate: Uint8Array; privateKey: CryptoKey };
  card: { certificate: Uint8Array; privateKey: CryptoKey; privateJwk: JsonWebKey };
}

/**
 * Options of {@link generateTestPki}.
 *
 * @example
 * ```ts
 * import { type TestPkiOptions } from '@authenkit/thai-idcard/virtual';
 * const o: TestPkiOptions = { kind: 'p256', holderName: 'TEST STAFF', serialNumber: '1101700123451' };
 * console.log(o.kind);
 * ```
 */
export interface TestPkiOptions extends CryptoOptions {
  kind: TestPkiKind;
  /** Card holder common name (default `AUTHENKIT TEST HOLDER`). */
  holderName?: string;
  /** Subject serialNumber of the card certificate (e.g. the citizen ID of a synthetic card). */
  serialNumber?: string;
  /** Validity start (default: now − 1 day); certificates last 2 years. */
  notBefore?: Date;
}

function keyParams(kind: TestPkiKind): RsaHashedKeyGenParams | EcKeyGenParams {
  return kind === 'rsa2048'
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      }
    : { name: 'ECDSA', namedCurve: 'P-256' };
}

function name(pairs: [string, string][]): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: pairs.map(
      ([type, value]) =>
        new pkijs.AttributeTypeAndValue({
          type,
          value:
            type === OID.country || type === OID.serialNumber
              ? new asn1js.PrintableString({ value })
              : new asn1js.Utf8String({ value }),
        }),
    ),
  });
}

let serialCounter = 1;

async function makeCert(opts: {
  subject: [string, string][];
  issuer: [string, string][];
  publicKey: CryptoKey;
  signingKey: CryptoKey;
  ca: boolean;
  notBefore: Date;
  engine: pkijs.ICryptoEngine;
}): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = new Uint8Array(9);
  opts.engine.getRandomValues(serial);
  serial[0] = 0x10 + (serialCounter++ % 0x60);
  cert.serialNumber = new asn1js.Integer({ valueHex: serial.buffer });
  cert.subject = name(opts.subject);
  cert.issuer = name(opts.issuer);
  cert.notBefore.value = opts.notBefore;
  cert.notAfter.value = new Date(opts.notBefore.getTime() + 2 * 365 * 86_400_000);
  await cert.subjectPublicKeyInfo.importKey(opts.publicKey, opts.engine);
  const ski = new Uint8Array(
    await opts.engine.digest(
      { name: 'SHA-1' },
      copyBytes(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    ),
  );
  const keyUsageBits = opts.ca ? 0x06 : 0xc0; // CA: keyCertSign | cRLSign ; EE: digitalSignature | nonRepudiation
  const keyUsage = new asn1js.BitString({
    valueHex: new Uint8Array([keyUsageBits]).buffer,
    unusedBits: opts.ca ? 1 : 6,
  });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: opts.ca }).toSchema().toBER(false),
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({
      extnID: '2.5.29.14',
      critical: false,
      extnValue: new asn1js.OctetString({ valueHex: ski.buffer }).toBER(false),
    }),
  ];
  await cert.sign(opts.signingKey, 'SHA-256', opts.engine);
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

/**
 * Generates a fresh test PKI with WebCrypto + pkijs (RSA-2048 or P-256 everywhere). Takes about a
 * second for RSA on a slow machine; nothing is written to disk.
 *
 * @example
 * ```ts
 * import { describeCertificate } from '@authenkit/thai-idcard/pki';
 * import { generateTestPki } from '@authenkit/thai-idcard/virtual';
 * const pki = await generateTestPki({ kind: 'rsa2048', serialNumber: '1101700123451' });
 * console.log(describeCertificate(pki.card.certificate).keyBits); // 2048
 * ```
 */
export async function generateTestPki(options: TestPkiOptions): Promise<TestPki> {
  if (options?.kind !== 'rsa2048' && options?.kind !== 'p256') {
    throw new ThaiIdCardError('INVALID_ARGUMENT', "kind must be 'rsa2048' or 'p256'");
  }
  const engine = engineFor(options);
  const subtle = (options.crypto ?? globalThis.crypto).subtle;
  const params = keyParams(options.kind);
  const gen = async (extractable: boolean) =>
    (await subtle.generateKey(params, extractable, ['sign', 'verify'])) as CryptoKeyPair;
  const [root, inter, card] = await Promise.all([gen(false), gen(false), gen(true)]);
  const notBefore = options.notBefore ?? new Date(Date.now() - 86_400_000);
  const rootName: [string, string][] = [
    [OID.country, 'TH'],
    [OID.organization, 'AuthenKit TEST ONLY'],
    [OID.commonName, `AuthenKit Test Root CA (${options.kind})`],
  ];
  const interName: [string, string][] = [
    [OID.country, 'TH'],
    [OID.organization, 'AuthenKit TEST ONLY'],
    [OID.commonName, `AuthenKit Test Card CA (${options.kind})`],
  ];
  const holder: [string, string][] = [
    [OID.country, 'TH'],
    [OID.commonName, options.holderName ?? 'AUTHENKIT TEST HOLDER'],
    ...(options.serialNumber ? ([[OID.serialNumber, options.serialNumber]] as [string, string][]) : []),
  ];
  const rootCert = await makeCert({
    subject: rootName,
    issuer: rootName,
    publicKey: root.publicKey,
    signingKey: root.privateKey,
    ca: true,
    notBefore,
    engine,
  });
  const interCert = await makeCert({
    subject: interName,
    issuer: rootName,
    publicKey: inter.publicKey,
    signingKey: root.privateKey,
    ca: true,
    notBefore,
    engine,
  });
  const cardCert = await makeCert({
    subject: holder,
    issuer: interName,
    publicKey: card.publicKey,
    signingKey: inter.privateKey,
    ca: false,
    notBefore,
    engine,
  });
  const privateJwk = await subtle.exportKey('jwk', card.privateKey);
  return {
    kind: options.kind,
    root: { certificate: rootCert, privateKey: root.privateKey },
    intermediate: { certificate: interCert, privateKey: inter.privateKey },
    card: { certificate: cardCert, privateKey: card.privateKey, privateJwk },
  };
}
