/**
 * `@authenkit/thai-idcard/pki`: PIN 2, card signatures and staff log-in.
 *
 * - {@link PkiProfile}: the seam for a card's secure operations, with two profiles:
 *   {@link iso7816Pki} (ISO 7816-4/-8 PKI applet) and {@link thaiAdm} (experimental ADM-applet PIN flow).
 * - PIN safety: {@link SecretPin} (one copy, wiped after use, never printed), format checks before any
 *   APDU, a last-attempt guard, typed `PIN_INCORRECT` / `PIN_BLOCKED` errors, PC/SC part 10 PIN pads.
 * - Certificates and CMS with pkijs (crypto engine passed per call): {@link signCms}, {@link verifyCms}.
 * - Staff log-in ({@link staffLogin} → {@link verifyStaffAssertion}) and certifier confirmation
 *   ({@link signVisitConfirmation}); {@link createStaffTokenProvider} for `@authenkit/nhso-client`.
 * - Production crypto only: WebCrypto (through pkijs) for CMS and certificates. The virtual card's PKI applets
 *   and the test PKI generator (test-grade crypto) live in `@authenkit/thai-idcard/virtual`.
 *
 * The production Thai ID card's PKI applet protocol is not public: everything here is proven on the
 * virtual card only. See docs/guides/staff-login.md.
 *
 * @packageDocumentation
 */
export type { PkiLogger, PkiTransport } from './pki/apdu.js';
export {
  type CardSigningOptions,
  createStaffChallenge,
  createStaffTokenProvider,
  SIGNED_CLAIMS_FORMAT,
  type SignedClaims,
  type StaffAssertion,
  type StaffLoginClaims,
  type StaffLoginOptions,
  type StaffLoginResult,
  type StaffTokenProviderOptions,
  signVisitConfirmation,
  staffLogin,
  type TokenProvider,
  type VerifiedStaff,
  type VerifySignedClaimsOptions,
  type VisitConfirmationClaims,
  type VisitConfirmationOptions,
  verifyStaffAssertion,
  verifyVisitConfirmation,
} from './pki/assertion.js';
export { type CmsSigner, type CmsVerification, type SignCmsOptions, signCms, verifyCms } from './pki/cms.js';
export { type Iso7816PkiOptions, iso7816Pki, TEST_PKI_AID } from './pki/iso7816.js';
export {
  checkPinFormat,
  type PinInput,
  type PinPolicy,
  SecretPin,
  type VerifyPinOptions,
} from './pki/pin.js';
export {
  buildPinVerifyStructure,
  getFeatureRequestCode,
  PCSC_FEATURE,
  type PinVerifyParams,
  parseFeatureList,
  readReaderFeatures,
} from './pki/pinpad.js';
export type {
  CardProfile,
  HashName,
  PinStatus,
  PkiProfile,
  ProfileVerifyPinOptions,
  SignatureAlgorithm,
} from './pki/profile.js';
export { type ThaiAdmOptions, thaiAdm } from './pki/thai-adm.js';
export {
  type CertificateInfo,
  type CryptoOptions,
  describeCertificate,
  toPem,
  verifyCertificateChain,
} from './pki/x509.js';
export { type PcscPlatform, scardCtlCode } from './transport.js';
