/**
 * A tiny baseline-JPEG generator for synthetic card photos (grayscale, DC-only 8×8 blocks: a mosaic
 * silhouette). Produces a valid JFIF file any decoder opens; no real person, no external tool.
 */

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

function huffmanCodes(bits: number[], vals: number[]): Map<number, { code: number; len: number }> {
  const out = new Map<number, { code: number; len: number }>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < bits[len - 1]!; i++) out.set(vals[k++]!, { code: code++, len });
    code <<= 1;
  }
  return out;
}

class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  write(value: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00);
    this.acc = 0;
    this.n = 0;
  }
  finish(): void {
    while (this.n !== 0) this.write(1, 1);
  }
}

function segment(marker: number, payload: number[]): number[] {
  const len = payload.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...payload];
}

/**
 * Generates a synthetic grayscale JPEG (default 148×178, the card photo's size) with an optional comment.
 *
 * @internal
 */
export function generateJpeg(
  options: { width?: number; height?: number; seed?: number; comment?: Uint8Array } = {},
): Uint8Array<ArrayBuffer> {
  const width = options.width ?? 148;
  const height = options.height ?? 178;
  const seed = options.seed ?? 1;
  const bw = Math.ceil(width / 8);
  const bh = Math.ceil(height / 8);
  const out: number[] = [0xff, 0xd8];
  out.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 1, 0, 96, 0, 96, 0, 0]));
  if (options.comment?.length) out.push(...segment(0xfe, [...options.comment]));
  out.push(...segment(0xdb, [0x00, ...new Array(64).fill(8)]));
  out.push(...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]));
  out.push(...segment(0xc4, [0x00, ...DC_BITS, ...DC_VALS]));
  // AC table with a single symbol (EOB, 0x00) coded as '0'.
  out.push(...segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]));
  out.push(...segment(0xda, [1, 1, 0x00, 0, 63, 0]));
  const dc = huffmanCodes(DC_BITS, DC_VALS);
  const w = new BitWriter();
  let prev = 0;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const x = (bx + 0.5) / bw - 0.5;
      const y = (by + 0.5) / bh;
      const head = (x / 0.22) ** 2 + ((y - 0.36) / 0.2) ** 2 < 1;
      const body = y > 0.62 && Math.abs(x) < 0.42 - (1 - y) * 0.4;
      const shade = ((bx * 7 + by * 13 + seed * 31) % 9) - 4;
      const level = (head || body ? -60 : 90) + shade; // pixel = level + 128
      const diff = level - prev;
      prev = level;
      const mag = Math.abs(diff);
      const cat = mag === 0 ? 0 : 32 - Math.clz32(mag);
      const c = dc.get(cat)!;
      w.write(c.code, c.len);
      if (cat) w.write(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
      w.write(0, 1); // EOB
    }
  }
  w.finish();
  out.push(...w.bytes, 0xff, 0xd9);
  return Uint8Array.from(out);
}
