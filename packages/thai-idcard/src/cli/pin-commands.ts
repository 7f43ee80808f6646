/**
 * `thai-idcard pin-status | verify-pin | sign | cert` — PIN 2 and card signatures from the command line.
 * Registered into the CLI through `extensions.ts`. A PIN is read from the TTY without echo, or from
 * stdin with `--pin-stdin`; it is never an argument (arguments leak into shell history and `ps`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { ThaiIdCardError } from '../errors.js';
import { signCms } from '../pki/cms.js';
import { iso7816Pki } from '../pki/iso7816.js';
import { SecretPin } from '../pki/pin.js';
import type { PkiProfile } from '../pki/profile.js';
import { thaiAdm } from '../pki/thai-adm.js';
import { describeCertificate, toPem } from '../pki/x509.js';
import { citizenIdOf, createPkiApplets } from '../virtual/pki-applet.js';
import type { CliCommand, CliContext, CliOptionSpec } from './registry.js';

const common: Record<string, CliOptionSpec> = {
  reader: { type: 'string', description: 'PC/SC reader name (default: the first reader with a card)' },
  virtual: { type: 'string', description: 'virtual card image JSON (may carry "pin2", "pinTries", "pki")' },
  binding: { type: 'string', description: "PC/SC binding: 'pcsclite' (default) or 'smartcard'" },
  timeout: { type: 'string', description: 'seconds to wait for a reader / card (default 5)' },
  profile: {
    type: 'string',
    description: "card profile: 'iso7816' (default) or 'thai-adm' (experimental, PIN only)",
  },
};
const pinOptions: Record<string, CliOptionSpec> = {
  'pin-stdin': { type: 'boolean', description: 'read the PIN from the first line of stdin (no TTY prompt)' },
  'allow-last-attempt': { type: 'boolean', description: 'send the PIN even when only one try is left' },
};

/** Adds the PKI/ADM applets to the `--virtual` card, configured from the image's pin2/pinTries/pki keys. */
async function prepareVirtual(ctx: CliContext): Promise<void> {
  const file = ctx.values.virtual;
  if (typeof file !== 'string') return;
  let image: Record<string, unknown>;
  try {
    image = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', 'cannot read the virtual card image', { cause });
  }
  const pki = image.pki;
  if (pki !== undefined && pki !== 'rsa2048' && pki !== 'p256') {
    throw new ThaiIdCardError('INVALID_CARD_IMAGE', `"pki" must be "rsa2048" or "p256"`);
  }
  const v = await createPkiApplets({
    ...(typeof image.pin2 === 'string' ? { pin2: image.pin2 } : {}),
    ...(typeof image.pinTries === 'number' ? { pinTries: image.pinTries } : {}),
    ...(pki ? { pki } : {}),
    ...(typeof image.laser === 'string' ? { laser: image.laser } : {}),
    ...citizenIdOf(image),
  });
  ctx.virtualCardApplets.push(...v.applets);
}

async function open(ctx: CliContext): Promise<PkiProfile> {
  await prepareVirtual(ctx);
  const transport = await ctx.openTransport();
  const p = ctx.values.profile ?? 'iso7816';
  if (p === 'iso7816') return iso7816Pki(transport);
  if (p === 'thai-adm') return thaiAdm(transport);
  throw new ThaiIdCardError('INVALID_ARGUMENT', "--profile must be 'iso7816' or 'thai-adm'");
}

/** Reads the PIN: first stdin line with --pin-stdin, else a no-echo TTY prompt. */
async function readPin(ctx: CliContext): Promise<SecretPin> {
  const stdin = ctx.stdin as NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
  if (ctx.values['pin-stdin']) {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    const all = Buffer.concat(chunks);
    for (const c of chunks) c.fill(0);
    let end = all.indexOf(0x0a);
    if (end < 0) end = all.length;
    if (end > 0 && all[end - 1] === 0x0d) end--;
    const pin = SecretPin.from(all.subarray(0, end));
    all.fill(0);
    return pin;
  }
  if (!stdin.isTTY || typeof stdin.setRawMode !== 'function') {
    throw new ThaiIdCardError(
      'INVALID_ARGUMENT',
      'stdin is not a terminal: pass --pin-stdin and pipe the PIN',
    );
  }
  ctx.write('รหัส PIN 2 / PIN 2: ');
  const buf = new Uint8Array(16);
  let n = 0;
  stdin.setRawMode(true);
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const b of chunk) {
          if (b === 0x0d || b === 0x0a) return done(resolve);
          if (b === 0x03)
            return done(() => reject(new ThaiIdCardError('PIN_ENTRY_CANCELLED', 'PIN entry cancelled')));
          if (b === 0x7f || b === 0x08) n = Math.max(0, n - 1);
          else if (n < buf.length) buf[n++] = b;
        }
        chunk.fill(0);
      };
      const done = (f: () => void) => {
        stdin.removeListener('data', onData);
        f();
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    ctx.write('\n');
  }
  const pin = SecretPin.from(buf.subarray(0, n));
  buf.fill(0);
  return pin;
}

const verifyOpts = (ctx: CliContext) => ({
  ...(ctx.values['allow-last-attempt'] ? { allowLastAttempt: true } : {}),
  signal: ctx.signal,
});

/**
 * The PIN / signing commands of the `thai-idcard` CLI.
 * @internal
 */
export const pinCommands: CliCommand[] = [
  {
    name: 'pin-status',
    summary: 'show PIN 2 tries left / blocked (no try is spent)',
    usage: 'thai-idcard pin-status [--reader NAME | --virtual FILE] [--profile iso7816|thai-adm]',
    options: common,
    async run(ctx) {
      const card = await open(ctx);
      const s = await card.pinStatus({ signal: ctx.signal });
      if (s.blocked) ctx.out('PIN 2: blocked (รหัส PIN 2 ถูกระงับ)');
      else if (s.verified) ctx.out('PIN 2: verified in this session (ยืนยันแล้ว)');
      else if (s.triesLeft === null) ctx.out('PIN 2: tries left unknown (บัตรไม่แจ้งจำนวนครั้งที่เหลือ)');
      else
        ctx.out(
          `PIN 2: ${s.triesLeft} ${s.triesLeft === 1 ? 'try' : 'tries'} left (เหลือ ${s.triesLeft} ครั้ง)`,
        );
      return 0;
    },
  },
  {
    name: 'verify-pin',
    summary: 'verify PIN 2 (TTY prompt without echo, or --pin-stdin)',
    usage:
      'thai-idcard verify-pin [--pin-stdin] [--allow-last-attempt] [--reader NAME | --virtual FILE] [--profile iso7816|thai-adm]',
    options: { ...common, ...pinOptions },
    async run(ctx) {
      const card = await open(ctx);
      const pin = await readPin(ctx);
      await card.verifyPin(pin, verifyOpts(ctx));
      ctx.out('PIN 2 verified (ยืนยันรหัส PIN 2 สำเร็จ)');
      return 0;
    },
  },
  {
    name: 'sign',
    summary: 'sign FILE with the card: detached DER CMS with the certificate chain (FILE.p7s)',
    usage:
      'thai-idcard sign FILE --out FILE.p7s [--pin-stdin] [--allow-last-attempt] [--reader NAME | --virtual FILE]',
    options: {
      ...common,
      ...pinOptions,
      out: { type: 'string', description: 'output .p7s (default FILE.p7s)' },
    },
    async run(ctx) {
      const file = ctx.positionals[0];
      if (!file) throw new ThaiIdCardError('INVALID_ARGUMENT', 'usage: thai-idcard sign FILE --out FILE.p7s');
      const out = typeof ctx.values.out === 'string' ? ctx.values.out : `${file}.p7s`;
      let content: Uint8Array;
      try {
        content = new Uint8Array(await readFile(file));
      } catch (cause) {
        throw new ThaiIdCardError('INVALID_ARGUMENT', 'cannot read the file to sign', { cause });
      }
      const card = await open(ctx);
      const pin = await readPin(ctx);
      await card.verifyPin(pin, verifyOpts(ctx));
      const certificates = await card.readCertificates({ signal: ctx.signal });
      const p7s = await signCms(content, {
        certificates,
        sign: (d, a) => card.sign(d, a, { signal: ctx.signal }),
      });
      await writeFile(out, p7s);
      ctx.out(`signed: ${out} (${p7s.length} bytes, ${certificates.length} certificates embedded)`);
      return 0;
    },
  },
  {
    name: 'cert',
    summary: "print the card's certificates (summary, or PEM with --pem)",
    usage: 'thai-idcard cert [--pem] [--reader NAME | --virtual FILE]',
    options: { ...common, pem: { type: 'boolean', description: 'print PEM (signer first)' } },
    async run(ctx) {
      const card = await open(ctx);
      const certs = await card.readCertificates({ signal: ctx.signal });
      if (ctx.values.pem) {
        ctx.write(toPem(certs));
        return 0;
      }
      for (const der of certs) {
        const c = describeCertificate(der);
        ctx.out(
          `${c.isCA ? 'CA  ' : 'card'} ${c.keyType}-${c.keyBits} "${c.commonName ?? '?'}" issued by "${c.issuerCommonName ?? '?'}" ` +
            `valid ${c.notBefore.toISOString().slice(0, 10)} → ${c.notAfter.toISOString().slice(0, 10)}`,
        );
      }
      return 0;
    },
  },
];
