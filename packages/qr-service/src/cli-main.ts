import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromHex } from '@authenkit/authen-code';
import { isQrServiceError, QrServiceError } from './errors.js';
import { getQrPublicKey, toHex } from './keys.js';
import { type DecodedServiceQr, decodeServiceQr, encodeServiceQr } from './payload.js';
import {
  decodePng,
  type PosterOptions,
  renderPosterPdf,
  renderPosterPng,
  renderPosterSvg,
  renderUnitPosters,
} from './poster.js';
import { decodeQrFromImage } from './read.js';
import { QR_SERVICE_CODES } from './services.js';

/** Exit codes of `authen-qr` (documented in the README). */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  rejected: 3,
  noQr: 4,
  io: 5,
  key: 6,
} as const;

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  now?: () => Date;
}

/** A usage error (bad or missing option): `INVALID_ARGUMENT`, printed as one line, exit code 2. */
const usage = (message: string): QrServiceError =>
  new QrServiceError('INVALID_ARGUMENT', message, { details: { usage: true } });

const USAGE = `authen-qr — AuthenKit service QR posters (NHSO Authen Code self-service)

Usage:
  authen-qr --help | -h | --version | -V
  authen-qr make   --hcode 10998 --service PG0090001 [--name "ชื่อหน่วยบริการ"] --out poster.pdf|png|svg
                   [--valid-from ISO] [--valid-until ISO] [--key key.pem] [--key-id K1]
                   [--url-base https://liff.line.me/…] [--line-account @myhospital] [--dpi 150]
                   [--allow-unknown-service]
  authen-qr batch  --hcode 10998 [--name …] --out dir/ [--format png|pdf|svg] [--services OPD,PG0090001]
                   [--single]  (with --format pdf: one multi-page PDF, <hcode>-all.pdf)
                   (same signing/validity options as make)
  authen-qr payload --hcode 10998 --service PG0090001 [same options]   print the QR text only
  authen-qr read   image.png [--json] [--pub key.pub.pem|HEX] [--now ISO] [--allow-unknown-service]
  authen-qr keygen --out key.pem      writes key.pem (PKCS#8, mode 600) and key.pub.pem (SPKI)

Keys: Ed25519, PEM (openssl genpkey -algorithm ed25519) or a file holding 64 hex characters.
Exit codes: 0 ok, 1 unexpected, 2 usage (INVALID_ARGUMENT, UNKNOWN_SERVICE), 3 payload rejected, 4 no QR in image, 5 file I/O, 6 bad key.
`;

const options = {
  hcode: { type: 'string' },
  service: { type: 'string' },
  services: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  'valid-from': { type: 'string' },
  'valid-until': { type: 'string' },
  key: { type: 'string' },
  'key-id': { type: 'string' },
  pub: { type: 'string' },
  'url-base': { type: 'string' },
  'line-account': { type: 'string' },
  dpi: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
  single: { type: 'boolean' },
  'allow-unknown-service': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

const COMMANDS: readonly string[] = ['make', 'batch', 'payload', 'read', 'keygen'];

/** The package version (package.json sits one folder above both `src/` and `dist/`). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function date(v: string | undefined, what: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()))
    throw usage(`--${what} is not a date: use ISO 8601, e.g. 2026-12-31T23:59:59+07:00`);
  return d;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new QrServiceError('INVALID_ARGUMENT', `cannot read ${path}`, { cause, details: { io: true } });
  }
}

function rawFromKeyObject(k: KeyObject, which: 'd' | 'x'): Uint8Array {
  if (k.asymmetricKeyType !== 'ed25519') throw new QrServiceError('INVALID_KEY', 'key is not an Ed25519 key');
  const jwk = k.export({ format: 'jwk' }) as { d?: string; x?: string };
  const v = jwk[which];
  if (!v) throw new QrServiceError('INVALID_KEY', 'key has no Ed25519 material');
  return new Uint8Array(Buffer.from(v, 'base64url'));
}

/** Private key file: PKCS#8 PEM or 64 hex characters (raw seed). */
export async function loadPrivateKey(path: string): Promise<Uint8Array> {
  const text = (await readText(path)).trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return fromHex(text);
  try {
    return rawFromKeyObject(createPrivateKey(text), 'd');
  } catch (cause) {
    if (isQrServiceError(cause)) throw cause;
    throw new QrServiceError('INVALID_KEY', 'private key must be PKCS#8 PEM (Ed25519) or 64 hex characters', {
      cause,
    });
  }
}

/** Public key: file (SPKI PEM, or PKCS#8 private PEM, or hex) or 64 hex characters given inline. */
export async function loadPublicKey(spec: string): Promise<Uint8Array> {
  if (/^[0-9a-fA-F]{64}$/.test(spec)) return fromHex(spec);
  const text = (await readText(spec)).trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return fromHex(text);
  try {
    return rawFromKeyObject(createPublicKey(text), 'x');
  } catch (cause) {
    if (isQrServiceError(cause)) throw cause;
    throw new QrServiceError('INVALID_KEY', 'public key must be SPKI PEM (Ed25519) or 64 hex characters', {
      cause,
    });
  }
}

async function posterOptions(v: Record<string, unknown>, serviceCode: string): Promise<PosterOptions> {
  const hcode = v.hcode as string | undefined;
  if (!hcode) throw usage('--hcode is required');
  return {
    hcode,
    serviceCode,
    unitName: v.name as string | undefined,
    validFrom: date(v['valid-from'] as string | undefined, 'valid-from'),
    validUntil: date(v['valid-until'] as string | undefined, 'valid-until'),
    keyId: v['key-id'] as string | undefined,
    signingKey: v.key ? await loadPrivateKey(v.key as string) : undefined,
    form: v['url-base'] ? 'url' : 'raw',
    urlBase: v['url-base'] as string | undefined,
    lineAccount: v['line-account'] as string | undefined,
    allowUnknownService: v['allow-unknown-service'] as boolean | undefined,
  };
}

async function write(path: string, data: Uint8Array | string, mode?: number): Promise<void> {
  try {
    await writeFile(path, data, mode === undefined ? undefined : { mode });
  } catch (cause) {
    throw new QrServiceError('INVALID_ARGUMENT', `cannot write ${path}`, { cause, details: { io: true } });
  }
}

function describe(qr: DecodedServiceQr): Record<string, unknown> {
  return {
    hcode: qr.hcode,
    serviceCode: qr.serviceCode,
    serviceNameTh: qr.service?.nameTh,
    serviceNameEn: qr.service?.nameEn,
    version: qr.version,
    validFrom: qr.validFrom?.toISOString(),
    validUntil: qr.validUntil?.toISOString(),
    unitName: qr.unitName,
    keyId: qr.keyId,
    signature: qr.signature,
    raw: qr.raw,
  };
}

function exitFor(e: QrServiceError): number {
  if (e.details?.io) return EXIT.io;
  switch (e.code) {
    case 'NO_QR_FOUND':
      return EXIT.noQr;
    case 'INVALID_KEY':
      return EXIT.key;
    case 'INVALID_ARGUMENT':
    case 'UNKNOWN_SERVICE':
      return EXIT.usage;
    case 'RENDER_FAILED':
    case 'HID_UNAVAILABLE':
      return EXIT.unexpected;
    default:
      return EXIT.rejected;
  }
}

/** Run `authen-qr` with `argv` (without `node` and the script path). Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  let json = false;
  try {
    if (!command) {
      io.stderr(USAGE);
      return EXIT.usage;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      io.stdout(`${version()}\n`);
      return EXIT.ok;
    }
    if (command.startsWith('-')) throw usage(`unknown option ${command}`);
    if (!COMMANDS.includes(command)) throw usage(`unknown command ${command}`);
    let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
    } catch (e) {
      // node's message is "Unknown option '--x'. To specify a positional argument …": keep the first sentence
      throw usage(String((e as Error).message).split(/\.\s/)[0]!);
    }
    const v = parsed.values as Record<string, unknown>;
    json = Boolean(v.json);
    if (v.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (v.version) {
      io.stdout(`${version()}\n`);
      return EXIT.ok;
    }
    if (command === 'make' || command === 'payload') {
      const service = v.service as string | undefined;
      if (!service) throw usage('--service is required');
      const o = await posterOptions(v, service);
      if (command === 'payload') {
        io.stdout(`${encodeServiceQr(o, o)}\n`);
        return EXIT.ok;
      }
      const out = v.out as string | undefined;
      if (!out) throw usage('--out is required (a .pdf, .png or .svg file)');
      const ext = extname(out).toLowerCase();
      const dpi = v.dpi === undefined ? undefined : Number(v.dpi);
      const poster =
        ext === '.pdf'
          ? await renderPosterPdf(o)
          : ext === '.png'
            ? renderPosterPng(o, { dpi })
            : ext === '.svg'
              ? renderPosterSvg(o)
              : undefined;
      if (!poster) throw usage('--out must end in .pdf, .png or .svg');
      await write(out, poster.data);
      io.stdout(`${out}\n`);
      return EXIT.ok;
    }
    if (command === 'batch') {
      const out = v.out as string | undefined;
      if (!out) throw usage('--out is required (a directory)');
      const format = (v.format as string | undefined) ?? 'png';
      if (format !== 'png' && format !== 'pdf' && format !== 'svg')
        throw usage('--format must be png, pdf or svg');
      const services = v.services
        ? String(v.services)
            .split(',')
            .map((s) => s.trim())
        : QR_SERVICE_CODES;
      const o = await posterOptions(v, 'OPD');
      const { serviceCode: _ignored, ...unit } = o;
      if (v.single && format !== 'pdf') throw usage('--single needs --format pdf');
      const posters = v.single
        ? [await renderPosterPdf(services.map((serviceCode) => ({ ...unit, serviceCode })))]
        : await renderUnitPosters({
            ...unit,
            services,
            format,
            dpi: v.dpi === undefined ? undefined : Number(v.dpi),
          });
      try {
        await mkdir(out, { recursive: true });
      } catch (cause) {
        throw new QrServiceError('INVALID_ARGUMENT', `cannot create ${out}`, {
          cause,
          details: { io: true },
        });
      }
      for (const p of posters) {
        await write(join(out, p.fileName), p.data);
        io.stdout(`${join(out, p.fileName)}\n`);
      }
      return EXIT.ok;
    }
    if (command === 'read') {
      const file = parsed.positionals[0];
      if (!file) throw usage('read needs an image file (PNG)');
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (cause) {
        throw new QrServiceError('INVALID_ARGUMENT', `cannot read ${file}`, { cause, details: { io: true } });
      }
      const text = decodeQrFromImage(decodePng(bytes));
      const now = v.now ? date(v.now as string, 'now') : io.now?.();
      const qr = decodeServiceQr(text, {
        now,
        publicKey: v.pub ? await loadPublicKey(v.pub as string) : undefined,
        allowUnknownService: v['allow-unknown-service'] as boolean | undefined,
      });
      const d = describe(qr);
      if (json) io.stdout(`${JSON.stringify(d)}\n`);
      else
        io.stdout(
          [
            `hcode:       ${qr.hcode}`,
            `serviceCode: ${qr.serviceCode}${qr.service ? ` (${qr.service.nameTh} / ${qr.service.nameEn})` : ''}`,
            `version:     ${qr.version}`,
            `validFrom:   ${d.validFrom ?? '-'}`,
            `validUntil:  ${d.validUntil ?? '-'}`,
            `unitName:    ${qr.unitName ?? '-'}`,
            `signature:   ${qr.signature}${qr.keyId ? ` (keyId ${qr.keyId})` : ''}`,
            '',
          ].join('\n'),
        );
      return EXIT.ok;
    }
    if (command === 'keygen') {
      const out = v.out as string | undefined;
      if (!out) throw usage('--out is required (private key file, e.g. key.pem)');
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const pubPath = out.replace(/(\.pem)?$/, '.pub.pem');
      await write(out, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
      await write(pubPath, publicKey.export({ format: 'pem', type: 'spki' }) as string);
      const hex = toHex(getQrPublicKey(rawFromKeyObject(privateKey, 'd')));
      io.stdout(`${out}\n${pubPath}\npublic key (hex): ${hex}\n`);
      return EXIT.ok;
    }
    throw usage(`unknown command ${command}`);
  } catch (e) {
    if (isQrServiceError(e)) {
      const code = exitFor(e);
      if (json) io.stdout(`${JSON.stringify({ error: e.toJSON() })}\n`);
      if (e.details?.usage) {
        io.stderr(`authen-qr: ${e.message} (authen-qr --help lists commands and options)\n`);
        return code;
      }
      io.stderr(`authen-qr: ${e.code}: ${e.message}\n           ${e.messageTh}\n`);
      return code;
    }
    io.stderr(`authen-qr: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT.unexpected;
  }
}
