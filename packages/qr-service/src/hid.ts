/**
 * USB HID point-of-sale barcode/QR scanners. Most scanners enumerate as a USB keyboard ("HID keyboard
 * emulation") and type the code followed by Enter. Reading the raw HID reports (instead of keystrokes
 * from the OS) means the scanner works with a Thai keyboard layout active, cannot type into the wrong
 * window, and is read only by the program that opened it.
 *
 * {@link HidKeyboardDecoder} (boot-protocol keyboard reports → text lines) is pure and browser-safe.
 * {@link openHidScanner} uses the optional peer dependency `node-hid`, loaded lazily.
 *
 * @packageDocumentation
 */
import { QrServiceError } from './errors.js';
import { type DecodedServiceQr, type DecodeServiceQrOptions, decodeServiceQr } from './payload.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
/** Usage ID → [unshifted, shifted] for the US layout that scanners emit. */
const KEYS: Record<number, [string, string]> = {};
for (let i = 0; i < 26; i++) KEYS[0x04 + i] = [LOWER[i]!, LOWER[i]!.toUpperCase()];
'1234567890'.split('').forEach((d, i) => {
  KEYS[0x1e + i] = [d, '!@#$%^&*()'[i]!];
});
const PUNCT: [number, string, string][] = [
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x63, '.', '.'],
  [0x62, '0', '0'],
];
for (const [u, a, b] of PUNCT) KEYS[u] = [a, b];
for (let i = 0; i < 9; i++) KEYS[0x59 + i] = [String(i + 1), String(i + 1)];
const ENTER = new Set([0x28, 0x58]);
const TAB = 0x2b;
const SHIFT = 0x02 | 0x20;
const ROLLOVER = 0x01;

/**
 * Options of {@link HidKeyboardDecoder}.
 *
 * @example
 * ```ts
 * import type { HidKeyboardDecoderOptions } from '@authenkit/qr-service/hid';
 * const o: HidKeyboardDecoderOptions = { tabIsTerminator: true, maxLineLength: 2048 };
 * ```
 */
export interface HidKeyboardDecoderOptions {
  /** Treat Tab as a terminator too (some scanners are configured with a Tab suffix). Default `false`. */
  tabIsTerminator?: boolean | undefined;
  /** Longest line kept; longer input is dropped up to the next terminator. Default 4096. */
  maxLineLength?: number | undefined;
}

/**
 * Turns 8-byte USB HID boot-protocol keyboard reports (`[modifiers, reserved, key1 … key6]`) into text
 * lines, as a scanner in keyboard-emulation mode types them. A key counts when it appears in a report and
 * was not held in the previous one (so the release report between two equal characters matters);
 * Left/Right Shift select the shifted character; Enter (main or keypad) ends a line. A 9-byte report whose
 * first byte is a report ID (as node-hid returns on some systems) is accepted. Rollover-error reports
 * and unknown keys are ignored.
 *
 * @example
 * ```ts
 * import { HidKeyboardDecoder } from '@authenkit/qr-service/hid';
 * const d = new HidKeyboardDecoder();
 * const r = (mod: number, key: number) => Uint8Array.of(mod, 0, key, 0, 0, 0, 0, 0);
 * const lines = [r(2, 0x04), r(0, 0), r(0, 0x1e), r(0, 0), r(0, 0x28), r(0, 0)].flatMap((x) => d.push(x));
 * console.log(lines); // ['A1']
 * ```
 */
export class HidKeyboardDecoder {
  #held = new Set<number>();
  #line = '';
  #overflow = false;
  readonly #tab: boolean;
  readonly #max: number;

  constructor(options: HidKeyboardDecoderOptions = {}) {
    this.#tab = options.tabIsTerminator ?? false;
    this.#max = options.maxLineLength ?? 4096;
  }

  /** Feed one report; returns the lines it completed (usually none or one). */
  push(report: Uint8Array | readonly number[]): string[] {
    let r = report;
    if (r.length === 9) r = r.slice(1);
    if (r.length !== 8) return [];
    const keys = Array.from(r.slice(2)).filter((k) => k !== 0);
    if (keys.some((k) => k === ROLLOVER)) return [];
    const shift = (r[0]! & SHIFT) !== 0;
    const out: string[] = [];
    for (const k of keys) {
      if (this.#held.has(k)) continue;
      if (ENTER.has(k) || (this.#tab && k === TAB)) {
        if (!this.#overflow && this.#line.length > 0) out.push(this.#line);
        this.#line = '';
        this.#overflow = false;
        continue;
      }
      const ch = KEYS[k];
      if (!ch || this.#overflow) continue;
      this.#line += shift ? ch[1] : ch[0];
      if (this.#line.length > this.#max) {
        this.#line = '';
        this.#overflow = true;
      }
    }
    this.#held = new Set(keys);
    return out;
  }

  /** Forget a partial line and held keys (e.g. after a device reconnects). */
  reset(): void {
    this.#held.clear();
    this.#line = '';
    this.#overflow = false;
  }
}

/**
 * Decode a whole recording of HID keyboard reports into the lines it types.
 *
 * @example
 * ```ts
 * import { decodeHidReports } from '@authenkit/qr-service/hid';
 * const enter = [Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0), new Uint8Array(8)];
 * console.log(decodeHidReports([Uint8Array.of(0, 0, 0x27, 0, 0, 0, 0, 0), new Uint8Array(8), ...enter])); // ['0']
 * ```
 */
export function decodeHidReports(
  reports: Iterable<Uint8Array | readonly number[]>,
  options?: HidKeyboardDecoderOptions,
): string[] {
  const d = new HidKeyboardDecoder(options);
  const out: string[] = [];
  for (const r of reports) out.push(...d.push(r));
  return out;
}

/**
 * The part of `node-hid` this module uses (injectable for tests).
 *
 * @example
 * ```ts
 * import type { NodeHidLike } from '@authenkit/qr-service/hid';
 * const fake: NodeHidLike = {
 *   devices: () => [],
 *   HID: class { on() { return this; } close() {} } as unknown as NodeHidLike['HID'],
 * };
 * ```
 */
export interface NodeHidLike {
  /** List HID devices. */
  devices(): Array<{
    vendorId: number;
    productId: number;
    path?: string;
    product?: string;
    usagePage?: number;
  }>;
  /** Open a device by path. */
  HID: new (
    path: string,
  ) => {
    on(event: 'data', cb: (data: Uint8Array) => void): unknown;
    on(event: 'error', cb: (err: unknown) => void): unknown;
    close(): void;
  };
}

/**
 * Options of {@link openHidScanner}.
 *
 * @example
 * ```ts
 * import type { HidScannerOptions } from '@authenkit/qr-service/hid';
 * const o: HidScannerOptions = { vendorId: 0x0c2e, productId: 0x0b61, onPayload: (qr) => console.log(qr.hcode) };
 * ```
 */
export interface HidScannerOptions extends HidKeyboardDecoderOptions {
  /** USB vendor ID of the scanner. */
  vendorId?: number | undefined;
  /** USB product ID of the scanner. */
  productId?: number | undefined;
  /** Exact device path (from `node-hid`'s `devices()`); wins over the IDs. */
  path?: string | undefined;
  /** Called with every scanned line that decodes as a service QR. */
  onPayload: (qr: DecodedServiceQr, text: string) => void;
  /** Called when a line is not a valid service QR, or the device fails. */
  onError?: ((error: QrServiceError, text: string | undefined) => void) | undefined;
  /** Options for {@link decodeServiceQr} (keys, clock, …). */
  decode?: DecodeServiceQrOptions | undefined;
  /** `node-hid` module to use (default: `import('node-hid')`). */
  hid?: NodeHidLike | undefined;
}

/**
 * An open scanner; `close()` releases the device.
 *
 * @example
 * ```ts no-run
 * import { openHidScanner, type HidScanner } from '@authenkit/qr-service/hid';
 * const s: HidScanner = await openHidScanner({ vendorId: 0x0c2e, productId: 0x0b61, onPayload: console.log });
 * s.close();
 * ```
 */
export interface HidScanner {
  /** Device path that was opened. */
  readonly path: string;
  /** Stop reading and release the device. */
  close(): void;
}

async function loadNodeHid(): Promise<NodeHidLike> {
  try {
    const name = 'node-hid';
    const mod = (await import(/* @vite-ignore */ name)) as NodeHidLike & { default?: NodeHidLike };
    return typeof mod.devices === 'function' ? mod : (mod.default as NodeHidLike);
  } catch (cause) {
    throw new QrServiceError('HID_UNAVAILABLE', 'optional peer dependency node-hid is not installed', {
      cause,
    });
  }
}

/**
 * Open a USB HID scanner and call `onPayload` for every service QR it reads. `node-hid` (optional peer
 * dependency) is imported only when this is called. On Linux, give the user access to the hidraw device
 * (udev rule); macOS needs the Input Monitoring permission; Windows does not let applications open
 * keyboard-class devices (use a text field + {@link decodeServiceQr} there, or the scanner's serial mode).
 *
 * @throws `QrServiceError` `HID_UNAVAILABLE` (no node-hid, no matching device, cannot open it).
 * @example
 * ```ts no-run
 * import { openHidScanner } from '@authenkit/qr-service/hid';
 * const scanner = await openHidScanner({
 *   vendorId: 0x0c2e,
 *   productId: 0x0b61,
 *   onPayload: (qr) => console.log(qr.hcode, qr.serviceCode),
 *   onError: (e) => console.warn(e.code),
 * });
 * // … later
 * scanner.close();
 * ```
 */
export async function openHidScanner(options: HidScannerOptions): Promise<HidScanner> {
  const hid = options.hid ?? (await loadNodeHid());
  let path = options.path;
  if (path === undefined) {
    const dev = hid
      .devices()
      .find(
        (d) =>
          d.path !== undefined &&
          (options.vendorId === undefined || d.vendorId === options.vendorId) &&
          (options.productId === undefined || d.productId === options.productId),
      );
    if (!dev?.path || (options.vendorId === undefined && options.productId === undefined))
      throw new QrServiceError('HID_UNAVAILABLE', 'no HID device matches the given vendorId/productId', {
        details: { vendorId: options.vendorId, productId: options.productId },
      });
    path = dev.path;
  }
  let device: InstanceType<NodeHidLike['HID']>;
  try {
    device = new hid.HID(path);
  } catch (cause) {
    throw new QrServiceError('HID_UNAVAILABLE', 'cannot open the HID device (permissions or keyboard mode)', {
      cause,
      details: { path },
    });
  }
  const decoder = new HidKeyboardDecoder(options);
  device.on('data', (data: Uint8Array) => {
    for (const line of decoder.push(data)) {
      let qr: DecodedServiceQr;
      try {
        qr = decodeServiceQr(line, options.decode);
      } catch (e) {
        options.onError?.(
          e instanceof QrServiceError ? e : new QrServiceError('MALFORMED_PAYLOAD', String(e), { cause: e }),
          line,
        );
        continue;
      }
      options.onPayload(qr, line);
    }
  });
  device.on('error', (cause: unknown) => {
    options.onError?.(new QrServiceError('HID_UNAVAILABLE', 'HID device error', { cause }), undefined);
  });
  return {
    path,
    close: () => {
      try {
        device.close();
      } catch {
        // already closed
      }
    },
  };
}
