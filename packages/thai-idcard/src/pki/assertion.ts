import { singleFlightToken } from '@authenkit/authen-code';
import { ThaiIdCardError } from '../errors.js';
import type { ThaiIdCardData } from '../read.js';
import { readThaiIdCard } from '../read.js';
import { type Transport, wrapTransport } from '../transport.js';
import type { PkiTransport } from './apdu.js';
import { bytesEqual, fromBase64, toBase64, toBase64Url } from './bytes.js';
import { signCms, verifyCms } from './cms.js';
import { iso7816Pki } from './iso7816.js';
import { type PinInput, SecretPin } from './pin.js';
import type { HashName, PkiProfile } from './profile.js';
import { type CertificateInfo, type CryptoOptions, describeCertificate } from './x509.js';

/**
 * Format tag of {@link SignedClaims}.
 *
 * @example
 * ```ts
 * import { SIGNED_CLAIMS_FORMAT } from '@authenkit/thai-idcard/pki';
 * console.log(SIGNED_CLAIMS_FORMAT); // 'authenkit.signed-claims.v1'
 * ```
 */
export const SIGNED_CLAIMS_FORMAT = 'authenkit.signed-claims.v1';

/**
 * A JSON-safe signed statement: `payload` = base64url of the UTF-8 JSON claims, `signature` = base64 of a
 * detached CMS SignedData over exactly those payload bytes, made by the card, with the card's
 * certificate chain embedded. Send it as is to the HIS backend or the sandbox.
 *
 * @example
 * ```ts
 * import { type SignedClaims } from '@authenkit/thai-idcard/pki';
 * const f = (s: SignedClaims) => s.format;
 * console.log(typeof f);
 * ```
 */
export interface SignedClaims {
  format: typeof SIGNED_CLAIMS_FORMAT;
  payload: string;
  signature: string;
}

/**
 * A staff log-in assertion (see {@link staffLogin}).
 *
 * @example
 * ```ts
 * import { type StaffAssertion } from '@authenkit/thai-idcard/pki';
 * const f = (a: StaffAssertion) => a.payload.length;
 * console.log(typeof f);
 * ```
 */
export type StaffAssertion = SignedClaims;

/**
 * Claims inside a staff log-in assertion.
 *
 * @example
 * ```ts
 * import { type StaffLoginClaims } from '@authenkit/thai-idcard/pki';
 * const c: StaffLoginClaims = { purpose: 'staff-login', challenge: 'abc', citizenId: '1101700123451', issuedAt: new Date(0).toISOString() };
 * console.log(c.purpose);
 * ```
 */
export interface StaffLoginClaims {
  purpose: 'staff-login';
  /** The server's challenge, echoed verbatim. */
  challenge: string;
  /** Citizen ID read from the staff card's MOI applet. */
  citizenId: string;
  /** Who the assertion is for (e.g. `his.example-hospital`), when given. */
  audience?: string;
  /** ISO 8601 time of signing. */
  issuedAt: string;
}

/**
 * Claims of a certifier's visit confirmation (patient, parent or caregiver confirming a visit).
 *
 * @example
 * ```ts
 * import { type VisitConfirmationClaims } from '@authenkit/thai-idcard/pki';
 * const c: VisitConfirmationClaims = { purpose: 'visit-confirmation', role: 'patient', certifierCitizenId: '1101700123451',
 *   visit: { patientCitizenId: '1101700123451', hcode: '10670' }, issuedAt: new Date(0).toISOString() };
 * console.log(c.role);
 * ```
 */
export interface VisitConfirmationClaims {
  purpose: 'visit-confirmation';
  role: 'patient' | 'parent' | 'caregiver';
  /** Citizen ID read from the certifier's card. */
  certifierCitizenId: string;
  /** The visit being confirmed (whatever fields the HIS binds: patient, hospital code, claim type, date, …). */
  visit: { patientCitizenId: string; [field: string]: string | number | boolean | null };
  /** Optional server nonce. */
  nonce?: string;
  issuedAt: string;
}

/**
 * Options shared by {@link staffLogin} and {@link signVisitConfirmation}.
 *
 * @example
 * ```ts
 * import { type CardSigningOptions } from '@authenkit/thai-idcard/pki';
 * const o: CardSigningOptions = { pin: '1234', allowLastAttempt: false };
 * console.log(o.allowLastAttempt);
 * ```
 */
export interface CardSigningOptions extends CryptoOptions {
  /** PIN 2; omit to use the reader's PIN pad. Copied once and wiped. */
  pin?: PinInput | SecretPin;
  /** Card profile factory (default {@link iso7816Pki} with its defaults). */
  profile?: (transport: PkiTransport) => PkiProfile;
  /** See {@link VerifyPinOptions.allowLastAttempt}. */
  allowLastAttempt?: boolean;
  /** PIN entry mode (see {@link ProfileVerifyPinOptions.pinEntry}). */
  pinEntry?: 'auto' | 'host' | 'pinpad';
  /** Digest (default SHA-256). */
  hash?: HashName;
  /** RSA scheme (default PKCS#1 v1.5). */
  rsaScheme?: 'pkcs1' | 'pss';
  /** Clock (default `new Date()`). */
  now?: () => Date;
  signal?: AbortSignal;
}

/**
 * Options of {@link staffLogin}.
 *
 * @example
 * ```ts
 * import { type StaffLoginOptions } from '@authenkit/thai-idcard/pki';
 * const o: StaffLoginOptions = { challenge: 'server-nonce-0123456789', audience: 'his.local' };
 * console.log(o.audience);
 * ```
 */
export interface StaffLoginOptions extends CardSigningOptions {
  /**
   * The server's one-time challenge (16–512 characters, e.g. from {@link createStaffChallenge}), or a function
   * that gets it for the card holder just read (e.g. a server that binds the challenge to the citizen ID):
   * it is called once, inside the log-in, so the card is read only once.
   */
  challenge: string | ((holder: ThaiIdCardData) => string | Promise<string>);
  /** Intended audience, checked by {@link verifyStaffAssertion} when it is given one. */
  audience?: string;
}

/**
 * Result of {@link staffLogin}.
 *
 * @example
 * ```ts
 * import { type StaffLoginResult } from '@authenkit/thai-idcard/pki';
 * const f = (r: StaffLoginResult) => r.assertion;
 * console.log(typeof f);
 * ```
 */
export interface StaffLoginResult {
  assertion: StaffAssertion;
  /** The staff card's data (text fields; no photo). */
  holder: ThaiIdCardData;
  /** The signing certificate summary. */
  certificate: CertificateInfo;
}

const enc = new TextEncoder();

function assertChallenge(ch: unknown, code: 'INVALID_ARGUMENT' | 'ASSERTION_INVALID'): asserts ch is string {
  if (typeof ch !== 'string' || ch.length < 16 || ch.length > 512) {
    throw new ThaiIdCardError(code, 'challenge must be a string of 16–512 characters', {
      details: { reason: 'challenge' },
    });
  }
}

/**
 * Runs `fn` as one card session: one reader lock for the whole operation, the caller's connection when the
 * transport is connected (it stays connected and usable afterwards), else one connection made here and closed
 * at the end. `fn` gets a view of the transport whose `lock()` is already held, so the card read inside does
 * not wait for (or release) the lock, and does not disconnect.
 */
async function inCardSession<T>(
  transport: Transport,
  signal: AbortSignal | undefined,
  fn: (session: Transport) => Promise<T>,
): Promise<T> {
  const o = signal ? { signal } : {};
  const release = await transport.lock(o);
  const weConnected = !transport.connected;
  try {
    if (weConnected) await transport.connect(o);
    const session = wrapTransport(transport, {
      lock: async () => () => {}, // held by this session
      disconnect: async () => {}, // the session ends in this function, not inside `fn`
    });
    return await fn(session);
  } finally {
    if (weConnected) await transport.disconnect().catch(() => {});
    release();
  }
}

async function signClaimsWithCard(
  transport: Transport,
  options: CardSigningOptions,
  claimsFor: (holder: ThaiIdCardData) => Promise<(issuedAt: string) => object>,
): Promise<{ signed: SignedClaims; holder: ThaiIdCardData; certificate: CertificateInfo }> {
  const signal = options.signal ? { signal: options.signal } : {};
  try {
    return await inCardSession(transport, options.signal, async (session) => {
      // the card is read once, on the same connection and under the same lock as PIN 2 and the signature
      const holder = await readThaiIdCard(session, signal);
      const claims = await claimsFor(holder);
      const card = (options.profile ?? ((t: PkiTransport) => iso7816Pki(t)))(session);
      await card.verifyPin(options.pin, {
        ...(options.allowLastAttempt ? { allowLastAttempt: true } : {}),
        ...(options.pinEntry ? { pinEntry: options.pinEntry } : {}),
        ...signal,
      });
      const certificates = await card.readCertificates(signal);
      if (certificates.length === 0)
        throw new ThaiIdCardError('CERTIFICATE_INVALID', 'the card holds no certificate', {
          details: { reason: 'missing' },
        });
      const certificate = describeCertificate(certificates[0]!);
      if (certificate.serialNumber !== undefined && certificate.serialNumber !== holder.citizenId) {
        throw new ThaiIdCardError(
          'CERTIFICATE_INVALID',
          'the certificate does not belong to the card holder',
          {
            details: { reason: 'holder-mismatch' },
          },
        );
      }
      const now = (options.now ?? (() => new Date()))();
      const payload = enc.encode(JSON.stringify(claims(now.toISOString())));
      const cms = await signCms(
        payload,
        { certificates, sign: (d, a) => card.sign(d, a, signal) },
        {
          signingTime: now,
          ...(options.hash ? { hash: options.hash } : {}),
          ...(options.rsaScheme ? { rsaScheme: options.rsaScheme } : {}),
          ...(options.crypto ? { crypto: options.crypto } : {}),
        },
      );
      return {
        signed: { format: SIGNED_CLAIMS_FORMAT, payload: toBase64Url(payload), signature: toBase64(cms) },
        holder,
        certificate,
      };
    });
  } finally {
    if (options.pin instanceof SecretPin) options.pin.wipe();
  }
}

/**
 * Staff log-in with the staff member's own ID card (the "รหัส PIN 2" step of NHSO's
 * UCAuthenticationMX): reads the card, verifies PIN 2, signs the server's challenge with the card key
 * and returns a {@link StaffAssertion} the HIS backend (or the sandbox) checks with
 * {@link verifyStaffAssertion}. The whole log-in is one card session: one reader lock, the card read once,
 * on the caller's connection when `transport` is connected (it stays connected and usable afterwards) or on
 * one connection opened and closed here.
 *
 * @example
 * ```ts
 * import { createStaffChallenge, staffLogin, verifyStaffAssertion } from '@authenkit/thai-idcard/pki';
 * import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
 * const { transport, pki } = await createVirtualTransport({ pin2: '1234', pki: 'p256' });
 * const challenge = createStaffChallenge();
 * const { assertion } = await staffLogin(transport, { pin: '1234', challenge });
 * const v = await verifyStaffAssertion(assertion, { trustedRoots: [pki.root.certificate], challenge });
 * console.log(v.citizenId.length); // 13
 * ```
 */
export async function staffLogin(
  transport: Transport,
  options: StaffLoginOptions,
): Promise<StaffLoginResult> {
  if (typeof options?.challenge !== 'function') assertChallenge(options?.challenge, 'INVALID_ARGUMENT');
  const { signed, holder, certificate } = await signClaimsWithCard(transport, options, async (h) => {
    const challenge =
      typeof options.challenge === 'function' ? await options.challenge(h) : options.challenge;
    assertChallenge(challenge, 'INVALID_ARGUMENT');
    return (issuedAt): StaffLoginClaims => ({
      purpose: 'staff-login',
      challenge,
      citizenId: h.citizenId,
      ...(options.audience ? { audience: options.audience } : {}),
      issuedAt,
    });
  });
  return { assertion: signed, holder, certificate };
}

/**
 * Options of {@link signVisitConfirmation}.
 *
 * @example
 * ```ts
 * import { type VisitConfirmationOptions } from '@authenkit/thai-idcard/pki';
 * const o: VisitConfirmationOptions = { role: 'parent', visit: { patientCitizenId: '1101700123451' } };
 * console.log(o.role);
 * ```
 */
export interface VisitConfirmationOptions extends CardSigningOptions {
  role: VisitConfirmationClaims['role'];
  visit: VisitConfirmationClaims['visit'];
  nonce?: string;
}

/**
 * The certifier of a visit (the patient, a parent or a caregiver) confirms it with their own card:
 * reads the card, verifies PIN 2 and signs the visit claims. Verify with {@link verifyVisitConfirmation}.
 *
 * @example
 * ```ts
 * import { signVisitConfirmation, verifyVisitConfirmation } from '@authenkit/thai-idcard/pki';
 * import { createVirtualTransport } from '@authenkit/thai-idcard/virtual';
 * const { transport, pki } = await createVirtualTransport({ pin2: '1234', pki: 'p256' });
 * const { confirmation } = await signVisitConfirmation(transport, {
 *   pin: '1234', role: 'patient', visit: { patientCitizenId: '1101700123451', hcode: '10670' },
 * });
 * const v = await verifyVisitConfirmation(confirmation, { trustedRoots: [pki.root.certificate] });
 * console.log(v.claims.role); // 'patient'
 * ```
 */
export async function signVisitConfirmation(
  transport: Transport,
  options: VisitConfirmationOptions,
): Promise<{ confirmation: SignedClaims; holder: ThaiIdCardData; certificate: CertificateInfo }> {
  if (!['patient', 'parent', 'caregiver'].includes(options?.role)) {
    throw new ThaiIdCardError('INVALID_ARGUMENT', "role must be 'patient', 'parent' or 'caregiver'");
  }
  if (!options.visit || typeof options.visit.patientCitizenId !== 'string') {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'visit.patientCitizenId is required');
  }
  const { signed, holder, certificate } = await signClaimsWithCard(
    transport,
    options,
    async (h) =>
      (issuedAt): VisitConfirmationClaims => ({
        purpose: 'visit-confirmation',
        role: options.role,
        certifierCitizenId: h.citizenId,
        visit: { ...options.visit },
        ...(options.nonce ? { nonce: options.nonce } : {}),
        issuedAt,
      }),
  );
  return { confirmation: signed, holder, certificate };
}

/**
 * A fresh random challenge for {@link staffLogin} (32 random bytes, base64url).
 *
 * @example
 * ```ts
 * import { createStaffChallenge } from '@authenkit/thai-idcard/pki';
 * console.log(createStaffChallenge().length); // 43
 * ```
 */
export function createStaffChallenge(): string {
  const b = new Uint8Array(32);
  globalThis.crypto.getRandomValues(b);
  return toBase64Url(b);
}

/**
 * Server-side verification options.
 *
 * @example
 * ```ts
 * import { type VerifySignedClaimsOptions } from '@authenkit/thai-idcard/pki';
 * const o: VerifySignedClaimsOptions = { trustedRoots: [], maxAgeSeconds: 120 };
 * console.log(o.maxAgeSeconds);
 * ```
 */
export interface VerifySignedClaimsOptions extends CryptoOptions {
  /** DER root certificates to trust. */
  trustedRoots: Uint8Array[];
  /** Verification time (default now). */
  now?: Date;
  /** Oldest acceptable `issuedAt` (default 300 s). */
  maxAgeSeconds?: number;
}

async function openSignedClaims(
  signed: unknown,
  options: VerifySignedClaimsOptions,
): Promise<{ claims: Record<string, unknown>; signer: CertificateInfo; signerCertificate: Uint8Array }> {
  const s = signed as Partial<SignedClaims> | null;
  if (
    !s ||
    typeof s !== 'object' ||
    s.format !== SIGNED_CLAIMS_FORMAT ||
    typeof s.payload !== 'string' ||
    typeof s.signature !== 'string'
  ) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'not a signed-claims object', {
      details: { reason: 'shape' },
    });
  }
  let payload: Uint8Array;
  let cms: Uint8Array;
  let claims: Record<string, unknown>;
  try {
    payload = fromBase64(s.payload);
    cms = fromBase64(s.signature);
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload)) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('claims not an object');
    claims = parsed as Record<string, unknown>;
  } catch (cause) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'payload or signature is not decodable', {
      cause,
      details: { reason: 'decode' },
    });
  }
  const now = options.now ?? new Date();
  const v = await verifyCms(cms, payload, {
    trustedRoots: options.trustedRoots,
    now,
    ...(options.crypto ? { crypto: options.crypto } : {}),
  });
  const issuedAt = typeof claims.issuedAt === 'string' ? Date.parse(claims.issuedAt) : Number.NaN;
  const maxAge = (options.maxAgeSeconds ?? 300) * 1000;
  if (Number.isNaN(issuedAt) || issuedAt > now.getTime() + 60_000 || issuedAt < now.getTime() - maxAge) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'assertion is expired or from the future', {
      details: { reason: 'time' },
    });
  }
  return { claims, signer: v.signer, signerCertificate: v.signerCertificate };
}

/**
 * Result of {@link verifyStaffAssertion}.
 *
 * @example
 * ```ts
 * import { type VerifiedStaff } from '@authenkit/thai-idcard/pki';
 * const f = (v: VerifiedStaff) => v.citizenId;
 * console.log(typeof f);
 * ```
 */
export interface VerifiedStaff {
  citizenId: string;
  claims: StaffLoginClaims;
  signer: CertificateInfo;
  signerCertificate: Uint8Array;
}

/**
 * For servers (HIS backend, sandbox): verifies a {@link StaffAssertion} — CMS signature over the payload,
 * certificate chain to `trustedRoots` at `now`, the echoed `challenge` (constant-time), freshness
 * (`maxAgeSeconds`, default 300), `audience` when given, and that the certificate's subject
 * serialNumber (when present) equals the claimed citizen ID. Throws `ASSERTION_INVALID`,
 * `SIGNATURE_INVALID` or `CERTIFICATE_INVALID`.
 *
 * @example
 * ```ts
 * import { verifyStaffAssertion } from '@authenkit/thai-idcard/pki';
 * try {
 *   await verifyStaffAssertion({ format: 'authenkit.signed-claims.v1', payload: 'e30', signature: 'AA' },
 *     { trustedRoots: [new Uint8Array([0x30])], challenge: 'x'.repeat(16) });
 * } catch (e) { console.log((e as { code: string }).code); } // 'SIGNATURE_INVALID'
 * ```
 */
export async function verifyStaffAssertion(
  assertion: StaffAssertion | unknown,
  options: VerifySignedClaimsOptions & { challenge: string; audience?: string },
): Promise<VerifiedStaff> {
  assertChallenge(options?.challenge, 'INVALID_ARGUMENT');
  const { claims, signer, signerCertificate } = await openSignedClaims(assertion, options);
  if (
    claims.purpose !== 'staff-login' ||
    typeof claims.citizenId !== 'string' ||
    typeof claims.challenge !== 'string'
  ) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'not a staff log-in assertion', {
      details: { reason: 'purpose' },
    });
  }
  if (!bytesEqual(enc.encode(claims.challenge), enc.encode(options.challenge))) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'challenge does not match', {
      details: { reason: 'challenge' },
    });
  }
  if (options.audience !== undefined && claims.audience !== options.audience) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'audience does not match', {
      details: { reason: 'audience' },
    });
  }
  if (signer.serialNumber !== undefined && signer.serialNumber !== claims.citizenId) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'certificate holder differs from the claimed citizen ID', {
      details: { reason: 'holder-mismatch' },
    });
  }
  return {
    citizenId: claims.citizenId,
    claims: claims as unknown as StaffLoginClaims,
    signer,
    signerCertificate,
  };
}

/**
 * Verifies a visit confirmation from {@link signVisitConfirmation} (same checks as
 * {@link verifyStaffAssertion}, plus `patientCitizenId` / `nonce` when given).
 *
 * @example
 * ```ts
 * import { verifyVisitConfirmation } from '@authenkit/thai-idcard/pki';
 * try { await verifyVisitConfirmation({}, { trustedRoots: [new Uint8Array([0x30])] }) } catch (e) {
 *   console.log((e as { code: string }).code); // 'ASSERTION_INVALID'
 * }
 * ```
 */
export async function verifyVisitConfirmation(
  confirmation: SignedClaims | unknown,
  options: VerifySignedClaimsOptions & { patientCitizenId?: string; nonce?: string },
): Promise<{ claims: VisitConfirmationClaims; signer: CertificateInfo; signerCertificate: Uint8Array }> {
  const { claims, signer, signerCertificate } = await openSignedClaims(confirmation, options);
  const visit = claims.visit as { patientCitizenId?: unknown } | undefined;
  if (
    claims.purpose !== 'visit-confirmation' ||
    typeof claims.certifierCitizenId !== 'string' ||
    !visit ||
    typeof visit.patientCitizenId !== 'string' ||
    !['patient', 'parent', 'caregiver'].includes(claims.role as string)
  ) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'not a visit confirmation', {
      details: { reason: 'purpose' },
    });
  }
  if (options.patientCitizenId !== undefined && visit.patientCitizenId !== options.patientCitizenId) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'confirmation is for another patient', {
      details: { reason: 'patient' },
    });
  }
  if (options.nonce !== undefined && claims.nonce !== options.nonce) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'nonce does not match', { details: { reason: 'nonce' } });
  }
  if (signer.serialNumber !== undefined && signer.serialNumber !== claims.certifierCitizenId) {
    throw new ThaiIdCardError('ASSERTION_INVALID', 'certificate holder differs from the certifier', {
      details: { reason: 'holder-mismatch' },
    });
  }
  return { claims: claims as unknown as VisitConfirmationClaims, signer, signerCertificate };
}

/**
 * The token hook `@authenkit/nhso-client` consumes to get the NHSO web-service token.
 *
 * @example
 * ```ts
 * import { type TokenProvider } from '@authenkit/thai-idcard/pki';
 * const fixed: TokenProvider = { getToken: async () => 'token' };
 * console.log(await fixed.getToken());
 * ```
 */
export interface TokenProvider {
  /** The current token (may log in / refresh). */
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Forget `token` (it was rejected, e.g. HTTP 401); the next `getToken` logs in again. */
  invalidate?(token?: string): void;
}

/**
 * Options of {@link createStaffTokenProvider}.
 *
 * @example
 * ```ts
 * import { type StaffTokenProviderOptions } from '@authenkit/thai-idcard/pki';
 * const o: Partial<StaffTokenProviderOptions> = { refreshSkewMs: 30_000 };
 * console.log(o.refreshSkewMs);
 * ```
 */
export interface StaffTokenProviderOptions {
  /** Runs the staff log-in (prompting for PIN 2) and returns a fresh assertion. */
  login(options: { signal?: AbortSignal }): Promise<StaffAssertion>;
  /** Exchanges the assertion for the web-service token (your HIS backend / the sandbox). */
  exchange(
    assertion: StaffAssertion,
    options: { signal?: AbortSignal },
  ): Promise<{ token: string; expiresAt?: Date | number }>;
  /** Renew this long before `expiresAt` (default 60 s). */
  refreshSkewMs?: number;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
}

/**
 * A {@link TokenProvider} backed by staff card log-in: the first `getToken()` runs `login` + `exchange`;
 * the token is cached until `expiresAt − refreshSkewMs` (forever when no expiry is given) and shared by
 * concurrent callers (one log-in at a time). `invalidate(token)` (nhso-client calls it after a 401) forces a
 * new log-in, unless `token` is already an outdated one. Failures are not cached. The shape matches
 * `TokenProvider` of `@authenkit/nhso-client`.
 *
 * @example
 * ```ts
 * import { createStaffTokenProvider } from '@authenkit/thai-idcard/pki';
 * let logins = 0;
 * const p = createStaffTokenProvider({
 *   login: async () => { logins++; return { format: 'authenkit.signed-claims.v1', payload: '', signature: '' }; },
 *   exchange: async () => ({ token: 'ws-token', expiresAt: Date.now() + 3_600_000 }),
 * });
 * await p.getToken(); await p.getToken();
 * console.log(logins); // 1
 * ```
 */
export function createStaffTokenProvider(options: StaffTokenProviderOptions): Required<TokenProvider> {
  if (typeof options?.login !== 'function' || typeof options.exchange !== 'function') {
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'login and exchange functions are required');
  }
  const tokens = singleFlightToken(
    async (_previous, signal) => {
      const o = signal ? { signal } : {};
      const r = await options.exchange(await options.login(o), o);
      if (typeof r?.token !== 'string' || r.token.length === 0) {
        throw new ThaiIdCardError('ASSERTION_INVALID', 'token exchange returned no token', {
          details: { reason: 'token' },
        });
      }
      const expiresAt =
        r.expiresAt === undefined
          ? undefined
          : Number(r.expiresAt instanceof Date ? r.expiresAt.getTime() : r.expiresAt);
      return { token: r.token, expiresAt };
    },
    { now: options.now ?? Date.now, refreshSkewMs: options.refreshSkewMs ?? 60_000 },
  );
  return {
    getToken: (opts = {}) => tokens.getToken(opts),
    invalidate: (token?: string) => tokens.invalidate(token),
  };
}
