/**
 * `@authenkit/thai-idcard/virtual`: a virtual Thai ID card (applets selected by AID) usable in process or
 * behind the real pcscd through the `vsmartcard-vpcd` driver; card images; a synthetic sample card; the secure
 * applets (PIN 2, signing) with a generated test PKI. Test-grade crypto lives here, never in `/pki`.
 *
 * @packageDocumentation
 */
export { createAdmApplet, createCardManagerApplet, createFileApplet } from './virtual/applets.js';
export { createVirtualReaderBackend, type VirtualReaderBackend } from './virtual/backend.js';
export {
  type VirtualApplet,
  VirtualCard,
  type VirtualCardContext,
  type VirtualCardOptions,
  type VirtualCardStats,
  type VirtualFault,
  type VirtualResponse,
} from './virtual/card.js';
export {
  buildCardImage,
  type CardImage,
  type CardImageFields,
  type CardImageSpec,
  type CreateVirtualCardOptions,
  createVirtualCard,
  DEFAULT_ATR,
  loadCardImage,
  type NhsoFields,
  sampleCardImage,
  sampleCardSpec,
} from './virtual/image.js';
export {
  createPkiApplets,
  createVirtualTransport,
  type PkiCardImage,
  type VirtualPinState,
  type VirtualPkiCard,
  type VirtualPkiOptions,
  type VirtualTransportOptions,
} from './virtual/pki-applet.js';
export { generateTestPki, type TestPki, type TestPkiKind, type TestPkiOptions } from './virtual/test-pki.js';
export { serveVirtualCardToVpcd, type VpcdConnection, type VpcdOptions } from './virtual/vpcd.js';
