/**
 * A whole counter with no hardware and no NHSO access: the offline NHSO sandbox, the sandbox's
 * Agent-compatible service, a virtual Thai ID card made from one sandbox person (so the card and NHSO
 * agree on who the patient is), a reader, and the reception desk. `npm run demo` and the tests use it.
 *
 * Two ways to attach the virtual card:
 * - `in-process` — `createVirtualReaderBackend` from `@authenkit/thai-idcard/virtual` (no PC/SC at all);
 * - `pcsc` — the card is served to the real `pcscd` through the `vsmartcard-vpcd` driver
 *   (`serveVirtualCardToVpcd`) and read back through the real PC/SC stack (`createPcscReaderManager`).
 *   The caller makes sure pcscd is running.
 */
import {
  type AgentCardSource,
  personToCardSpec,
  type Sandbox,
  type SandboxPerson,
  startAgent,
  startSandbox,
  transportCardSource,
} from '@authenkit/nhso-sandbox';
import { createReaderManager, type ReaderManager } from '@authenkit/thai-idcard';
import {
  type CardImageSpec,
  createVirtualCard,
  createVirtualReaderBackend,
  serveVirtualCardToVpcd,
  type VirtualCard,
} from '@authenkit/thai-idcard/virtual';
import { type ReceptionDesk, startReceptionDesk } from './desk.js';

/** Options of {@link startOfflineCounter}. */
export interface OfflineCounterOptions {
  /** How the virtual card reaches the SDK. Default `in-process`. */
  readers?: 'in-process' | 'pcsc';
  /** PC/SC binding for `readers: 'pcsc'` (default `pcsclite`). */
  binding?: 'pcsclite' | 'smartcard';
  /** vpcd port for `readers: 'pcsc'` (35963 = "Virtual PCD 00 00"). */
  vpcdPort?: number;
  /** Desk port (0 = ephemeral). */
  port?: number;
  /** Sandbox population seed (default 1) and size (default 300). */
  seed?: number;
  people?: number;
  /** Insert the card right away (default true). */
  insert?: boolean;
}

/** A running offline counter. */
export interface OfflineCounter {
  readonly sandbox: Sandbox;
  readonly desk: ReceptionDesk;
  readonly readerManager: ReaderManager;
  /** The patient on the virtual card. */
  readonly person: SandboxPerson;
  readonly card: VirtualCard;
  /** The reader the card goes into. */
  readonly readerName: string;
  /** How the card is attached, for the demo's first line. */
  readonly description: string;
  /** (Re-)inserts the patient's card, or another person's. */
  insert(person?: SandboxPerson): Promise<void>;
  /** Pulls the card out. */
  remove(): Promise<void>;
  /** Stops everything (desk, agent, sandbox, reader manager). */
  close(): Promise<void>;
}

/** A virtual card for a sandbox person: the card and NHSO agree on who the patient is. */
export function cardFor(person: SandboxPerson): VirtualCard {
  // `personToCardSpec` returns thai-idcard's "fields" card-image form (typed on the sandbox side).
  return createVirtualCard({ image: personToCardSpec(person) as CardImageSpec });
}

/** The counter's unit: a sandbox hospital. */
export const OFFLINE_HOSPITAL = { hcode: '10699', hname: 'รพ.ทดสอบนนทบุรี' } as const;

/** A patient for the walkthrough: gold-card (UCS) right, alive, not staff, the one closest to 29 years old. */
export function pickPatient(sandbox: Sandbox): SandboxPerson {
  const now = new Date(sandbox.clock.now());
  const age = (p: SandboxPerson) =>
    now.getUTCFullYear() + 543 - p.birthDate.year + (now.getUTCMonth() + 1 - p.birthDate.month) / 12;
  const candidates = sandbox.population.people.filter(
    (p) => p.right?.mainInscl === 'UCS' && !p.deathDate && !p.staff && age(p) >= 18 && age(p) < 60,
  );
  if (candidates.length === 0) throw new Error('the sandbox population has no UCS adult (try another seed)');
  return candidates.reduce((best, p) => (Math.abs(age(p) - 29.4) < Math.abs(age(best) - 29.4) ? p : best));
}

/**
 * Starts the sandbox, the Agent, a reader with a virtual card and the desk.
 *
 * @example
 * ```ts
 * const counter = await startOfflineCounter();
 * await counter.desk.whenCardReady();
 * console.log(counter.desk.url);
 * await counter.close();
 * ```
 */
export async function startOfflineCounter(options: OfflineCounterOptions = {}): Promise<OfflineCounter> {
  const sandbox = await startSandbox({ seed: options.seed ?? 1, people: options.people ?? 300 });
  const cleanups: (() => Promise<unknown>)[] = [() => sandbox.close()];
  try {
    const person = pickPatient(sandbox);
    let card = cardFor(person);
    let readerManager: ReaderManager;
    let readerName: string;
    let description: string;
    let insert: (c: VirtualCard) => Promise<void>;
    let remove: () => Promise<void>;

    if (options.readers === 'pcsc') {
      const { createPcscReaderManager } = await import('@authenkit/thai-idcard/pcsc');
      const port = options.vpcdPort ?? 35963;
      readerName = port === 35964 ? 'Virtual PCD 00 01' : 'Virtual PCD 00 00';
      readerManager = createPcscReaderManager({ binding: options.binding ?? 'pcsclite' });
      await readerManager.waitForReader({ reader: readerName, signal: AbortSignal.timeout(10_000) });
      let conn: Awaited<ReturnType<typeof serveVirtualCardToVpcd>> | undefined;
      remove = async () => {
        const c = conn;
        conn = undefined;
        if (c) {
          await c.remove();
          await readerManager.waitForRemoval(readerName, { signal: AbortSignal.timeout(5_000) });
        }
      };
      insert = async (c) => {
        await remove();
        conn = await serveVirtualCardToVpcd(c, { port });
      };
      description = `real pcscd + vsmartcard-vpcd (reader "${readerName}", binding ${options.binding ?? 'pcsclite'})`;
    } else {
      readerName = 'AuthenKit Virtual Reader 0';
      const virtual = createVirtualReaderBackend([readerName]);
      readerManager = createReaderManager({ backend: virtual.backend });
      insert = async (c) => virtual.insert(readerName, c);
      remove = async () => virtual.remove(readerName);
      description = `the in-process virtual transport (reader "${readerName}")`;
    }
    cleanups.push(async () => {
      await remove().catch(() => {});
      await readerManager.close();
    });

    // The Agent reads the same reader (one card operation at a time per reader, by the SDK's reader lock).
    const cards: AgentCardSource = transportCardSource(() => [
      {
        transport: readerManager.transport(readerName),
        isPresent: () => readerManager.readers().some((r) => r.name === readerName && r.cardPresent),
      },
    ]);
    const agent = await startAgent({
      cards,
      nhso: { url: sandbox.url, token: sandbox.token },
      hcode: OFFLINE_HOSPITAL.hcode,
    });
    cleanups.push(() => agent.close());

    const desk = await startReceptionDesk({
      readerManager,
      agentUrl: agent.url,
      sandboxUrl: sandbox.url,
      token: sandbox.token,
      hospital: OFFLINE_HOSPITAL,
      port: options.port ?? 0,
    });
    cleanups.push(() => desk.close());

    let currentPerson = person;
    if (options.insert ?? true) await insert(card);
    return {
      sandbox,
      desk,
      readerManager,
      get person() {
        return currentPerson;
      },
      get card() {
        return card;
      },
      readerName,
      description,
      async insert(p = currentPerson) {
        currentPerson = p;
        card = cardFor(p);
        await insert(card);
      },
      remove,
      async close() {
        for (const c of cleanups.reverse()) await c().catch(() => {});
      },
    };
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    throw err;
  }
}
