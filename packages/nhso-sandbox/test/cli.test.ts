import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePopulation, personToCardSpec, SANDBOX_DEV_TOKEN } from '@authenkit/nhso-sandbox';
import { describe, expect, it } from 'vitest';
import { kill9, spawnCli } from './fixtures/child';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const env = {
  ...process.env,
  TSX_TSCONFIG_PATH: fileURLToPath(new URL('./fixtures/tsconfig.child.json', import.meta.url)),
};
const run = (args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, env, encoding: 'utf8' });

describe('nhso-sandbox CLI', () => {
  it('people --json lists the same population as generatePopulation; --pid inspects with a card spec', () => {
    const list = JSON.parse(run(['people', '--limit', '5', '--json', '--seed', '3', '--people', '40']));
    const pop = generatePopulation({ seed: 3, size: 40 });
    expect(list.map((p: { pid: string }) => p.pid)).toEqual(pop.people.slice(0, 5).map((p) => p.pid));
    const one = JSON.parse(run(['people', '--pid', pop.people[7]!.pid, '--seed', '3', '--people', '40']));
    expect(one.cardSpec.fields.citizenId).toBe(pop.people[7]!.pid);
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', cli, 'people', '--pid', '0000000000000'], {
        cwd: root,
        env,
        stdio: 'pipe',
      }),
    ).toThrow();
  });

  it('serve prints its URL and the development token, and serves on loopback', async () => {
    const { child, url } = await spawnCli(['serve', '--port', '0', '--people', '30', '--quiet']);
    try {
      expect(new URL(url).hostname).toBe('127.0.0.1');
      const r = await fetch(`${url}/sandbox/admin/people?limit=2`, {
        headers: { authorization: `Bearer ${SANDBOX_DEV_TOKEN}` },
      });
      expect(r.status).toBe(200);
      expect(await r.json()).toHaveLength(2);
    } finally {
      await kill9(child);
    }
  });

  it('serve --token replaces the development token', async () => {
    const { child, url } = await spawnCli([
      'serve',
      '--port',
      '0',
      '--people',
      '30',
      '--token',
      'my-ci-token',
      '--quiet',
    ]);
    try {
      const pid = generatePopulation({ seed: 1, size: 30 }).people.find((p) => p.right)!.pid;
      const q = `${url}/nhsoendpoint/api/v2/right-search?pid=${pid}`;
      expect((await fetch(q, { headers: { authorization: `Bearer ${SANDBOX_DEV_TOKEN}` } })).status).toBe(
        401,
      );
      expect((await fetch(q, { headers: { authorization: 'Bearer my-ci-token' } })).status).toBe(200);
    } finally {
      await kill9(child);
    }
  });

  it('agent --virtual FILE serves the Agent paths on loopback with its own NHSO simulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nhso-sandbox-cli-'));
    try {
      const person = generatePopulation({ seed: 1, size: 60 }).people.find(
        (p) => p.right && !p.deathDate && !p.staff,
      )!;
      const file = join(dir, 'card.json');
      writeFileSync(file, JSON.stringify(personToCardSpec(person)));
      const { child, url } = await spawnCli([
        'agent',
        '--port',
        '0',
        '--virtual',
        file,
        '--people',
        '60',
        '--quiet',
      ]);
      try {
        expect(new URL(url).hostname).toBe('127.0.0.1');
        const read = await (await fetch(`${url}/api/smartcard/read`)).json();
        expect(read.pid).toBe(person.pid);
        expect(read.mainInscl).toContain(person.right!.mainInscl);
        const saved = await fetch(`${url}/api/nhso-service/confirm-save`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            pid: person.pid,
            claimType: 'PG0060001',
            mobile: '0812345678',
            correlationId: read.correlationId,
          }),
        });
        expect((await saved.json()).claimCode).toMatch(/^PP\d{10}$/);
      } finally {
        await kill9(child);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
