import { request } from 'node:http';
import { AGENT_PATHS, NHSO_PATHS } from '@authenkit/nhso-client/schemas';
import {
  createRandom,
  ERROR_CODES,
  personToCardSpec,
  SANDBOX_DEV_TOKEN,
  SANDBOX_PATHS,
  type Sandbox,
  startAgent,
  startSandbox,
  virtualCardSource,
} from '@authenkit/nhso-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * HTTP fuzz of every sandbox route (and of the Agent service in front of it): random and mutated methods, paths, queries, headers and bodies. Only these
 * are asserted: the answer is 2xx or 4xx (never 5xx, never a hang); every 4xx is JSON with a stable `code`
 * and no stack; no error body and no log line carries an unmasked 13-digit citizen ID.
 *
 * CI size by default; `AUTHENKIT_FUZZ_RUNS=20000 npx vitest run --project nhso-sandbox test/fuzz-http.test.ts`
 * for a larger run (the seed is printed on failure; `AUTHENKIT_FUZZ_SEED` replays it).
 */
const RUNS = Number(process.env.AUTHENKIT_FUZZ_RUNS ?? 400);
const SEED = process.env.AUTHENKIT_FUZZ_SEED ?? String(Date.now() % 1_000_000);
const PID_RUN = /(?<!\d)\d{13}(?!\d)/;

/** Every route: method and path template (`{pid}`, `{claimCode}` are filled by the fuzzer). */
const ROUTES: [string, string][] = [
  ...Object.entries(AGENT_PATHS).map(([k, p]): [string, string] => [
    k === 'saveDraft' || k === 'confirmSave' ? 'POST' : 'GET',
    p,
  ]),
  ['GET', NHSO_PATHS.checkAuthenStatus],
  ['GET', NHSO_PATHS.checkAuthenStatusLegacy],
  ['POST', NHSO_PATHS.claimDetail],
  ['POST', NHSO_PATHS.authenCode],
  ['GET', NHSO_PATHS.realPerson],
  ['GET', NHSO_PATHS.rightSearchV2],
  ['GET', NHSO_PATHS.srmRightSearch],
  ['POST', NHSO_PATHS.srmAccessToken],
  ['GET', NHSO_PATHS.ucws],
  ['POST', NHSO_PATHS.ucws],
  ['GET', SANDBOX_PATHS.authenCodeReport],
  ['POST', SANDBOX_PATHS.authenCodeStatus],
  ['POST', SANDBOX_PATHS.staffChallenge],
  ['POST', SANDBOX_PATHS.staffLogin],
  ['POST', SANDBOX_PATHS.lineConsent],
  ['POST', SANDBOX_PATHS.lineRegister],
  ['POST', SANDBOX_PATHS.lineAuthenCode],
  ['GET', SANDBOX_PATHS.adminFaults],
  ['PUT', SANDBOX_PATHS.adminFaults],
  ['PUT', SANDBOX_PATHS.adminCard],
  ['PUT', SANDBOX_PATHS.adminAuthenStatusShape],
  ['PUT', SANDBOX_PATHS.adminQrKeys],
  ['DELETE', SANDBOX_PATHS.adminQrKeys],
  ['GET', SANDBOX_PATHS.adminPeople],
  ['GET', SANDBOX_PATHS.health],
];

describe('sandbox HTTP fuzz', () => {
  let sb: Sandbox;
  const cardPid = () => sb.population.people.find((p) => p.right && !p.deathDate)!.pid;
  const logs: string[] = [];
  beforeAll(async () => {
    sb = await startSandbox({ seed: 11, people: 120, log: (l) => logs.push(l) });
    // A card stays in the simulated reader: without one the Agent paths answer 500 CARD_NOT_PRESENT, as the
    // NHSO Agent does (documented; the fuzz keeps to the 4xx contract). A fuzzed DELETE of the admin card is
    // undone before the next request.
    sb.insertCard(cardPid());
  });
  afterAll(async () => sb.close());

  it(`${RUNS} random and mutated requests: 2xx/4xx JSON with a stable code, no 5xx, no hang, no unmasked ID (seed ${SEED})`, async () => {
    const r = createRandom(`fuzz:${SEED}`);
    const pick = <T>(xs: readonly T[]): T => xs[r.int(0, xs.length - 1)] as T;
    const people = sb.population.people;
    const person = () => pick(people);
    const staff = sb.population.staff[0]!;
    const tokens = [SANDBOX_DEV_TOKEN, sb.loginStaff(staff.pid).token, 'garbage', '', `${'A'.repeat(400)}`];
    const ids = () =>
      pick([
        person().pid,
        person().pid.slice(0, 12),
        `${person().pid}9`,
        '0000000000000',
        '%E0%A4%A',
        '%ZZ',
        '%',
        '..',
        'ก'.repeat(r.int(1, 30)),
        encodeURIComponent('<script>'),
        'x'.repeat(r.int(1, 3000)),
        '__proto__',
        'PP0000000001',
      ]);
    const scalar = (): unknown =>
      pick([
        null,
        true,
        0,
        -1,
        1e308,
        Number(person().pid),
        person().pid,
        '',
        'x'.repeat(r.int(0, 200)),
        '0812345678',
        '2026-01-15',
        'PG0060001',
        '10699',
        '__proto__',
        [],
        {},
      ]);
    const sample = (): Record<string, unknown> => ({
      pid: person().pid,
      claimType: 'PG0060001',
      mobile: '0812345678',
      correlationId: `c-${r.int(0, 1e6)}`,
      hcode: pick(['10699', '10887', '1069', 'abc']),
      lineUserId: pick(['U1', 'U2', 'bad id!', '']),
      accept: pick([true, false, 'yes']),
      phone: '0812345678',
      qr: pick(['', 'garbage', '0004AK01']),
      challenge: pick(['', 'AAAA', 'x']),
      status: pick(['used', 'cancelled', 'other']),
      reason: 'fuzz',
      shape: pick(['nested', 'flat', 'x']),
      rules: [],
      publicKeys: pick([['00'.repeat(32)], [], 'x']),
      transactionId: `T${r.int(0, 1e9)}`,
      transId: `T${r.int(0, 1e9)}`,
      serviceDateTime: pick([Date.parse('2026-01-15T10:00:00+07:00'), 'x']),
      recorderPid: staff.pid,
      'refresh-token': pick(['x', '']),
    });
    const mutate = (o: Record<string, unknown>): unknown => {
      const keys = Object.keys(o);
      for (let i = r.int(0, 4); i > 0; i--) {
        const op = r.int(0, 3);
        const k = pick(keys);
        if (op === 0) delete o[k];
        else if (op === 1) o[k] = scalar();
        else if (op === 2) o[pick(['__proto__', 'constructor', 'x', k])] = scalar();
        else o[k] = { nested: scalar(), list: [scalar(), scalar()] };
      }
      return o;
    };
    const body = (): string | undefined =>
      pick([
        undefined,
        '',
        'null',
        '[]',
        '7',
        '"x"',
        '{',
        '{"a":',
        'a=b&refresh-token=x',
        '<S:Envelope><searchCurrentByPID><person_id>1</person_id></searchCurrentByPID></S:Envelope>',
        JSON.stringify(sample()),
        JSON.stringify(mutate(sample())),
        JSON.stringify(mutate(sample())),
        '['.repeat(r.int(1, 5000)),
        Buffer.from(Array.from({ length: r.int(1, 200) }, () => r.int(0, 255))).toString('latin1'),
      ]);
    const query = (): string => {
      const params = new URLSearchParams();
      for (let i = r.int(0, 6); i > 0; i--)
        params.append(
          pick([
            'pid',
            'PID',
            'personalId',
            'serviceDate',
            'SOURCE_ID',
            'hcode',
            'sort',
            'page',
            'size',
            'format',
            'claimDateFrom',
            'claimDateTo',
            'limit',
            'readImageFlag',
            'checkDate',
            'wsdl',
          ]),
          String(
            pick([
              person().pid,
              '2026-01-15',
              '2026-01-01',
              '__proto__',
              'hasOwnProperty,asc',
              '-1',
              '1e9',
              'csv',
              'x',
              '',
              '10699',
              'true',
            ]),
          ),
        );
      const s = params.toString();
      return s ? `?${s}` : '';
    };

    const hit = async (url: string, routes: readonly [string, string][], i: number) => {
      const [m, template] = pick(routes);
      const method = r.chance(0.8) ? m : pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
      let path = template.replace('{pid}', ids()).replace('{claimCode}', ids());
      if (r.chance(0.05))
        path = pick([`${path}/`, `${path}//x`, path.toUpperCase(), `/${'%'.repeat(r.int(1, 9))}`]);
      path += query();
      // node:http refuses to send unescaped non-ASCII: escape it (the server still sees the raw bytes' escapes)
      path = path.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
      const headers: Record<string, string> = {};
      if (r.chance(0.8))
        headers.authorization = `${pick(['Bearer ', 'bearer ', 'Basic ', ''])}${pick(tokens)}`;
      if (r.chance(0.7))
        headers['content-type'] = pick([
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'text/xml',
        ]);
      if (r.chance(0.1)) headers['x-sandbox-shape'] = pick(['flat', 'nested', 'x']);
      if (r.chance(0.1)) headers['x-sandbox-channel'] = pick(['KIOSK', 'bad channel', 'LINE']);
      if (r.chance(0.05)) headers.origin = pick(['https://evil.example', 'null']);
      const b = method === 'GET' || method === 'HEAD' ? undefined : body();
      const res = await send(url, method, path, headers, b);
      const where = `#${i} ${method} ${path.slice(0, 120)} → ${res.status} (seed ${SEED})`;
      expect(res.status, where).toBeGreaterThanOrEqual(200);
      const soapFault =
        res.status === 500 && template.startsWith('/ucws') && res.text.includes('<faultcode>');
      if (!soapFault) expect(res.status, `${where}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
      if (res.status >= 400 && !soapFault && method !== 'HEAD') {
        const json = JSON.parse(res.text) as Record<string, unknown>;
        expect(ERROR_CODES, where).toContain(json.code);
        expect(res.text, where).not.toMatch(/\bat .+\.(ts|js):\d+|"stack"/);
        expect(res.text, where).not.toMatch(PID_RUN);
      }
    };
    for (let i = 0; i < RUNS; i++) {
      sb.insertCard(cardPid());
      await hit(sb.url, ROUTES, i);
    }
    // the Agent service in front of it (virtual card, NHSO calls forwarded to this sandbox)
    const agent = await startAgent({
      cards: await virtualCardSource(personToCardSpec(people.find((p) => p.right && !p.deathDate)!)),
      nhso: { url: sb.url, token: sb.token },
      log: (l) => logs.push(l),
    });
    try {
      const agentRoutes = ROUTES.filter(([, p]) => (Object.values(AGENT_PATHS) as string[]).includes(p));
      for (let i = 0; i < Math.ceil(RUNS / 4); i++) await hit(agent.url, agentRoutes, i);
    } finally {
      await agent.close();
    }
    for (const line of logs) expect(line).not.toMatch(PID_RUN);
    // still up and answering
    expect((await fetch(`${sb.url}/sandbox/health`)).status).toBe(200);
  }, 120_000);
});

/** One request with node:http (raw paths, any method), failing on a hang after 5 s. */
function send(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers, timeout: 5_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`hang: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}
