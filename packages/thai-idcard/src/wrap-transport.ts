/**
 * A transport wrapper: the seam for counting, timing, recording or rewriting APDUs (read, doctor, record).
 */
import type { TransmitOptions, Transport } from './transport.js';

/**
 * A transport that is `inner` in everything (reader name, ATR, connect, lock, control) but `transmit`, which
 * goes through `transmit` (to count, time, record or rewrite APDUs).
 *
 * @example
 * ```ts
 * import { readThaiIdCard } from '@authenkit/thai-idcard';
 * import { wrapTransport } from '@authenkit/thai-idcard/replay';
 * import { createVirtualCard, sampleCardImage } from '@authenkit/thai-idcard/virtual';
 * const inner = createVirtualCard({ image: sampleCardImage() }).transport();
 * let apdus = 0;
 * await readThaiIdCard(wrapTransport(inner, (apdu, o) => (apdus++, inner.transmit(apdu, o))));
 * console.log(apdus); // 7
 * ```
 */
export function wrapTransport(
  inner: Transport,
  transmit: (apdu: Uint8Array, options?: TransmitOptions) => Promise<Uint8Array>,
): Transport {
  const t: Transport = {
    get readerName() {
      return inner.readerName;
    },
    get atr() {
      return inner.atr;
    },
    get connected() {
      return inner.connected;
    },
    connect: (o) => inner.connect(o),
    disconnect: () => inner.disconnect(),
    lock: (o) => inner.lock(o),
    transmit,
  };
  if (inner.control) t.control = (code, data, o) => inner.control!(code, data, o);
  return t;
}
