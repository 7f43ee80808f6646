/**
 * Anonymising APDU traces: every personal byte a card sent is replaced by synthetic data of the same length
 * and class, everything else (ATR, commands, status words, lengths, format bytes) is kept, so the trace still
 * replays through the reader code exactly as the card answered. Pure (randomness is injected); browser-safe.
 * The field layout comes from `card.ts` / `parse.ts` (the one source the parsers use too).
 */
import { citizenIdCheckDigit, isValidCitizenId } from '@authenkit/authen-code';
import { formatSw, fromHex } from './apdu.js';
import { ADM_AID, MOI_AID, MOI_LAYOUT, NHSO_AID, NHSO_LAYOUT, profileForAtr } from './card.js';
import { parseCardDate } from './dates.js';
import { ThaiIdCardError } from './errors.js';
import {
  ADDRESS_LABELS,
  ADDRESS_SLOTS,
  ADM_INFO_LAYOUT,
  type CardFieldKind,
  CPLC_LAYOUT,
  MOI_FIELD_KINDS,
  NHSO_FIELD_KINDS,
} from './parse.js';
import type { ThaiIdCardData } from './read.js';
import type { ApduExchange } from './replay.js';
import { encodeTis620 } from './tis620.js';
import { generateJpeg } from './virtual/jpeg.js';

/**
 * Options of {@link anonymizeApduTrace}.
 *
 * @example
 * ```ts
 * import { type AnonymizeOptions } from '@authenkit/thai-idcard/replay';
 * const o: AnonymizeOptions = { random: Math.random };
 * console.log(typeof o.random);
 * ```
 */
export interface AnonymizeOptions {
  /**
   * Random numbers in [0, 1). Default: `crypto.getRandomValues`. Pass a seeded generator for reproducible
   * test traces; never derive it from the card's data.
   */
  random?: () => number;
}

/**
 * Which parts of a trace the anonymiser replaced (byte counts, no values).
 *
 * @example
 * ```ts
 * import { type AnonymizeReport } from '@authenkit/thai-idcard/replay';
 * const f = (r: AnonymizeReport) => r.fields.join(', ');
 * console.log(typeof f);
 * ```
 */
export interface AnonymizeReport {
  /** Names of the card fields that held data and were replaced (e.g. `citizenId`, `nameTh`, `photo`). */
  fields: string[];
  /** Response data bytes the trace carries in all. */
  dataBytes: number;
  /** Response bytes that belong to no known field (replaced with random bytes). */
  unknownBytes: number;
}

const DIGITS = range(0x30, 0x39);
const UPPER = range(0x41, 0x5a);
const LOWER = range(0x61, 0x7a);
/** TIS-620 Thai letter classes: a letter is replaced by another of its own class (so marks stay marks). */
const THAI_CLASSES: number[][] = [
  range(0xa1, 0xce), // consonants
  range(0xe0, 0xe4), // leading vowels
  [0xd0, 0xd2, 0xd3, 0xe5], // following vowels
  [0xd1, 0xd4, 0xd5, 0xd6, 0xd7, 0xe7, 0xed], // above vowels
  [0xd8, 0xd9, 0xda], // below vowels
  range(0xe8, 0xec), // tone marks, thanthakhat
  [0xcf, 0xe6, 0xee, 0xef, 0xfa, 0xfb], // signs
  range(0xf0, 0xf9), // Thai digits
];
const CLASS_OF = new Map<number, number[]>();
for (const c of [DIGITS, UPPER, LOWER, ...THAI_CLASSES]) for (const b of c) CLASS_OF.set(b, c);

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

type Rng = { int(n: number): number; other(from: readonly number[], not: number): number };

function rngOf(random: (() => number) | undefined): Rng {
  const next =
    random ??
    (() => {
      const u = new Uint32Array(1);
      globalThis.crypto.getRandomValues(u);
      return u[0]! / 2 ** 32;
    });
  const int = (n: number) => Math.min(n - 1, Math.floor(next() * n));
  return {
    int,
    other(from, not) {
      const pool = from.filter((b) => b !== not);
      return pool[int(pool.length)]!;
    },
  };
}

/** Replaces every digit / Latin / Thai letter by another of its class; every other byte stays. */
function scrambleText(b: Uint8Array, rng: Rng): void {
  for (let i = 0; i < b.length; i++) {
    const c = CLASS_OF.get(b[i]!);
    if (c) b[i] = rng.other(c, b[i]!);
  }
}

/** Random bytes (never padding 0x20 / 0x00, never the original byte). */
function scrambleBinary(b: Uint8Array, rng: Rng): void {
  for (let i = 0; i < b.length; i++) {
    let v = b[i]!;
    while (v === b[i] || v === 0x20 || v === 0x00) v = 1 + rng.int(255);
    b[i] = v;
  }
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);
const isDigit = (x: number | undefined) => x !== undefined && x >= 0x30 && x <= 0x39;

function scrambleCitizenId(b: Uint8Array, rng: Rng): void {
  if (b.length !== 13 || !b.every(isDigit)) {
    scrambleText(b, rng);
    return;
  }
  const original = ascii(b);
  const valid = isValidCitizenId(original);
  for (;;) {
    const first12 = Array.from(b.subarray(0, 12), (x) => rng.other(DIGITS, x));
    const check = citizenIdCheckDigit(String.fromCharCode(...first12));
    const last = valid
      ? 0x30 + check
      : rng.other(
          DIGITS.filter((x) => x !== 0x30 + check),
          b[12]!,
        );
    if (last === b[12]) continue; // every digit must change
    b.set([...first12, last]);
    return;
  }
}

function scrambleDate(b: Uint8Array, rng: Rng): void {
  const text = ascii(b);
  if (b.length !== 8 || !b.every(isDigit)) {
    scrambleText(b, rng);
    return;
  } // blanks stay blanks
  if (text === '99999999' || /^0+$/.test(text)) return; // lifelong / none: the shape is the value
  const parsed = parseCardDate(text).date !== null;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (!parsed) {
    // an invalid date stays invalid: keep month and day (what makes it invalid), change the year
    const year = Uint8Array.from(b.subarray(0, 4));
    scrambleText(year, rng);
    b.set(year, 0);
    return;
  }
  let year = y;
  while (year === y) year = Math.max(2400, Math.min(2600, y - 20 + rng.int(41)));
  const month = m === 0 ? 0 : rng.other(range(1, 12), m);
  const day = d === 0 ? 0 : rng.other(range(1, 28), d);
  const out = `${year}`.padStart(4, '0') + `${month}`.padStart(2, '0') + `${day}`.padStart(2, '0');
  b.set(Array.from(out, (c) => c.charCodeAt(0)));
}

const LABEL_BYTES = [...ADDRESS_LABELS]
  .sort((a, b) => b.length - a.length)
  .map((l) => ({ label: l, bytes: encodeTis620(l) }));

/** Address: each `#` slot keeps its administrative label (ตำบล, เขต, …); the rest is scrambled. */
function scrambleAddress(b: Uint8Array, rng: Rng): void {
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i < b.length && b[i] !== 0x23) continue;
    const slot = b.subarray(start, i);
    let from = 0;
    while (from < slot.length && (slot[from] === 0x20 || slot[from] === 0x00)) from++;
    const hit = LABEL_BYTES.find(
      ({ bytes }) => bytes.length <= slot.length - from && bytes.every((x, k) => slot[from + k] === x),
    );
    if (hit) from += hit.bytes.length;
    scrambleText(slot.subarray(from), rng);
    start = i + 1;
  }
}

/** The photo area: the JPEG becomes a synthetic JPEG of the same length; the padding after it stays. */
function scramblePhoto(area: Uint8Array, known: Uint8Array, rng: Rng): void {
  if (!known.every(Boolean)) {
    for (let i = 0; i < area.length; i++) if (known[i]) area.set(syntheticBytes(1, rng), i);
    return;
  }
  let end = area.length;
  while (end > 0 && (area[end - 1] === 0x20 || area[end - 1] === 0x00)) end--;
  if (end === 0) return;
  area.set(syntheticJpeg(end, rng) ?? syntheticBytes(end, rng), 0);
}

function syntheticBytes(n: number, rng: Rng): Uint8Array {
  return Uint8Array.from({ length: n }, () => 0x21 + rng.int(0xfe - 0x21));
}

/** A valid JPEG of exactly `length` bytes (a comment segment pads it), or undefined when too short. */
function syntheticJpeg(length: number, rng: Rng): Uint8Array | undefined {
  const seed = 2 + rng.int(1000);
  for (const [width, height] of [
    [136, 168],
    [64, 80],
    [8, 8],
  ] as const) {
    const base = generateJpeg({ width, height, seed }).length;
    const c = length - base - 4; // comment segment: FF FE len(2) + text
    if (c < 1 || c > 65533) continue;
    const comment = Uint8Array.from({ length: c }, () => 0x41 + rng.int(26));
    const jpeg = generateJpeg({ width, height, seed, comment });
    if (jpeg.length === length) return jpeg;
  }
  return undefined;
}

function scrambleField(kind: CardFieldKind, b: Uint8Array, known: Uint8Array, rng: Rng): void {
  if (kind === 'code' || kind === 'reserved') return;
  if (kind === 'photo') {
    scramblePhoto(b, known, rng);
    return;
  }
  if (kind === 'binary') {
    scrambleBinary(b, rng);
    return;
  }
  if (kind === 'sex') {
    for (let i = 0; i < b.length; i++) if (b[i] === 0x31 || b[i] === 0x32) b[i] = b[i] === 0x31 ? 0x32 : 0x31;
    return;
  }
  const whole = known.every(Boolean);
  if (kind === 'citizenId' && whole) {
    scrambleCitizenId(b, rng);
    return;
  }
  if (kind === 'date' && whole) {
    scrambleDate(b, rng);
    return;
  }
  if (kind === 'address') {
    scrambleAddress(b, rng);
    return;
  }
  scrambleText(b, rng);
}

type AreaName = 'MOI' | 'NHSO' | 'ADM' | 'CPLC' | 'FCI' | 'unknown';
type Field = { name: string; offset: number; length: number; kind: CardFieldKind };

function fieldsOf(area: AreaName, size: number, cplcTagged: boolean): Field[] {
  const list: Field[] = [];
  const add = (
    layout: Record<string, { offset: number; length: number }>,
    kinds: Record<string, CardFieldKind>,
    base = 0,
  ) => {
    for (const [name, kind] of Object.entries(kinds))
      list.push({ name, kind, offset: base + layout[name]!.offset, length: layout[name]!.length });
  };
  if (area === 'MOI') add(MOI_LAYOUT, MOI_FIELD_KINDS);
  else if (area === 'NHSO') {
    add(NHSO_LAYOUT, NHSO_FIELD_KINDS);
    list.push({ name: 'nhsoHeader', kind: 'code', offset: 0, length: NHSO_LAYOUT.mainInscl.offset });
  } else if (area === 'ADM') {
    list.push({ name: 'admInfo', kind: 'code', offset: 0, length: ADM_INFO_LAYOUT.laserCode.offset });
    list.push({ name: 'laserCode', kind: 'text', ...ADM_INFO_LAYOUT.laserCode });
  } else if (area === 'CPLC') {
    const base = cplcTagged ? 3 : 0;
    list.push({ name: 'cplc', kind: 'code', offset: 0, length: base + CPLC_LAYOUT.total.length });
    list.push({
      name: 'chipSerial',
      kind: 'binary',
      offset: base + CPLC_LAYOUT.chipSerial.offset,
      length: CPLC_LAYOUT.chipSerial.length,
    });
  } else if (area === 'FCI') list.push({ name: 'fci', kind: 'code', offset: 0, length: size });
  return list;
}

const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

type Segment = { index: number; area: AreaName; offset: number; length: number };

/** Maps every response data byte of the trace to (area, offset): SELECT / READ BINARY / GET RESPONSE / 6Cxx. */
function segmentsOf(exchanges: readonly ApduExchange[]): Segment[] {
  const segments: Segment[] = [];
  let selected: AreaName = 'unknown';
  let pending: { area: AreaName; offset: number } | undefined;
  let unknownOffset = 0;
  exchanges.forEach((x, index) => {
    const c = x.command;
    const r = x.response;
    const dataLength = Math.max(0, r.length - 2);
    const sw1 = r.length >= 2 ? r[r.length - 2] : undefined;
    let target: { area: AreaName; offset: number };
    if (c[0] === 0x00 && c[1] === 0xa4 && c[2] === 0x04) {
      const aid = c.subarray(5, 5 + (c[4] ?? 0));
      selected = eq(aid, MOI_AID)
        ? 'MOI'
        : eq(aid, NHSO_AID)
          ? 'NHSO'
          : eq(aid, ADM_AID)
            ? 'ADM'
            : aid.length === 0
              ? 'CPLC'
              : 'unknown';
      target = { area: 'FCI', offset: 0 };
    } else if (c[1] === 0xc0 && c.length === 5 && pending) {
      target = pending;
    } else if (c[0] === 0x80 && c[1] === 0xb0 && (selected === 'MOI' || selected === 'NHSO')) {
      target = { area: selected, offset: ((c[2]! & 0x7f) << 8) | c[3]! };
    } else if (c[0] === 0x80 && c[1] === 0x00 && selected === 'ADM') {
      target = { area: 'ADM', offset: 0 };
    } else if (c[0] === 0x80 && c[1] === 0xca && c[2] === 0x9f && c[3] === 0x7f && selected === 'CPLC') {
      target = { area: 'CPLC', offset: 0 };
    } else {
      target = { area: 'unknown', offset: unknownOffset };
    }
    if (dataLength > 0) segments.push({ index, ...target, length: dataLength });
    if (target.area === 'unknown') unknownOffset += dataLength;
    pending = sw1 === 0x61 ? { area: target.area, offset: target.offset + dataLength } : undefined;
  });
  return segments;
}

/**
 * Anonymises an APDU trace of a card read (see {@link AnonymizeReport} for what it says it did): every
 * personal byte is replaced by synthetic data of the same length and class — digits stay digits (the citizen
 * ID keeps a valid check digit, or an invalid one if it had one), Thai letters stay TIS-620 Thai letters of the
 * same kind (consonant, vowel, tone mark), Latin stays Latin; spaces, `#` separators, padding, other bytes and
 * the shape of dates (unknown day / month `00`, lifelong `99999999`, blank) stay where they were; known dates
 * stay valid dates; address labels (ตำบล, แขวง, อำเภอ, เขต, จังหวัด, …) stay, place names do not; the photo becomes a synthetic
 * JPEG of the same length; the laser code and the CPLC chip serial are replaced; response bytes of unknown
 * commands become random bytes. Commands, ATR, status words and lengths are kept, so the trace replays.
 *
 * @example
 * ```ts
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * import { anonymizeApduTrace, createRecordingTransport, createReplayTransport } from '@authenkit/thai-idcard/replay';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const rec = createRecordingTransport(createVirtualCard({ image: sampleCardImage() }).transport());
 * await readThaiIdCard(rec);
 * const { exchanges } = anonymizeApduTrace(rec.exchanges);
 * const data = await readThaiIdCard(createReplayTransport(exchanges));
 * console.log(data.citizenId !== '1101700123456', data.citizenIdValid); // true true
 * ```
 */
export function anonymizeApduTrace(
  exchanges: readonly Pick<ApduExchange, 'command' | 'response'>[],
  options: AnonymizeOptions = {},
): { exchanges: ApduExchange[]; report: AnonymizeReport } {
  if (!Array.isArray(exchanges))
    throw new ThaiIdCardError('INVALID_ARGUMENT', 'anonymizeApduTrace: expected an array of exchanges');
  const rng = rngOf(options.random);
  const list: ApduExchange[] = exchanges.map((x, i) => ({
    command: Uint8Array.from(x.command),
    response: Uint8Array.from(x.response),
    line: (x as Partial<ApduExchange>).line ?? i + 1,
  }));
  const segments = segmentsOf(list);
  const report: AnonymizeReport = { fields: [], dataBytes: 0, unknownBytes: 0 };
  const areas = new Map<AreaName, { data: Uint8Array; known: Uint8Array }>();
  for (const s of segments) {
    report.dataBytes += s.length;
    const size = s.offset + s.length;
    let a = areas.get(s.area);
    if (!a || a.data.length < size) {
      const grown = { data: new Uint8Array(Math.max(size, a?.data.length ?? 0)), known: new Uint8Array(0) };
      grown.known = new Uint8Array(grown.data.length);
      if (a) {
        grown.data.set(a.data);
        grown.known.set(a.known);
      }
      a = grown;
      areas.set(s.area, a);
    }
    a.data.set(list[s.index]!.response.subarray(0, s.length), s.offset);
    a.known.fill(1, s.offset, size);
  }
  for (const [name, a] of areas) {
    const cplcTagged = name === 'CPLC' && a.data[0] === 0x9f && a.data[1] === 0x7f;
    const fields = fieldsOf(name, a.data.length, cplcTagged);
    const covered = new Uint8Array(a.data.length);
    for (const f of fields) {
      const end = Math.min(a.data.length, f.offset + f.length);
      if (f.offset >= end) continue;
      covered.fill(1, f.offset, end);
      const known = a.known.subarray(f.offset, end);
      if (!known.some(Boolean)) continue;
      if (f.kind !== 'code' && f.kind !== 'reserved') report.fields.push(f.name);
      scrambleField(f.kind, a.data.subarray(f.offset, end), known, rng);
    }
    // bytes of no known field (an over-long answer, an unknown command): random, whatever they were
    for (let i = 0; i < a.data.length; i++) {
      if (covered[i] || !a.known[i]) continue;
      report.unknownBytes++;
      scrambleBinary(a.data.subarray(i, i + 1), rng);
    }
  }
  for (const s of segments) {
    const a = areas.get(s.area)!;
    list[s.index]!.response.set(a.data.subarray(s.offset, s.offset + s.length), 0);
  }
  report.fields = [...new Set(report.fields)];
  return { exchanges: list, report };
}

/**
 * The structure of a read, without any value: which fields are present, the shape of the dates, the address
 * slot layout and labels, the photo length, which optional parts answered. Two reads of the same card
 * generation and data layout have the same structure, whatever the person; the field-trace corpus stores it
 * as `expected.json`.
 *
 * @example
 * ```ts
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * import { describeReadStructure } from '@authenkit/thai-idcard/replay';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const data = await readThaiIdCard(createVirtualCard({ image: sampleCardImage() }).transport());
 * console.log(describeReadStructure(data).address.bangkok); // true
 * ```
 */
export function describeReadStructure(data: ThaiIdCardData) {
  const shape = (iso: string | null) =>
    iso === null ? null : iso.length === 10 ? 'full' : iso.length === 7 ? 'year-month' : 'year';
  const present = (o: object) =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || v === null)
        .map(([k, v]) => [k, v !== '' && v !== null]),
    );
  const a = data.address;
  const slots = ADDRESS_SLOTS.filter((k) => a[k] !== '').map((k) => {
    const label = ADDRESS_LABELS.filter((l) => a[k].startsWith(l)).sort((x, y) => y.length - x.length)[0];
    return label ? `${k}:${label}` : k;
  });
  const part = (value: unknown, e: ThaiIdCardError | undefined) => {
    if (value !== null && value !== undefined) return 'present';
    if (!e) return 'not-read';
    const sw = typeof e.details?.sw === 'number' ? `:${formatSw(e.details.sw).toLowerCase()}` : '';
    return `unavailable:${e.code}${sw}`;
  };
  return {
    atr: data.atr,
    profile: profileForAtr(data.atr ? fromHex(data.atr) : undefined).id,
    cardVersion: data.cardVersion,
    citizenIdValid: data.citizenIdValid,
    present: present({
      titleTh: data.titleTh,
      firstNameTh: data.firstNameTh,
      middleNameTh: data.middleNameTh,
      lastNameTh: data.lastNameTh,
      titleEn: data.titleEn,
      firstNameEn: data.firstNameEn,
      middleNameEn: data.middleNameEn,
      lastNameEn: data.lastNameEn,
      requestNumber: data.requestNumber,
      issuer: data.issuer,
      issuerCode: data.issuerCode,
      photoNumber: data.photoNumber,
    }),
    sexKnown: data.sex !== 'unknown',
    birthDate: shape(data.birthDate),
    issueDate: shape(data.issueDate),
    expiryDate: data.lifelong ? 'lifelong' : shape(data.expiryDate),
    address: { slots, bangkok: a.subdistrict.startsWith('แขวง') || a.district.startsWith('เขต') },
    photoLength: data.photo ? data.photo.length : null,
    nhso: part(data.nhso, data.unavailable.nhso),
    nhsoFields: data.nhso ? present(data.nhso) : null,
    laser: part(data.laserCode, data.unavailable.laser),
    chip: part(data.chipSerial, data.unavailable.chip),
  };
}
