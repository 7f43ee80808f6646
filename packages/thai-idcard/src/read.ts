/**
 * Reading the card: the lean read plan (contiguous ≤ 255-byte READs), progressive delivery, optional
 * NHSO / laser / CPLC. I/O goes only through a {@link Transport}; parsing is in `parse.ts`.
 */
import {
  type ExchangeOptions,
  exchange,
  exchangeOk,
  formatSw,
  readBinaryCommand,
  selectCommand,
  toHex,
} from './apdu.js';
import {
  ADM_AID,
  type CardProfile,
  MOI_AID,
  MOI_LAYOUT,
  NHSO_AID,
  NHSO_LAYOUT,
  profileForAtr,
} from './card.js';
import { isThaiIdCardError, ThaiIdCardError, throwIfAborted } from './errors.js';
import {
  type NhsoData,
  parseAddress,
  parseAdmInfo,
  parseCplc,
  parseIdentity,
  parseMoiHeader,
  parseNhsoData,
  parsePhoto,
  type ThaiAddress,
  type ThaiIdHeader,
  type ThaiIdIdentity,
} from './parse.js';
import { decodeTis620 } from './tis620.js';
import type { TransmitOptions, Transport } from './transport.js';
import { wrapTransport } from './transport.js';

/**
 * Everything read from a card by {@link readThaiIdCard}.
 *
 * @example
 * ```ts
 * import { readThaiIdCard, type ThaiIdCardData } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const data: ThaiIdCardData = await readThaiIdCard(createVirtualCard({ image: sampleCardImage() }).transport());
 * console.log(data.address.province); // 'กรุงเทพมหานคร'
 * ```
 */
export interface ThaiIdCardData extends ThaiIdHeader {
  address: ThaiAddress;
  /** Number under the photo (เลขใต้รูป). */
  photoNumber: string;
  /** JPEG bytes when `photo: true`, else undefined. */
  photo: Uint8Array<ArrayBuffer> | undefined;
  /** NHSO rights when `nhso: true` and the applet exists, else null. */
  nhso: NhsoData | null;
  /** Laser code (เลขหลังบัตร) when `laser: true` and the chip answers, else null. */
  laserCode: string | null;
  /** Chip serial from CPLC when `chip: true` and the chip answers, else null. */
  chipSerial: string | null;
  /** ATR as hex. */
  atr: string;
  /** Optional parts the card refused (typed errors, not fatal): `nhso`, `laser`, `chip`. */
  unavailable: { nhso?: ThaiIdCardError; laser?: ThaiIdCardError; chip?: ThaiIdCardError };
}

/**
 * Events of a progressive read, in order: `identity` (after the first READ), `text` (all text fields),
 * `photo-progress`* and `photo` (when asked), `extras` (NHSO / laser / chip when asked), `done`.
 *
 * @example
 * ```ts
 * import { type ReadEvent } from '@authenkit/thai-idcard';
 * const onEvent = (e: ReadEvent) => { if (e.type === 'photo-progress') console.log(e.bytesRead, '/', e.total); };
 * console.log(typeof onEvent);
 * ```
 */
export type ReadEvent =
  | { type: 'identity'; identity: ThaiIdIdentity }
  | {
      type: 'text';
      data: Omit<ThaiIdCardData, 'photo' | 'nhso' | 'laserCode' | 'chipSerial' | 'unavailable'>;
    }
  | { type: 'photo-progress'; bytesRead: number; total: number }
  | { type: 'photo'; photo: Uint8Array<ArrayBuffer> }
  | { type: 'extras'; nhso: NhsoData | null; laserCode: string | null; chipSerial: string | null }
  | { type: 'done'; data: ThaiIdCardData };

/**
 * Options of {@link readThaiIdCard}.
 *
 * @example
 * ```ts
 * import { type ReadOptions } from '@authenkit/thai-idcard';
 * const o: ReadOptions = { photo: true, nhso: true, laser: true, signal: AbortSignal.timeout(10_000) };
 * console.log(o.photo);
 * ```
 */
export interface ReadOptions {
  /** Read the 5118-byte photo (≈ 5 s at 9600 bit/s). Default false. */
  photo?: boolean;
  /** Read the NHSO applet. Default false. */
  nhso?: boolean;
  /** Read the laser code from the ADM applet. Default false. */
  laser?: boolean;
  /** Read the chip serial (CPLC). Default false. */
  chip?: boolean;
  /** Cancels the read (rejects with `ABORTED` / `TIMEOUT`). */
  signal?: AbortSignal;
  /** Progress callback (the same events as {@link streamThaiIdCard}). */
  onEvent?: (event: ReadEvent) => void;
  /** Card profile; default chosen from the ATR with `profileForAtr`. */
  profile?: CardProfile;
  /** Called for every raw APDU exchanged (tracing, counting). */
  onApdu?: (command: Uint8Array, response: Uint8Array) => void;
  /**
   * Opt-in: when a read fails after the identity was read, put the citizen ID in the error's
   * `details.citizenId` (e.g. to tell staff whose card was pulled). Off by default: errors never carry
   * personal data.
   */
  includePersonalData?: boolean;
}

/**
 * The READ ranges of the lean plan for the MOI file: `[offset, length]` pairs, each ≤ 255 bytes.
 * Text only: 0+217 (identity), 217+160 (rest of the header), 5497+174 (address, photo number): 3 READs.
 * With photo: 0+217, 217+255 (header rest + photo start), 5497+174, then the photo rest 472..5496 in
 * 255-byte READs (23 READs in all).
 *
 * @example
 * ```ts
 * import { moiReadPlan } from '@authenkit/thai-idcard';
 * console.log(moiReadPlan({ photo: false })); // [ [ 0, 217 ], [ 217, 160 ], [ 5497, 174 ] ]
 * console.log(moiReadPlan({ photo: true }).length); // 23
 * ```
 */
export function moiReadPlan(options: { photo: boolean }): Array<[number, number]> {
  // First READ = exactly the identity (version, citizen ID, Thai + English names: 0..216) so it reaches the
  // caller as early as possible; the second READ finishes the header (and starts the photo); the third takes
  // address + photo number; the photo rest follows in 255-byte READs. Every byte is read once.
  const idEnd = MOI_LAYOUT.birthDate.offset; // 217
  const headerEnd = MOI_LAYOUT.reserved.offset + 2; // 377: through the expiry date (+2 unknown bytes)
  const addrStart = MOI_LAYOUT.address.offset;
  const addrLen = MOI_LAYOUT.photoNumber.offset + MOI_LAYOUT.photoNumber.length - addrStart;
  if (!options.photo)
    return [
      [0, idEnd],
      [idEnd, headerEnd - idEnd],
      [addrStart, addrLen],
    ];
  const plan: Array<[number, number]> = [
    [0, idEnd],
    [idEnd, 255],
    [addrStart, addrLen],
  ];
  for (let off = idEnd + 255; off < addrStart; off += 255) plan.push([off, Math.min(255, addrStart - off)]);
  return plan;
}

/** A transport wrapper that numbers APDUs and tags errors with the index. */
function counting(transport: Transport, onApdu?: (c: Uint8Array, r: Uint8Array) => void) {
  let index = 0;
  const t = wrapTransport(transport, {
    async transmit(apdu, o) {
      const i = index++;
      try {
        const r = await transport.transmit(apdu, o);
        onApdu?.(apdu, r);
        return r;
      } catch (e) {
        if (isThaiIdCardError(e) && e.details?.apduIndex === undefined) {
          throw new ThaiIdCardError(e.code, e.message, {
            cause: e.cause ?? e,
            details: { ...e.details, apduIndex: i },
          });
        }
        throw e;
      }
    },
  });
  return { transport: t, count: () => index };
}

async function selectApplet(
  t: Transport,
  aid: Uint8Array,
  what: string,
  opts: ExchangeOptions,
  missing: ThaiIdCardError['code'],
): Promise<void> {
  // SELECT's FCI is not needed: accept 90 00 or 61 xx without fetching it (saves an APDU).
  const raw = await t.transmit(selectCommand(aid), opts.signal ? { signal: opts.signal } : {});
  const sw = ((raw[raw.length - 2] ?? 0) << 8) | (raw[raw.length - 1] ?? 0);
  if (raw.length < 2) throw new ThaiIdCardError('CARD_UNRESPONSIVE', `${what}: empty response`);
  if (sw === 0x9000 || sw >> 8 === 0x61) return;
  throw new ThaiIdCardError(missing, `${what} failed: ${formatSw(sw)}`, {
    details: { sw },
  });
}

async function readRange(
  t: Transport,
  offset: number,
  length: number,
  opts: ExchangeOptions,
  what: string,
  wrongLength: 'CARD_UNRESPONSIVE' | 'INVALID_DATA' = 'CARD_UNRESPONSIVE',
) {
  const res = await exchange(t, readBinaryCommand(offset, length), opts);
  if (!res.ok) {
    throw new ThaiIdCardError('APDU_FAILED', `${what} READ at ${offset} failed: ${formatSw(res.sw)}`, {
      details: { sw: res.sw, offset, length },
    });
  }
  if (res.data.length !== length) {
    throw new ThaiIdCardError(
      wrongLength,
      `${what} READ at ${offset}: got ${res.data.length} of ${length} bytes`,
      {
        details: { offset, length, received: res.data.length },
      },
    );
  }
  return res.data;
}

/** Failures of the reader / connection, not of the card's answer: an optional part never hides them. */
const TRANSPORT_FAILURES = new Set([
  'CARD_REMOVED',
  'CARD_NOT_PRESENT',
  'TIMEOUT',
  'ABORTED',
  'TRANSPORT_CLOSED',
  'PCSC_UNAVAILABLE',
  'PCSC_ERROR',
  'READER_NOT_FOUND',
  'REPLAY_MISMATCH',
]);

/**
 * Runs an optional part (NHSO, laser, CPLC): whatever the card answers wrong (error status word, wrong
 * length, unparseable data) makes the part unavailable with the reason; the rest of the read stands.
 */
async function optional<T>(fn: () => Promise<T>): Promise<{ value: T | null; error?: ThaiIdCardError }> {
  try {
    return { value: await fn() };
  } catch (e) {
    if (isThaiIdCardError(e) && !TRANSPORT_FAILURES.has(e.code)) {
      return {
        value: null,
        error: new ThaiIdCardError('NOT_SUPPORTED_BY_CARD', e.message, {
          cause: e,
          details: { ...e.details, reason: e.code },
        }),
      };
    }
    throw e;
  }
}

async function runRead(
  transport: Transport,
  options: ReadOptions,
  emit: (e: ReadEvent) => void,
): Promise<ThaiIdCardData> {
  const signal = options.signal;
  throwIfAborted(signal);
  const lockOpts: TransmitOptions = signal ? { signal } : {};
  const release = await transport.lock(lockOpts);
  const weConnected = !transport.connected;
  try {
    if (weConnected) await transport.connect(lockOpts);
    const { transport: t } = counting(transport, options.onApdu);
    const profile = options.profile ?? profileForAtr(transport.atr);
    const opts: ExchangeOptions = { ...lockOpts, getResponseP2: profile.getResponseP2 };
    const photo = options.photo === true;
    const file = new Uint8Array(MOI_LAYOUT.total.length);
    // pcscd powers an idle card off between connections: always SELECT after connect.
    await selectApplet(t, MOI_AID, 'SELECT MOI applet', opts, 'UNSUPPORTED_CARD');
    const plan = moiReadPlan({ photo });
    const photoStart = MOI_LAYOUT.photo.offset;
    const photoEnd = photoStart + MOI_LAYOUT.photo.length;
    let photoBytes = 0;
    let text: Omit<ThaiIdCardData, 'photo' | 'nhso' | 'laserCode' | 'chipSerial' | 'unavailable'> | undefined;
    for (const [i, [offset, length]] of plan.entries()) {
      throwIfAborted(signal);
      file.set(await readRange(t, offset, length, opts, 'MOI'), offset);
      if (i === 0) {
        const identity = parseIdentity(file);
        if (!/^\d{13}$/.test(identity.citizenId)) {
          throw new ThaiIdCardError('UNSUPPORTED_CARD', 'MOI applet answered but holds no citizen ID');
        }
        emit({ type: 'identity', identity });
      }
      if (photo) {
        const lo = Math.max(offset, photoStart);
        const hi = Math.min(offset + length, photoEnd);
        if (hi > lo) {
          photoBytes += hi - lo;
          if (i >= 2) emit({ type: 'photo-progress', bytesRead: photoBytes, total: MOI_LAYOUT.photo.length });
        }
      }
      if (i === 2) {
        text = {
          ...parseMoiHeader(file),
          address: parseAddress(
            file.subarray(MOI_LAYOUT.address.offset, MOI_LAYOUT.address.offset + MOI_LAYOUT.address.length),
          ),
          photoNumber: decodeTis620(
            file.subarray(
              MOI_LAYOUT.photoNumber.offset,
              MOI_LAYOUT.photoNumber.offset + MOI_LAYOUT.photoNumber.length,
            ),
          )
            .replace(/\0/g, '')
            .trim(),
          atr: transport.atr ? toHex(transport.atr) : '',
        };
        emit({ type: 'text', data: text });
      }
    }
    let photoJpeg: Uint8Array<ArrayBuffer> | undefined;
    if (photo) {
      photoJpeg = parsePhoto(file.subarray(photoStart, photoEnd));
      emit({ type: 'photo', photo: photoJpeg });
    }
    const unavailable: ThaiIdCardData['unavailable'] = {};
    let nhso: NhsoData | null = null;
    let laserCode: string | null = null;
    let chipSerial: string | null = null;
    if (options.nhso) {
      const r = await optional(async () => {
        await selectApplet(t, NHSO_AID, 'SELECT NHSO applet', opts, 'NOT_SUPPORTED_BY_CARD');
        const nf = new Uint8Array(NHSO_LAYOUT.end.offset);
        const a = NHSO_LAYOUT.mainInscl.offset;
        for (let off = a; off < NHSO_LAYOUT.end.offset; off += 255) {
          const len = Math.min(255, NHSO_LAYOUT.end.offset - off);
          nf.set(await readRange(t, off, len, opts, 'NHSO', 'INVALID_DATA'), off);
        }
        return parseNhsoData(nf);
      });
      nhso = r.value;
      if (r.error) unavailable.nhso = r.error;
    }
    if (options.laser) {
      const r = await optional(async () => {
        await selectApplet(t, ADM_AID, 'SELECT ADM applet', opts, 'NOT_SUPPORTED_BY_CARD');
        // 80 00 00 00 17: ADM info, 23 bytes. exchange() follows 61xx with GET RESPONSE for exactly xx
        // bytes and resends with the right Le on 6Cxx (older chips).
        const info = await exchangeOk(t, Uint8Array.of(0x80, 0x00, 0x00, 0x00, 0x17), 'ADM info', opts);
        const code = parseAdmInfo(info).laserCode;
        if (!code) throw new ThaiIdCardError('NOT_SUPPORTED_BY_CARD', 'card has no laser code');
        return code;
      });
      laserCode = r.value;
      if (r.error) unavailable.laser = r.error;
    }
    if (options.chip) {
      const r = await optional(async () => {
        await selectApplet(t, new Uint8Array(0), 'SELECT card manager', opts, 'NOT_SUPPORTED_BY_CARD');
        // 80 CA 9F 7F 2D: GET DATA, tag 9F7F = CPLC (GlobalPlatform), 45 bytes with the tag header.
        return parseCplc(
          await exchangeOk(t, Uint8Array.of(0x80, 0xca, 0x9f, 0x7f, 0x2d), 'GET DATA CPLC', opts),
        ).chipSerial;
      });
      chipSerial = r.value;
      if (r.error) unavailable.chip = r.error;
    }
    if (options.nhso || options.laser || options.chip) emit({ type: 'extras', nhso, laserCode, chipSerial });
    const data: ThaiIdCardData = { ...text!, photo: photoJpeg, nhso, laserCode, chipSerial, unavailable };
    emit({ type: 'done', data });
    return data;
  } finally {
    if (weConnected) await transport.disconnect().catch(() => {});
    release();
  }
}

/**
 * Reads a Thai national ID card in one call (text: 7 APDUs; with photo: 47). Takes the reader lock,
 * connects if needed (and disconnects again), SELECTs after connect. Throws a `ThaiIdCardError`
 * (`CARD_REMOVED` with `details.apduIndex`, `UNSUPPORTED_CARD`, …); never returns a partial record.
 *
 * @example
 * ```ts
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const card = createVirtualCard({ image: sampleCardImage() });
 * const data = await readThaiIdCard(card.transport(), { photo: true, nhso: true, laser: true });
 * console.log(data.photo?.length, data.nhso?.mainInscl, data.laserCode);
 * ```
 */
export function readThaiIdCard(transport: Transport, options: ReadOptions = {}): Promise<ThaiIdCardData> {
  return runReadOptIn(transport, options, (e) => options.onEvent?.(e));
}

async function runReadOptIn(transport: Transport, options: ReadOptions, emit: (e: ReadEvent) => void) {
  if (!options.includePersonalData) return runRead(transport, options, emit);
  let citizenId: string | undefined;
  try {
    return await runRead(transport, options, (e) => {
      if (e.type === 'identity') citizenId = e.identity.citizenId;
      emit(e);
    });
  } catch (e) {
    if (citizenId && isThaiIdCardError(e)) {
      throw new ThaiIdCardError(e.code, e.message, {
        cause: e,
        details: { ...e.details, citizenId },
        personalData: true,
      });
    }
    throw e;
  }
}

/**
 * The same read as {@link readThaiIdCard}, delivered progressively as an async iterator: the identity as
 * soon as the first READ returns, then the remaining text, then photo progress and the photo.
 * Breaking out of the loop aborts the read.
 *
 * @example
 * ```ts
 * import { streamThaiIdCard } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * for await (const e of streamThaiIdCard(createVirtualCard({ image: sampleCardImage() }).transport(), { photo: true })) {
 *   if (e.type === 'identity') console.log('show', e.identity.firstNameTh);
 * }
 * ```
 */
export async function* streamThaiIdCard(
  transport: Transport,
  options: ReadOptions = {},
): AsyncGenerator<ReadEvent, void> {
  const queue: ReadEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: unknown;
  const inner = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, inner.signal]) : inner.signal;
  const run = runReadOptIn(transport, { ...options, signal }, (e) => {
    options.onEvent?.(e);
    queue.push(e);
    wake?.();
  }).then(
    () => {
      finished = true;
      wake?.();
    },
    (e) => {
      failure = e;
      finished = true;
      wake?.();
    },
  );
  try {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (finished) break;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = undefined;
    }
    if (failure !== undefined) throw failure;
  } finally {
    if (!finished) inner.abort(new ThaiIdCardError('ABORTED', 'read abandoned by the consumer'));
    await run;
  }
}

/**
 * Reads only the photo (lazy, e.g. after a text-only read): SELECT + 21 READs, with progress.
 *
 * @example
 * ```ts
 * import { readThaiIdPhoto } from '@authenkit/thai-idcard';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const jpeg = await readThaiIdPhoto(createVirtualCard({ image: sampleCardImage() }).transport(), {
 *   onProgress: (done, total) => console.log(done, total),
 * });
 * console.log(jpeg[0], jpeg[1]); // 255 216
 * ```
 */
export async function readThaiIdPhoto(
  transport: Transport,
  options: {
    signal?: AbortSignal;
    onProgress?: (bytesRead: number, total: number) => void;
    profile?: CardProfile;
  } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const signal = options.signal;
  const lockOpts: TransmitOptions = signal ? { signal } : {};
  const release = await transport.lock(lockOpts);
  const weConnected = !transport.connected;
  try {
    if (weConnected) await transport.connect(lockOpts);
    const { transport: t } = counting(transport);
    const opts: ExchangeOptions = {
      ...lockOpts,
      getResponseP2: (options.profile ?? profileForAtr(transport.atr)).getResponseP2,
    };
    await selectApplet(t, MOI_AID, 'SELECT MOI applet', opts, 'UNSUPPORTED_CARD');
    const { offset: start, length: total } = MOI_LAYOUT.photo;
    const area = new Uint8Array(total);
    for (let done = 0; done < total; ) {
      throwIfAborted(signal);
      const len = Math.min(255, total - done);
      area.set(await readRange(t, start + done, len, opts, 'photo'), done);
      done += len;
      options.onProgress?.(done, total);
    }
    return parsePhoto(area);
  } finally {
    if (weConnected) await transport.disconnect().catch(() => {});
    release();
  }
}
