import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { verifyCms } from '@authenkit/thai-idcard/pki';
import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'authenkit-pin-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []),
  });
  return { code, out, err };
}

function pkijsCerts(p7s: Uint8Array): Uint8Array[] {
  const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(p7s.slice().buffer).result });
  const sd = new pkijs.SignedData({ schema: ci.content });
  return (sd.certificates ?? []).map((c) => new Uint8Array((c as pkijs.Certificate).toSchema().toBER()));
}

function image(name: string, extra: Record<string, unknown>) {
  const p = join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify({ ...sampleCardImage(), ...extra }));
  return p;
}

describe('thai-idcard CLI (runCli) with the PIN commands registered', () => {
  it('lists the PIN commands in --help', async () => {
    const r = await cli(['--help']);
    for (const c of ['pin-status', 'verify-pin', 'sign', 'cert']) expect(r.out).toContain(`thai-idcard ${c}`);
  });

  it('exit codes: 0 ok, 6 wrong PIN, 8 last-attempt guard, 7 blocked', async () => {
    const three = image('three', { pin2: '1234', pinTries: 3, pki: 'p256' });
    expect((await cli(['pin-status', '--virtual', three])).out).toContain('3 tries left');
    expect((await cli(['verify-pin', '--virtual', three, '--pin-stdin'], '1234\n')).code).toBe(0);
    const wrong = await cli(['verify-pin', '--virtual', three, '--pin-stdin'], '9999\n');
    expect(wrong.code).toBe(6);
    expect(wrong.err).toContain('PIN_INCORRECT');
    expect(wrong.err).not.toContain('9999');
    const one = image('one', { pin2: '1234', pinTries: 1, pki: 'p256' });
    expect((await cli(['verify-pin', '--virtual', one, '--pin-stdin'], '1234\n')).code).toBe(8);
    expect(
      (await cli(['verify-pin', '--virtual', one, '--pin-stdin', '--allow-last-attempt'], '0000\n')).code,
    ).toBe(7);
  });

  it('sign FILE --out FILE.p7s writes a DER CMS that verifies', async () => {
    const img = image('rsa', { pin2: '1234', pki: 'rsa2048' });
    const file = join(dir, 'doc.txt');
    writeFileSync(file, 'เอกสาร');
    const r = await cli(['sign', file, '--out', `${file}.p7s`, '--virtual', img, '--pin-stdin'], '1234\n');
    expect(r.code).toBe(0);
    const pem = await cli(['cert', '--pem', '--virtual', img]);
    expect(pem.out.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    // the p7s embeds the chain (card, intermediate, root); the virtual card's keys are generated per run,
    // so this run's root is taken from the PEM output of `cert --pem` (last certificate)
    const p7s = new Uint8Array(readFileSync(`${file}.p7s`));
    const rootB64 = pem.out
      .split('-----BEGIN CERTIFICATE-----')
      .pop()!
      .split('-----END')[0]!
      .replace(/\s+/g, '');
    const pemRoot = new Uint8Array(Buffer.from(rootB64, 'base64'));
    // `cert` ran on a NEW virtual card (new keys): its root must NOT validate the signed file…
    await expect(
      verifyCms(p7s, new Uint8Array(readFileSync(file)), { trustedRoots: [pemRoot] }),
    ).rejects.toMatchObject({
      code: 'CERTIFICATE_INVALID',
    });
    // …while the root embedded in the CMS does (signature + chain)
    const certs = pkijsCerts(p7s);
    const v = await verifyCms(p7s, new Uint8Array(readFileSync(file)), { trustedRoots: [certs.at(-1)!] });
    expect(v.signer.keyType).toBe('RSA');
  });
});
