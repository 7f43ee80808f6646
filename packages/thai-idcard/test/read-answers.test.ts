/**
 * Card answers are length-checked everywhere (issue 12): an answer of the wrong length to an optional part
 * (ADM info, GET DATA CPLC, NHSO reads) makes that part unavailable with the reason; the rest of the read
 * stands. And a fuzz run: random / mutated answers to every APDU of the default read give a typed error or a
 * (partial) result, never a hang, an untyped error or the citizen ID in an error. CI size by default;
 * `AUTHENKIT_FUZZ_RUNS=20000` for a longer run.
 */
import {
  isThaiIdCardError,
  readThaiIdCard,
  type ThaiIdCardError,
  type Transport,
  toHex,
} from '@authenkit/thai-idcard';
import { wrapTransport } from '@authenkit/thai-idcard/replay';
import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const image = sampleCardImage();
const CITIZEN_ID = '1101700123456';
const OPTIONS = { nhso: true, laser: true, chip: true } as const;

/** The virtual card, with the answer to one command (by hex prefix) replaced. */
function answering(prefix: string, answer: (real: Uint8Array) => Uint8Array): Transport {
  const inner = createVirtualCard({ image }).transport();
  return wrapTransport(inner, {
    async transmit(apdu, o) {
      const real = await inner.transmit(apdu, o);
      return toHex(apdu).startsWith(prefix) ? answer(real) : real;
    },
  });
}

const long = (n: number, fill = 0x41) => Uint8Array.of(...new Uint8Array(n).fill(fill), 0x90, 0x00);

describe('optional parts: an answer of the wrong length is unavailable, the read stands', () => {
  it('a 300-byte answer to the ADM laser read (80 00 00 00 17): no laser code, the reason given', async () => {
    const data = await readThaiIdCard(
      answering('8000000017', () => long(300, 0x4d)),
      OPTIONS,
    );
    expect(data.laserCode).toBeNull();
    expect(data.unavailable.laser?.code).toBe('NOT_SUPPORTED_BY_CARD');
    expect(data.unavailable.laser?.message).toMatch(/ADM info: expected 23 bytes, got 300/);
    expect(data.unavailable.laser?.details).toMatchObject({
      expected: 23,
      actual: 300,
      reason: 'INVALID_DATA',
    });
    expect(data.citizenId).toBe(CITIZEN_ID);
    expect(data.chipSerial).not.toBeNull();
    expect(data.nhso).not.toBeNull();
  });

  it('a 300-byte answer to GET DATA CPLC: no chip serial, the reason given', async () => {
    const data = await readThaiIdCard(
      answering('80ca9f7f', () => Uint8Array.of(0x9f, 0x7f, 0x2a, ...long(297))),
      OPTIONS,
    );
    expect(data.chipSerial).toBeNull();
    expect(data.unavailable.chip?.message).toMatch(/CPLC: expected 42 bytes, got 297/);
    expect(data.laserCode).toBe('ME1120913419');
  });

  it('a CPLC whose tag length disagrees, and a short one, are unavailable too', async () => {
    const cplc = fromHexString(image.cplc!);
    const bad = await readThaiIdCard(
      answering('80ca9f7f', () => Uint8Array.of(0x9f, 0x7f, 0x20, ...cplc, 0x90, 0x00)),
      OPTIONS,
    );
    expect(bad.chipSerial).toBeNull();
    const short = await readThaiIdCard(
      answering('80ca9f7f', () => Uint8Array.of(...cplc.subarray(0, 20), 0x90, 0x00)),
      OPTIONS,
    );
    expect(short.unavailable.chip?.message).toMatch(/CPLC: need 42 bytes, got 20/);
  });

  it('an NHSO READ answered with 300 bytes: NHSO unavailable (it used to fail the whole read)', async () => {
    const data = await readThaiIdCard(
      answering('80b0000402', () => long(300)),
      OPTIONS,
    );
    expect(data.nhso).toBeNull();
    expect(data.unavailable.nhso?.message).toMatch(/NHSO READ at 4: got 300 of 255 bytes/);
    expect(data.laserCode).toBe('ME1120913419');
  });

  it('an error status to the ADM info (69 82) leaves the read standing', async () => {
    const data = await readThaiIdCard(
      answering('8000000017', () => Uint8Array.of(0x69, 0x82)),
      OPTIONS,
    );
    expect(data.laserCode).toBeNull();
    expect(data.unavailable.laser?.details?.sw).toBe(0x6982);
  });

  it('MOI reads stay strict: a long MOI answer fails the read with CARD_UNRESPONSIVE', async () => {
    await expect(
      readThaiIdCard(
        answering('80b000000200d9', () => long(300)),
        OPTIONS,
      ),
    ).rejects.toMatchObject({ code: 'CARD_UNRESPONSIVE' });
  });
});

function fromHexString(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g)!, (x) => Number.parseInt(x, 16));
}

/** The APDUs of the default read (+ optional parts, + photo), recorded once. */
async function defaultReadApdus(photo: boolean): Promise<number> {
  const card = createVirtualCard({ image });
  await readThaiIdCard(card.transport(), { ...OPTIONS, photo });
  return card.stats.apdus;
}

const RUNS = Number(process.env.AUTHENKIT_FUZZ_RUNS ?? 250);

/** How one answer is corrupted (applied to the card's real answer when the APDU comes). */
type Corruption =
  | { kind: 'random'; bytes: Uint8Array }
  | { kind: 'status'; data: Uint8Array; sw: number }
  | { kind: 'flip'; edits: Array<[number, number]> }
  | { kind: 'cut'; keep: number }
  | { kind: 'extend'; extra: Uint8Array };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'random' as const, bytes })),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom(0x9000, 0x6100, 0x61ff, 0x6110, 0x6c00, 0x6c17, 0x6282, 0x6a82, 0x6982, 0x63c1, 0x6d00),
    )
    .map(([data, sw]) => ({ kind: 'status' as const, data, sw })),
  fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 })
    .map((edits) => ({ kind: 'flip' as const, edits })),
  fc.nat({ max: 260 }).map((keep) => ({ kind: 'cut' as const, keep })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((extra) => ({ kind: 'extend' as const, extra })),
);

function corrupt(real: Uint8Array, c: Corruption): Uint8Array {
  switch (c.kind) {
    case 'random':
      return c.bytes;
    case 'status':
      return Uint8Array.from([...c.data, c.sw >> 8, c.sw & 0xff]);
    case 'flip': {
      const b = Uint8Array.from(real);
      for (const [pos, x] of c.edits) if (b.length) b[pos % b.length]! ^= x;
      return b;
    }
    case 'cut':
      return real.slice(0, Math.min(c.keep, Math.max(0, real.length - 1)));
    case 'extend':
      return Uint8Array.from([...real.slice(0, -2), ...c.extra, ...real.slice(-2)]);
  }
}

describe('fuzzed card answers to every APDU of the default read', () => {
  for (const photo of [false, true]) {
    it(`${photo ? 'with' : 'without'} photo: typed errors or results only, no hang, no citizen ID in errors`, async () => {
      const total = await defaultReadApdus(photo);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: total - 1 }),
          fc.array(corruption, { minLength: 1, maxLength: 3 }),
          async (index, corruptions) => {
            const inner = createVirtualCard({ image }).transport();
            let i = 0;
            const t = wrapTransport(inner, {
              async transmit(apdu, o) {
                const real = await inner.transmit(apdu, o);
                const c = corruptions[i++ - index];
                return c ? corrupt(real, c) : real;
              },
            });
            let timer: ReturnType<typeof setTimeout> | undefined;
            const outcome = await Promise.race([
              readThaiIdCard(t, { ...OPTIONS, photo }).then(
                (data) => ({ data }),
                (error: unknown) => ({ error }),
              ),
              new Promise<{ hang: true }>((r) => {
                timer = setTimeout(() => r({ hang: true }), 3000);
              }),
            ]);
            clearTimeout(timer);
            expect('hang' in outcome).toBe(false);
            if ('error' in outcome) {
              expect(isThaiIdCardError(outcome.error), String(outcome.error)).toBe(true);
              const e = outcome.error as ThaiIdCardError;
              expect(`${e.message} ${JSON.stringify(e.toJSON())}`).not.toContain(CITIZEN_ID);
            } else if ('data' in outcome) {
              expect(outcome.data.citizenId).toMatch(/^\d{13}$/);
              for (const e of Object.values(outcome.data.unavailable)) {
                expect(isThaiIdCardError(e)).toBe(true);
                expect(JSON.stringify(e!.toJSON())).not.toContain(CITIZEN_ID);
              }
            }
          },
        ),
        { numRuns: photo ? Math.ceil(RUNS / 2) : RUNS },
      );
    }, 300_000);
  }
});
