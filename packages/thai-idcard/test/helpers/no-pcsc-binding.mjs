// `node --import tsx --import ./no-pcsc-binding.mjs …`: the optional PC/SC bindings cannot be found, as on a
// machine where `npm install` skipped them (no libpcsclite-dev, `--omit=optional`).
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'pcsclite' || specifier === 'smartcard') {
    const e = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
