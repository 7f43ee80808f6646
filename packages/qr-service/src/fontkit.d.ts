declare module 'fontkit' {
  interface FkPath {
    toSVG(): string;
    transform(a: number, b: number, c: number, d: number, e: number, f: number): FkPath;
  }
  interface FkGlyph {
    id: number;
    path: FkPath;
    codePoints: number[];
  }
  interface FkPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  interface FkRun {
    glyphs: FkGlyph[];
    positions: FkPosition[];
    advanceWidth: number;
  }
  export interface FkFont {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    familyName: string;
    layout(text: string, features?: string[] | Record<string, boolean>): FkRun;
    hasGlyphForCodePoint(cp: number): boolean;
  }
  export function create(buffer: Uint8Array): FkFont;
}
