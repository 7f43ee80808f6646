/**
 * The `jsqr` decoder (CommonJS upstream), compiled into an ESM leaf (`dist/vendor/jsqr.js`) by the ESM build.
 * @internal
 * @module
 */
import jsQRImport from 'jsqr';

type JsQr = typeof jsQRImport;
/** `jsqr`'s default export, whichever way the CommonJS module was interoperated. */
const jsQR: JsQr =
  typeof jsQRImport === 'function' ? jsQRImport : (jsQRImport as unknown as { default: JsQr }).default;

export default jsQR;
