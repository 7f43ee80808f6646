import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describeCertificate, verifyCms } from '@authenkit/thai-idcard/pki';
import { createVirtualCard, loadCardImage, sampleCardImage } from '@authenkit/thai-idcard/virtual';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, describe, expect, it } from 'vitest';
import { pinCommands } from '../../src/cli/pin-commands.js';
import type { CliContext } from '../../src/cli/registry.js';
import { opensslVerify } from '../helpers/profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'authenkit-pin-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const imagePath = join(dir, 'card.json');
writeFileSync(imagePath, JSON.stringify({ ...sampleCardImage(), pin2: '8642', pinTries: 3, pki: 'rsa2048' }));

/** Runs one of the PIN commands the way the thai-idcard CLI does (virtual card built from --virtual). */
async function run(
  name: string,
  args: { values?: Record<string, string | boolean>; positionals?: string[]; stdin?: string },
) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    values: { virtual: imagePath, ...args.values },
    positionals: args.positionals ?? [],
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    write: (t) => out.push(t),
    stdin: Readable.from(args.stdin === undefined ? [] : [Buffer.from(args.stdin)]),
    signal: new AbortController().signal,
    virtualCardApplets: [],
    async openTransport() {
      const image = loadCardImage(readFileSync(String(ctx.values.virtual), 'utf8'));
      const t = createVirtualCard({ image, applets: ctx.virtualCardApplets }).transport();
      await t.connect();
      return t;
    },
  };
  const cmd = pinCommands.find((c) => c.name === name)!;
  try {
    return { code: await cmd.run(ctx), out, err };
  } catch (e) {
    return { code: -1, error: e as { code: string; details?: { triesLeft?: number } }, out, err };
  }
}

describe('thai-idcard PIN commands on a --virtual card image with pin2/pinTries/pki', () => {
  it('pin-status', async () => {
    const r = await run('pin-status', {});
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['PIN 2: 3 tries left (เหลือ 3 ครั้ง)']);
  });

  it('verify-pin from stdin: ok, wrong, last-attempt guard', async () => {
    expect((await run('verify-pin', { values: { 'pin-stdin': true }, stdin: '8642\n' })).code).toBe(0);
    const wrong = await run('verify-pin', { values: { 'pin-stdin': true }, stdin: '1111\r\n' });
    expect(wrong.error).toMatchObject({ code: 'PIN_INCORRECT', details: { triesLeft: 2 } });
    const fmt = await run('verify-pin', { values: { 'pin-stdin': true }, stdin: '12\n' });
    expect(fmt.error?.code).toBe('PIN_FORMAT');
    const noTty = await run('verify-pin', { stdin: '8642\n' });
    expect(noTty.error?.code).toBe('INVALID_ARGUMENT');
  });

  it('last-attempt guard and blocked card from the image', async () => {
    writeFileSync(
      imagePath.replace('card', 'one'),
      JSON.stringify({ ...sampleCardImage(), pin2: '8642', pinTries: 1, pki: 'p256' }),
    );
    const p = imagePath.replace('card', 'one');
    const guard = await run('verify-pin', { values: { virtual: p, 'pin-stdin': true }, stdin: '8642\n' });
    expect(guard.error?.code).toBe('PIN_LAST_ATTEMPT');
    const ok = await run('verify-pin', {
      values: { virtual: p, 'pin-stdin': true, 'allow-last-attempt': true },
      stdin: '8642\n',
    });
    expect(ok.code).toBe(0);
    const blocked = await run('verify-pin', {
      values: { virtual: p, 'pin-stdin': true, 'allow-last-attempt': true },
      stdin: '0000\n',
    });
    expect(blocked.error?.code).toBe('PIN_BLOCKED');
  });

  it('sign FILE --out FILE.p7s: DER CMS with the chain, verified by pkijs and openssl', async () => {
    const file = join(dir, 'visit.json');
    writeFileSync(file, JSON.stringify({ hcode: '10670', claimType: 'PG0060001' }));
    const out = join(dir, 'visit.json.p7s');
    const r = await run('sign', { positionals: [file], values: { out, 'pin-stdin': true }, stdin: '8642\n' });
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^signed: .*visit\.json\.p7s \(\d+ bytes, 3 certificates embedded\)$/);
    const p7s = new Uint8Array(readFileSync(out));
    // the root is the self-signed certificate the virtual card carries in EF 4303
    const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(p7s.slice().buffer).result });
    const sd = new pkijs.SignedData({ schema: ci.content });
    const ders = (sd.certificates ?? []).map(
      (c) => new Uint8Array((c as pkijs.Certificate).toSchema().toBER()),
    );
    const root = ders.find(
      (d) => describeCertificate(d).isCA && describeCertificate(d).commonName?.includes('Root'),
    )!;
    await verifyCms(p7s, new Uint8Array(readFileSync(file)), { trustedRoots: [root] });
    opensslVerify(p7s, new Uint8Array(readFileSync(file)), root, dir);
  });

  it('cert --pem and summary', async () => {
    const pem = await run('cert', { values: { pem: true } });
    expect(pem.out.join('').match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    const sum = await run('cert', {});
    expect(sum.out[0]).toMatch(/^card RSA-2048 "/);
  });

  it('sign on a card whose ATR starts 3B 67 (GET RESPONSE 00 C0 00 01): the issue 11 reproduction', async () => {
    const image3b67 = join(dir, 'card-3b67.json');
    writeFileSync(
      image3b67,
      JSON.stringify({ ...sampleCardImage(), atr: '3b6700005448204e4944', pin2: '8642', pki: 'p256' }),
    );
    const file = join(dir, 'doc-3b67.txt');
    writeFileSync(file, 'signed on a 3B 67 card\n');
    const out = join(dir, 'doc-3b67.txt.p7s');
    const r = await run('sign', {
      positionals: [file],
      values: { virtual: image3b67, out, 'pin-stdin': true },
      stdin: '8642\n',
    });
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(0);
    expect(readFileSync(out).length).toBeGreaterThan(100);
  });
});
