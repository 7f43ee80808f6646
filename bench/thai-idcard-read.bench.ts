// Benchmark: reading a Thai ID card with @authenkit/thai-idcard. Not a test.
// Run: npx tsx bench/thai-idcard-read.bench.ts   (or `npm run bench -- thai-idcard-read`)
// 1. APDU counts of the SDK's lean plan vs the field-by-field plan most open-source readers send.
// 2. Per-APDU overhead of the SDK vs a raw `pcsclite` transmit loop, same virtual card behind real pcscd +
//    vsmartcard-vpcd (skipped when pcscd / the binding is unavailable or another pcscd runs).
// 3. Wire-speed model: the virtual card waits (command + response bytes) × µs per exchange; full read vs the
//    computed wire minimum for the same bytes, and time to identity, at 1040 µs/byte (≈ 9600 bit/s) and 40 µs.
// Prints one Markdown section.
import {
  exchange,
  MOI_AID,
  readBinaryCommand,
  readThaiIdCard,
  selectCommand,
  type Transport,
} from '../packages/thai-idcard/src/index.js';
import {
  createVirtualCard,
  sampleCardImage,
  serveVirtualCardToVpcd,
} from '../packages/thai-idcard/src/virtual.js';

const image = sampleCardImage();
const lines: string[] = ['## Thai ID card reading (@authenkit/thai-idcard)', ''];
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

/**
 * The field-by-field plan of the common open-source readers (chakphanu/ThaiNationalIDCard APDU.md, go/node
 * somprasongd, pythaiidcard): SELECT, then per field READ + GET RESPONSE — CID, TH name, EN name, DOB, sex,
 * issuer, issue date, expiry date, address (only 100 of 160 bytes) = 9 fields; photo = 20 × 255 bytes from
 * 0x017B (5100 of 5118 bytes). (Those readers also sleep 1–1.5 s before reading; not counted here.)
 */
const FIELD_BY_FIELD_TEXT: Array<[number, number]> = [
  [0x04, 13],
  [0x11, 100],
  [0x75, 100],
  [0xd9, 8],
  [0xe1, 1],
  [0xf6, 100],
  [0x167, 8],
  [0x16f, 8],
  [0x1579, 100],
];
const FIELD_BY_FIELD_PHOTO: Array<[number, number]> = Array.from({ length: 20 }, (_, i) => [
  0x17b + i * 255,
  255,
]);

async function fieldByField(t: Transport, photo: boolean, onFirst?: () => void): Promise<void> {
  await t.connect();
  await t.transmit(selectCommand(MOI_AID)); // 61 0A / 90 00 accepted, FCI not fetched (as those readers do)
  let first = true;
  for (const [off, len] of [...FIELD_BY_FIELD_TEXT, ...(photo ? FIELD_BY_FIELD_PHOTO : [])]) {
    await exchange(t, readBinaryCommand(off, len));
    // identity (CID + both names) is complete after the 3rd field
    if (first && off === 0x75) {
      first = false;
      onFirst?.();
    }
  }
  await t.disconnect();
}

// ---------------------------------------------------------------- 1. APDU counts
{
  const count = async (fn: (t: Transport) => Promise<unknown>) => {
    const card = createVirtualCard({ image });
    await fn(card.transport());
    return { apdus: card.stats.apdus, bytes: card.stats.commandBytes + card.stats.responseBytes };
  };
  const sdkText = await count((t) => readThaiIdCard(t));
  const sdkFull = await count((t) => readThaiIdCard(t, { photo: true }));
  const fbfText = await count((t) => fieldByField(t, false));
  const fbfFull = await count((t) => fieldByField(t, true));
  lines.push(
    '### APDU count per read (T=0, SELECT and GET RESPONSEs included)',
    '',
    '| read | SDK lean plan | field-by-field (common open-source readers) |',
    '|---|---|---|',
    `| text only | ${sdkText.apdus} APDUs, ${sdkText.bytes} wire bytes | ${fbfText.apdus} APDUs, ${fbfText.bytes} wire bytes (address truncated to 100 of 160 bytes) |`,
    `| text + photo | ${sdkFull.apdus} APDUs, ${sdkFull.bytes} wire bytes | ${fbfFull.apdus} APDUs, ${fbfFull.bytes} wire bytes (photo truncated to 5100 of 5118 bytes) |`,
    '',
    'Field-by-field = SELECT + READ/GET RESPONSE per field (CID, TH name, EN name, birth date, sex, issuer, issue date, expiry date, address 100 bytes) + 20 × 255-byte photo chunks, as in chakphanu/ThaiNationalIDCard APDU.md, somprasongd/go-thai-smartcard and ninyawee/pythaiidcard. The SDK reads contiguous ranges: 0–216 (identity: version, citizen ID, both names), 217–376 (or 217–471 with the photo start), 5497–5670 (address + photo number), then the rest of the photo — every byte once.',
    '',
  );
}

// ---------------------------------------------------------------- 2. SDK vs raw pcsclite through pcscd
async function pcscSection(): Promise<string[]> {
  const out = [
    '### Per-APDU overhead vs raw `pcsclite` (real pcscd + vsmartcard-vpcd, TCP_NODELAY shim)',
    '',
  ];
  let rig: { dispose(): Promise<void> } | undefined;
  try {
    const { capability } = await import('../tools/test-env.js');
    const cap = capability('pcsc');
    if (!cap.available) return [...out, `Skipped: ${cap.reason}.`, ''];
    const { startPcscd, VPCD_SLOTS } = await import('../packages/thai-idcard/test/helpers/pcscd-rig.js');
    rig = await startPcscd({ waitMs: 60_000 });
    const { createPcscReaderManager } = await import('../packages/thai-idcard/src/pcsc.js');
    const slot = VPCD_SLOTS[0];
    const card = createVirtualCard({ image });
    const conn = await serveVirtualCardToVpcd(card, { port: slot.port });
    // The 47 raw APDUs of a full read (recorded from the SDK's plan on an in-process card).
    const rec = createVirtualCard({ image });
    const commands: Uint8Array[] = [];
    const tr = rec.transport();
    const recorder: Transport = {
      ...tr,
      get readerName() {
        return tr.readerName;
      },
      get atr() {
        return tr.atr;
      },
      get connected() {
        return tr.connected;
      },
      connect: (o) => tr.connect(o),
      disconnect: () => tr.disconnect(),
      lock: (o) => tr.lock(o),
      transmit: (apdu, o) => {
        commands.push(apdu);
        return tr.transmit(apdu, o);
      },
    };
    await readThaiIdCard(recorder, { photo: true });
    const ROUNDS = 100;
    // raw pcsclite
    const pcsclite = ((await import('pcsclite')) as { default: () => any }).default;
    const pcsc = pcsclite();
    pcsc.on('error', () => {}); // G6: benign "Command cancelled" on close
    const reader: any = await new Promise((resolve) =>
      pcsc.on('reader', (r: any) => {
        r.on('error', () => {});
        if (r.name === slot.reader) resolve(r);
      }),
    );
    await new Promise<void>((resolve) =>
      reader.on('status', (s: { state: number }) => {
        if ((s.state & 0xffff & reader.SCARD_STATE_PRESENT) !== 0) resolve();
      }),
    );
    const protocol: number = await new Promise((resolve, reject) =>
      reader.connect({ share_mode: reader.SCARD_SHARE_SHARED }, (e: unknown, p: number) =>
        e ? reject(e) : resolve(p),
      ),
    );
    const tx = (c: Uint8Array) =>
      new Promise<Buffer>((resolve, reject) =>
        reader.transmit(Buffer.from(c), 258, protocol, (e: unknown, d: Buffer) =>
          e ? reject(e) : resolve(d),
        ),
      );
    // SDK on the same card and reader, connected once like the raw loop; rounds alternate raw / SDK so that
    // machine load hits both equally.
    const manager = createPcscReaderManager({ binding: 'pcsclite' });
    await manager.waitForCard({ reader: slot.reader, signal: AbortSignal.timeout(10_000) });
    const t = manager.transport(slot.reader);
    await t.connect();
    for (const c of commands) await tx(c); // warm-up
    await readThaiIdCard(t, { photo: true }); // warm-up
    const rawSamples: number[] = [];
    const sdkSamples: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t0 = performance.now();
      for (const c of commands) await tx(c);
      rawSamples.push((performance.now() - t0) / commands.length);
      const before = card.stats.apdus;
      t0 = performance.now();
      await readThaiIdCard(t, { photo: true });
      sdkSamples.push((performance.now() - t0) / (card.stats.apdus - before));
    }
    await t.disconnect();
    await manager.close();
    await new Promise((r) => reader.disconnect(reader.SCARD_LEAVE_CARD, r));
    reader.removeAllListeners('status');
    await new Promise((r) => setImmediate(r));
    reader.close();
    pcsc.close();
    await conn.remove();
    const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
    const raw = med(rawSamples);
    const sdk = med(sdkSamples);
    out.push(
      `Median over ${ROUNDS} full reads each (${commands.length} APDUs, photo included; raw and SDK rounds alternate), per APDU:`,
      '',
      '| path | ms per APDU |',
      '|---|---|',
      `| raw \`pcsclite\` transmit loop (same APDUs) | ${raw.toFixed(3)} |`,
      `| SDK \`readThaiIdCard(transport, { photo: true })\` over \`createPcscBackend({ binding: 'pcsclite' })\` | ${sdk.toFixed(3)} |`,
      `| **ratio SDK / raw** | **${f2(sdk / raw)}×** (target ≤ 1.10×: ${sdk / raw <= 1.1 ? 'met' : 'NOT met'}) |`,
      '',
    );
    return out;
  } catch (e) {
    return [...out, `Skipped: ${(e as Error).message.split('\n')[0]}.`, ''];
  } finally {
    await rig?.dispose();
  }
}
lines.push(...(await pcscSection()));

// ---------------------------------------------------------------- 3. wire-speed model
{
  lines.push(
    '### Against the wire minimum (virtual card with a per-byte delay, in process)',
    '',
    'The virtual card holds each answer for (command bytes + response bytes) × delay, modelling the contact interface. "Wire minimum" = the same bytes × delay with zero software time. Identity = citizen ID + Thai and English names delivered to the caller, timed from the call (card present) on.',
    '',
    '| delay per byte | read | bytes on the wire | wire minimum | measured (median of 5) | ratio | target |',
    '|---|---|---|---|---|---|---|',
  );
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  for (const us of [1040, 40]) {
    const full: number[] = [];
    const ident: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const card = createVirtualCard({ image, byteDelayMicros: us });
      const t0 = performance.now();
      let tIdentity = 0;
      await readThaiIdCard(card.transport(), {
        photo: true,
        onEvent: (e) => {
          if (e.type === 'identity') tIdentity = performance.now() - t0;
        },
      });
      full.push(performance.now() - t0);
      ident.push(tIdentity);
      bytes = card.stats.commandBytes + card.stats.responseBytes;
    }
    const wire = (bytes * us) / 1000;
    const m = median(full);
    const target = us === 1040 ? 1.02 : 1.1;
    lines.push(
      `| ${us} µs (${us === 1040 ? '≈ 9600 bit/s' : '≈ 250 kbit/s'}) | text + 5118-byte photo | ${bytes} | ${f1(wire)} ms | ${f1(m)} ms | ${(m / wire).toFixed(3)}× | ≤ ${target}× ${m / wire <= target ? 'met' : 'NOT met'} |`,
    );
    if (us === 1040) {
      const idm = median(ident);
      lines.push(
        `| ${us} µs | time to identity (SDK) | — | — | ${f1(idm)} ms | — | ≤ 320 ms ${idm <= 320 ? 'met' : 'NOT met'} |`,
      );
      // field-by-field: text only and time to identity
      const fbf: number[] = [];
      const fbfId: number[] = [];
      for (let i = 0; i < 3; i++) {
        const card = createVirtualCard({ image, byteDelayMicros: us });
        const t0 = performance.now();
        let tId = 0;
        await fieldByField(card.transport(), false, () => {
          tId = performance.now() - t0;
        });
        fbf.push(performance.now() - t0);
        fbfId.push(tId);
      }
      lines.push(
        `| ${us} µs | field-by-field, text only (no sleeps) | — | — | ${f1(median(fbf))} ms (identity after ${f1(median(fbfId))} ms) | — | reference |`,
      );
      const sdkText: number[] = [];
      for (let i = 0; i < 3; i++) {
        const card = createVirtualCard({ image, byteDelayMicros: us });
        const t0 = performance.now();
        await readThaiIdCard(card.transport());
        sdkText.push(performance.now() - t0);
      }
      lines.push(`| ${us} µs | SDK, text only | — | — | ${f1(median(sdkText))} ms | — | reference |`);
    }
  }
  lines.push('');
}

console.log(lines.join('\n'));
process.exit(0);
