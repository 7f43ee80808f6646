import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fromHex, parsePhoto, THAI_ID_CARD_JSON_SCHEMA, toHex } from '@authenkit/thai-idcard';
import { sampleCardImage } from '@authenkit/thai-idcard/virtual';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { cli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'authenkit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = join(__dirname, '..', 'fixtures');

describe('thai-idcard CLI (virtual card)', () => {
  it('read --json prints the documented schema; --photo writes the exact JPEG', async () => {
    const photo = join(dir, 'p.jpg');
    const r = await cli('read', '--json', '--virtual', join(fixtures, 'sample-card.json'), '--photo', photo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([...THAI_ID_CARD_JSON_SCHEMA, 'photo']);
    expect(json).toMatchObject({
      citizenId: '1101700123456',
      birthDate: '1990-04-15',
      sex: 'female',
      lifelong: false,
      laserCode: 'ME1120913419',
      photo,
      address: { houseNo: '99/9', province: 'กรุงเทพมหานคร' },
    });
    expect(json.nhso.mainInscl).toContain('UCS');
    const expected = parsePhoto(fromHex(sampleCardImage().moi).subarray(379, 379 + 5118));
    expect(toHex(readFileSync(photo))).toBe(toHex(expected));
  });

  it('fields-form fixture: lifelong, unknown birth day/month, no laser/NHSO (older chip) → nulls', async () => {
    const r = await cli('read', '--json', '--virtual', join(fixtures, 'lifelong-old-chip.fields.json'));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      birthDate: '1937',
      lifelong: true,
      expiryDate: null,
      laserCode: null,
      nhso: null,
      sex: 'male',
    });
    expect(json.photo).toBeUndefined();
  });

  it('human output in Thai and English', async () => {
    const r = await cli('read', '--virtual', join(fixtures, 'sample-card.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('เลขประจำตัวประชาชน / Citizen ID : 1101700123456');
    expect(r.stdout).toContain('น.ส.ทดสอบ ใจดีมาก');
  });

  it('readers lists the virtual reader', async () => {
    const r = await cli('readers', '--virtual', join(fixtures, 'sample-card.json'));
    expect(r.stdout).toBe('AuthenKit Virtual Reader 0\tcard\n');
  });

  it('exit codes: 2 usage, 2 bad image, 5 not a Thai ID card; errors are one stderr line', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('nope')).code).toBe(2);
    expect((await cli('read', '--bogus')).code).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"moi": "zz"}');
    const r = await cli('read', '--virtual', bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^thai-idcard: INVALID_CARD_IMAGE: /);
    const notThai = join(dir, 'other.json');
    writeFileSync(notThai, JSON.stringify({ atr: '3b00', moi: '00'.repeat(400) }));
    const r2 = await cli('read', '--virtual', notThai);
    expect(r2.code).toBe(5);
    expect(r2.stderr).toMatch(/UNSUPPORTED_CARD/);
    expect(r2.stderr).not.toMatch(/1101700123456/);
  });

  it('watch prints the insert and the read, and stops on abort', async () => {
    const ac = new AbortController();
    let stdout = '';
    const done = runCli(['watch', '--json', '--virtual', join(fixtures, 'sample-card.json')], {
      stdout: {
        write: (s: string) => {
          stdout += s;
          if (s.includes('"citizenId"')) ac.abort();
          return true;
        },
      },
      stderr: { write: () => true },
      stdin: Readable.from([]),
      signal: ac.signal,
    });
    expect(await done).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.event ?? 'read')).toEqual(['reader-attached', 'card-inserted', 'read']);
    expect(lines[2].citizenId).toBe('1101700123456');
  });

  it('--help lists the PIN commands registered by the PKI module', async () => {
    const r = await cli('--help');
    expect(r.stdout).toContain('thai-idcard read');
    expect(r.stdout).toMatch(/pin-status|verify-pin/);
  });
});
