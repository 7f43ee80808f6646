import { connect as netConnect, type Socket } from 'node:net';
import { ThaiIdCardError } from '../errors.js';
import type { VirtualCard } from './card.js';

/**
 * A virtual card inserted into a vpcd slot (TCP connection to pcscd's `vsmartcard-vpcd` driver).
 *
 * @example
 * ```ts
 * import { type VpcdConnection } from '@authenkit/thai-idcard/virtual';
 * const pull = (c: VpcdConnection) => c.remove();
 * console.log(typeof pull);
 * ```
 */
export interface VpcdConnection {
  /** Resolves when the connection ends (card removed by `remove()`, a fault, or vpcd closing). */
  readonly closed: Promise<void>;
  /** Removes the card (closes the TCP connection). */
  remove(): Promise<void>;
}

/**
 * Options of {@link serveVirtualCardToVpcd}.
 *
 * @example
 * ```ts
 * import { type VpcdOptions } from '@authenkit/thai-idcard/virtual';
 * const o: VpcdOptions = { port: 35964 };
 * console.log(o.port);
 * ```
 */
export interface VpcdOptions {
  /** vpcd host (default `127.0.0.1`; loopback only). */
  host?: string;
  /** vpcd port: 35963 = reader `Virtual PCD 00 00`, 35964 = `Virtual PCD 00 01`. */
  port?: number;
  /** Aborting removes the card. */
  signal?: AbortSignal;
}

/**
 * Inserts a virtual card into pcscd through the `vsmartcard-vpcd` driver: connects to vpcd over TCP and
 * answers its messages (2-byte big-endian length + payload; 1-byte control: 00 power off, 01 power on,
 * 02 reset, 04 get ATR; longer = an APDU). Presence polls (`04`) do not reset applet state. The card's
 * byte delay and fault hook apply (`'remove'` closes the connection instead of answering).
 *
 * @example
 * ```ts no-run
 * import { createVirtualCard, sampleCardImage, serveVirtualCardToVpcd } from '@authenkit/thai-idcard/virtual';
 * const conn = await serveVirtualCardToVpcd(createVirtualCard({ image: sampleCardImage() }), { port: 35963 });
 * // … pcscd now reports a card in "Virtual PCD 00 00" …
 * await conn.remove();
 * ```
 */
export function serveVirtualCardToVpcd(
  card: VirtualCard,
  options: VpcdOptions = {},
): Promise<VpcdConnection> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 35963;
  return new Promise((resolve, reject) => {
    const socket: Socket = netConnect({ host, port, noDelay: true });
    let buf: Buffer = Buffer.alloc(0);
    let closedResolve!: () => void;
    const closed = new Promise<void>((r) => {
      closedResolve = r;
    });
    let queue: Promise<void> = Promise.resolve();
    const send = (payload: Uint8Array) => {
      if (socket.destroyed) return;
      const out = Buffer.alloc(2 + payload.length);
      out.writeUInt16BE(payload.length, 0);
      out.set(payload, 2);
      socket.write(out);
    };
    const handle = async (msg: Buffer) => {
      if (msg.length === 1) {
        const ctl = msg[0];
        if (ctl === 0x04) send(card.atr);
        else if (ctl === 0x00 || ctl === 0x01 || ctl === 0x02) card.reset();
        return;
      }
      const apdu = new Uint8Array(msg);
      const { index, fault } = card.nextFault(apdu);
      if (fault === 'remove') {
        socket.destroy();
        return;
      }
      if (fault === 'mute') return;
      send(await card.processTimed(apdu, index));
    };
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const msg = Buffer.from(buf.subarray(2, 2 + len));
        buf = buf.subarray(2 + len);
        queue = queue
          .then(() => handle(msg))
          .catch(() => {
            socket.destroy();
          });
      }
    });
    const onAbort = () => socket.destroy();
    socket.once('connect', () => {
      options.signal?.addEventListener('abort', onAbort, { once: true });
      resolve({
        closed,
        remove: async () => {
          if (!socket.destroyed) socket.destroy();
          await closed;
        },
      });
    });
    socket.on('error', (e) => {
      if (!socket.readyState || socket.connecting) {
        reject(new ThaiIdCardError('READER_NOT_FOUND', `cannot reach vpcd at ${host}:${port}`, { cause: e }));
      }
    });
    socket.once('close', () => {
      options.signal?.removeEventListener('abort', onAbort);
      closedResolve();
    });
  });
}
