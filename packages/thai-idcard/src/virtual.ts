/**
 * `@authenkit/thai-idcard/virtual`: a virtual Thai ID card (applets selected by AID) usable in process or
 * behind the real pcscd through the `vsmartcard-vpcd` driver; card images; a synthetic sample card.
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
export { serveVirtualCardToVpcd, type VpcdConnection, type VpcdOptions } from './virtual/vpcd.js';
