import { ThaiIdCardError } from '../errors.js';
import type { ReaderBackend, ReaderBackendEvent } from '../manager.js';
import { acquireReaderLock, type Transport } from '../transport.js';
import type { VirtualCard } from './card.js';

/**
 * Control handle of an in-process virtual reader backend (readers you attach/detach, cards you
 * insert/remove) for `createReaderManager` without PC/SC.
 *
 * @example
 * ```ts
 * import { createVirtualReaderBackend } from '@authenkit/thai-idcard/virtual';
 * const v = createVirtualReaderBackend(['Reader A']);
 * v.attach('Reader B');
 * console.log(v.readers()); // [ 'Reader A', 'Reader B' ]
 * ```
 */
export interface VirtualReaderBackend {
  /** Factory to pass as `createReaderManager({ backend })`. */
  backend: () => ReaderBackend;
  attach(reader: string): void;
  detach(reader: string): void;
  /** Inserts a card (removing any card already in that reader). */
  insert(reader: string, card: VirtualCard): void;
  remove(reader: string): void;
  /** Simulates the PC/SC service dying (fatal backend error); the manager re-creates the backend. */
  failService(): void;
  readers(): string[];
}

/**
 * Creates an in-process {@link VirtualReaderBackend}.
 *
 * @example
 * ```ts
 * import { createReaderManager } from '@authenkit/thai-idcard';
 * import { createVirtualReaderBackend, createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const v = createVirtualReaderBackend(['Reader A']);
 * const m = createReaderManager({ backend: v.backend });
 * v.insert('Reader A', createVirtualCard({ image: sampleCardImage() }));
 * console.log((await m.waitForCard()).reader); // 'Reader A'
 * await m.close();
 * ```
 */
export function createVirtualReaderBackend(
  initialReaders: string[] = ['AuthenKit Virtual Reader 0'],
): VirtualReaderBackend {
  const readers = new Map<string, VirtualCard | undefined>(initialReaders.map((r) => [r, undefined]));
  const unsub = new Map<string, () => void>();
  let active: ((e: ReaderBackendEvent) => void) | undefined;
  const send = (e: ReaderBackendEvent) => queueMicrotask(() => active?.(e));

  const handle: VirtualReaderBackend = {
    backend: () => {
      let closed = false;
      return {
        start(listener) {
          active = (e) => {
            if (!closed) listener(e);
          };
          for (const [r, card] of readers) {
            send({ type: 'reader-attached', reader: r });
            if (card?.present) send({ type: 'card-inserted', reader: r, atr: card.atr });
          }
        },
        transport(reader): Transport {
          const card = readers.get(reader);
          if (!readers.has(reader)) {
            throw new ThaiIdCardError('READER_NOT_FOUND', 'no such reader', { details: { reader } });
          }
          if (!card) return emptyTransport(reader);
          return card.transport({ readerName: reader });
        },
        async close() {
          closed = true;
        },
      };
    },
    attach(reader) {
      if (readers.has(reader)) return;
      readers.set(reader, undefined);
      send({ type: 'reader-attached', reader });
    },
    detach(reader) {
      if (!readers.has(reader)) return;
      handle.remove(reader);
      readers.delete(reader);
      send({ type: 'reader-detached', reader });
    },
    insert(reader, card) {
      if (!readers.has(reader)) handle.attach(reader);
      handle.remove(reader);
      readers.set(reader, card);
      card.insert();
      unsub.set(
        reader,
        card.onPresenceChange((present) => {
          send(present ? { type: 'card-inserted', reader, atr: card.atr } : { type: 'card-removed', reader });
        }),
      );
      send({ type: 'card-inserted', reader, atr: card.atr });
    },
    remove(reader) {
      const card = readers.get(reader);
      if (!card) return;
      unsub.get(reader)?.();
      unsub.delete(reader);
      readers.set(reader, undefined);
      card.remove();
      send({ type: 'card-removed', reader });
    },
    failService() {
      send({
        type: 'error',
        error: new ThaiIdCardError('PCSC_UNAVAILABLE', 'the smart-card service stopped (simulated)'),
        fatal: true,
      });
    },
    readers: () => [...readers.keys()],
  };
  return handle;
}

function emptyTransport(readerName: string): Transport {
  const noCard = () =>
    new ThaiIdCardError('CARD_NOT_PRESENT', 'no card in the reader', { details: { reader: readerName } });
  return {
    readerName,
    atr: undefined,
    connected: false,
    connect: async () => {
      throw noCard();
    },
    disconnect: async () => {},
    transmit: async () => {
      throw noCard();
    },
    lock: (o) => acquireReaderLock(readerName, o),
  };
}
