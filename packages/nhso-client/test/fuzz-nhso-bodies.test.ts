// NHSO-body fuzz suite (issue 12): random and mutated response bodies, status codes and headers from a stub
// `fetch`, for every endpoint of every client. Asserts only: the call resolves, or rejects with an NhsoError
// whose code is one of ERROR_CODES; it never hangs; no error's message or toJSON() carries a 13-digit run
// (an unmasked citizen ID). CI size by default; `AUTHENKIT_FUZZ_RUNS=5000 npx vitest run --project
// nhso-client test/fuzz` for a larger run.
import {
  createAgentClient,
  createNhsoClient,
  createUcwsClient,
  ERROR_CODES,
  type FetchLike,
  NhsoError,
} from '@authenkit/nhso-client';
import { srmTokenFile } from '@authenkit/nhso-client/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTHEN_CODE_REQUEST,
  CLAIM,
  DATASET_XML,
  FLAT_STATUS,
  NESTED_STATUS,
  READ_BODY,
  SOAP_FAULT,
  STRING_RESULTS_STATUS,
} from './helpers/fixtures.js';
import { PID } from './helpers/server.js';

const RUNS = Number(process.env.AUTHENKIT_FUZZ_RUNS) || 40;
const ID_RUN = /(?<!\d)\d{13}(?!\d)/;
const OTHER_PID = '3100100123451';

/** What the stub answers to one request. */
interface Answer {
  kind: 'respond' | 'throw' | 'hang';
  status: number;
  body: string;
  headers: Record<string, string>;
}

const VALID_BODIES: unknown[] = [
  NESTED_STATUS,
  FLAT_STATUS,
  STRING_RESULTS_STATUS,
  READ_BODY,
  [{ terminalName: 'ACS ACR39U 0', isPresent: true }],
  { pid: PID, claimType: 'PG0060001', claimCode: 'PP1238504971', createdDate: '2025-01-02T08:00:00' },
  { claimType: 'PG0060001', claimCode: 'PP1238504971', claimDateTime: '2025-01-02T08:00:00', hcode: '10699' },
  { seq: 77, authenCode: 'EP0000000001' },
  { authenCode: 'EP0000000009' },
  { pid: PID, fname: 'สมชาย', lname: 'ใจดี', maininscl: 'UCS', birthDate: '25300101' },
  { pid: PID, checkDate: '2025-01-02T00:00:00', funds: [{ mainInscl: { id: 'UCS', name: 'x' } }] },
  { access_token: 'a', refresh_token: 'r' },
  { errors: [{ defaultMessage: `pid ${PID} ไม่ถูกต้อง` }], message: `no person ${OTHER_PID}` },
  { dataError: `transactionId ซ้ำ ${PID}`, statusCode: 409 },
  { statusAuthen: 'false', statusMessage: `Missing required parameter personalId ${PID}` },
];

/** Values that put citizen IDs (as text, as numbers, dashed) where a server might echo them. */
const pidish = fc.constantFrom<unknown>(
  PID,
  Number(PID),
  OTHER_PID,
  `PID ${PID} not found`,
  '1-1017-00203-45-0',
  `${PID}${PID}`,
  Number(OTHER_PID) + 0.5,
  [PID, { pid: Number(PID) }],
);

const json = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: pidish },
) as fc.Arbitrary<unknown>;

/** A valid body with fields dropped, replaced (often by a PID) or added. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID_BODIES),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'replace', 'add'), json, fc.string()), {
      maxLength: 4,
    }),
  )
  .map(([base, edits]) => {
    const b: unknown = structuredClone(base);
    if (typeof b !== 'object' || b === null) return b;
    const target = (Array.isArray(b) ? (b[0] ?? {}) : b) as Record<string, unknown>;
    for (const [i, op, value, key] of edits) {
      const keys = Object.keys(target);
      const k = keys.length ? keys[i % keys.length]! : key;
      if (op === 'drop') delete target[k];
      else if (op === 'replace') target[k] = value;
      else target[key] = value;
    }
    return b;
  });

const xml = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom('ws_status', 'ws_status_desc', 'person_id', 'fname', 'birthdate', 'maininscl', 'hmain'),
      fc.oneof(fc.string(), fc.constantFrom('NHSO-000001', 'NHSO-00003', PID, `x ${PID}`, '25480320')),
    )
    .map((d) => DATASET_XML(d)),
  fc.constantFrom(SOAP_FAULT, SOAP_FAULT.replace('java.lang.NullPointerException', `no person ${PID}`)),
  fc.string().map((s) => `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${s}`),
);

const body = fc.oneof(
  { weight: 4, arbitrary: mutated.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: json.map((b) => JSON.stringify(b) ?? '') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.constantFrom('', 'null', '{', `x${PID}`, `"${PID}"`, '[]') },
  { weight: 2, arbitrary: xml },
  {
    weight: 1,
    arbitrary: mutated.map((b) => JSON.stringify(b)).map((s) => s.slice(0, Math.floor(s.length / 2))),
  },
);

const status = fc.oneof(
  { weight: 6, arbitrary: fc.constant(200) },
  { weight: 4, arbitrary: fc.constantFrom(201, 204, 301, 302, 307, 400, 401, 403, 404, 409, 418, 422, 429) },
  { weight: 3, arbitrary: fc.constantFrom(500, 502, 503, 504) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/xml; charset=utf-8',
      'text/html',
      'application/octet-stream',
    ),
    'retry-after': fc.oneof(
      fc.constantFrom('0', '0.01', '1', '86400', 'Wed, 21 Oct 2015 07:28:00 GMT', '-5', 'soon', ''),
      fc.string(),
    ),
    location: fc.constantFrom('/moved', 'http://127.0.0.2:1/elsewhere', 'https://evil.example/x', '::bad'),
  },
  { requiredKeys: ['content-type'] },
);

const answer: fc.Arbitrary<Answer> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({ kind: fc.constant('respond' as const), status, body, headers }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('throw' as const, 'hang' as const),
      status: fc.constant(0),
      body: fc.constant(''),
      headers: fc.constant({}),
    }),
  },
);

/** A fetch that answers the scripted answers in turn (the last one repeats). */
function stubFetch(script: Answer[]): FetchLike {
  let i = 0;
  return async (_input, init) => {
    const a = script[Math.min(i++, script.length - 1)]!;
    const signal = init?.signal ?? (_input instanceof Request ? _input.signal : undefined);
    if (a.kind === 'throw')
      throw Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    if (a.kind === 'hang')
      return new Promise<Response>((_ok, fail) => {
        signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      });
    const nullBody = [204, 205, 304].includes(a.status) || a.status < 200;
    return new Response(nullBody ? null : a.body, { status: a.status, headers: a.headers });
  };
}

const SAVE = { pid: PID, claimType: 'PG0060001', mobile: '0812345678', correlationId: 'c-1', hcode: '10699' };

type Call = (fetch: FetchLike, n: number) => Promise<unknown>;
const common = { retry: { retries: 1, baseDelayMs: 0, maxDelayMs: 1 } };
const T = { timeoutMs: 150 };
const agent = (fetch: FetchLike) =>
  createAgentClient({ ...common, fetch, timeouts: { cardRead: 150, lookup: 150, issue: 150 } });
const nhso = (fetch: FetchLike) =>
  createNhsoClient({
    ...common,
    fetch,
    token: 'tok',
    environment: { baseUrl: 'http://127.0.0.1:9' },
    hcode: '10699',
    timeouts: { lookup: 150, issue: 150 },
  });

const ENDPOINTS: Record<string, Call> = {
  'agent.terminals': (f) => agent(f).terminals(),
  'agent.readCard': (f) => agent(f).readCard({ withPhoto: true }),
  'agent.readCardOnly': (f) => agent(f).readCardOnly(),
  'agent.probe': (f) => agent(f).probe(PID),
  'agent.saveDraft': (f) => agent(f).saveDraft(SAVE),
  'agent.confirmSave': (f) => agent(f).confirmSave(SAVE),
  'agent.latestAuthenCode': (f) => agent(f).latestAuthenCode(PID),
  'agent.latestAuthenCodes': (f) => agent(f).latestAuthenCodes(PID),
  'agent.preference': (f) => agent(f).preference(),
  'agent.requestVisitAuthen': (f, n) =>
    agent(f).requestVisitAuthen({ ...SAVE, correlationId: `c-${n}`, settleMs: 1, lateCommitMs: 5 }),
  'nhso.checkAuthenStatus': (f) =>
    nhso(f).checkAuthenStatus({ personalId: PID, serviceDate: '2025-01-02' }, T),
  'nhso.closeClaim': (f, n) =>
    nhso(f).closeClaim({ ...CLAIM, transactionId: `10699F${n}` }, { settleMs: 1, lateCommitMs: 5 }),
  'nhso.requestAuthenCode': (f) => nhso(f).requestAuthenCode(AUTHEN_CODE_REQUEST),
  'nhso.realPerson': (f) => nhso(f).realPerson(PID, T),
  'nhso.rightSearch': (f) => nhso(f).rightSearch({ pid: PID, checkDate: '2025-01-02' }, T),
  'nhso.srmRightSearch': (f) => nhso(f).srmRightSearch(PID, T),
  'ucws.searchCurrentByPid': (f) =>
    createUcwsClient({
      ...common,
      fetch: f,
      endpoint: 'http://127.0.0.1:9/ucws',
      timeoutMs: 150,
    }).searchCurrentByPid({
      userPersonId: OTHER_PID,
      smctoken: 'abcdEFGH12345678',
      personId: PID,
    }),
};

let counter = 0;
const HANG_GUARD_MS = 5_000;

async function check(call: Call, script: Answer[]): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((ok) => {
    timer = setTimeout(() => ok('hang'), HANG_GUARD_MS);
  });
  let outcome: unknown;
  try {
    outcome = await Promise.race([call(stubFetch(script), ++counter).then(() => 'ok'), hang]);
  } catch (e) {
    outcome = e;
  } finally {
    clearTimeout(timer);
  }
  expect(outcome, 'the call hung').not.toBe('hang');
  if (outcome === 'ok') return;
  expect(outcome).toBeInstanceOf(NhsoError);
  const e = outcome as NhsoError;
  expect(ERROR_CODES).toContain(e.code);
  expect(e.message).not.toMatch(ID_RUN);
  expect(JSON.stringify(e.toJSON())).not.toMatch(ID_RUN);
  expect(JSON.stringify(e)).not.toMatch(ID_RUN);
}

describe(`NHSO-body fuzz (${RUNS} runs per endpoint; AUTHENKIT_FUZZ_RUNS for more)`, () => {
  for (const [name, call] of Object.entries(ENDPOINTS)) {
    it(
      name,
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 6 }), (script) => check(call, script)),
          { numRuns: RUNS },
        );
      },
      60_000 + RUNS * 200,
    );
  }

  it('regression: a card-only read with a right field of the wrong shape is read, never a TypeError', async () => {
    const body = JSON.stringify({ pid: PID, fname: 'ก', checkDate: [], claimTypes: 'x', hospMain: 7 });
    const f = stubFetch([
      { kind: 'respond', status: 200, body, headers: { 'content-type': 'application/json' } },
    ]);
    const card = await agent(f).readCardOnly();
    expect([card.pid, card.checkDate, card.claimTypes, card.hospMain]).toEqual([PID, null, [], null]);
  });

  it(
    'the SRM token refresh (node)',
    async () => {
      const { writeFile } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const file = join(tmpdir(), `authenkit-fuzz-srm-${process.pid}.txt`);
      await writeFile(file, 'refresh-token=r-secret\n');
      await fc.assert(
        fc.asyncProperty(answer, (a) =>
          check(
            (f) =>
              srmTokenFile({
                path: file,
                fetch: f,
                refreshBaseUrl: 'http://127.0.0.1:9',
                timeoutMs: 150,
              }).getToken(),
            [a],
          ),
        ),
        { numRuns: RUNS },
      );
    },
    60_000 + RUNS * 200,
  );
});
