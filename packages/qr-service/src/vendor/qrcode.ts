/**
 * The pure QR encoder of the `qrcode` package. `qrcode` is CommonJS: the ESM build compiles this module and
 * what it requires into one ESM leaf (`dist/vendor/qrcode.js`), so the browser entries bundle with stock
 * Rollup, Vite and esbuild, no CommonJS plugin needed (test/bundlers.test.ts).
 * @internal
 * @module
 */
import qrcodeCore from 'qrcode/lib/core/qrcode.js';

export default qrcodeCore;
