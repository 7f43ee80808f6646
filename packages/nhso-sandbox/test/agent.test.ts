import { request } from 'node:http';
import {
  AgentConfirmSaveResponseSchema,
  AgentReadCardResponseSchema,
  AgentTerminalsResponseSchema,
} from '@authenkit/nhso-client/schemas';
import { generatePopulation, personToCardSpec, startAgent, virtualCardSource } from '@authenkit/nhso-sandbox';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pop = generatePopulation({ seed: 1, size: 60 });
const person = pop.people.find((p) => p.right?.mainInscl === 'UCS' && !p.deathDate)!;

function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, headers, method: 'GET' },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Agent-compatible service', () => {
  let agent: Awaited<ReturnType<typeof startAgent>>;
  let cards: Awaited<ReturnType<typeof virtualCardSource>>;
  beforeAll(async () => {
    cards = await virtualCardSource(personToCardSpec(person));
    agent = await startAgent({
      cards,
      sandbox: { seed: 1, people: 60 },
      allowedOrigins: ['http://localhost:3000'],
      hcode: '10699',
    });
  });
  afterAll(async () => agent.close());

  it('reads the virtual card, merges the NHSO right and issues a PP code via confirm-save', async () => {
    const terms = v.parse(
      AgentTerminalsResponseSchema,
      await (await fetch(`${agent.url}/api/smartcard/terminals`)).json(),
    );
    expect(terms[0]?.isPresent).toBe(true);
    const read = v.parse(
      AgentReadCardResponseSchema,
      await (await fetch(`${agent.url}/api/smartcard/read?readImageFlag=true`)).json(),
    );
    expect(read.pid).toBe(person.pid);
    expect(read.fname).toBe(person.firstNameTh);
    expect(read.mainInscl).toBe(`(UCS) ${person.right!.mainInsclName}`);
    expect(read.image && read.image.length > 100).toBe(true);
    expect(read.birthDate).toBe(
      `${person.birthDate.year}${String(person.birthDate.month).padStart(2, '0')}${String(person.birthDate.day).padStart(2, '0')}`,
    );
    const res = await fetch(`${agent.url}/api/nhso-service/confirm-save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        pid: person.pid,
        claimType: 'PG0060001',
        mobile: '0812345678',
        correlationId: read.correlationId,
      }),
    });
    expect(res.status).toBe(200);
    const saved = v.parse(AgentConfirmSaveResponseSchema, await res.json());
    expect(saved.claimCode).toMatch(/^PP\d{10}$/);
    expect(saved.hcode).toBe('10699');
    const stored = agent.sandbox!.store.getCode(saved.claimCode);
    expect(stored?.channel).toBe('AGENT');
    expect(stored?.method).toBe('SMART_CARD');
    const latest = await (
      await fetch(`${agent.url}/api/nhso-service/latest-authen-code/${person.pid}`)
    ).json();
    expect(latest.claimCode).toBe(saved.claimCode);
  });

  it('rejects a confirm-save whose correlationId came from no card read', async () => {
    const res = await fetch(`${agent.url}/api/nhso-service/confirm-save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        pid: person.pid,
        claimType: 'PG0060001',
        mobile: '0812345678',
        correlationId: 'made-up',
      }),
    });
    expect(res.status).toBe(400);
  });

  it('answers 500 without a card (as the NHSO Agent does)', async () => {
    cards.remove();
    try {
      expect((await fetch(`${agent.url}/api/smartcard/read`)).status).toBe(500);
    } finally {
      cards.insert();
    }
  });

  it('serialises card operations per reader', async () => {
    const inFlight = new Map<string, number>();
    let maxSame = 0;
    const slow = {
      readers: async () => [
        { name: 'R1', present: true },
        { name: 'R2', present: true },
      ],
      read: async (reader: string) => {
        inFlight.set(reader, (inFlight.get(reader) ?? 0) + 1);
        maxSame = Math.max(maxSame, inFlight.get(reader)!);
        await new Promise((r) => setTimeout(r, 20));
        inFlight.set(reader, inFlight.get(reader)! - 1);
        return {
          pid: person.pid,
          titleTh: 'นาย',
          firstNameTh: 'ก',
          lastNameTh: 'ข',
          birthDate: '1990-01-01',
          sex: 'male' as const,
        };
      },
    };
    const local = await startAgent({
      cards: slow,
      nhso: { url: agent.sandbox!.url, token: agent.sandbox!.token },
    });
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          fetch(`${local.url}/api/smartcard/read-card-only`).then((r) => r.json()),
        ),
      );
      expect(results.every((r: { pid: string }) => r.pid === person.pid)).toBe(true);
      expect(new Set(results.map((r: { correlationId: string }) => r.correlationId)).size).toBe(6);
      expect(maxSame).toBe(1); // the Agent picks the first reader with a card: all six queue on R1
    } finally {
      await local.close();
    }
  });

  it('returns the card photo when asked (the sandbox simulated reader too)', async () => {
    agent.sandbox!.insertCard(person.pid);
    const viaSandbox = await (
      await fetch(`${agent.sandbox!.url}/api/smartcard/read?readImageFlag=true`)
    ).json();
    const viaAgent = await (await fetch(`${agent.url}/api/smartcard/read?readImageFlag=true`)).json();
    expect(viaSandbox.image).toBe(viaAgent.image); // the same synthetic JPEG: card and NHSO agree
    expect(Buffer.from(viaSandbox.image, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const noPhoto = await (
      await fetch(`${agent.sandbox!.url}/api/smartcard/read?readImageFlag=false`)
    ).json();
    expect(noPhoto.image).toBeUndefined();
  });

  describe('security', () => {
    it('refuses a foreign Origin and allows a listed one with CORS headers', async () => {
      const bad = await fetch(`${agent.url}/api/smartcard/terminals`, {
        headers: { origin: 'http://evil.example' },
      });
      expect(bad.status).toBe(403);
      const good = await fetch(`${agent.url}/api/smartcard/terminals`, {
        headers: { origin: 'http://localhost:3000' },
      });
      expect(good.status).toBe(200);
      expect(good.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      const pre = await fetch(`${agent.url}/api/nhso-service/confirm-save`, {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.example' },
      });
      expect(pre.status).toBe(403);
    });

    it('refuses a non-loopback Host header (DNS rebinding)', async () => {
      expect(await rawGet(`${agent.url}/api/smartcard/terminals`, { host: 'attacker.example:8189' })).toBe(
        403,
      );
      expect(
        await rawGet(`${agent.url}/api/smartcard/terminals`, {
          host: `localhost:${new URL(agent.url).port}`,
        }),
      ).toBe(200);
    });

    it('binds loopback by default and refuses other addresses without opt-in', async () => {
      expect(new URL(agent.url).hostname).toBe('127.0.0.1');
      await expect(
        startAgent({ cards, host: '0.0.0.0', nhso: { url: 'http://127.0.0.1:1', token: 't' } }),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });
});

describe('Agent over a thai-idcard ReaderManager (virtual reader backend, same code path as PC/SC)', () => {
  it('lists readers with live presence and reads the inserted card', async () => {
    const { createReaderManager } = await import('@authenkit/thai-idcard');
    const { createVirtualReaderBackend, createVirtualCard } = await import('@authenkit/thai-idcard/virtual');
    const { readerManagerCardSource } = await import('@authenkit/nhso-sandbox');
    const backend = createVirtualReaderBackend(['Reader A', 'Reader B']);
    const manager = createReaderManager({ backend: backend.backend });
    const agent = await startAgent({
      cards: readerManagerCardSource(manager),
      sandbox: { seed: 1, people: 60 },
    });
    try {
      await manager.waitForReader({ reader: 'Reader B' });
      const empty = await (await fetch(`${agent.url}/api/smartcard/terminals`)).json();
      expect(empty).toEqual([
        { terminalName: 'Reader A', isPresent: false },
        { terminalName: 'Reader B', isPresent: false },
      ]);
      expect((await fetch(`${agent.url}/api/smartcard/read`)).status).toBe(500);
      backend.insert('Reader B', createVirtualCard({ image: personToCardSpec(person) }));
      await manager.waitForCard({ reader: 'Reader B' });
      const read = await (await fetch(`${agent.url}/api/smartcard/read-card-only`)).json();
      expect(read.pid).toBe(person.pid);
      backend.detach('Reader A');
      backend.detach('Reader B');
      for (let i = 0; i < 100 && manager.readers().length > 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(await (await fetch(`${agent.url}/api/smartcard/terminals`)).json()).toEqual([]);
      expect((await fetch(`${agent.url}/api/smartcard/read`)).status).toBe(418); // no reader, as the NHSO Agent
    } finally {
      await agent.close();
      await manager.close();
    }
  });
});
