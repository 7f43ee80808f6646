/**
 * qr-service's own copy of `@noble/ed25519`: the ESM build bundles it into `dist/vendor/ed25519.js` (and the
 * CJS build into its chunks), so setting its SHA-512 hook in keys.ts never touches an app's copy.
 * @internal
 * @module
 */
export * from '@noble/ed25519';
