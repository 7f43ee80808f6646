import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { readThaiIdCard } from '@authenkit/thai-idcard';
import {
  createStaffChallenge,
  iso7816Pki,
  SecretPin,
  staffLogin,
  thaiAdm,
  verifyStaffAssertion,
} from '@authenkit/thai-idcard/pki';
import {
  createVirtualCard,
  createVirtualTransport,
  loadCardImage,
  sampleCardImage,
} from '@authenkit/thai-idcard/virtual';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pinCommands } from '../../src/cli/pin-commands.js';
import type { CliContext } from '../../src/cli/registry.js';

const RIGHT = '73915';
const WRONG = '28406';
const TOO_LONG = '739150000';
const hexOf = (s: string) => Buffer.from(s, 'ascii').toString('hex');

const captured: string[] = [];
const logger = (line: string) => captured.push(`logger: ${line}`);

function record(e: unknown) {
  captured.push(`inspect: ${inspect(e, { depth: 8, showHidden: true })}`);
  captured.push(`json: ${JSON.stringify(e)}`);
  let c: unknown = e;
  while (c instanceof Error) {
    captured.push(`message: ${c.message}`, `stack: ${c.stack ?? ''}`);
    c = c.cause;
  }
}

async function attempt(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    record(e);
  }
}

beforeEach(() => {
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      captured.push(
        `console.${m}: ${args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 8 }))).join(' ')}`,
      );
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe('no PIN and no citizen ID in logs, errors or serialized errors', () => {
  it('across every PIN outcome, signing and staff log-in', async () => {
    const { transport, pki, controller } = await createVirtualTransport({
      pin2: RIGHT.slice(0, 5),
      pinTries: 3,
    });
    const { citizenId } = await readThaiIdCard(transport);
    const card = iso7816Pki(transport, { logger, pinPolicy: { minLength: 4, maxLength: 8 } });
    const adm = thaiAdm(transport, { logger, pinPolicy: { minLength: 4, maxLength: 8 } });

    await attempt(card.verifyPin(TOO_LONG)); // PIN_FORMAT
    await attempt(card.verifyPin(WRONG)); // PIN_INCORRECT (2 left)
    await attempt(card.verifyPin(WRONG)); // PIN_INCORRECT (1 left)
    await attempt(card.verifyPin(RIGHT)); // PIN_LAST_ATTEMPT
    await attempt(card.verifyPin(WRONG, { allowLastAttempt: true })); // PIN_BLOCKED
    await attempt(card.verifyPin(RIGHT, { allowLastAttempt: true })); // PIN_BLOCKED
    await attempt(card.sign(new Uint8Array(32), { name: 'ECDSA', hash: 'SHA-256' })); // SECURITY_STATUS
    await attempt(adm.verifyPin(WRONG));
    await attempt(adm.verifyPin(RIGHT));
    controller.resetPins();
    await card.verifyPin(RIGHT);
    const pin = SecretPin.from(RIGHT);
    captured.push(
      `pin: ${String(pin)} ${JSON.stringify({ pin })} ${inspect(pin, { showHidden: true })} ${inspect({ pin })}`,
    );
    const challenge = createStaffChallenge();
    const { assertion } = await staffLogin(transport, {
      pin,
      challenge,
      profile: (t) => iso7816Pki(t, { logger }),
    });
    await attempt(
      verifyStaffAssertion(assertion, {
        trustedRoots: [pki.root.certificate],
        challenge: createStaffChallenge(),
      }),
    );
    await attempt(
      staffLogin(transport, { pin: WRONG, challenge, profile: (t) => iso7816Pki(t, { logger }) }),
    );

    // the CLI: stdout/stderr lines and thrown errors of verify-pin / sign / cert
    const dir = mkdtempSync(join(tmpdir(), 'authenkit-leak-'));
    try {
      const image = join(dir, 'card.json');
      writeFileSync(image, JSON.stringify({ ...sampleCardImage(), pin2: RIGHT, pinTries: 3 }));
      writeFileSync(join(dir, 'doc.txt'), 'doc');
      const cli = async (
        name: string,
        stdin: string,
        values: Record<string, string | boolean> = {},
        positionals: string[] = [],
      ) => {
        const ctx: CliContext = {
          values: { virtual: image, 'pin-stdin': true, ...values },
          positionals,
          out: (l) => captured.push(`stdout: ${l}`),
          err: (l) => captured.push(`stderr: ${l}`),
          write: (t) => captured.push(`stdout: ${t}`),
          stdin: Readable.from([Buffer.from(stdin)]),
          signal: new AbortController().signal,
          virtualCardApplets: [],
          async openTransport() {
            const t = createVirtualCard({
              image: loadCardImage(readFileSync(image, 'utf8')),
              applets: ctx.virtualCardApplets,
            }).transport();
            await t.connect();
            return t;
          },
        };
        await attempt(pinCommands.find((c) => c.name === name)!.run(ctx));
      };
      await cli('verify-pin', `${WRONG}\n`);
      await cli('verify-pin', `${RIGHT}\n`);
      await cli('verify-pin', `${TOO_LONG}\n`);
      await cli('sign', `${RIGHT}\n`, { out: join(dir, 'doc.p7s') }, [join(dir, 'doc.txt')]);
      await cli('cert', '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    expect(captured.length).toBeGreaterThan(20);
    expect(captured.some((l) => l.includes('PIN_INCORRECT'))).toBe(true);
    expect(captured.some((l) => l.includes('PIN_BLOCKED'))).toBe(true);
    expect(captured.some((l) => l.includes('PIN_LAST_ATTEMPT'))).toBe(true);
    expect(captured.some((l) => l.includes('PIN_FORMAT'))).toBe(true);
    expect(captured.some((l) => l.startsWith('logger: → 00 20 00 02'))).toBe(true);
    expect(captured.some((l) => l.startsWith('stdout: PIN 2 verified'))).toBe(true);
    expect(captured.some((l) => l.startsWith('stdout: signed: '))).toBe(true);
    // the search is real: the lines do contain the error codes and trace lines checked above
    const needles = [RIGHT, WRONG, TOO_LONG, hexOf(RIGHT), hexOf(WRONG), citizenId, hexOf(citizenId)];
    const hits = captured.flatMap((line) =>
      needles.filter((n) => line.includes(n)).map((n) => `${n} in ${line.slice(0, 120)}`),
    );
    expect(hits).toEqual([]);
  });
});
