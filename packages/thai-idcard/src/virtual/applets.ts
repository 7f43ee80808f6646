import type { CommandApdu } from '../apdu.js';
import type { VirtualApplet, VirtualResponse } from './card.js';

/**
 * An applet holding one data file read with the Thai card's `80 B0 P1 P2 02 00 LL` (MOI, NHSO).
 *
 * @example
 * ```ts
 * import { createFileApplet } from '@authenkit/thai-idcard/virtual';
 * import { MOI_AID } from '@authenkit/thai-idcard';
 * const moi = createFileApplet('MOI', MOI_AID, new Uint8Array(5950).fill(0x20));
 * console.log(moi.name); // 'MOI'
 * ```
 */
export function createFileApplet(name: string, aid: Uint8Array, file: Uint8Array): VirtualApplet {
  return {
    aid,
    name,
    select: () => ({ data: Uint8Array.of(0x6f, 0x08, 0x84, 0x06, ...aid.subarray(0, 6)), sw: 0x9000 }),
    process(cmd: CommandApdu): VirtualResponse {
      if (cmd.cla !== 0x80 || cmd.ins !== 0xb0) return { sw: cmd.cla !== 0x80 ? 0x6e00 : 0x6d00 };
      if (cmd.data.length !== 2) return { sw: 0x6700 };
      if (cmd.data[0] !== 0x00) return { sw: 0x6a86 };
      const length = cmd.data[1]!;
      if (length === 0) return { sw: 0x6700 };
      const offset = ((cmd.p1 & 0x7f) << 8) | cmd.p2;
      if (offset >= file.length) return { sw: 0x6b00 };
      const end = Math.min(file.length, offset + length);
      return { data: file.slice(offset, end), sw: end - offset < length ? 0x6282 : 0x9000 };
    },
    reset: () => {},
  };
}

/**
 * The ADM applet answering `80 00 00 00 Le` with 23 bytes (version, state, authorize, laser code).
 *
 * @example
 * ```ts
 * import { createAdmApplet } from '@authenkit/thai-idcard/virtual';
 * console.log(createAdmApplet('ME1120913419').name); // 'ADM'
 * ```
 */
export function createAdmApplet(laserCode: string, aid?: Uint8Array): VirtualApplet {
  const info = new Uint8Array(23);
  info.set([0x01, 0x00, 0x03, 0x00]);
  info.set(new TextEncoder().encode(laserCode.slice(0, 16)), 7);
  return {
    aid: aid ?? Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x02),
    name: 'ADM',
    select: () => ({ sw: 0x9000 }),
    process(cmd: CommandApdu): VirtualResponse {
      if (cmd.cla === 0x80 && cmd.ins === 0x00 && cmd.p1 === 0 && cmd.p2 === 0) {
        return { data: info.slice(), sw: 0x9000 };
      }
      return { sw: 0x6d00 };
    },
    reset: () => {},
  };
}

/**
 * The default applet (card manager, empty AID) answering GET DATA CPLC `80 CA 9F 7F`.
 *
 * @example
 * ```ts
 * import { createCardManagerApplet } from '@authenkit/thai-idcard/virtual';
 * console.log(createCardManagerApplet(undefined).aid.length); // 0
 * ```
 */
export function createCardManagerApplet(cplc: Uint8Array | undefined): VirtualApplet {
  return {
    aid: new Uint8Array(0),
    name: 'CardManager',
    select: () => ({ sw: 0x9000 }),
    process(cmd: CommandApdu): VirtualResponse {
      if (cmd.cla === 0x80 && cmd.ins === 0xca && cmd.p1 === 0x9f && cmd.p2 === 0x7f) {
        if (!cplc) return { sw: 0x6a88 };
        return { data: Uint8Array.of(0x9f, 0x7f, cplc.length, ...cplc), sw: 0x9000 };
      }
      return { sw: 0x6d00 };
    },
    reset: () => {},
  };
}
