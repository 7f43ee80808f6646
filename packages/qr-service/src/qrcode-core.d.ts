declare module 'qrcode/lib/core/qrcode.js' {
  interface QrSegment {
    mode: { id: string; bit: number };
    data: unknown;
  }
  interface QrSymbol {
    modules: { size: number; data: Uint8Array; get(row: number, col: number): boolean };
    version: number;
    errorCorrectionLevel: { bit: number };
    maskPattern: number;
    segments: QrSegment[];
  }
  const core: {
    create(
      data: string,
      options?: { errorCorrectionLevel?: string; version?: number; maskPattern?: number },
    ): QrSymbol;
  };
  export default core;
}
