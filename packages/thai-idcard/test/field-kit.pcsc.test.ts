/**
 * The field kit through the real stack (binding → pcscd → vsmartcard-vpcd → the virtual card): `doctor`
 * (human and --json) and `record --anonymize` work, and print nothing personal — their output is searched
 * for every personal value of the card image. The recorded trace replays to the structure of the card.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { encodeTis620, parsePhoto, readThaiIdCard, toHex } from '@authenkit/thai-idcard';
import { createPcscReaderManager, type PcscBinding } from '@authenkit/thai-idcard/pcsc';
import { describeReadStructure } from '@authenkit/thai-idcard/replay';
import {
  createVirtualCard,
  sampleCardImage,
  sampleCardSpec,
  serveVirtualCardToVpcd,
  type VpcdConnection,
} from '@authenkit/thai-idcard/virtual';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capability } from '../../../tools/test-env.js';
import { runCli } from '../src/cli/main.js';
import { readTrace, recordReadOptions } from '../src/cli/record.js';
import { cli } from './helpers/cli.js';
import { type PcscdRig, startPcscd, VPCD_SLOTS } from './helpers/pcscd-rig.js';

const pcsc = capability('pcsc');
const slot = VPCD_SLOTS[0];
const image = sampleCardImage({ middleNameTh: 'กลางกลาง', middleNameEn: 'Klangklang' });
const fields = sampleCardSpec({ middleNameTh: 'กลางกลาง', middleNameEn: 'Klangklang' }).fields;

/** Every personal value of the card image, as text, as TIS-620 hex, and the photo as hex and base64. */
function personalNeedles(): string[] {
  const a = fields.address as Record<string, string>;
  const text = [
    fields.citizenId,
    fields.firstNameTh,
    fields.middleNameTh,
    fields.lastNameTh,
    fields.firstNameEn,
    fields.middleNameEn,
    fields.lastNameEn,
    fields.birthDate,
    '1990-04-15', // the birth date as the read reports it
    ...Object.values(a).filter((v) => v.length > 0),
    ...Object.values(a)
      .map((v) => v.replace(/^(หมู่ที่|ซอย|ถนน|แขวง|เขต)/, '').trim())
      .filter((v) => v.length >= 2),
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
  const photo = parsePhoto(Uint8Array.from(Buffer.from(image.moi, 'hex')).subarray(379, 379 + 5118));
  const chunks = [
    photo.subarray(600, 632),
    photo.subarray(2000, 2032),
    photo.subarray(photo.length - 40, photo.length - 8),
  ];
  return [
    ...text,
    ...text.map((t) => toHex(encodeTis620(t))),
    ...chunks.map((c) => toHex(c)),
    ...chunks.map((c) => Buffer.from(c).toString('base64')),
  ];
}

function expectNothingPersonal(what: string, output: string): void {
  for (const needle of personalNeedles())
    expect(output.includes(needle), `${what} prints a personal value (${needle.slice(0, 12)}…)`).toBe(false);
}

describe.skipIf(!pcsc.available)('doctor and record through pcscd + vpcd', () => {
  let rig: PcscdRig | undefined;
  let conn: VpcdConnection | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'authenkit-field-'));
  beforeAll(async () => {
    rig = await startPcscd({ waitMs: 150_000 });
    const watcher = createPcscReaderManager({ binding: 'pcsclite' });
    try {
      await watcher.waitForReader({ reader: slot.reader, signal: AbortSignal.timeout(10_000) });
      await watcher.waitForRemoval(slot.reader, { signal: AbortSignal.timeout(10_000) });
      conn = await serveVirtualCardToVpcd(createVirtualCard({ image }), { port: slot.port });
      await watcher.waitForCard({ reader: slot.reader, signal: AbortSignal.timeout(10_000) });
    } finally {
      await watcher.close();
    }
  }, 180_000);
  afterAll(async () => {
    await conn?.remove();
    await rig?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['pcsclite', 'smartcard'] as PcscBinding[])(
    'doctor (%s): a full report, human and --json, with nothing personal in it',
    async (binding) => {
      const args = ['doctor', '--reader', slot.reader, '--binding', binding, '--timeout', '10'];
      const h = await cli(...args);
      expect(h.code, h.all).toBe(0);
      expect(h.stdout).toContain(`ATR     : ${image.atr}`);
      expect(h.stdout).toMatch(/applet {2}: MOI +SELECT → 610a … 9000, FCI 10 bytes/);
      expect(h.stdout).toMatch(/read {4}: identity [\d.]+ ms, text [\d.]+ ms, photo [\d.]+ ms/);
      expect(h.stdout).toContain('result    : everything works');
      expectNothingPersonal('doctor', h.all);

      const j = await cli(...args, '--json');
      expect(j.code, j.all).toBe(0);
      const report = JSON.parse(j.stdout);
      expect(report.pcsc.bindings.find((b: { name: string }) => b.name === binding)).toMatchObject({
        loaded: true,
        chosen: true,
      });
      expect(report.service.running).toBe(true);
      expect(report.readers.map((r: { name: string }) => r.name)).toContain(slot.reader);
      expect(report.card).toMatchObject({ reader: slot.reader, atr: image.atr, profile: { id: 'default' } });
      expect(report.card.applets.map((a: { name: string; answers: boolean }) => [a.name, a.answers])).toEqual(
        [
          ['MOI', true],
          ['NHSO', true],
          ['ADM', true],
          ['PKI', false],
        ],
      );
      expect(report.card.read).toMatchObject({ ok: true, apdus: 56, photoBytes: expect.any(Number) });
      expect(report.card.roundTrip.count).toBe(report.card.apdus.length);
      expectNothingPersonal('doctor --json', j.all);
    },
    60_000,
  );

  it('record --anonymize --photo: a trace with nothing personal that replays to the card structure', async () => {
    const out = join(dir, 'card.apdu');
    const r = await cli(
      'record',
      '--anonymize',
      '--photo',
      '--out',
      out,
      '--reader',
      slot.reader,
      '--timeout',
      '10',
    );
    expect(r.code, r.all).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}: 56 APDUs`);
    expectNothingPersonal('record', r.all);
    const j = await cli(
      'record',
      '--anonymize',
      '--out',
      join(dir, 'text.apdu'),
      '--reader',
      slot.reader,
      '--json',
    );
    expect(j.code, j.all).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ apdus: 16, anonymized: true, read: { ok: true } });
    expectNothingPersonal('record --json', j.all);

    const script = readFileSync(out, 'utf8');
    expect(script).toContain(`reader: ${slot.reader}`);
    expectNothingPersonal('the trace file', script);
    const original = await readThaiIdCard(createVirtualCard({ image }).transport(), recordReadOptions(true));
    const { data, remaining } = await readTrace(script);
    expect(remaining).toBe(0);
    expect(describeReadStructure(data)).toEqual(describeReadStructure(original));
  }, 60_000);

  it('watch with the PC/SC service down says so once while it waits for the service (not every second)', async () => {
    await conn?.remove();
    conn = undefined;
    await rig!.stop();
    const ac = new AbortController();
    let stderr = '';
    const done = runCli(['watch', '--binding', 'pcsclite'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from([]),
      signal: ac.signal,
    });
    await new Promise((r) => setTimeout(r, 5000)); // the manager retries about 5 times in 5 s
    ac.abort();
    expect(await done).toBe(0);
    expect(stderr.split('\n').filter((l) => l.includes('PCSC_UNAVAILABLE'))).toHaveLength(1);
  }, 30_000);
});
