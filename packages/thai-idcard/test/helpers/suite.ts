/**
 * The end-to-end read suite, run on every environment: the in-process virtual backend, and real
 * pcscd + vsmartcard-vpcd with each PC/SC binding.
 */
import {
  fromHex,
  isThaiIdCardError,
  parsePhoto,
  type ReaderManager,
  readThaiIdCard,
  streamThaiIdCard,
  toHex,
} from '@authenkit/thai-idcard';
import {
  type CardImage,
  createVirtualCard,
  sampleCardImage,
  type VirtualCard,
} from '@authenkit/thai-idcard/virtual';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface SuiteEnv {
  manager: ReaderManager;
  /** Reader names usable as slots (≥ 2). */
  readers: readonly string[];
  /** Inserts a card into a slot; resolves when inserted on the "hardware" side. */
  insert(reader: string, card: VirtualCard): Promise<void>;
  /** Removes the card from a slot. */
  remove(reader: string): Promise<void>;
  /** Kills / restarts the PC/SC service (or simulates it). */
  restartService(): Promise<void>;
  dispose(): Promise<void>;
}

const T = (ms: number) => AbortSignal.timeout(ms);

export function defineReadSuite(
  name: string,
  setup: () => Promise<SuiteEnv>,
  options: { pullWithExtras?: boolean; timeoutScale?: number } = {},
): void {
  describe(name, () => {
    let env: SuiteEnv;
    const scale = options.timeoutScale ?? 1;
    beforeAll(async () => {
      env = await setup();
      await env.manager.waitForReader({ reader: env.readers[0]!, signal: T(10_000) });
    });
    afterAll(async () => {
      await env?.dispose();
    });

    async function withCard<R>(reader: string, card: VirtualCard, fn: () => Promise<R>): Promise<R> {
      const inserted = env.manager.waitForCard({ reader, signal: T(10_000 * scale) });
      await env.insert(reader, card);
      await inserted;
      try {
        return await fn();
      } finally {
        await env.remove(reader);
        await env.manager.waitForRemoval(reader, { signal: T(10_000 * scale) });
      }
    }

    it('reads the text in 7 APDUs and the card-inserted / card-removed events carry the reader and ATR', async () => {
      const image = sampleCardImage();
      const card = createVirtualCard({ image });
      const events: string[] = [];
      const reader = env.readers[0]!;
      const offs = [
        env.manager.on(
          'card-inserted',
          (e) => e.reader === reader && events.push(`in ${e.reader} ${toHex(e.atr)}`),
        ),
        env.manager.on('card-removed', (e) => e.reader === reader && events.push(`out ${e.reader}`)),
      ];
      const data = await withCard(reader, card, () => env.manager.read({ reader, signal: T(10_000) }));
      for (const o of offs) o();
      expect(card.stats.apdus).toBe(7);
      expect(data).toMatchObject({
        citizenId: '1101700123456',
        citizenIdValid: true,
        titleTh: 'น.ส.',
        firstNameTh: 'ทดสอบ',
        lastNameTh: 'ใจดีมาก',
        firstNameEn: 'Thodsob',
        birthDate: '1990-04-15',
        sex: 'female',
        expiryDate: '2030-04-14',
        lifelong: false,
        photoNumber: '10170101234567',
        atr: image.atr,
      });
      expect(data.address).toMatchObject({
        houseNo: '99/9',
        moo: 'หมู่ที่ 9',
        soi: 'ซอยทดสอบ 1',
        province: 'กรุงเทพมหานคร',
      });
      expect(events).toEqual([`in ${reader} ${image.atr}`, `out ${reader}`]);
    });

    it('reads the photo byte-exact (47 APDUs with the text) and NHSO, laser code, chip serial', async () => {
      const image = sampleCardImage();
      const card = createVirtualCard({ image });
      const progress: number[] = [];
      const reader = env.readers[0]!;
      const data = await withCard(reader, card, () =>
        env.manager.read({
          reader,
          photo: true,
          nhso: true,
          laser: true,
          chip: true,
          onEvent: (e) => e.type === 'photo-progress' && progress.push(e.bytesRead),
          signal: T(10_000),
        }),
      );
      const expected = parsePhoto(fromHex(image.moi).subarray(379, 379 + 5118));
      expect(expected.length).toBeGreaterThan(4000);
      expect(toHex(data.photo!)).toBe(toHex(expected));
      expect(card.stats.apdus).toBe(47 + 5 + 2 + 2);
      expect(progress.at(-1)).toBe(5118);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(data.laserCode).toBe('ME1120913419');
      expect(data.nhso).toMatchObject({
        mainInscl: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
        changeCount: 1,
        expiryDate: null,
      });
      expect(data.chipSerial).toMatch(/^[0-9a-f]{16}$/);
    });

    it('delivers identity first, then text, then photo (async iterator)', async () => {
      const card = createVirtualCard({ image: sampleCardImage() });
      const reader = env.readers[0]!;
      const order: string[] = [];
      let apdusAtIdentity = -1;
      await withCard(reader, card, async () => {
        const stream = streamThaiIdCard(env.manager.transport(reader), {
          photo: true,
          signal: T(10_000),
          onEvent: (e) => {
            if (e.type === 'identity') apdusAtIdentity = card.stats.apdus;
          },
        });
        for await (const e of stream) {
          if (order.at(-1) !== e.type) order.push(e.type);
        }
      });
      expect(order).toEqual(['identity', 'text', 'photo-progress', 'photo', 'done']);
      expect(apdusAtIdentity).toBe(3); // SELECT, READ, GET RESPONSE
    });

    it('reads two readers at once', async () => {
      const [a, b] = env.readers as [string, string];
      const cardA = createVirtualCard({ image: sampleCardImage() });
      const cardB = createVirtualCard({
        image: sampleCardImage({ citizenId: '3101700123452', firstNameEn: 'Second' }),
      });
      const ready = Promise.all([
        env.manager.waitForCard({ reader: a, signal: T(10_000) }),
        env.manager.waitForCard({ reader: b, signal: T(10_000) }),
      ]);
      await env.insert(a, cardA);
      await env.insert(b, cardB);
      await ready;
      const [da, db] = await Promise.all([
        readThaiIdCard(env.manager.transport(a), { photo: true, signal: T(10_000) }),
        readThaiIdCard(env.manager.transport(b), { photo: true, signal: T(10_000) }),
      ]);
      expect(da.firstNameEn).toBe('Thodsob');
      expect(db.firstNameEn).toBe('Second');
      await env.remove(a);
      await env.remove(b);
      await env.manager.waitForRemoval(a, { signal: T(10_000) });
      await env.manager.waitForRemoval(b, { signal: T(10_000) });
    });

    it('a card pulled at every APDU index gives CARD_REMOVED (no partial record) and the next insert reads', async () => {
      // full read = text + photo (47 APDUs); in process also NHSO, laser, CPLC (56)
      const extras = options.pullWithExtras ?? false;
      const total = extras ? 47 + 5 + 2 + 2 : 47;
      const indices = Array.from({ length: total }, (_, i) => i);
      const slots = env.readers.slice(0, 2);
      const queue = [...indices];
      const failures: string[] = [];
      await Promise.all(
        slots.map(async (reader) => {
          for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
            const card = createVirtualCard({
              image: sampleCardImage(),
              onApdu: (idx) => (idx === i ? 'remove' : undefined),
            });
            const inserted = env.manager.waitForCard({ reader, signal: T(10_000 * scale) });
            await env.insert(reader, card);
            await inserted;
            let result: unknown;
            try {
              result = await readThaiIdCard(env.manager.transport(reader), {
                photo: true,
                nhso: extras,
                laser: extras,
                chip: extras,
                signal: T(10_000 * scale),
              });
            } catch (e) {
              result = e;
            }
            if (!isThaiIdCardError(result) || result.code !== 'CARD_REMOVED') {
              failures.push(
                `index ${i}: ${isThaiIdCardError(result) ? `${result.code} ${result.message}` : result instanceof Error ? `untyped ${result.message}` : 'resolved with a record'}`,
              );
            }
            await env.remove(reader);
            await env.manager.waitForRemoval(reader, { signal: T(10_000 * scale) });
          }
        }),
      );
      expect(failures).toEqual([]);
      const card = createVirtualCard({ image: sampleCardImage() });
      const reader = env.readers[0]!;
      const data = await withCard(reader, card, () =>
        env.manager.read({ reader, photo: true, signal: T(10_000) }),
      );
      expect(data.photo!.length).toBeGreaterThan(4000);
    });

    it('recovers when the PC/SC service restarts (no process restart)', async () => {
      const reader = env.readers[0]!;
      const errors: string[] = [];
      const off = env.manager.on('error', (e) => errors.push(e.code));
      const detached = new Promise<void>((resolve) => {
        const o = env.manager.on('reader-detached', (e) => {
          if (e.reader === reader) {
            o();
            resolve();
          }
        });
      });
      await env.restartService();
      await detached;
      await env.manager.waitForReader({ reader, signal: T(20_000) });
      const card = createVirtualCard({ image: sampleCardImage() });
      const data = await withCard(reader, card, () => env.manager.read({ reader, signal: T(10_000) }));
      off();
      expect(data.citizenIdValid).toBe(true);
      expect(errors).toContain('PCSC_UNAVAILABLE');
    });
  });
}

export type { CardImage };
