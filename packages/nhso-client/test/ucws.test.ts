import { buildSearchCurrentByPidEnvelope, createUcwsClient } from '@authenkit/nhso-client';
import { NHSO_DATASET_C1_FIELDS } from '@authenkit/nhso-client/schemas';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_XML, SOAP_FAULT } from './helpers/fixtures.js';
import { rejection as err, PID, startServer, type TestServer, text } from './helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

const INPUT = { userPersonId: '3100100123451', smctoken: 'abcdEFGH12345678', personId: PID };
const client = () =>
  createUcwsClient({ endpoint: `${srv.url}/ucwstokenp1/UCWSTokenP1`, retry: { baseDelayMs: 1 } });

const FULL = Object.fromEntries(NHSO_DATASET_C1_FIELDS.map((f) => [f, ''])) as Record<string, string>;

describe('UCWS SOAP', () => {
  it('sends a well-formed envelope with the three parameters', async () => {
    srv.handle((_q, r) =>
      text(r, 200, DATASET_XML({ ws_status: 'NHSO-000001', fname: 'ก', person_id: PID })),
    );
    await client().searchCurrentByPid(INPUT);
    const q = srv.seen.at(-1)!;
    expect(q.headers['content-type']).toContain('text/xml');
    const doc = new XMLParser({ removeNSPrefix: true }).parse(q.body);
    expect(doc.Envelope.Body.searchCurrentByPID).toEqual({
      user_person_id: 3100100123451,
      smctoken: 'abcdEFGH12345678',
      person_id: Number(PID),
    });
    expect(buildSearchCurrentByPidEnvelope({ ...INPUT, smctoken: 'a<b' })).toContain('a&lt;b');
  });

  it('types the full nhsoDataSetC1 and normalises it', async () => {
    const data = {
      ...FULL,
      ws_status: 'NHSO-000001',
      person_id: PID,
      fname: 'สมชาย',
      lname: 'ใจดี',
      birthdate: '25480320',
      maininscl: 'UCS',
      maininscl_name: 'สิทธิหลักประกันสุขภาพแห่งชาติ',
      subinscl: '89',
      subinscl_name: 'ช่วงอายุ 12-59 ปี',
      hmain: '10699',
      hmain_name: 'รพ.ตัวอย่าง',
      count_select: '3',
      new_date_register: '2020-01-01T00:00:00+07:00',
    };
    srv.handle((_q, r) => text(r, 200, DATASET_XML(data)));
    const p = await client().searchCurrentByPid(INPUT);
    expect(p).toMatchObject({
      found: true,
      pid: PID,
      birthDate: '2005-03-20',
      mainInscl: { code: 'UCS', name: 'สิทธิหลักประกันสุขภาพแห่งชาติ' },
      hospMain: { hcode: '10699', hname: 'รพ.ตัวอย่าง' },
      countSelect: 3,
      deceasedOrDischarged: false,
    });
    expect(Object.keys(p.dataSet)).toEqual(expect.arrayContaining([...NHSO_DATASET_C1_FIELDS]));
    expect(p.dataSet.count_select).toBe('3');
  });

  it('empty fname = not found; status 003 / status_desc = discharged or dead', async () => {
    srv.handle((_q, r) => text(r, 200, DATASET_XML({ ws_status: 'NHSO-000001', fname: '', status: '003' })));
    expect(await client().searchCurrentByPid(INPUT)).toMatchObject({
      found: false,
      deceasedOrDischarged: true,
    });
  });

  it('NHSO-00003 → TOKEN_EXPIRED; other ws_status → BAD_RESPONSE', async () => {
    srv.handle((_q, r) =>
      text(r, 200, DATASET_XML({ ws_status: 'NHSO-00003', ws_status_desc: 'TOKEN หมดอายุ' })),
    );
    const e = await err(client().searchCurrentByPid(INPUT));
    expect([e.code, e.details?.messages]).toEqual(['TOKEN_EXPIRED', ['TOKEN หมดอายุ']]);
    srv.handle((_q, r) => text(r, 200, DATASET_XML({ ws_status: 'NHSO-99999' })));
    expect((await err(client().searchCurrentByPid(INPUT))).code).toBe('BAD_RESPONSE');
  });

  it('SOAP Fault (HTTP 500) → BAD_RESPONSE with the fault string; not XML → BAD_RESPONSE', async () => {
    srv.handle((_q, r) => text(r, 500, SOAP_FAULT));
    const e = await err(client().searchCurrentByPid(INPUT));
    expect([e.code, e.status, e.details?.messages]).toEqual([
      'BAD_RESPONSE',
      500,
      ['java.lang.NullPointerException'],
    ]);
    srv.handle((_q, r) => text(r, 200, 'not xml at all <<<'));
    expect((await err(client().searchCurrentByPid(INPUT))).code).toBe('BAD_RESPONSE');
  });

  it('bad input is VALIDATION before sending; the token never appears in errors', async () => {
    const n = srv.seen.length;
    const e = await err(client().searchCurrentByPid({ ...INPUT, smctoken: 'has space' }));
    expect(e.code).toBe('VALIDATION');
    expect(JSON.stringify(e.toJSON())).not.toContain('has space');
    expect((await err(client().searchCurrentByPid({ ...INPUT, personId: '1' }))).code).toBe('VALIDATION');
    expect(srv.seen.length).toBe(n);
  });
});
